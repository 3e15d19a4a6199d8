"""The dossier pages: list, wizard, dossier page, content forms, finance preview, items, status, PDF progress."""

import pytest
from django.urls import reverse

from interlab.core.models import SensitiveRead
from interlab.crm.models import SensitiveProfile
from interlab.dossiers import services
from interlab.dossiers.models import DossierBuild, ItemState, Status


@pytest.fixture
def owner_client(client, entrepreneur_user):
    client.force_login(entrepreneur_user)
    return client


def test_the_list_shows_the_owner_their_dossier(owner_client, dossier):
    response = owner_client.get(reverse("dossiers:list"))
    assert response.status_code == 200
    assert f'data-dossier="{dossier.pk}"'.encode() in response.content


def test_the_nav_link_shows_for_coach_and_entrepreneur_only(client, coach, funder, person):
    client.force_login(coach)
    assert b'data-nav="dossiers"' in client.get(reverse("dossiers:list")).content
    client.force_login(funder)
    assert client.get(reverse("dossiers:list")).status_code == 403


def test_the_dossier_page_shows_checklist_content_status_and_pdf(owner_client, dossier):
    response = owner_client.get(dossier.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    for marker in (
        'data-item="identity"',
        'id="content-finance"',
        'id="status"',
        'data-action="build-pdf"',
        'data-eligibility="needed"',
    ):
        assert marker in html


@pytest.mark.parametrize("who", ["other_entrepreneur_user", "mentor", "funder", "partner_user"])
def test_others_get_404_on_the_dossier_pages(request, client, dossier, who):
    client.force_login(request.getfixturevalue(who))
    for url in (
        dossier.get_absolute_url(),
        reverse("dossiers:section", args=[dossier.pk, "finance"]),
        reverse("dossiers:pdf_status", args=[dossier.pk]),
        reverse("dossiers:pdf_download", args=[dossier.pk]),
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("dossiers:pdf_build", args=[dossier.pk])).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, dossier):
    assert client.get(dossier.get_absolute_url()).status_code == 302


