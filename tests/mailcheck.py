"""What every mail InterLab sends has: a text part, an HTML part, and a Message-ID of the site's own domain."""

from interlab.core import mail as core_mail


def html_part(message) -> str:
    """The HTML alternative of a sent mail, after checking it is the only one and the Message-ID's domain."""
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    assert message.extra_headers["Message-ID"].endswith(f"@{core_mail.message_domain()}>")
    return html
