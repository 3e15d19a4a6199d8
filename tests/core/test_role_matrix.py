"""Every role against every endpoint of core and the pipeline (crm): the API and the pages.

404 (not 403) for an object outside a user's scope, 403 for an action the role never has, 401 on the API
and a login redirect on the pages when anonymous. The other apps' rows are in tests/<app>/test_role_matrix.py;
tests/core/test_route_coverage.py fails when a route of the project has no row anywhere.
"""

import pytest

from tests import roles
from tests.roles import assert_matrix, client_for

pytestmark = pytest.mark.django_db
world = roles.world

# (method, path, body, statuses in the order of tests.roles.ROLES:
#  anonymous admin coach owner other_entrepreneur mentor funder partner)
API_ROWS = [
    ("post", "/api/v1/auth/token", '{"username": "nobody", "password": "wrong"}', "401 401 401 401 401 401 401 401"),
    # With a session there is no bearer token to revoke: 404.
    ("delete", "/api/v1/auth/token", None, "401 404 404 404 404 404 404 404"),
    ("get", "/api/v1/me", None, "401 200 200 200 200 200 200 200"),
    ("get", "/api/v1/me/export", None, "401 200 200 200 200 200 200 200"),
    ("get", "/api/v1/stages", None, "401 200 200 200 200 200 200 200"),
    ("get", "/api/v1/entrepreneurs", None, "401 200 200 403 403 403 403 403"),
    ("post", "/api/v1/entrepreneurs", '{"first_name": "Zoé"}', "401 201 201 403 403 403 403 403"),
    ("get", "/api/v1/entrepreneurs/{person}", None, "401 200 200 200 404 404 404 404"),
    ("patch", "/api/v1/entrepreneurs/{person}", '{"phone": "+32 4 123"}', "401 200 200 200 404 404 404 404"),
    ("post", "/api/v1/entrepreneurs/{person}/erase", None, "401 200 403 403 404 404 404 404"),
    ("get", "/api/v1/projects", None, "401 200 200 200 200 200 200 200"),
    # An entrepreneur the caller may not see is an invalid reference (422), which says nothing of its existence.
    ("post", "/api/v1/projects", '{"entrepreneur": {person}, "title": "Vélos"}', "401 201 201 201 422 422 422 422"),
    ("get", "/api/v1/projects/{project}", None, "401 200 200 200 404 404 404 404"),
    ("patch", "/api/v1/projects/{project}", '{"description": "Plats"}', "401 200 200 200 404 404 404 404"),
    ("post", "/api/v1/projects/{project}/transitions", '{"to_stage": "project"}', "401 201 201 403 404 404 404 404"),
    ("get", "/api/v1/projects/{project}/history", None, "401 200 200 200 404 404 404 404"),
    # Referrals: coaches follow them all, the partner organisation those sent to it; only the partner answers.
    ("get", "/api/v1/referrals", None, "401 200 200 403 403 403 403 200"),
    ("get", "/api/v1/referrals/{referral}", None, "401 200 200 404 404 404 404 200"),
    ("post", "/api/v1/referrals/{referral}/answer", '{"status": "accepted"}', "401 403 403 404 404 404 404 200"),
]

