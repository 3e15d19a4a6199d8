"""The occupancy heat map on a phone (320 px): the page keeps its width, the map scrolls in its own box that the
keyboard reaches, and the figures open as a table. For the staff's page and the funders' dashboard (a year: 53 weeks)."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import E2E_DB, SCREENS_DIR
from tests.e2e.test_phone_layout import log_in_as, too_wide
from tests.factories import PASSWORD
from tests.impact.conftest import SECRET_FIRST, funded, funder, unfunded, world  # noqa: F401 - fixtures
from tests.roles import build_world
from tests.tierslieu.conftest import make_space

pytestmark = [pytest.mark.e2e, E2E_DB]


def check_heat_map(page, url: str, name: str, weeks: int) -> None:
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(url)
    heatmap = page.locator("table[data-heatmap]")
    expect(heatmap).to_be_visible()
    rows = heatmap.locator("tr[data-heatmap-row]")
    assert rows.count() >= 1
    assert rows.first.locator("td.heat").count() == weeks
    assert too_wide(page, url) == []  # at 390 and 320 px
    page.set_viewport_size({"width": 320, "height": 800})
    box = page.locator(".table-scroll", has=heatmap)
    box.focus()
    expect(box).to_be_focused()
    assert box.evaluate("(el) => el.scrollWidth > el.clientWidth") == (weeks > 5)
    table = page.locator("details.heatmap-table table")
    expect(table).to_be_hidden()
    page.locator("details.heatmap-table summary").click()
    expect(table).to_be_visible()
    SCREENS_DIR.mkdir(parents=True, exist_ok=True)
    page.locator("figure.heatmap-figure").screenshot(path=str(SCREENS_DIR / f"occupancy-heatmap-{name}-320.png"))


def test_the_staff_heat_map_fits_a_phone_and_keeps_the_table(browser, live_server, tmp_path, monkeypatch):
    roles = build_world(tmp_path, monkeypatch)
    context = log_in_as(browser, live_server, roles.users["coach"], language="fr")
    check_heat_map(context.new_page(), "/app/spaces/occupancy/", "coach", 5)
    context.close()


def test_the_funders_heat_map_of_a_year_fits_a_phone_and_keeps_the_table(page, world, funder):  # noqa: F811
    make_space("Salle Meuse", "room", 8, hours=range(5))
    make_space("Plateau coworking avec un nom bien long", "desks", 3, hours=range(6))
    page.goto("/login/")
    page.fill("main form [name=username]", funder.username)
    page.fill("main form [name=password]", PASSWORD)
    page.click("main form [type=submit]")
    page.wait_for_url("**/app/**")
    check_heat_map(page, "/app/impact/?period=2025", "funder", 53)
