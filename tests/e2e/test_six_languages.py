"""The ten pages newcomers use most, in each of the six languages, say nothing in French but names.

On the demo data (the site as `make run` seeds it), a reader of English, Dutch, Arabic, Ukrainian or Spanish opens
the home page, a guide, the application form, the tiers-lieu page, the login page, then, logged in, their path,
the booking page, their bookings and their dossier's checklist, and a mentor their inbox. The visible text is
searched for French: any sentence of the French catalogue, and common French words. Names are not French text:
people's, projects', spaces', partners' and places' names, and a short list of French-only proper nouns. Nor is what
people wrote themselves (a coach's note, a booking's title), which the pages mark `data-user-text`. The
application form is then sent in each language and thanks the visitor in that language.

The Arabic pages are kept as screenshots in var/e2e-screens/ (ar-*.png) to be looked at.
"""

import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from interlab.core.demo import seed_demo
from interlab.core.models import User
from tests.e2e.conftest import E2E_DB, SCREENS_DIR
from tests.factories import PASSWORD

pytestmark = [pytest.mark.e2e, E2E_DB]

LANGUAGES = ["en", "nl", "ar", "uk", "es"]
# French words that no page in another language should hold outside a name (whole words, any case).
FRENCH_WORDS = re.compile(
    r"(?<![\w'])(vous|votre|vos|pour|avec|dans|être|aujourd'hui|demain|réservations?|réserver|merci|bienvenue|"
    r"connexion|envoyer|entreprises?|prochaine?s?|semaine|ouvert|fermée?|étapes?|projets?|demandes?|parcours|"
    r"personnes?|accompagnement|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|janvier|février|mars|avril|"
    r"juin|juillet|août|septembre|octobre|novembre|décembre)(?![\w'])",
    re.IGNORECASE,
)
# Proper nouns that are French in every language: the offices and documents people must name as they are.
FRENCH_PROPER_NOUNS = [
    "Guichet d'entreprises",
    "guichet d'entreprises",
    "carte professionnelle",
    "SPW Économie",
    "Maison de l'Emploi",
    "attestation d'immatriculation",
    "droit passerelle",
    "mutualité",
    "tiers-lieu",
    "Tiers-lieu",
    # The register of enterprises' official name, which the guides give beside its acronym (BCE) in every language.
    "Banque-Carrefour des Entreprises",
    # The laws the professional-card guide names as its sources, by their official (French) titles.
    "Arrêté royal du 3 février 2003",
    "Arrêté du Gouvernement wallon du 15 septembre 2016",
]


def french_sentences() -> list[str]:
    """The French catalogue's translations long enough to be unmistakable (two words or more, 14+ characters)."""
    path = Path(settings.BASE_DIR) / "interlab" / "locale" / "fr" / "LC_MESSAGES" / "django.mo"
    with path.open("rb") as handle:
        catalog = gettext.GNUTranslations(handle)._catalog
    sentences = set()
    for msgid, msgstr in catalog.items():
        source = msgid[1] if isinstance(msgid, tuple) else msgid
        if not source:
            continue
        for line in re.split(r"%\(\w+\)[sd]|\{\{[^}]*\}\}|<[^>]+>|\n", msgstr):
            line = line.strip(" .:;,()«»\u00a0")
            if len(line) >= 14 and " " in line and line != str(source).strip(" .:;,()"):
                sentences.add(line)
    return sorted(sentences, key=len, reverse=True)


def names_in_the_data() -> list[str]:
    from cms.models import ContactSettings
    from interlab.crm.models import Entrepreneur, Partner, Programme, Project
    from interlab.tierslieu.models import Space

    names = [*FRENCH_PROPER_NOUNS]
    names += list(Space.objects.values_list("name", flat=True))
    names += list(Partner.objects.values_list("name", flat=True))
    names += list(Programme.objects.values_list("name", flat=True))
    names += list(Project.objects.values_list("title", flat=True))
    for first, last in Entrepreneur.objects.values_list("first_name", "last_name"):
        names += [f"{first} {last}", first, last]
    for first, last in User.objects.values_list("first_name", "last_name"):
        names += [f"{first} {last}", first, last]
    for contact in ContactSettings.objects.all():
        names += [line for line in (contact.address or "").splitlines() if line.strip()]
    return sorted({n for n in names if n and len(n) > 2}, key=len, reverse=True)


def french_found(text: str, names: list[str], sentences: list[str]) -> list[str]:
    for name in names:
        text = text.replace(name, " ")
    # Whole words: the Spanish "plan financiero" holds the French "plan financier" but is not French.
    found = [f"sentence: {s!r}" for s in sentences if re.search(rf"(?<!\w){re.escape(s)}(?!\w)", text)]
    for match in FRENCH_WORDS.finditer(text):
        start = max(0, match.start() - 40)
        found.append(f"word {match.group(0)!r} in …{text[start : match.end() + 40]!r}…".replace("\n", " "))
    return found


