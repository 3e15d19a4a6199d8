"""axe-core in the browser tests: inject the vendored axe.min.js (axe-core 4.14.1 from the npm package, MPL-2.0)
into a Playwright page and fail on any serious or critical accessibility violation.

    from tests.e2e.axe import assert_no_serious_violations
    assert_no_serious_violations(page)
"""

from pathlib import Path

from django.conf import settings

AXE_JS = Path(settings.BASE_DIR) / "interlab" / "static" / "vendor" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")
# WCAG 2.0, 2.1 and 2.2 A/AA rules, plus axe's best practices (landmarks, headings) that the product bar asks for.
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def axe_run(page, *, context: str | dict | None = None, tags: list[str] | None = None) -> dict:
    """Run axe on the page (or on `context`, a CSS selector or an axe context object); returns axe's results."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Loaded as a file of our own origin: the Content-Security-Policy refuses an inline script.
        page.add_script_tag(url="/static/vendor/axe-core/" + AXE_JS.name)
    options = {"runOnly": {"type": "tag", "values": tags or TAGS}, "resultTypes": ["violations"]}
    return page.evaluate(
        "([context, options]) => window.axe.run(context || document, options)",
        [context, options],
    )


def format_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']} ({violation['helpUrl']})")
        for node in violation["nodes"][:5]:
            target = " ".join(str(t) for t in node.get("target", []))
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"    at {target}: {summary}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    … and {len(violation['nodes']) - 5} more elements")
    return "\n".join(lines)


def assert_no_serious_violations(page, *, context: str | dict | None = None) -> None:
    """Fail with a readable list when axe finds a serious or critical violation on the page."""
    results = axe_run(page, context=context)
    blocking = [v for v in results["violations"] if v.get("impact") in BLOCKING]
    assert not blocking, f"axe-core found serious or critical accessibility violations on {page.url}:\n" + (
        format_violations(blocking)
    )
