"""What people wrote themselves is marked so: shown as typed, in its own direction, and left out of language checks."""

from django.template import Context, Template


def render(value, filter_name: str = "user_text") -> str:
    return Template("{% load user_text %}{{ value|" + filter_name + " }}").render(Context({"value": value}))


def test_a_typed_text_is_wrapped_escaped_and_given_its_own_direction():
    assert render("Relire <le> plan") == '<span dir="auto" data-user-text>Relire &lt;le&gt; plan</span>'


def test_an_empty_text_gives_nothing():
    assert render("") == ""
    assert render(None) == ""


def test_a_fragment_for_a_pdf_sits_escaped_between_first_strong_isolate_and_pop_isolate():
    assert render("Jean-Luc <Liège>", "isolate") == "\u2068Jean-Luc &lt;Liège&gt;\u2069"


def test_an_empty_fragment_gets_no_isolates():
    assert render("", "isolate") == ""
    assert render(None, "isolate") == ""
