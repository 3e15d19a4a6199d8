"""The demo entrepreneur has a dossier in progress; seeding twice adds nothing."""

from interlab.core.demo import seed_demo
from interlab.dossiers.checklist import checklist
from interlab.dossiers.models import Dossier, ItemState


def test_the_demo_entrepreneur_has_a_dossier_in_progress(db):
    seed_demo()
    seed_demo()
    dossier = Dossier.objects.get(project__entrepreneur__user__username="entrepreneur")
    states = {line.key: line.state for line in checklist(dossier)}
    assert dossier.status == "draft" and dossier.eligibility == "needed"
    assert states["identity"] == ItemState.VERIFIED and states["cv"] == ItemState.PROVIDED
    assert ItemState.MISSING in states.values()
    assert dossier.annexes.count() == 1 and dossier.finance["uses"]
    assert Dossier.objects.count() == 1
