"""The printed dossier, read back with pypdf: sections and annexes in order, page numbers, bookmarks, links."""

import hashlib
import io
import re

import pytest
from django.core import mail
from pypdf import PdfReader, PdfWriter

from interlab.dossiers import services
from interlab.dossiers.models import BuildState
from interlab.dossiers.selectors import build_current, build_latest
from tests.dossiers.factories import pdf_bytes, png_bytes, text_pdf_bytes, upload
from tests.mailcheck import html_part

SECTIONS = [
    "Demande de carte professionnelle",
    "Table des matières",
    "1. Identité du demandeur",
    "2. Le projet et son marché",
    "3. Résumé du plan d'affaires",
    "4. Plan financier",
    "5. Intérêt pour la Région",
    "6. Pièces du dossier",
    "7. Signature",
    "Annexes",
]


def build(dossier, by):
    services.pdf_request(dossier=dossier, by=by)
    latest = build_latest(dossier)
    assert latest.state == BuildState.DONE, latest.error
    return latest


def read(build_row) -> PdfReader:
    with build_row.file.open("rb") as handle:
        return PdfReader(io.BytesIO(handle.read()))


def page_texts(reader) -> list[str]:
    return [page.extract_text() or "" for page in reader.pages]


def outline_titles(outline) -> list[str]:
    titles = []
    for entry in outline:
        if isinstance(entry, list):
            titles += outline_titles(entry)
        else:
            titles.append(entry.title)
    return titles


@pytest.fixture
def annexed(full_dossier, coach):
    """Two PDF annexes (2 and 3 pages, text inside) and one image, in that order."""
    services.annex_add(
        dossier=full_dossier, by=coach, uploaded=upload(text_pdf_bytes("PASSEPORT-TEXTE", 2)), title="Passeport"
    )
    services.annex_add(
        dossier=full_dossier, by=coach, uploaded=upload(text_pdf_bytes("DIPLOME-TEXTE", 3)), title="Diplôme CAP"
    )
    services.annex_add(
        dossier=full_dossier, by=coach, uploaded=upload(png_bytes(), "photo.png", "image/png"), title="Photo d'identité"
    )
    return full_dossier


def test_every_section_and_every_annex_is_in_the_text_in_order(annexed, coach):
    texts = page_texts(read(build(annexed, coach)))
    full = "\n".join(texts)
    body = full[full.index("Table des matières") :]
    positions = [body.find(title, 0 if i == 0 else None) for i, title in enumerate(SECTIONS[1:])]
    # Each heading first appears in the table of contents; after it, the sections follow in the same order.
    after_toc = "\n".join(texts[2:])
    section_positions = [after_toc.index(title) for title in SECTIONS[2:]]
    assert section_positions == sorted(section_positions)
    assert all(p >= 0 for p in positions)
    annex_positions = [
        after_toc.index(f"Annexe {n} — {t}") for n, t in ((1, "Passeport"), (2, "Diplôme CAP"), (3, "Photo d'identité"))
    ]
    assert annex_positions == sorted(annex_positions)
    assert "Amina" in full and "Traiteur" in full and "microStart" in full


def test_the_page_count_is_the_dossier_plus_every_annex_page(annexed, coach):
    row = build(annexed, coach)
    reader = read(row)
    texts = page_texts(reader)
    assert row.pages == len(reader.pages)
    separators = [i for i, t in enumerate(texts) if re.search(r"Annexe \d — ", t) and "page" in t and len(t) < 200]
    assert len(separators) == 3
    first, second, third = separators
    assert second - first == 1 + 2, "separator, then the 2 pages of the first annex"
    assert third - second == 1 + 3
    assert len(texts) - third == 1 + 1, "the image sits alone on the page after its separator"
    assert "PASSEPORT-TEXTE — 1" in texts[first + 1] and "PASSEPORT-TEXTE — 2" in texts[first + 2]
    assert "DIPLOME-TEXTE — 3" in texts[second + 3]
    assert "/XObject" in reader.pages[third + 1]["/Resources"]


def test_every_page_says_page_x_of_y(annexed, coach):
    texts = page_texts(read(build(annexed, coach)))
    total = len(texts)
    for number, text in enumerate(texts, start=1):
        assert f"page {number} / {total}" in text, f"page {number} lacks its footer"


