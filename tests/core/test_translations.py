"""The translation catalogues: French complete and compiled, every language's .mo in step with its .po.

French is the product's default language, so an English word left in its catalogue is a visible bug. The
.po files are read with a small parser (no third-party library) and compared with the compiled .mo files
through the standard library's gettext, the same reader Django uses.
"""

import ast
import gettext
import os
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import translation

LOCALE_DIR = Path(__file__).resolve().parents[2] / "interlab" / "locale"
LANGUAGES = [code for code, _name in settings.LANGUAGES]
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]")


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    line: int = 0

    @property
    def is_header(self) -> bool:
        return self.msgid == "" and self.msgctxt is None


def _unquote(text: str, path: Path, number: int) -> str:
    text = text.strip()
    if not (text.startswith('"') and text.endswith('"')):
        raise AssertionError(f"{path}:{number}: expected a quoted string, got {text!r}")
    return ast.literal_eval(text)


def parse_po(path: Path) -> list[Entry]:
    """Entries of a .po file in order, the header first; obsolete (#~) entries are left out."""
    entries: list[Entry] = []
    current: Entry | None = None
    target: tuple[str, int | None] | None = None

    def start() -> Entry:
        nonlocal current
        if current is None or current.msgstr:
            current = Entry(line=number)
            entries.append(current)
        return current

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#~"):
            continue
        if line.startswith("#,"):
            start().flags.update(flag.strip() for flag in line[2:].split(",") if flag.strip())
            continue
        if line.startswith("#"):
            continue
        match = re.match(r"^(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?\s+(.*)$", line)
        if match:
            keyword, index, rest = match.group(1), match.group(2), match.group(3)
            entry = start() if keyword in ("msgctxt", "msgid") else current
            if entry is None:
                raise AssertionError(f"{path}:{number}: {keyword} before any msgid")
            value = _unquote(rest, path, number)
            if keyword == "msgstr":
                slot = int(index) if index is not None else 0
                entry.msgstr[slot] = value
                target = ("msgstr", slot)
            else:
                setattr(entry, keyword, value)
                target = (keyword, None)
            continue
        if line.startswith('"') and current is not None and target is not None:
            value = _unquote(line, path, number)
            keyword, slot = target
            if keyword == "msgstr":
                current.msgstr[slot] += value
            else:
                setattr(current, keyword, getattr(current, keyword) + value)
            continue
        raise AssertionError(f"{path}:{number}: line not understood: {raw!r}")
    return entries


def po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / "django.po"


def mo_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / "django.mo"


def messages(language: str) -> list[Entry]:
    return [entry for entry in parse_po(po_path(language)) if not entry.is_header]


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text.replace("%%", "")))


def _first_n_for_each_form(catalog: gettext.GNUTranslations, forms: int) -> dict[int, int]:
    """For each plural form index, a number that selects it under the catalogue's Plural-Forms."""
    chosen: dict[int, int] = {}
    for n in range(0, 1000):
        chosen.setdefault(catalog.plural(n), n)
        if len(chosen) == forms:
            break
    return chosen


def test_the_locale_directory_is_the_one_django_reads():
    assert [Path(p).resolve() for p in settings.LOCALE_PATHS] == [LOCALE_DIR]
    assert settings.LANGUAGE_CODE == "fr"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_has_a_po_and_a_compiled_mo(language):
    assert po_path(language).is_file(), f"{po_path(language)} is missing: run makemessages"
    assert mo_path(language).is_file(), f"{mo_path(language)} is missing: run compilemessages"
    header = parse_po(po_path(language))[0]
    assert header.is_header
    assert f"Language: {language}\n" in header.msgstr[0]


def test_the_french_catalogue_is_not_empty_and_has_plurals():
    entries = messages("fr")
    assert len(entries) > 300
    assert any(entry.msgid_plural for entry in entries)


def plural_forms(language: str) -> int:
    header = parse_po(po_path(language))[0].msgstr[0]
    return int(re.search(r"nplurals\s*=\s*(\d+)", header).group(1))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_entry_is_translated_in_every_language(language):
    """The six catalogues are complete: a string added to the code without its translations fails here."""
    forms = list(range(plural_forms(language)))
    untranslated = [
        f"line {entry.line}: {entry.msgid!r}"
        for entry in messages(language)
        if not entry.msgstr
        or any(not text.strip() for text in entry.msgstr.values())
        or (entry.msgid_plural is not None and sorted(entry.msgstr) != forms)
    ]
    assert not untranslated, f"{language} entries without a translation (make messages, then translate):\n" + (
        "\n".join(untranslated[:40])
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_entry_is_fuzzy(language):
    fuzzy = [f"line {entry.line}: {entry.msgid!r}" for entry in parse_po(po_path(language)) if "fuzzy" in entry.flags]
    assert not fuzzy, f"Fuzzy {language} entries (msgfmt leaves them out):\n" + "\n".join(fuzzy[:40])


@pytest.mark.parametrize("language", LANGUAGES)
def test_msgfmt_counts_nothing_untranslated_and_nothing_fuzzy(language):
    """GNU gettext's own count, as a translator would check it."""
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po_path(language))],
        capture_output=True,
        text=True,
        env={**os.environ, "LC_ALL": "C"},
    )
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"\d+ translated messages\.\n", result.stderr), result.stderr


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_the_placeholders_of_the_source(language):
    """Each form says the source's placeholders; a plural form may leave the count out ("one file", "لا ملفات")."""
    wrong = []
    for entry in messages(language):
        for index, text in entry.msgstr.items():
            source = entry.msgid if index == 0 or entry.msgid_plural is None else entry.msgid_plural
            if entry.msgid_plural is None:
                ok = placeholders(text) == placeholders(source)
            else:
                allowed = set(placeholders(entry.msgid)) | set(placeholders(entry.msgid_plural))
                ok = set(placeholders(text)) <= allowed
            if not ok:
                wrong.append(f"line {entry.line}: {source!r} → {text!r}")
    assert not wrong, f"{language}: placeholders lost or added:\n" + "\n".join(wrong[:40])


