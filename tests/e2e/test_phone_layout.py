"""Every logged-in page of every role fits a phone's screen (390 and 320 px), left to right and right to left.

The pages come from the role matrices (tests/*/test_role_matrix.py): each GET row a role reaches with 200 is
a page of that role, with the ids of the world of tests/roles.py filled in, so a page added to a matrix is
checked here too. Downloads (CSV, XLSX, PDF, calendars) and the API's pages are left out: they have no layout.
"""

import importlib

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from tests.core.test_route_coverage import MATRICES
from tests.e2e.conftest import E2E_DB, SCREENS_DIR
from tests.roles import ROLES, build_world

pytestmark = [pytest.mark.e2e, E2E_DB]

WIDTHS = (390, 320)
# The matrix's name for each role's login (the owner is the entrepreneur whose file the world holds).
LOGINS = {"admin": "admin", "coach": "coach", "entrepreneur": "owner", "mentor": "mentor", "partner": "partner"}
LOGINS["funder"] = "funder"

# Reports the page's width and, when it is too wide, the deepest elements that stick out of the screen.
OVERFLOW = """() => {
  const width = window.innerWidth;
  const rtl = getComputedStyle(document.documentElement).direction === "rtl";
  // Sticking out on the side the page scrolls to (the end side: right, or left in Arabic) widens the page.
  const sticksOut = (box) => box.width > 0 && (rtl ? box.left < -0.5 : box.right > width + 0.5);
  // What a scrolling or clipping box holds does not widen the page (a table in its scroll box), unless it is
  // positioned against a box outside the scrolling one (then it escapes it).
  const clipped = (element) => {
    const absolute = ["absolute", "fixed"].includes(getComputedStyle(element).position);
    let node = absolute ? element.offsetParent : element.parentElement;
    for (; node && node !== document.body; node = node.parentElement) {
      if (getComputedStyle(node).overflowX !== "visible") { return true; }
    }
    return false;
  };
  const out = [];
  for (const element of document.body.querySelectorAll("*")) {
    if (!sticksOut(element.getBoundingClientRect()) || clipped(element)) { continue; }
    if ([...element.children].some((child) => sticksOut(child.getBoundingClientRect()) && !clipped(child))) { continue; }
    let path = [];
    for (let node = element; node && node !== document.body && path.length < 4; node = node.parentElement) {
      path.unshift(node.tagName.toLowerCase() + (node.id ? "#" + node.id : "") +
        (node.classList.length ? "." + [...node.classList].join(".") : ""));
    }
    const box = element.getBoundingClientRect();
    out.push(`${path.join(" > ")} (${Math.round(box.left)}..${Math.round(box.right)} px)`);
  }
  return { scrollWidth: document.documentElement.scrollWidth, innerWidth: width, culprits: out.slice(0, 5) };
}"""


def pages_of(world, role: str) -> list[str]:
    """The role's pages: the matrices' GET rows it reaches with 200 that answer with an HTML page."""
    column = ROLES.index(LOGINS[role])
    client = Client()
    client.force_login(world.users[LOGINS[role]])
    urls = []
    for name in MATRICES:
        for method, path, _body, statuses in importlib.import_module(name).PAGE_ROWS:
            url = world.url(path)
            if method != "get" or statuses.split()[column] != "200" or url.startswith("/api/") or url in urls:
                continue
            response = client.get(url)
            if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
                urls.append(url)
    return urls


def too_wide(page, url: str) -> list[str]:
    found = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        seen = page.evaluate(OVERFLOW)
        if seen["scrollWidth"] > seen["innerWidth"]:
            culprits = "\n      ".join(seen["culprits"]) or "(no element found)"
            found.append(f"{url} at {width} px is {seen['scrollWidth']} px wide:\n      {culprits}")
    return found


def log_in_as(browser, live_server, user, *, language: str):
    # A long name, as many people have: the bar must wrap it, never be widened by it.
    user.first_name, user.last_name = "Marie-Christine Alexandrine", "Van den Bossche-Vandermeersch"
    user.save(update_fields=["first_name", "last_name"])
    client = Client()
    client.force_login(user)
    context = browser.new_context(base_url=live_server.url, locale="fr-BE", viewport={"width": 390, "height": 800})
    context.set_default_timeout(10_000)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            },
            {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url},
        ]
    )
    return context


