"""Glossary links in rendered HTML: the first time a page uses a term, the term links to its glossary entry.

Only text is touched, and only where a link may stand: never inside an attribute, a link, a heading, an <abbr>,
a form control, or anything marked `data-user-text` (what people typed). The markup around the text is kept as
it was written, byte for byte; a text that gains a link is escaped again piece by piece, so no input, however odd,
can open a tag.
"""

import html as html_lib
from html.parser import HTMLParser

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from . import finder, terms

# Elements whose text is never linked: links and buttons (no link in a link), headings, what is already marked up
# as a term, form controls, code, and what is not text at all.
SKIPPED = frozenset(
    [
        "a",
        "abbr",
        "button",
        "cite",
        "code",
        "dfn",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "iframe",
        "kbd",
        "math",
        "noscript",
        "object",
        "option",
        "pre",
        "samp",
        "script",
        "select",
        "style",
        "svg",
        "template",
        "textarea",
        "title",
        "var",
    ]
)
# Marks that keep an element's text as it is: people's own words, or an editor's choice.
SKIPPED_ATTRIBUTES = frozenset({"data-user-text", "data-no-glossary"})
VOID = frozenset(
    ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"]
)


class _Tokens(HTMLParser):
    """Where each piece of the document starts, and whether it is text that may be linked."""

    def __init__(self, source: str):
        super().__init__(convert_charrefs=True)
        self.source = source
        self.line_starts = [0]
        for index, char in enumerate(source):
            if char == "\n":
                self.line_starts.append(index + 1)
        self.pieces: list[tuple[int, bool]] = []  # (offset, is linkable text)
        self.stack: list[tuple[str, bool]] = []

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def _mark(self, linkable: bool = False) -> None:
        self.pieces.append((self._offset(), linkable))

    def _skipping(self) -> bool:
        return any(skipped for _tag, skipped in self.stack)

    def handle_starttag(self, tag, attrs):
        self._mark()
        if tag not in VOID:
            skipped = tag in SKIPPED or any(name in SKIPPED_ATTRIBUTES for name, _value in attrs)
            self.stack.append((tag, skipped))

    def handle_startendtag(self, tag, attrs):
        self._mark()

    def handle_endtag(self, tag):
        self._mark()
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        self._mark(linkable=not self._skipping())

    def handle_comment(self, data):
        self._mark()

    def handle_decl(self, decl):
        self._mark()

    def handle_pi(self, data):
        self._mark()

    def unknown_decl(self, data):
        self._mark()

    def spans(self) -> list[tuple[int, int, bool]]:
        """(start, end, is linkable text) covering the whole source; neighbouring text pieces joined."""
        pieces = self.pieces
        if not pieces or pieces[0][0] > 0:
            pieces = [(0, False), *pieces]  # never drop a character the parser did not report
        ends = [offset for offset, _ in pieces[1:]] + [len(self.source)]
        result: list[tuple[int, int, bool]] = []
        for (start, linkable), end in zip(pieces, ends, strict=True):
            if start >= end:
                continue
            if result and result[-1][2] and linkable and result[-1][1] == start:
                result[-1] = (result[-1][0], end, True)
            else:
                result.append((start, end, linkable))
        return result


def _link(text: str, slug: str, abbreviation: bool, url: str, title: str) -> str:
    href = f"{url}#{slug}"
    if abbreviation:
        return format_html('<a href="{}" class="jargon"><abbr title="{}">{}</abbr></a>', href, title, text)
    return format_html('<a href="{}" class="jargon">{}</a>', href, text)


def _linked_text(text: str, *, language: str, reader: str, url: str, seen: set[str]) -> str | None:
    """The text with its first mention of each entry not yet `seen` linked, escaped; None when nothing changes."""
    out, position, changed = [], 0, False
    titles = terms(reader)
    for start, end, slug, abbreviation in finder(language).find(text):
        if slug in seen:
            continue
        seen.add(slug)
        out += [escape(text[position:start]), _link(text[start:end], slug, abbreviation, url, titles[slug].short)]
        position, changed = end, True
    if not changed:
        return None
    out.append(escape(text[position:]))
    return "".join(out)


def link_terms(
    html: str, *, language: str, url: str, reader: str | None = None, seen: set[str] | None = None
) -> SafeString:
    """`html` (trusted, already escaped markup) with its first use of each glossary term linked to `url#slug`.

    `language` is the language the text is written in (its terms are looked for, and the French names in any
    language); `reader` the visitor's, whose short meanings become the acronyms' tooltips. `seen` carries the
    entries already linked, from one call to the next.
    """
    seen = set() if seen is None else seen
    reader = reader or language
    tokens = _Tokens(html)
    tokens.feed(html)
    tokens.close()
    out = []
    for start, end, linkable in tokens.spans():
        raw = html[start:end]
        if linkable:
            linked = _linked_text(html_lib.unescape(raw), language=language, reader=reader, url=url, seen=seen)
            out.append(raw if linked is None else linked)
        else:
            out.append(raw)
    return mark_safe("".join(out))  # noqa: S308 - markup kept as given (trusted), new text escaped in _linked_text
