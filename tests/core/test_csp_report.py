"""Browsers report what the Content-Security-Policy blocked; the report is logged without query strings."""

import json
import logging

import pytest

pytestmark = pytest.mark.django_db

URL = "/csp-report/"


def report(**fields):
    return json.dumps({"csp-report": fields})


def test_the_policy_tells_browsers_where_to_report(client):
    assert "report-uri /csp-report/" in client.get("/login/")["Content-Security-Policy"]


def test_a_violation_is_logged_without_the_search_terms_of_the_page(client, caplog):
    body = report(
        **{
            "document-uri": "https://interlab.example.org/app/entrepreneurs/?q=Amina+Diallo",
            "effective-directive": "script-src-elem",
            "blocked-uri": "https://evil.example/x.js?session=abc",
        }
    )
    with caplog.at_level(logging.WARNING, logger="interlab.csp"):
        response = client.post(URL, body, content_type="application/csp-report")
    assert response.status_code == 204
    assert "script-src-elem blocked https://evil.example/x.js on https://interlab.example.org/app/entrepreneurs/" in (
        caplog.text
    )
    assert "Amina" not in caplog.text and "session" not in caplog.text


def test_a_report_cannot_write_lines_of_its_own_into_the_log(client, caplog):
    """Every field of a report is written by whoever posts it: a new line in one would forge a log line."""
    forged = "\nCRITICAL interlab.audit personal data export: user=1"
    body = report(
        **{
            "document-uri": "https://interlab.example.org/app/" + forged,
            "effective-directive": "script-src" + forged,
            "blocked-uri": "inline" + forged,
        }
    )
    with caplog.at_level(logging.WARNING, logger="interlab.csp"):
        assert client.post(URL, body, content_type="application/csp-report").status_code == 204
    [record] = caplog.records
    message = record.getMessage()
    assert "\n" not in message and "\r" not in message
    assert message.startswith("CSP violation: script-src")


@pytest.mark.parametrize("body", ["not json", "[1, 2]", json.dumps({"csp-report": "text"})])
def test_a_malformed_report_is_a_400(client, body):
    assert client.post(URL, body, content_type="application/csp-report").status_code == 400


def test_an_oversized_report_is_refused(client):
    body = report(**{"document-uri": "https://x.example/", "blocked-uri": "inline", "sample": "x" * 20_000})
    assert client.post(URL, body, content_type="application/csp-report").status_code == 413


def test_only_post_is_accepted(client):
    assert client.get(URL).status_code == 405