def public_urls(language: str) -> dict[str, str]:
    from wagtail.models import Locale

    from cms.models import GuidePage, HomePage, IntakeFormPage, TiersLieuPage

    locale = Locale.objects.get(language_code=language)
    pick = lambda model, **kw: model.objects.live().filter(locale=locale, **kw).first().url  # noqa: E731
    return {
        "home": pick(HomePage),
        "guide": pick(GuidePage, slug="carte-professionnelle"),
        "apply": pick(IntakeFormPage),
        "tiers-lieu": pick(TiersLieuPage),
    }


def app_urls() -> tuple[dict[str, str], dict[str, str]]:
    from interlab.dossiers.models import Dossier
    from interlab.tierslieu.models import Space

    entrepreneur = User.objects.get(username="entrepreneur")
    dossier = Dossier.objects.filter(project__entrepreneur__user=entrepreneur).first()
    space = Space.objects.filter(is_active=True).order_by("pk").first()
    pages = {
        "my-path": "/app/my/",
        "booking": f"/app/spaces/{space.pk}/book/",
        "my-bookings": "/app/spaces/my/",
        "dossier-checklist": f"/app/dossiers/{dossier.pk}/",
    }
    return pages, {"mentor-inbox": "/app/mentoring/inbox/"}


def log_in(page, username: str, language: str) -> None:
    user = User.objects.get(username=username)
    user.preferred_language = language
    user.set_password(PASSWORD)  # the demo password is only set when DEBUG is on
    user.save()
    page.goto("/login/")
    page.fill("main form [name=username]", username)
    page.fill("main form [name=password]", PASSWORD)
    page.click("main form [type=submit]")
    try:
        page.wait_for_url("**/app/**", timeout=15000)
    except Exception:
        raise AssertionError(
            f"{username} could not log in ({language}): {page.url}\n{visible_text(page)[:1500]}"
        ) from None


def visible_text(page) -> str:
    """The page's text as read, without what people wrote themselves (`[data-user-text]`): it is never translated."""
    return page.evaluate(
        """() => {
            const nodes = [...document.querySelectorAll("[data-user-text]")];
            const marks = nodes.map((node) => {
                const mark = document.createComment("user text");
                node.replaceWith(mark);
                return mark;
            });
            const text = document.body.innerText;
            marks.forEach((mark, i) => mark.replaceWith(nodes[i]));
            return text;
        }"""
    )


def test_the_ten_pages_say_nothing_in_french_in_five_languages_and_the_form_is_sent_in_each(browser, live_server):
    seed_demo()
    sentences = french_sentences()
    names = names_in_the_data()
    entrepreneur_pages, mentor_pages = app_urls()
    problems: dict[str, list[str]] = {}
    SCREENS_DIR.mkdir(parents=True, exist_ok=True)

    def check(page, language: str, name: str, url: str) -> None:
        response = page.goto(url)
        assert response.status == 200, f"{language} {name} {url}: {response.status}"
        assert page.locator("html").get_attribute("lang") == language, f"{language} {name}: html lang"
        found = french_found(visible_text(page), names, sentences)
        if found:
            problems[f"{language} {name} {url}"] = found[:8]
        if language == "ar":
            page.screenshot(path=str(SCREENS_DIR / f"ar-{name}.png"), full_page=True)

    for language in LANGUAGES:
        context = browser.new_context(
            base_url=live_server.url, locale=language, extra_http_headers={"Accept-Language": language}
        )
        context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}])
        page = context.new_page()
        for name, url in public_urls(language).items():
            check(page, language, name, url)
        check(page, language, "login", "/login/")
        log_in(page, "entrepreneur", language)
        for name, url in entrepreneur_pages.items():
            check(page, language, name, url)
        context.clear_cookies()
        context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}])
        log_in(page, "mentor", language)
        for name, url in mentor_pages.items():
            check(page, language, name, url)
        context.close()

    report = "\n".join(f"{where}:\n    " + "\n    ".join(found) for where, found in problems.items())
    assert not problems, f"French text on {len(problems)} pages:\n{report}"


@pytest.mark.parametrize("language", ["fr", *LANGUAGES])
def test_the_application_form_is_sent_in_each_language(browser, live_server, language):
    from interlab.crm.models import Entrepreneur

    seed_demo()
    sentences = french_sentences() if language != "fr" else []
    names = names_in_the_data()
    context = browser.new_context(base_url=live_server.url, locale=language)
    page = context.new_page()
    page.goto(public_urls(language)["apply"])
    form = page.locator("form[data-form=intake]")
    form.locator("[name=first_name]").fill("Nadia")
    form.locator("[name=last_name]").fill(f"Test-{language}")
    form.locator("[name=phone]").fill("0470 12 34 56")
    form.locator("[name=languages]").first.check()
    form.locator("[name=project_title]").fill("Cuisine du monde")
    form.locator("[name=needs]").first.check()
    form.locator("[name=consent]").check()
    form.locator("[type=submit]").click()
    expect(page).to_have_url(re.compile(r"\?sent=1$"))
    assert page.locator("html").get_attribute("lang") == language
    person = Entrepreneur.objects.get(last_name=f"Test-{language}")
    assert person.phone_e164 == "+32470123456"
    if language != "fr":
        assert french_found(visible_text(page), [*names, "Cuisine du monde"], sentences) == []
    context.close()
