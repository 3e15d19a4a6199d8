"""The checklist of one dossier, computed from the rules (editable data) and the items' states."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from .models import ChecklistRule, Dossier, DossierItem, Evidence, ItemState


@dataclass
class Line:
    rule: ChecklistRule
    state: str
    document_date: date | None
    note: str
    annexes: list
    expires_on: date | None

    @property
    def key(self) -> str:
        return self.rule.key

    @property
    def label(self) -> str:
        return self.rule.display_label()

    def get_state_display(self) -> str:
        return str(ItemState(self.state).label)

    @property
    def needed(self) -> bool:
        return self.rule.needed and self.state != ItemState.NOT_APPLICABLE

    @property
    def expired(self) -> bool:
        return self.expires_on is not None and self.expires_on < timezone.localdate()

    @property
    def satisfied(self) -> bool:
        if self.state == ItemState.NOT_APPLICABLE:
            return True
        if self.state not in (ItemState.PROVIDED, ItemState.VERIFIED) or self.expired:
            return False
        # The date is what proves freshness; for a fact-only item it is all there is.
        return not ((self.rule.max_age_days or self.rule.evidence == Evidence.FACT_ONLY) and not self.document_date)

    def as_json(self) -> dict:
        return {
            "key": self.key,
            "label": self.label,
            "state": self.state,
            "required": self.rule.needed,
            "requirement": self.rule.requirement,
            "satisfied": self.satisfied,
            "document_date": self.document_date,
            "expires_on": self.expires_on,
            "expired": self.expired,
            "annexes": [a.pk for a in self.annexes],
        }


def rules_for(dossier: Dossier) -> list[ChecklistRule]:
    rules = ChecklistRule.objects.filter(active=True).order_by("order", "id")
    return [r for r in rules if dossier.regulated or not r.regulated_only]


def checklist(dossier: Dossier) -> list[Line]:
    items = {i.rule_id: i for i in DossierItem.objects.filter(dossier=dossier)}
    annexes: dict[int | None, list] = {}
    for annex in dossier.annexes.all():
        annexes.setdefault(annex.rule_id, []).append(annex)
    lines = []
    for rule in rules_for(dossier):
        item = items.get(rule.pk)
        document_date = item.document_date if item else None
        expires_on = document_date + timedelta(days=rule.max_age_days) if document_date and rule.max_age_days else None
        lines.append(
            Line(
                rule=rule,
                state=item.state if item else ItemState.MISSING,
                document_date=document_date,
                note=item.note if item else "",
                annexes=annexes.get(rule.pk, []),
                expires_on=expires_on,
            )
        )
    return lines


def is_ready(lines: list[Line]) -> bool:
    """Ready only when every needed item is provided or verified (and still fresh)."""
    return all(line.satisfied for line in lines if line.needed)


def missing(lines: list[Line]) -> list[Line]:
    return [line for line in lines if line.needed and not line.satisfied]