def test_french_typography_follows_one_convention():
    """One no-break space (U+00A0) before : ; ? ! and inside « » (never a plain or a narrow one, never two), and
    the straight apostrophe
    the project's own French data uses (never ’), as the catalogue header says."""
    wrong = [
        f"line {entry.line}: {text!r}"
        for entry in messages("fr")
        for text in entry.msgstr.values()
        if re.search(r"[ \u202f][:;?!»]|«[ \u202f]|’|[\u00a0\u202f ]{2,}[:;?!»]|«[\u00a0\u202f ]{2,}", text)
    ]
    assert not wrong, "French typography off the catalogue's convention:\n" + "\n".join(wrong)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_mo_matches_the_po(language):
    """The .mo says what the .po says: a .po edited without running compilemessages fails here."""
    with mo_path(language).open("rb") as handle:
        catalog = gettext.GNUTranslations(handle)
    stale = []
    for entry in messages(language):
        translated = bool(entry.msgstr) and all(entry.msgstr.values()) and "fuzzy" not in entry.flags
        if entry.msgid_plural is None:
            expected = entry.msgstr[0] if translated else entry.msgid
            if entry.msgctxt is not None:
                got = catalog.pgettext(entry.msgctxt, entry.msgid)
            else:
                got = catalog.gettext(entry.msgid)
            if got != expected:
                stale.append(f"{entry.msgid!r}: .mo has {got!r}, .po has {expected!r}")
            continue
        for index, n in _first_n_for_each_form(catalog, len(entry.msgstr)).items():
            expected = entry.msgstr[index] if translated else (entry.msgid if n == 1 else entry.msgid_plural)
            if entry.msgctxt is not None:
                got = catalog.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, n)
            else:
                got = catalog.ngettext(entry.msgid, entry.msgid_plural, n)
            if got != expected:
                stale.append(f"{entry.msgid_plural!r} (n={n}): .mo has {got!r}, .po has {expected!r}")
    assert not stale, f"{mo_path(language)} is out of date, run compilemessages:\n" + "\n".join(stale)


def test_django_renders_the_interface_in_french():
    with translation.override("fr"):
        assert translation.gettext("Board") == "Tableau"
        assert translation.gettext("Log in") == "Se connecter"
        assert (
            translation.ngettext(
                "stalled: %(days)s day in this stage (limit %(limit)s)",
                "stalled: %(days)s days in this stage (limit %(limit)s)",
                34,
            )
            % {"days": 34, "limit": 30}
            == "bloqué\u00a0: 34 jours dans cette étape (limite 30)"
        )
        assert translation.gettext("referral") == "orientation"
        assert translation.gettext("enterprise number (BCE)") == "numéro d'entreprise (BCE)"
        assert translation.ngettext("%(n)s stalled project", "%(n)s stalled projects", 1) % {"n": 1} == (
            "1 projet bloqué"
        )
        assert translation.ngettext("%(n)s stalled project", "%(n)s stalled projects", 4) % {"n": 4} == (
            "4 projets bloqués"
        )
        # French counts 0 as singular.
        assert translation.ngettext("%(n)s stalled project", "%(n)s stalled projects", 0) % {"n": 0} == (
            "0 projet bloqué"
        )


def test_templates_render_in_french_including_plurals():
    template = Template(
        "{% load i18n %}{% translate 'My path' %}|"
        "{% blocktranslate count days=days %}{{ days }} day in stage{% plural %}{{ days }} days in stage"
        "{% endblocktranslate %}"
    )
    with translation.override("fr"):
        assert template.render(Context({"days": 1})) == "Mon parcours|1 jour à cette étape"
        assert template.render(Context({"days": 12})) == "Mon parcours|12 jours à cette étape"


@pytest.mark.parametrize(
    ("language", "expected"),
    [("nl", "Aanmelden"), ("es", "Iniciar sesión"), ("uk", "Увійти"), ("ar", "تسجيل الدخول")],
)
def test_visitors_find_the_login_in_their_language(language, expected):
    with translation.override(language):
        assert translation.gettext("Log in") == expected


def test_english_falls_back_to_the_source_strings():
    with translation.override("en"):
        assert translation.gettext("Board") == "Board"
        assert translation.gettext("Pipeline board") == "Pipeline board"
