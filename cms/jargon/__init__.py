"""The jargon glossary: Belgian procedure words (BCE, TVA, carte professionnelle…) explained in six languages.

Content is data, like the guides' demo words: one module per language, entries keyed by slug (the anchor of the
glossary page, `…/glossary/#bce`). `entries()` lists a language's entries alphabetically; `finder()` finds the
terms in a text, for the links from guides and forms (cms.jargon.links).
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from . import ar, en, es, fr, nl, uk
from .term import Term

__all__ = ["LANGUAGES", "SLUGS", "TERMS", "Finder", "Term", "entries", "finder", "sort_key", "terms"]

TERMS: dict[str, dict[str, Term]] = {
    "fr": fr.TERMS,
    "en": en.TERMS,
    "nl": nl.TERMS,
    "ar": ar.TERMS,
    "uk": uk.TERMS,
    "es": es.TERMS,
}
LANGUAGES = tuple(TERMS)
SLUGS = tuple(fr.TERMS)

# Ukrainian's alphabet: code points put ґ, є, і, ї after я.
_UKRAINIAN = "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя"
# Arabic letters that attach to the next word (and, so, with, for, like): "والخطة" holds "الخطة".
_ARABIC_PROCLITICS = "وفبلك"


def _language(code: str | None) -> str:
    code = (code or "fr").split("-")[0].lower()
    return code if code in TERMS else "fr"


def terms(language: str | None) -> dict[str, Term]:
    """A language's entries by slug (French for a language the glossary does not speak)."""
    return TERMS[_language(language)]


def sort_key(language: str, text: str) -> tuple:
    """Dictionary order in `language`: case and accents aside, Ukrainian's own alphabet, the Arabic article aside."""
    language = _language(language)
    value = text.casefold()
    if language == "ar":
        value = re.sub(r"^ال", "", value)
    keys = []
    for char in value:
        if language == "uk" and char in _UKRAINIAN:
            keys.append((1, _UKRAINIAN.index(char)))
            continue
        base = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
        keys += [(0 if base.isascii() else 1, ord(c)) for c in base if c.isalnum()]
    return tuple(keys)


def entries(language: str | None) -> list[tuple[str, Term]]:
    """(slug, term) of every entry, in the alphabetical order of `language`."""
    language = _language(language)
    return sorted(terms(language).items(), key=lambda item: sort_key(language, item[1].term))


@dataclass(frozen=True)
class Finder:
    """One regular expression finding every entry's words in a text, and which entry each alternative belongs to."""

    pattern: re.Pattern
    targets: dict[str, tuple[str, bool]]  # group name → (slug, is an abbreviation)

    def find(self, text: str):
        """(start, end, slug, is an abbreviation) of each term found, in order."""
        for match in self.pattern.finditer(text):
            slug, abbreviation = self.targets[match.lastgroup]
            yield match.start(), match.end(), slug, abbreviation


def _phrase_regex(phrase: str) -> str:
    parts = []
    for char in phrase:
        if char.isspace():
            parts.append(r"\s+")
        elif char in "'’":
            parts.append("['’]")
        elif char == "*":
            parts.append(r"\w*")
        elif char in "-\u2011":
            parts.append("[-\u2011]")
        else:
            parts.append(re.escape(char))
    return "".join(parts)


@cache
def finder(language: str | None) -> Finder:
    """The terms of `language` and, in every language, the French names and acronyms printed on forms."""
    language = _language(language)
    alternatives: dict[tuple[str, bool], str] = {}
    for code in dict.fromkeys((language, "fr")):
        for slug, term in TERMS[code].items():
            for text in term.abbreviations:
                alternatives.setdefault((text, True), slug)
            for text in term.phrases:
                alternatives.setdefault((text, False), slug)
    ordered = sorted(alternatives.items(), key=lambda item: len(item[0][0].replace("*", "")), reverse=True)
    groups, targets = [], {}
    for index, ((text, abbreviation), slug) in enumerate(ordered):
        name = f"t{index}"
        body = f"(?-i:{re.escape(text)})" if abbreviation else _phrase_regex(text)
        groups.append(f"(?P<{name}>{body})")
        targets[name] = (slug, abbreviation)
    before = r"(?<!\w)"
    if language == "ar":
        before = rf"(?:(?<!\w)|(?<=(?<!\w)[{_ARABIC_PROCLITICS}]))"
    pattern = re.compile(rf"{before}(?:{'|'.join(groups)})(?!\w)", re.IGNORECASE)
    return Finder(pattern=pattern, targets=targets)
