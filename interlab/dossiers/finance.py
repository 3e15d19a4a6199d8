"""The financial plan: start-up needs and their financing, a 3-year forecast, and the totals computed from them.

Amounts are kept as strings of exact decimals in the dossier's JSON (no float rounding in a sum a
microcredit committee will check); every total is computed here, never typed.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from interlab.core import money

MAX_AMOUNT = Decimal("1000000000")
MAX_ROWS = 30
YEARS = 3


class SourceKind(models.TextChoices):
    OWN_FUNDS = "own_funds", _("own funds")
    MICROCREDIT = "microcredit", _("microcredit")
    LOAN = "loan", _("bank loan")
    GRANT = "grant", _("grant or subsidy")
    OTHER = "other", _("other")


FORECAST_FIELDS = ("revenue", "costs", "founder_income")


def empty() -> dict:
    return {"uses": [], "sources": [], "forecast": []}


def parse_amount(value, *, where: str, allow_negative: bool = False) -> Decimal:
    """A money amount from a number or a string as people type it ("1 250,50", "1.250,50", "1250.50"); empty is
    zero. Ambiguous input ("1.250": thousands or cents?) is refused with a message, never guessed."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return Decimal(0)
    try:
        return money.parse_amount(value, allow_negative=allow_negative, limit=MAX_AMOUNT)
    except ValidationError as exc:
        raise ValidationError({where: exc.error_list}) from None


def _label(value, *, where: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str | int | float):
        raise ValidationError({where: _("Give a short text.")})
    text = str(value).strip()
    if "\x00" in text:
        raise ValidationError({where: _("Text cannot contain NUL characters.")})
    if len(text) > 200:
        raise ValidationError({where: _("Keep this under 200 characters.")})
    return text


def normalise(data) -> dict:
    """Validate a financial plan as sent by a form or the API; empty rows are dropped. Raises ValidationError."""
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ValidationError({"finance": _("The financial plan must be an object with uses, sources and forecast.")})
    uses, sources, forecast = data.get("uses") or [], data.get("sources") or [], data.get("forecast") or []
    if not all(isinstance(x, list) for x in (uses, sources, forecast)):
        raise ValidationError({"finance": _("Uses, sources and forecast are lists.")})
    if len(uses) > MAX_ROWS or len(sources) > MAX_ROWS:
        raise ValidationError({"finance": _("At most %(n)s lines per table.") % {"n": MAX_ROWS}})
    out: dict = {"uses": [], "sources": [], "forecast": []}
    for i, row in enumerate(uses):
        if not isinstance(row, dict):
            raise ValidationError({f"finance.uses.{i}": _("Each line has a label and an amount.")})
        label = _label(row.get("label"), where=f"finance.uses.{i}.label")
        amount = parse_amount(row.get("amount"), where=f"finance.uses.{i}.amount")
        if not label and not amount:
            continue
        if not label:
            raise ValidationError({f"finance.uses.{i}.label": _("Say what this amount is for.")})
        out["uses"].append({"label": label, "amount": str(amount)})
    for i, row in enumerate(sources):
        if not isinstance(row, dict):
            raise ValidationError({f"finance.sources.{i}": _("Each line has a kind, a label and an amount.")})
        label = _label(row.get("label"), where=f"finance.sources.{i}.label")
        amount = parse_amount(row.get("amount"), where=f"finance.sources.{i}.amount")
        kind = row.get("kind") or SourceKind.OTHER
        if not label and not amount:
            continue
        if kind not in SourceKind.values:
            raise ValidationError(
                {f"finance.sources.{i}.kind": _("Choose own funds, microcredit, loan, grant or other.")}
            )
        out["sources"].append({"kind": kind, "label": label, "amount": str(amount)})
    if len(forecast) > YEARS:
        raise ValidationError({"finance.forecast": _("The forecast covers 3 years.")})
    for i, row in enumerate(forecast):
        if not isinstance(row, dict):
            raise ValidationError(
                {f"finance.forecast.{i}": _("Each year has revenue, costs and the founder's income.")}
            )
        year = {"year": i + 1}
        for name in FORECAST_FIELDS:
            year[name] = str(parse_amount(row.get(name), where=f"finance.forecast.{i}.{name}"))
        out["forecast"].append(year)
    return out


@dataclass
class Totals:
    uses: list[dict] = field(default_factory=list)
    sources: list[dict] = field(default_factory=list)
    uses_total: Decimal = Decimal(0)
    sources_total: Decimal = Decimal(0)
    by_kind: list[tuple[str, str, Decimal]] = field(default_factory=list)
    forecast: list[dict] = field(default_factory=list)

    @property
    def gap(self) -> Decimal:
        """Positive: needs not yet financed; negative: more financing than needs."""
        return self.uses_total - self.sources_total

    @property
    def balanced(self) -> bool:
        return self.uses_total > 0 and self.gap == 0

    @property
    def is_empty(self) -> bool:
        return (
            not self.uses
            and not self.sources
            and not any(Decimal(y[n]) for y in self.forecast for n in FORECAST_FIELDS)
        )

    def as_json(self) -> dict:
        return {
            "uses_total": str(self.uses_total),
            "sources_total": str(self.sources_total),
            "gap": str(self.gap),
            "balanced": self.balanced,
            "sources_by_kind": {kind: str(amount) for kind, _label, amount in self.by_kind},
            "forecast": [{k: (str(v) if isinstance(v, Decimal) else v) for k, v in y.items()} for y in self.forecast],
        }


def totals(finance: dict | None) -> Totals:
    """Every computed figure of the plan: totals, financing by kind, each year's result (revenue − costs − pay)."""
    finance = finance if isinstance(finance, dict) else {}
    result = Totals()
    result.uses = [{**r, "amount": Decimal(r["amount"])} for r in finance.get("uses") or []]
    result.sources = [{**r, "amount": Decimal(r["amount"])} for r in finance.get("sources") or []]
    result.uses_total = sum((r["amount"] for r in result.uses), Decimal(0))
    result.sources_total = sum((r["amount"] for r in result.sources), Decimal(0))
    labels = dict(SourceKind.choices)
    for kind in SourceKind.values:
        amount = sum((r["amount"] for r in result.sources if r["kind"] == kind), Decimal(0))
        if amount:
            result.by_kind.append((kind, str(labels[kind]), amount))
    years = {y.get("year"): y for y in finance.get("forecast") or []}
    for year in range(1, YEARS + 1):
        row = years.get(year, {})
        values = {name: Decimal(row.get(name) or 0) for name in FORECAST_FIELDS}
        values["result"] = values["revenue"] - values["costs"] - values["founder_income"]
        result.forecast.append({"year": year, **values})
    return result