def test_the_table_of_contents_gives_the_right_pages(annexed, coach):
    texts = page_texts(read(build(annexed, coach)))
    toc = texts[1]
    for title in ("4. Plan financier", "Annexe 2 — Diplôme CAP"):
        number = int(re.search(re.escape(title) + r"[ .]*?(\d+)\s*$", toc, re.M).group(1))
        assert title in texts[number - 1], f"{title} is not on page {number}"


def test_bookmarks_cover_sections_and_annexes(annexed, coach):
    titles = outline_titles(read(build(annexed, coach)).outline)
    for expected in (
        "1. Identité du demandeur",
        "4. Plan financier",
        "4.1 Besoins de démarrage et financement",
        "Annexes",
    ):
        assert expected in titles
    assert [t for t in titles if t.startswith("Annexe ")] == [
        "Annexe 1 — Passeport",
        "Annexe 2 — Diplôme CAP",
        "Annexe 3 — Photo d'identité",
    ]


def test_the_cover_and_contents_link_to_their_pages(annexed, coach):
    reader = read(build(annexed, coach))
    for page in reader.pages[:2]:
        links = [a.get_object() for a in page.get("/Annots", []) if a.get_object().get("/Subtype") == "/Link"]
        assert len(links) >= 8
        assert all("/Dest" in link or "/A" in link for link in links)


def test_the_cover_lists_every_document_numbered(annexed, coach):
    cover = page_texts(read(build(annexed, coach)))[0]
    assert "Liste des documents" in cover
    assert "Annexe 3 — Photo d'identité" in cover
    assert re.search(r"^10\.", cover, re.M), "ten numbered entries: seven sections and three annexes"


def test_financial_tables_show_the_computed_totals(full_dossier, coach):
    text = "\n".join(page_texts(read(build(full_dossier, coach))))
    assert "Total des besoins" in text and "7 500,50" in text.replace("\u202f", " ")
    assert "Le financement couvre exactement les besoins." in text
    assert "10 000,00" in text.replace("\u202f", " ")


def test_html_and_script_are_printed_as_text(full_dossier, coach):
    hostile = '<script>alert("x")</script><b>gras</b><img src=x onerror=alert(1)>'
    services.dossier_update(dossier=full_dossier, by=coach, market=hostile)
    text = "\n".join(page_texts(read(build(full_dossier, coach))))
    assert '<script>alert("x")</script><b>gras</b>' in text


def test_very_long_texts_flow_across_pages(full_dossier, coach):
    short = build(full_dossier, coach).pages
    words = " ".join(f"mot{n}" for n in range(1800))
    services.dossier_update(dossier=full_dossier, by=coach, business_plan=words + "\n" + "x" * 2000)
    row = build(full_dossier, coach)
    text = "\n".join(page_texts(read(row)))
    assert row.pages > short + 2
    assert "mot1799" in text


def test_a_rotated_landscape_annex_fits_on_its_page(full_dossier, coach):
    writer = PdfWriter()
    writer.add_blank_page(width=842, height=595)
    writer.pages[0].rotate(90)
    out = io.BytesIO()
    writer.write(out)
    services.annex_add(dossier=full_dossier, by=coach, uploaded=upload(out.getvalue()), title="Plan du local")
    row = build(full_dossier, coach)
    reader = read(row)
    assert all(round(float(p.mediabox.width)) == 595 for p in reader.pages)


def test_each_build_is_stored_with_its_checksum_and_a_snapshot(annexed, coach):
    row = build(annexed, coach)
    with row.file.open("rb") as handle:
        data = handle.read()
    assert row.sha256 == hashlib.sha256(data).hexdigest() and row.size == len(data)
    assert row.snapshot["applicant"]["first_name"] == "Amina"
    assert [a["title"] for a in row.snapshot["annexes"]] == ["Passeport", "Diplôme CAP", "Photo d'identité"]
    assert row.snapshot["finance"]["uses"][0]["label"] == "Matériel de cuisine"
    assert row.task_id


