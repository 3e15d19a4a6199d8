"""Marking what people wrote themselves (a coach's note, a booking's title): it is shown as typed, never
translated, so it gets `dir="auto"` (an Arabic note on an English page, a French title on an Arabic one) and
`data-user-text`, which tells the language checks to leave it out. In the PDFs, `isolate` does the same job."""

from django import template
from django.utils.html import format_html

register = template.Library()

# First Strong Isolate and Pop Directional Isolate: the text between them takes the direction of its own first
# letter and leaves the sentence around it alone (Unicode bidi algorithm, UAX #9).
FSI = "\u2068"
PDI = "\u2069"


@register.filter
def user_text(value) -> str:
    """`value` in a `<span dir="auto" data-user-text>`; nothing for an empty value."""
    if value in (None, ""):
        return ""
    return format_html('<span dir="auto" data-user-text>{}</span>', value)


@register.filter
def isolate(value) -> str:
    """`value`, escaped, between FSI and PDI; nothing for an empty value.

    For the PDFs: WeasyPrint hardly honours `<bdi>` or `unicode-bidi: isolate`, but Pango's bidi follows the
    isolate characters, so a Latin name or a number with its unit keeps its punctuation in place inside an
    Arabic sentence. Pango draws them as nothing (no glyph, no box). Not for a PDF's `<title>` or a heading
    that becomes a bookmark: those keep their characters as they are. WeasyPrint lays out each line of a
    paragraph anew, so a fragment broken over two lines is isolated on its first line only.
    """
    if value in (None, ""):
        return ""
    return format_html(FSI + "{}" + PDI, value)
