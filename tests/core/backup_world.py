"""Run in a subprocess by test_backup_restore: `python -m tests.core.backup_world seed|figures`.

Uses whatever database and folders the environment names (DATABASE_URL, INTERLAB_VAR_DIR), so the same
code seeds the source and reads the figures of the source and of the restored copy.
"""

import hashlib
import json
import sys

import django


def seed() -> dict:
    """The demo world (people, stages, launches, follow-ups, financing, bookings, a dossier), a document, a media file."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from django.core.files.uploadedfile import SimpleUploadedFile

    from interlab.core.demo import seed_demo
    from interlab.crm import services
    from interlab.crm.models import Entrepreneur
    from interlab.dossiers.models import DossierBuild
    from tests.dossiers.factories import text_pdf_bytes

    result = seed_demo()
    person = Entrepreneur.objects.order_by("pk").first()
    services.document_upload(
        entrepreneur=person, by=None, uploaded=SimpleUploadedFile("b.pdf", text_pdf_bytes("SAUVEGARDE", 1))
    )
    default_storage.save("documents/programme.txt", ContentFile(b"Programme 2026"))
    result["builds"] = DossierBuild.objects.count()
    return result


def figures() -> dict:
    """The admin's impact figures (minus the moment they were computed) and every private file's checksum."""
    from django.core.files.storage import storages

    from interlab.core.backup import stored_names
    from interlab.core.models import User
    from interlab.crm.models import Document
    from interlab.dossiers.models import DossierBuild
    from interlab.impact.selectors import scope_for
    from interlab.impact.services import summary

    admin = User.objects.get(username="admin")
    data = summary(admin, scope_for(admin))
    data.pop("generated_at")
    files = {}
    for field_file in [d.file for d in Document.objects.all()] + [b.file for b in DossierBuild.objects.all()]:
        if field_file:
            with field_file.open("rb") as handle:
                files[field_file.name] = hashlib.sha256(handle.read()).hexdigest()
    stored = {}
    for alias in ("default", "private"):
        storage = storages[alias]
        for name in stored_names(storage):
            with storage.open(name, "rb") as handle:
                stored[f"{alias}:{name}"] = hashlib.sha256(handle.read()).hexdigest()
    return {"impact": data, "private_files": files, "stored": stored}


if __name__ == "__main__":
    django.setup()
    action = {"seed": seed, "figures": figures}[sys.argv[1]]
    print(json.dumps(action(), default=str, sort_keys=True))