def test_a_failed_build_keeps_the_previous_pdf_and_tells_the_coach_why(annexed, coach):
    first = build(annexed, coach)
    annex = annexed.annexes.get(title="Passeport")
    annex.document.file.delete(save=False)
    mail.outbox.clear()
    services.pdf_request(dossier=annexed, by=coach)
    failed = build_latest(annexed)
    assert failed.state == BuildState.FAILED
    assert "Passeport" in failed.error
    assert build_current(annexed) == first
    assert first.file.storage.exists(first.file.name)
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [coach.email]
    assert "Passeport" in mail.outbox[0].body
    assert "Passeport" in html_part(mail.outbox[0])


def test_an_annex_changed_on_disk_fails_the_build(annexed, coach):
    annex = annexed.annexes.get(title="Passeport")
    with annex.document.file.storage.open(annex.document.file.name, "wb") as handle:
        handle.write(pdf_bytes(2))
    services.pdf_request(dossier=annexed, by=coach)
    assert build_latest(annexed).state == BuildState.FAILED
    assert build_current(annexed) is None


def test_a_second_click_while_a_build_waits_reuses_it(full_dossier, coach, settings):
    settings.Q_CLUSTER = {**settings.Q_CLUSTER, "sync": False}
    from unittest import mock

    with mock.patch("django_q.tasks.async_task", return_value="t1") as enqueue:
        first = services.pdf_request(dossier=full_dossier, by=coach)
        second = services.pdf_request(dossier=full_dossier, by=coach)
    assert first.pk == second.pk and enqueue.call_count == 1


def _queued(dossier, coach, settings):
    from unittest import mock

    settings.Q_CLUSTER = {**settings.Q_CLUSTER, "sync": False}
    with mock.patch("django_q.tasks.async_task", return_value="t1"):
        return services.pdf_request(dossier=dossier, by=coach)


def test_the_build_task_queued_twice_builds_once(full_dossier, coach, settings):
    from interlab.dossiers import pdf
    from interlab.dossiers.models import DossierBuild

    queued = _queued(full_dossier, coach, settings)
    first = pdf.build_run(queued.pk)
    done = DossierBuild.objects.get(pk=queued.pk)
    second = pdf.build_run(queued.pk)
    assert first["state"] == "done" and second == {"build": queued.pk, "state": "done", "skipped": True}
    again = DossierBuild.objects.get(pk=queued.pk)
    assert (again.file.name, again.sha256, again.finished_at) == (done.file.name, done.sha256, done.finished_at)
    stored = list(done.file.storage.listdir(f"dossiers/{full_dossier.pk}")[1])
    assert stored == [done.file.name.rsplit("/", 1)[1]], "one file, not two"


def test_a_build_another_worker_is_running_is_left_to_it(full_dossier, coach, settings):
    from django.utils import timezone

    from interlab.dossiers import pdf
    from interlab.dossiers.models import DossierBuild

    queued = _queued(full_dossier, coach, settings)
    DossierBuild.objects.filter(pk=queued.pk).update(state=BuildState.RUNNING, started_at=timezone.now())
    assert pdf.build_run(queued.pk)["skipped"] is True
    row = DossierBuild.objects.get(pk=queued.pk)
    assert row.state == BuildState.RUNNING and not row.file


def test_a_build_abandoned_by_a_dead_worker_is_taken_over(full_dossier, coach, settings):
    from datetime import timedelta

    from django.utils import timezone

    from interlab.dossiers import pdf
    from interlab.dossiers.models import DossierBuild

    queued = _queued(full_dossier, coach, settings)
    DossierBuild.objects.filter(pk=queued.pk).update(
        state=BuildState.RUNNING, started_at=timezone.now() - pdf.STALE_RUNNING - timedelta(minutes=1)
    )
    assert pdf.build_run(queued.pk)["state"] == "done"
    assert DossierBuild.objects.get(pk=queued.pk).file


def test_a_failed_build_queued_again_stays_failed_and_the_pdf_stays(annexed, coach):
    from interlab.dossiers import pdf

    first = build(annexed, coach)
    annexed.annexes.get(title="Passeport").document.file.delete(save=False)
    services.pdf_request(dossier=annexed, by=coach)
    failed = build_latest(annexed)
    assert failed.state == BuildState.FAILED
    assert pdf.build_run(failed.pk)["skipped"] is True
    assert build_current(annexed) == first and first.file.storage.exists(first.file.name)
