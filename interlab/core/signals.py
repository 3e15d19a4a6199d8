"""What core tells the apps above it without knowing them."""

from django.dispatch import Signal

# A backup was put back (interlab.core.backup.restore): anything computed from the old database is stale.
data_restored = Signal()

# A person's credentials changed or were withdrawn (password changed, API tokens revoked): every other secret
# address handed out to them (a calendar feed) must stop too. Sent with user=.
credentials_revoked = Signal()

# A person used an invitation's code and set their password (interlab.core.accounts.invitation_redeem): the app
# the invitation was for links the login to its record. Sent with `invitation` and `user`, inside the transaction:
# a receiver that raises undoes the whole acceptance.
invitation_accepted = Signal()
