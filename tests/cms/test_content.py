"""The demo site's words: every page in six languages, with the French page's fields, steps and facts."""

import re
from datetime import datetime

import pytest

from cms.content import site_tree

LANGUAGES = ("fr", "en", "nl", "ar", "uk", "es")


def pages():
    tree = site_tree(lambda days, hour, minutes=0: datetime(2026, 3, 2, hour, minutes))

    def walk(node, slug):
        yield slug, node["versions"]
        for child in node.get("children", []):
            yield from walk(child, child["slug"])

    return list(walk(tree, "home"))


PAGES = pages()


def streams(fields):
    return {name: value for name, value in fields.items() if name in ("steps", "body") and isinstance(value, list)}


def steps(fields):
    return [value for block_type, value in fields.get("steps", []) if block_type == "step"]


@pytest.mark.parametrize(("slug", "versions"), PAGES, ids=[slug for slug, _ in PAGES])
def test_every_page_has_the_french_fields_in_all_six_languages(slug, versions):
    assert sorted(versions) == sorted(LANGUAGES)
    french = set(versions["fr"]) | ({"title"} if slug == "home" else set())  # the home keeps its own French title
    for code in LANGUAGES[1:]:
        assert set(versions[code]) == french, code
        assert all(value not in ("", None, []) for value in versions[code].values()), code


@pytest.mark.parametrize(("slug", "versions"), PAGES, ids=[slug for slug, _ in PAGES])
def test_translations_keep_the_french_block_structure(slug, versions):
    french = {name: [block_type for block_type, _ in blocks] for name, blocks in streams(versions["fr"]).items()}
    for code in LANGUAGES[1:]:
        translated = {
            name: [block_type for block_type, _ in blocks] for name, blocks in streams(versions[code]).items()
        }
        assert translated == french, code


@pytest.mark.parametrize(("slug", "versions"), PAGES, ids=[slug for slug, _ in PAGES])
def test_guide_steps_keep_their_partners_documents_durations_and_costs(slug, versions):
    french = steps(versions["fr"])
    for code in LANGUAGES[1:]:
        translated = steps(versions[code])
        assert len(translated) == len(french), code
        for fr_step, step in zip(french, translated, strict=True):
            assert step["partners"] == fr_step["partners"], (code, step["title"])
            assert len(step["documents"]) == len(fr_step["documents"]), (code, step["title"])
            assert bool(step["duration"]) == bool(fr_step["duration"]), (code, step["title"])
            assert re.findall(r"\d+", step["cost"]) == re.findall(r"\d+", fr_step["cost"]), (code, step["title"])


def test_events_share_their_date_capacity_and_address_in_every_language():
    event = dict(PAGES)["seance-information-lancer-son-activite"]
    facts = {k: event["fr"][k] for k in ("starts_at", "ends_at", "capacity", "address")}
    for code in LANGUAGES[1:]:
        assert {k: event[code][k] for k in facts} == facts, code
