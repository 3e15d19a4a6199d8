"""What core tells the apps above it without knowing them."""

from django.dispatch import Signal

# A backup was put back (interlab.core.backup.restore): anything computed from the old database is stale.
data_restored = Signal()

# A person's credentials changed or were withdrawn (password changed, API tokens revoked): every other secret
# address handed out to them (a calendar feed) must stop too. Sent with user=.
credentials_revoked = Signal()
