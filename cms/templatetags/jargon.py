"""Glossary links in the public pages: `{% jargon_links %}…{% endjargon_links %}` around a guide's text, and the
`jargon` filter for one string (a form's label or help text)."""

from django import template
from django.urls import reverse
from django.utils.html import conditional_escape
from django.utils.translation import get_language

from cms.jargon.links import link_terms

register = template.Library()


def glossary_url(back=None) -> str:
    """The glossary in the visitor's language; `back` (a page or its id) is where its "back" link returns."""
    url = reverse("cms:glossary")
    pk = getattr(back, "pk", back)
    if pk:
        url += f"?from={int(pk)}"
    return url


class JargonLinksNode(template.Node):
    def __init__(self, nodelist, options):
        self.nodelist = nodelist
        self.options = options

    def render(self, context):
        html = self.nodelist.render(context)
        options = {name: value.resolve(context) for name, value in self.options.items()}
        reader = get_language()
        return link_terms(
            html, language=options.get("language") or reader, reader=reader, url=glossary_url(options.get("back"))
        )


@register.tag
def jargon_links(parser, token):
    """Links the first use of each glossary term in the enclosed HTML.

    `language=` the language the text is written in (the visitor's by default); `back=` the page the glossary's
    "back" link returns to.
    """
    bits = token.split_contents()
    options = template.base.token_kwargs(bits[1:], parser)
    if len(options) != len(bits) - 1 or set(options) - {"language", "back"}:
        raise template.TemplateSyntaxError(f"{bits[0]} takes only language= and back=")
    nodelist = parser.parse(("endjargon_links",))
    parser.delete_first_token()
    return JargonLinksNode(nodelist, options)


@register.filter(is_safe=True)
def jargon(value, back=None):
    """`value` (plain text, or markup already marked safe) with the first use of each glossary term linked."""
    language = get_language()
    return link_terms(str(conditional_escape(value)), language=language, reader=language, url=glossary_url(back))