def test_html_in_content_is_escaped_on_the_page(owner_client, dossier, entrepreneur_user):
    services.dossier_update(dossier=dossier, by=entrepreneur_user, project_summary="<script>alert(1)</script>")
    html = owner_client.get(dossier.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html


def test_a_content_section_is_saved(owner_client, dossier):
    url = reverse("dossiers:section", args=[dossier.pk, "interest"])
    assert owner_client.get(url).status_code == 200
    response = owner_client.post(
        url, {"jobs_planned": "3", "interest_jobs": "Trois emplois", "interest_innovation": ""}
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.jobs_planned == 3 and dossier.interest == {"jobs": "Trois emplois"}


def test_an_unknown_section_is_404(owner_client, dossier):
    assert owner_client.get(reverse("dossiers:section", args=[dossier.pk, "weather"])).status_code == 404


def finance_post(uses, sources, forecast=()):
    data = {}
    for i, (label, amount) in enumerate(uses):
        data[f"use_label_{i}"], data[f"use_amount_{i}"] = label, amount
    for i, (kind, label, amount) in enumerate(sources):
        data[f"source_kind_{i}"], data[f"source_label_{i}"], data[f"source_amount_{i}"] = kind, label, amount
    for year, (revenue, costs, pay) in enumerate(forecast, start=1):
        data.update({f"y{year}_revenue": revenue, f"y{year}_costs": costs, f"y{year}_founder_income": pay})
    return data


def test_the_finance_form_saves_and_the_page_shows_totals(owner_client, dossier):
    url = reverse("dossiers:section", args=[dossier.pk, "finance"])
    assert owner_client.get(url).status_code == 200
    data = finance_post(
        [("Four", "3 000"), ("Stock", "1000,50")],
        [("own_funds", "Épargne", "1000.50"), ("microcredit", "microStart", "3000")],
        [("30000", "20000", "8000")],
    )
    assert owner_client.post(url, data).status_code == 302
    dossier.refresh_from_db()
    assert dossier.finance["uses"][1] == {"label": "Stock", "amount": "1000.50"}
    html = owner_client.get(dossier.get_absolute_url()).content.decode()
    assert "4\u202f000,50" in html


def test_the_finance_preview_computes_totals_as_you_type(owner_client, dossier):
    url = reverse("dossiers:finance_preview", args=[dossier.pk])
    html = owner_client.post(
        url, finance_post([("Four", "3000")], [("loan", "Banque", "1000")], [("10", "5", "1")])
    ).content.decode()
    assert 'data-total="uses">3\u202f000,00' in html and 'data-balanced="no"' in html
    assert 'data-result="1">4,00' in html
    bad = owner_client.post(url, finance_post([("Four", "trois mille")], []))
    assert bad.status_code == 200 and b'role="alert"' in bad.content


def test_an_amount_beyond_the_decimal_context_is_a_message_not_a_500(owner_client, dossier):
    preview = reverse("dossiers:finance_preview", args=[dossier.pk])
    response = owner_client.post(preview, finance_post([("Four", "1e999999999")], []))
    assert response.status_code == 200 and b'role="alert"' in response.content
    page = reverse("dossiers:section", args=[dossier.pk, "finance"])
    response = owner_client.post(page, finance_post([("Four", "1e999999999")], []))
    assert response.status_code == 422
    dossier.refresh_from_db()
    assert dossier.finance["uses"] == []


def test_a_bad_eligibility_answer_is_a_422_with_the_form(owner_client, dossier):
    response = owner_client.post(reverse("dossiers:eligibility", args=[dossier.pk]), {"answer": "martian"})
    assert response.status_code == 422


def test_bad_amounts_keep_the_form_with_a_message(owner_client, dossier):
    url = reverse("dossiers:section", args=[dossier.pk, "finance"])
    response = owner_client.post(url, finance_post([("Four", "-5")], []))
    assert response.status_code == 422
    dossier.refresh_from_db()
    assert dossier.finance["uses"] == []


def test_the_finance_form_reads_the_formats_a_belgian_user_types(owner_client, dossier):
    url = reverse("dossiers:section", args=[dossier.pk, "finance"])
    data = finance_post(
        [("Four", "1.250,50"), ("Stock", "1\u202f250,50\u00a0€"), ("Site", "1250.50")],
        [("own_funds", "Épargne", "€ 3 751,50")],
        [("30 000", "20.000,00", "1,000.00")],
    )
    assert owner_client.post(url, data).status_code == 302
    dossier.refresh_from_db()
    assert [row["amount"] for row in dossier.finance["uses"]] == ["1250.50", "1250.50", "1250.50"]
    assert dossier.finance["sources"][0]["amount"] == "3751.50"
    assert dossier.finance["forecast"][0] == {
        "year": 1,
        "revenue": "30000.00",
        "costs": "20000.00",
        "founder_income": "1000.00",
    }


def test_an_ambiguous_amount_is_said_beside_its_box_kept_and_nothing_is_saved(owner_client, dossier):
    url = reverse("dossiers:section", args=[dossier.pk, "finance"])
    data = finance_post([("Four", "1.250")], [("own_funds", "Épargne", "1,250")], [("30 000", "7.500", "")])

    response = owner_client.post(url, data, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 422
    html = response.content.decode()
    for field, typed, hint in (
        ("use_amount_0", "1.250", "Write 1250, or 1.25."),
        ("source_amount_0", "1,250", "Write 1250, or 1.25."),
        ("y1_costs", "7.500", "Write 7500, or 7.50."),
    ):
        assert f'value="{typed}"' in html  # what was typed stays in the box
        error = html.split(f'id="id_{field}_error">', 1)[1].split("</p>", 1)[0]
        assert "is ambiguous" in error and hint in error, error
        assert f'aria-describedby="id_{field}_error"' in html
    dossier.refresh_from_db()
    assert dossier.finance == {"uses": [], "sources": [], "forecast": []}


def test_a_line_without_a_label_is_said_beside_its_label(owner_client, dossier):
    url = reverse("dossiers:section", args=[dossier.pk, "finance"])
    response = owner_client.post(url, finance_post([("", "100")], []), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422
    assert 'id="id_use_label_0_error">Say what this amount is for.' in response.content.decode()


def test_the_preview_says_which_amount_is_ambiguous(owner_client, dossier):
    url = reverse("dossiers:finance_preview", args=[dossier.pk])
    html = owner_client.post(url, finance_post([("Four", "1.250")], []), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'role="alert"' in html and "“1.250” is ambiguous" in html


def test_the_owner_updates_an_item_from_the_page(owner_client, dossier):
    response = owner_client.post(
        reverse("dossiers:item", args=[dossier.pk, "cv"]), {"item-cv-state": "provided", "item-cv-note": "envoyé"}
    )
    assert response.status_code == 302
    assert dossier.items.get(rule__key="cv").state == ItemState.PROVIDED


def test_the_owner_cannot_verify_from_the_page(owner_client, dossier):
    owner_client.post(reverse("dossiers:item", args=[dossier.pk, "cv"]), {"item-cv-state": "verified"})
    assert not dossier.items.filter(state=ItemState.VERIFIED).exists()


def test_a_coach_changes_the_status_from_the_page(client, coach, full_dossier):
    client.force_login(coach)
    client.post(reverse("dossiers:status", args=[full_dossier.pk]), {"to": "ready"})
    client.post(reverse("dossiers:status", args=[full_dossier.pk]), {"to": "submitted", "guichet": "UCM"})
    full_dossier.refresh_from_db()
    assert full_dossier.status == Status.SUBMITTED and full_dossier.guichet == "UCM"


def test_a_refused_status_change_is_explained(client, coach, dossier):
    client.force_login(coach)
    response = client.post(reverse("dossiers:status", args=[dossier.pk]), {"to": "ready"}, follow=True)
    assert b"Missing" in response.content or b"Manquant" in response.content


def test_the_pdf_button_builds_and_the_panel_shows_the_download(client, coach, full_dossier):
    client.force_login(coach)
    response = client.post(reverse("dossiers:pdf_build", args=[full_dossier.pk]), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200 and 'data-pdf-state="done"' in html and 'data-action="download-pdf"' in html
    download = client.get(reverse("dossiers:pdf_download", args=[full_dossier.pk]))
    assert download["Content-Type"] == "application/pdf"


def test_a_waiting_build_polls_for_progress(client, coach, full_dossier):
    DossierBuild.objects.create(dossier=full_dossier, requested_by=coach, state="running", step="rendering")
    client.force_login(coach)
    html = client.get(reverse("dossiers:pdf_status", args=[full_dossier.pk])).content.decode()
    assert 'data-hx-trigger="every 1s"' in html and 'data-pdf-state="running"' in html and "<progress" in html


def test_a_failed_build_is_explained_on_the_page(client, coach, full_dossier):
    DossierBuild.objects.create(
        dossier=full_dossier, requested_by=coach, state="failed", error="L'annexe « CV » est absente."
    )
    client.force_login(coach)
    html = client.get(full_dossier.get_absolute_url()).content.decode()
    assert "data-pdf-error" in html and "absente" in html


def test_the_page_shows_the_residence_end_date_and_logs_the_read(owner_client, dossier, entrepreneur_user):
    SensitiveProfile.objects.create(entrepreneur=dossier.project.entrepreneur, residence_valid_until="2026-12-01")
    html = owner_client.get(dossier.get_absolute_url()).content.decode()
    assert "data-residence" in html
    assert SensitiveRead.objects.filter(user=entrepreneur_user, context="page:dossier_detail").count() == 1


def test_the_pages_are_right_to_left_safe(client, coach, dossier):
    client.force_login(coach)
    client.post(reverse("set_language"), {"language": "ar", "next": "/"})
    html = client.get(dossier.get_absolute_url()).content.decode()
    assert 'dir="rtl"' in html and "<bdi>" in html


@pytest.mark.parametrize("who", ["other_entrepreneur_user", "mentor", "funder", "partner_user"])
def test_others_get_404_on_the_checklist_annexes_and_status(request, client, dossier, entrepreneur_user, who):
    from tests.dossiers.factories import pdf_bytes, upload

    annex = services.annex_add(dossier=dossier, by=entrepreneur_user, uploaded=upload(pdf_bytes(1)), title="Passeport")
    client.force_login(request.getfixturevalue(who))
    pk = dossier.pk
    gets = [
        reverse("dossiers:annex_upload", args=[pk]),
        reverse("dossiers:eligibility", args=[pk]),
        reverse("dossiers:section", args=[pk, "project"]),
        reverse("crm:document_download", args=[annex.document_id]),
    ]
    for url in gets:
        assert client.get(url).status_code == 404, url
    posts = [
        (reverse("dossiers:item", args=[pk, "identity"]), {"item-identity-state": "missing"}),
        (reverse("dossiers:annex_upload", args=[pk]), {"file": upload(pdf_bytes(1))}),
        (reverse("dossiers:annex_delete", args=[pk, annex.pk]), {}),
        (reverse("dossiers:status", args=[pk]), {"to": "ready"}),
        (reverse("dossiers:finance_preview", args=[pk]), {}),
        (reverse("dossiers:eligibility", args=[pk]), {"answer": "none"}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 404, url
    assert dossier.annexes.count() == 1
