"""What the pipeline tells the floors above without knowing them."""

from django.dispatch import Signal

# The person's residence situation and origin were deleted (the retention schedule), the file stays.
# Sent with `entrepreneur`, inside the clearing transaction.
residence_cleared = Signal()
