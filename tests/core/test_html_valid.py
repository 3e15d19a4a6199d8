"""The main pages of each role are valid HTML, as the Nu HTML checker (vnu.jar) reads them.

The pages are rendered with Django's test client in the roles' world (tests/roles.py) and checked in one run of
the checker, which scripts/system_check.py installs (the test installs it too when missing: it never skips).
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests import roles
from tests.roles import client_for

pytestmark = pytest.mark.django_db
world = roles.world

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import system_check  # noqa: E402

# (role, page) — the places each role goes to every day.
PAGES = [
    ("anonymous", "{home}"),
    ("anonymous", "{guide}"),
    ("anonymous", "{intake}"),
    ("anonymous", "{event}"),
    ("anonymous", "/login/"),
    ("anonymous", "/fr/glossary/"),
    ("anonymous", "/ar/glossary/"),
    ("coach", "/app/board/"),
    ("coach", "/app/entrepreneurs/"),
    ("coach", "/app/entrepreneurs/{person}/"),
    ("coach", "/app/tasks/mine/"),
    ("coach", "/app/mentoring/runs/{run}/"),
    ("coach", "/app/spaces/occupancy/"),
    ("owner", "/app/my/"),
    ("owner", "/app/spaces/"),
    ("owner", "/app/spaces/{space}/book/"),
    ("owner", "/app/spaces/{space}/week/"),
    ("owner", "/app/spaces/my/"),
    ("owner", "/app/dossiers/{dossier}/"),
    ("owner", "/app/me/notifications/"),
    ("mentor", "/app/mentoring/inbox/"),
    ("owner", "/app/mentoring/mine/"),
    ("coach", "/app/impact/"),
    # The world's programme is too small to publish: the funder sees the dashboard with that message (422).
    ("funder", "/app/impact/"),
    ("partner", "/app/partner/"),
]


@pytest.fixture(scope="session")
def vnu() -> Path:
    return system_check.ensure_vnu()


def test_the_main_pages_are_valid_html(world, vnu, tmp_path):
    from tests.cms.factories import event, guide, home, intake_page

    world.ids.update(home=home().url, guide=guide().url, intake=intake_page().url, event=event().url)
    files = {}
    for number, (role, template) in enumerate(PAGES):
        url = world.url(template)
        response = client_for(world, role).get(url)
        assert response.status_code == (422 if role == "funder" else 200), f"{url} as {role}: {response.status_code}"
        path = tmp_path / f"page-{number:02}.html"
        path.write_bytes(response.content)
        files[path.name] = f"{url} as {role}"

    result = subprocess.run(
        [
            "java",
            "-jar",
            str(vnu),
            "--format",
            "json",
            "--errors-only",
            *(str(p) for p in sorted(tmp_path.glob("*.html"))),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [
        f"{files.get(m.get('url', '').rpartition('/')[2], m.get('url'))} line {m.get('lastLine')}: {m.get('message')}\n    {m.get('extract', '')!r}"
        for m in messages
        if m.get("type") in {"error", "non-document-error"}
    ]
    assert not errors, f"{len(errors)} HTML errors:\n" + "\n".join(errors)
