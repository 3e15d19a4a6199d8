"""The "My data" page in a real browser: reached from the menu, its ZIP downloaded, no CSP violation."""

import io
import json
import re
import zipfile

import pytest
from playwright.sync_api import expect

from interlab.core.models import Role
from tests.e2e.conftest import E2E_DB
from tests.e2e.test_csp import REPORT_VIOLATIONS, log_in
from tests.factories import EntrepreneurFactory, UserFactory

pytestmark = [pytest.mark.e2e, E2E_DB]


def test_a_person_finds_my_data_in_the_menu_and_downloads_the_zip(page):
    violations = []
    page.add_init_script(REPORT_VIOLATIONS)
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    owner = UserFactory(username="amina.data", first_name="Amina", role=Role.ENTREPRENEUR)
    EntrepreneurFactory(user=owner, first_name="Amina", last_name="Diallo")
    log_in(page, owner)
    page.locator("header.topbar a[href='/app/me/data/']").click()
    expect(page).to_have_url(re.compile(r"/app/me/data/$"))
    with page.expect_download() as info:
        page.locator("a[href='/app/me/data/download.zip']").click()
    download = info.value
    assert re.fullmatch(r"interlab-my-data-\d{4}-\d{2}-\d{2}\.zip", download.suggested_filename)
    with open(download.path(), "rb") as handle:
        archive = zipfile.ZipFile(io.BytesIO(handle.read()))
    data = json.loads(archive.read("data.json"))
    assert data["entrepreneur"]["last_name"] == "Diallo"
    assert "README.txt" in archive.namelist()
    assert not violations, violations
