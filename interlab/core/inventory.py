"""The data inventory: every field holding personal data, with its purpose, who may see it and how long it stays.

Each app declares its own fields in its `personal_data.py` module (PERSONAL_DATA, NOT_PERSONAL), found through
the app registry (interlab.core.interfaces); the page is
built from those declarations and the models' own verbose names, and tests/core/test_inventory.py fails when a
model gains a personal-looking field nobody declared, or a declared field disappears. A library's table we cannot
edit gets its words from the declaring app's LABELS ("app", "app.Model" or "app.Model.field" → a lazy translation).
"""

import re
from dataclasses import dataclass

from django.apps import apps
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from . import interfaces
from .models import RetentionRule, RetentionUnit, Role, retention_action_choices

SELF = "self"
AUDIENCE_LABELS = {SELF: _("the person themselves"), **dict(Role.choices)}

# Who may see: the usual audiences.
STAFF = (Role.ADMIN, Role.COACH)
STAFF_AND_SELF = (Role.ADMIN, Role.COACH, SELF)
ADMIN_ONLY = (Role.ADMIN,)

# Purposes used by several apps.
PURPOSE_IDENTITY = _("know and reach the person accompanied")
PURPOSE_ACCOUNT = _("log in and use InterLab")
PURPOSE_AUTHOR = _("accountability: which staff member or user did it")
PURPOSE_PATH = _("follow and support the person's path")
PURPOSE_FIGURES = _("anonymous figures for funders (never shown below five people)")
PURPOSE_SECURITY = _("security: stop password guessing")
PURPOSE_AUDIT = _("show who read sensitive data")
PURPOSE_MENTORING = _("propose and follow mentoring pairs")
PURPOSE_BOOKING = _("book rooms and desks of the tiers-lieu")
PURPOSE_DOSSIER = _("prepare the professional-card dossier")
PURPOSE_EVENTS = _("welcome people registered to an event")
PURPOSE_PUBLIC = _("published on the public site with the person's agreement")

# Retention sentences for data no rule covers; a RetentionAction value instead points at the live rule.
KEPT_WITH_FILE = _("as long as the file; anonymised with it")
KEPT_WITH_ACCOUNT = _("as long as the account; removed when the person's file is erased")
KEPT_WHILE_ACTIVE = _("while the mentor or member takes part; blanked on an erasure request")
KEPT_AS_AUTHOR = _("as long as the record; the author's account can be deactivated")
KEPT_BY_EDITORS = _("until the editors unpublish it")


@dataclass(frozen=True)
class PersonalField:
    """One declared field: `model` is "app_label.ModelName", `retention` a RetentionAction value or a sentence."""

    model: str
    field: str
    purpose: Promise | str
    seen_by: tuple[str, ...]
    retention: Promise | str
    sensitive: bool = False

    @property
    def key(self) -> str:
        return f"{self.model}.{self.field}"


def personal(
    model: str,
    fields: str,
    *,
    purpose: Promise | str,
    seen_by: tuple[str, ...],
    retention: Promise | str,
    sensitive: bool = False,
) -> list[PersonalField]:
    """Declare several fields of one model that share purpose, audience and retention (space-separated)."""
    return [PersonalField(model, name, purpose, tuple(seen_by), retention, sensitive) for name in fields.split()]


def labels() -> dict[str, Promise | str]:
    """Words for apps and for the tables of libraries (allauth...) whose verbose names are missing or say too little."""
    found: dict[str, Promise | str] = {}
    for _config, module in interfaces.app_modules("personal_data"):
        found.update(getattr(module, "LABELS", {}))
    return found


def declarations() -> tuple[list[PersonalField], dict[str, str]]:
    """Every app's declarations: the personal fields, and what is declared not personal (with the reason)."""
    fields: list[PersonalField] = []
    not_personal: dict[str, str] = {}
    for _config, module in interfaces.app_modules("personal_data"):
        for item in getattr(module, "PERSONAL_DATA", []):
            fields.extend(item if isinstance(item, list) else [item])
        not_personal.update(getattr(module, "NOT_PERSONAL", {}))
    return fields, not_personal


# --- what "looks personal" -----------------------------------------------------------------------------------

PERSONAL_NAME = re.compile(
    r"name|mail|phone|birth|address|gender|nation|origin|residence|country|commune|(^|_)ip(_|$)|note|comment"
    r"|reason|question|quote|person|skill|expertise|language|title|purpose|summary|description|card|story"
    r"|message|text|level|plan|market|interest|finance|rows|snapshot|error|token|search"
)
FREE_OR_FILE = (models.TextField, models.EmailField, models.GenericIPAddressField, models.FileField, models.JSONField)


def model_key(model) -> str:
    return f"{model._meta.app_label}.{model.__name__}"


def person_models() -> set[str]:
    """The models that stand for a person, as each app declares it (`personal_data.PERSON_MODEL`)."""
    return {
        module.PERSON_MODEL
        for _config, module in interfaces.app_modules("personal_data")
        if getattr(module, "PERSON_MODEL", None)
    }


def points_at_a_person(field) -> bool:
    return bool(field.is_relation and field.related_model and model_key(field.related_model) in person_models())