PAGE_ROWS = [
    ("get", "/login/", None, "200 302 302 302 302 302 302 302"),
    # The public site's jargon glossary (cms.views), the same for everyone, signed in or not.
    ("get", "/fr/glossary/", None, "200 200 200 200 200 200 200 200"),
    ("post", "/logout/", None, "302 302 302 302 302 302 302 302"),
    ("get", "/api/v1/docs", None, "200 200 200 200 200 200 200 200"),
    ("get", "/api/v1/openapi.json", None, "200 200 200 200 200 200 200 200"),
    # The public ways in answer everyone the same (a wrong code shows the code form again).
    ("get", "/account/code/", None, "200 200 200 200 200 200 200 200"),
    ("post", "/account/code/", {"code": "AAAA-AAAA"}, "422 422 422 422 422 422 422 422"),
    ("get", "/account/code/AAAA-AAAA/", None, "200 200 200 200 200 200 200 200"),
    ("get", "/account/code/password/", None, "200 200 200 200 200 200 200 200"),
    ("get", "/account/password-reset/", None, "200 200 200 200 200 200 200 200"),
    # (A valid address is sent on to the "check your e-mail" page: tests/core/test_password_reset.py.)
    ("post", "/account/password-reset/", {"email": "not an address"}, "200 200 200 200 200 200 200 200"),
    ("get", "/account/password-reset/sent/", None, "200 200 200 200 200 200 200 200"),
    ("get", "/account/reset/MQ/not-a-token/", None, "200 200 200 200 200 200 200 200"),
    # Two-factor (tests/core/test_two_factor.py, tests/core/test_passkeys.py): with no authenticator there is no code
    # to give (sent on); staff set one up (an app, or a passkey: a post without the browser's credential is refused);
    # the recovery codes exist once it is set up; another account's authenticator does not exist for them.
    ("get", "/account/two-factor/", None, "302 302 302 302 302 302 302 302"),
    ("get", "/account/two-factor/setup/", None, "302 200 200 403 403 403 403 403"),
    ("post", "/account/two-factor/passkeys/add/", None, "302 422 422 403 403 403 403 403"),
    ("get", "/account/two-factor/{authenticator}/remove/", None, "302 404 404 403 403 403 403 403"),
    ("post", "/account/two-factor/{authenticator}/remove/", None, "302 404 404 403 403 403 403 403"),
    ("get", "/account/two-factor/recovery-codes/", None, "302 404 404 403 403 403 403 403"),
    ("get", "/account/two-factor/recovery-codes/new/", None, "302 404 404 403 403 403 403 403"),
    ("get", "/app/", None, "302 302 302 302 302 302 302 302"),
    ("get", "/app/board/", None, "302 200 200 403 403 403 403 403"),
    ("get", "/app/entrepreneurs/", None, "302 200 200 403 403 403 403 403"),
    ("get", "/app/entrepreneurs/new/", None, "302 200 200 403 403 403 403 403"),
    ("get", "/app/entrepreneurs/{person}/", None, "302 200 200 404 404 404 404 404"),
    ("get", "/app/entrepreneurs/{person}/edit/", None, "302 200 200 403 403 403 403 403"),
    ("get", "/app/entrepreneurs/{person}/sensitive/", None, "302 200 200 403 403 403 403 403"),
    ("get", "/app/entrepreneurs/{person}/projects/new/", None, "302 200 200 403 403 403 403 403"),
    ("get", "/app/entrepreneurs/{person}/interactions/new/", None, "302 200 200 403 403 403 403 403"),
    ("get", "/app/entrepreneurs/{person}/tasks/new/", None, "302 200 200 403 403 403 403 403"),
    ("get", "/app/entrepreneurs/{person}/referrals/new/", None, "302 200 200 403 403 403 403 403"),
    ("get", "/app/entrepreneurs/{person}/documents/new/", None, "302 200 200 200 404 404 404 404"),
    ("get", "/app/entrepreneurs/{person}/document-requests/new/", None, "302 200 200 403 403 403 403 403"),
    ("get", "/app/projects/{project}/move/", None, "302 200 200 403 403 403 403 403"),
    ("get", "/app/projects/{project}/edit/", None, "302 200 200 403 403 403 403 403"),
    # A way in for the person of a file: staff only. The owner's file has a login already, so inviting it is
    # refused with a message (back to the file), and the new-password code is the sheet to print (200).
    ("post", "/app/entrepreneurs/{person}/invitation/", {"channel": "code"}, "302 302 302 403 403 403 403 403"),
    ("post", "/app/entrepreneurs/{person}/invitation/revoke/", None, "302 302 302 403 403 403 403 403"),
    ("post", "/app/entrepreneurs/{person}/password-code/", None, "302 200 200 403 403 403 403 403"),
    ("get", "/app/entrepreneurs/{person}/partner-consent/", None, "302 200 200 403 403 403 403 403"),
    ("post", "/app/tasks/{task}/toggle/", None, "302 302 302 404 404 404 404 404"),
    # The coach's desk: their open tasks; bulk actions on the board's cards (an export answers with the file).
    ("get", "/app/tasks/mine/", None, "302 200 200 403 403 403 403 403"),
    ("post", "/app/bulk/", {"project": "{project}", "action": "cohort"}, "302 302 302 403 403 403 403 403"),
    ("post", "/app/bulk/", {"project": "{project}", "action": "csv"}, "302 200 200 403 403 403 403 403"),
    ("post", "/app/referrals/{referral}/outcome/", {"outcome": "accepted"}, "302 302 302 403 403 403 403 403"),
    ("get", "/app/documents/{document}/download/", None, "302 200 200 200 404 404 404 404"),
    ("get", "/app/import/", None, "302 200 200 403 403 403 403 403"),
    # A coach's import preview is theirs alone: another staff member gets 404.
    ("get", "/app/import/{batch}/", None, "302 404 200 403 403 403 403 403"),
    ("get", "/app/export.csv", None, "302 200 200 403 403 403 403 403"),
    ("get", "/app/export.xlsx", None, "302 200 200 403 403 403 403 403"),
    ("get", "/app/my/", None, "302 302 302 200 403 403 403 403"),
    # A confirmation link that is not genuine confirms nothing: everyone logged in is sent back with a message.
    ("get", "/app/email/confirm/not-a-token/", None, "302 302 302 302 302 302 302 302"),
    # The partner organisation's pages: for partner logins only (another organisation's referral is a 404).
    ("get", "/app/partner/", None, "302 403 403 403 403 403 403 200"),
    ("get", "/app/partner/referrals/{referral}/", None, "302 403 403 403 403 403 403 200"),
    ("post", "/app/partner/referrals/{referral}/", {"status": "accepted"}, "302 403 403 403 403 403 403 302"),
    ("get", "/app/me/data/", None, "302 200 200 200 200 200 200 200"),
    ("get", "/app/me/data/download.json", None, "302 200 200 200 200 200 200 200"),
    ("get", "/app/me/data/download.zip", None, "302 200 200 200 200 200 200 200"),
    ("get", "/app/me/data/download.xml", None, "302 404 404 404 404 404 404 404"),
    # Only its owner can revoke a token; for anyone else it does not exist.
    ("post", "/app/me/tokens/{api_token}/revoke/", None, "302 404 404 302 404 404 404 404"),
    # Everyone logged in has their own notifications; another's does not exist for them.
    ("get", "/app/me/notifications/", None, "302 200 200 200 200 200 200 200"),
    ("post", "/app/me/notifications/read-all/", None, "302 302 302 302 302 302 302 302"),
    ("post", "/app/me/notifications/{notification}/open/", None, "302 404 404 302 404 404 404 404"),
    # The data-protection pages do not exist for those who may not use them (404), visitors get the login.
    ("get", "/app/admin/retention/", None, "302 200 404 404 404 404 404 404"),
    ("post", "/app/admin/retention/dry-run/", None, "302 302 404 404 404 404 404 404"),
    ("get", "/app/admin/retention/run/", None, "302 200 404 404 404 404 404 404"),
    ("get", "/app/admin/retention/runs/{retention_run}/", None, "302 200 404 404 404 404 404 404"),
    ("get", "/app/admin/read-log/", None, "302 200 404 404 404 404 404 404"),
    ("get", "/app/admin/data-inventory/", None, "302 200 200 404 404 404 404 404"),
]


def test_api_rows(world):
    assert_matrix(world, API_ROWS, api=True)


def test_page_rows(world):
    assert_matrix(world, PAGE_ROWS, api=False)


def test_scoped_project_lists_show_only_what_a_role_may_see(world):
    visible = {"coach": 1, "owner": 1, "other_entrepreneur": 0, "funder": 0, "mentor": 0, "partner": 0}
    for role, count in visible.items():
        projects = client_for(world, role).get("/api/v1/projects").json()["items"]
        assert [p["id"] for p in projects if p["id"] == world.ids["project"]] == [world.ids["project"]] * count, role
