"""What core tells the apps above it without knowing them."""

from django.dispatch import Signal

# A backup was put back (interlab.core.backup.restore): anything computed from the old database is stale.
data_restored = Signal()