def looks_personal(field) -> bool:
    """A field the inventory must account for: a link to a person, free text, a file, or a telling name."""
    if field.primary_key:
        return False
    if points_at_a_person(field):
        return True
    if field.is_relation:
        return False
    return isinstance(field, FREE_OR_FILE) or bool(PERSONAL_NAME.search(field.name))


def inventory_models() -> list:
    """Concrete models of the apps that have a data-protection interface (personal_data.py), in app order."""
    found = []
    for config, _module in interfaces.app_modules("personal_data"):
        for model in config.get_models():
            if not model._meta.abstract and not model._meta.proxy:
                found.append(model)
    return found


def own_fields(model) -> list:
    """A model's own fields (a Wagtail page's inherited page fields belong to Wagtail), many-to-many included."""
    return [*model._meta.local_concrete_fields, *model._meta.local_many_to_many]


def undeclared_fields() -> list[str]:
    """Personal-looking fields no app declared, as "app.Model.field". Links to a person always need a line."""
    declared, not_personal = declarations()
    covered = {item.key for item in declared} | set(not_personal)
    missing = []
    for model in inventory_models():
        key = model_key(model)
        for field in own_fields(model):
            name = f"{key}.{field.name}"
            if name in covered or not looks_personal(field):
                continue
            if key in not_personal and not points_at_a_person(field):
                continue
            missing.append(name)
    return missing


def stale_declarations() -> list[str]:
    """Declared apps, models or fields (declarations and labels) that no longer exist."""
    declared, not_personal = declarations()
    stale = []
    for key in [item.key for item in declared] + list(not_personal) + list(labels()):
        parts = key.split(".")
        try:
            if len(parts) == 1:
                apps.get_app_config(key)
                continue
            model = apps.get_model(parts[0], parts[1])
        except (LookupError, IndexError):
            stale.append(key)
            continue
        if len(parts) == 3 and parts[2] not in {f.name for f in own_fields(model)}:
            stale.append(key)
    return stale


def _model_label(model, words: dict):
    return words.get(model_key(model)) or model._meta.verbose_name


def _field_label(model, name: str, words: dict):
    return words.get(f"{model_key(model)}.{name}") or getattr(model._meta.get_field(name), "verbose_name", name)


def unworded() -> list[str]:
    """Apps, models and fields the page would name by their Python name: no translatable word of ours for them.

    Django makes a missing verbose name from the name itself, as a plain string ("ip address"): a label that is
    not a lazy translation is one of those, or a word nobody can translate.
    """
    declared, _not_personal = declarations()
    words = labels()
    missing = []
    for config, _module in interfaces.app_modules("personal_data"):
        if not isinstance(words.get(config.label) or config.verbose_name, Promise):
            missing.append(config.label)
    for model_name in dict.fromkeys(item.model for item in declared):
        if not isinstance(_model_label(apps.get_model(model_name), words), Promise):
            missing.append(model_name)
    for item in declared:
        if not isinstance(_field_label(apps.get_model(item.model), item.field, words), Promise):
            missing.append(item.key)
    return missing


# --- the page ------------------------------------------------------------------------------------------------


def _retention_text(retention, rules: dict) -> tuple[str, bool]:
    """The retention to show, and whether it comes from a rule of the schedule."""
    labels = dict(retention_action_choices())
    if retention in labels:
        rule = rules.get(retention)
        label = labels[retention]
        if rule is None:
            return str(_("%(rule)s: no period set") % {"rule": label}), True
        units = dict(RetentionUnit.choices)
        text = _("%(rule)s: after %(after)s %(unit)s") % {"rule": label, "after": rule.after, "unit": units[rule.unit]}
        if not rule.enabled:
            text = _("%(text)s (rule disabled)") % {"text": text}
        return str(text), True
    return str(retention), False


def data_inventory() -> list[dict]:
    """The inventory grouped by app and model, with the models' verbose names and the live retention rules."""
    declared, _not_personal = declarations()
    words = labels()
    rules = {rule.action: rule for rule in RetentionRule.objects.all()}
    by_model: dict[str, list[PersonalField]] = {}
    for item in declared:
        by_model.setdefault(item.model, []).append(item)
    groups = []
    for config, module in interfaces.app_modules("personal_data"):
        models_out = []
        # An app may declare the tables of a library it uses (core: allauth's), shown in its own group.
        items = [
            i for entry in getattr(module, "PERSONAL_DATA", []) for i in (entry if isinstance(entry, list) else [entry])
        ]
        foreign = {item.model for item in items if not item.model.startswith(f"{config.label}.")}
        for model in [*config.get_models(), *(apps.get_model(key) for key in sorted(foreign))]:
            items = by_model.get(model_key(model))
            if not items:
                continue
            rows = []
            for item in items:
                retention, from_rule = _retention_text(item.retention, rules)
                rows.append(
                    {
                        "name": item.field,
                        "label": _field_label(model, item.field, words),
                        "purpose": item.purpose,
                        "seen_by": [AUDIENCE_LABELS.get(who, who) for who in item.seen_by],
                        "retention": retention,
                        "from_rule": from_rule,
                        "sensitive": item.sensitive,
                    }
                )
            models_out.append({"key": model_key(model), "label": _model_label(model, words), "fields": rows})
        if models_out:
            groups.append({"label": words.get(config.label) or config.verbose_name, "models": models_out})
    return groups
