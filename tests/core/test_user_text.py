"""What people wrote themselves is marked so: shown as typed, in its own direction, and left out of language checks."""

from django.template import Context, Template


def render(value) -> str:
    return Template("{% load user_text %}{{ value|user_text }}").render(Context({"value": value}))


def test_a_typed_text_is_wrapped_escaped_and_given_its_own_direction():
    assert render("Relire <le> plan") == '<span dir="auto" data-user-text>Relire &lt;le&gt; plan</span>'


def test_an_empty_text_gives_nothing():
    assert render("") == ""
    assert render(None) == ""