@pytest.mark.parametrize("role", list(LOGINS))
def test_every_page_of_the_role_fits_a_phone_screen(browser, live_server, tmp_path, monkeypatch, role):
    world = build_world(tmp_path, monkeypatch)
    urls = pages_of(world, role)
    assert len(urls) >= 3, urls
    context = log_in_as(browser, live_server, world.users[LOGINS[role]], language="fr")
    page = context.new_page()
    problems = []
    for url in urls:
        response = page.goto(url)
        assert response is not None and response.status == 200, f"{url}: {response and response.status}"
        problems += too_wide(page, url)
    context.close()
    assert not problems, f"{len(problems)} page widths wider than the screen:\n" + "\n".join(problems)


@pytest.mark.parametrize("role", ["coach", "entrepreneur", "mentor", "partner", "funder"])
def test_the_main_pages_fit_a_phone_screen_right_to_left(browser, live_server, tmp_path, monkeypatch, role):
    world = build_world(tmp_path, monkeypatch)
    context = log_in_as(browser, live_server, world.users[LOGINS[role]], language="ar")
    page = context.new_page()
    page.goto("/app/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    urls = [page.url] + [link.get_attribute("href") for link in page.locator("#site-menu nav a").all()]
    problems = []
    for url in urls:
        page.goto(url)
        problems += too_wide(page, url)
    context.close()
    assert not problems, f"{len(problems)} page widths wider than the screen:\n" + "\n".join(problems)


def test_the_phone_menu_opens_with_the_role_s_main_places_first(browser, live_server, tmp_path, monkeypatch):
    world = build_world(tmp_path, monkeypatch)
    context = log_in_as(browser, live_server, world.users["coach"], language="fr")
    page = context.new_page()
    page.set_viewport_size({"width": 320, "height": 700})
    page.goto("/app/board/")
    menu = page.locator("#site-menu")
    button = page.get_by_role("button", name="Menu")
    expect(menu).to_be_hidden()
    SCREENS_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENS_DIR / "phone-menu-closed-coach-320.png"))
    # The bulk actions stay folded to their title until a card is ticked.
    groups = page.locator(".bulk-bar .bulk-group")
    expect(page.locator("#bulk-title")).to_be_visible()
    expect(groups.first).to_be_hidden()
    page.locator("[data-bulk-pick]").first.check()
    expect(groups.first).to_be_visible()
    page.locator("[data-bulk-pick]").first.uncheck()
    expect(groups.first).to_be_hidden()
    button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(menu).to_be_visible()
    expect(page.locator("[data-testid=phone-unread]")).to_be_hidden()  # the menu says the count itself
    page.screenshot(path=str(SCREENS_DIR / "phone-menu-open-coach-320.png"), full_page=True)
    links = [text.strip() for text in menu.locator("nav a").all_inner_texts()]
    assert links[:4] == ["Tableau", "Mes tâches", "Entrepreneur·es", "Mentorat"], links
    expect(menu.get_by_role("button", name="Se déconnecter")).to_be_visible()
    page.keyboard.press("Escape")
    expect(menu).to_be_hidden()
    expect(button).to_be_focused()
    # On a wide screen the bar is as before: no menu button, every link in sight.
    page.set_viewport_size({"width": 1280, "height": 800})
    expect(button).to_be_hidden()
    expect(menu.locator("nav a").first).to_be_visible()
    page.screenshot(path=str(SCREENS_DIR / "wide-bar-coach-1280.png"))
    context.close()


def test_the_language_changes_on_the_explicit_choice_not_on_each_arrow_key(browser, live_server, tmp_path, monkeypatch):
    world = build_world(tmp_path, monkeypatch)
    context = log_in_as(browser, live_server, world.users["owner"], language="fr")
    page = context.new_page()
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/app/my/")
    page.evaluate("window.stillHere = true")
    page.focus("#lang-select")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.wait_for_timeout(500)
    assert page.evaluate("window.stillHere === true"), "an arrow key reloaded the page"
    chosen = page.locator("#lang-select").input_value()
    assert chosen != "fr", "the arrow keys moved through the list"
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    with page.expect_navigation():
        page.get_by_test_id("lang-submit").click()
    expect(page.locator("html")).to_have_attribute("lang", chosen)
    expect(page).to_have_url(f"{live_server.url}/app/my/")
    context.close()
