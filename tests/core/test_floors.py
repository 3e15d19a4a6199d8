"""The floors' contract file keeps up with the code: impact may read the apps below only through their selectors
(and name their choices), so every other module of those apps must be on the contract's forbidden list."""

import configparser
from pathlib import Path

from django.conf import settings

CONTRACTS = Path(settings.BASE_DIR) / ".importlinter"
READ_SIDE = {"selectors", "choices"}
NOT_CODE = {"templates", "migrations", "static", "locale", "__pycache__"}


def app_modules(app: str) -> set[str]:
    folder = Path(settings.BASE_DIR) / "interlab" / app
    names = set()
    for entry in folder.iterdir():
        if entry.suffix == ".py" and entry.stem != "__init__":
            names.add(entry.stem)
        elif entry.is_dir() and entry.name not in NOT_CODE and (entry / "__init__.py").exists():
            names.add(entry.name)
    return {f"interlab.{app}.{name}" for name in names - READ_SIDE}


def test_every_module_but_the_read_side_of_the_apps_below_impact_is_forbidden_to_it():
    config = configparser.ConfigParser()
    config.read(CONTRACTS)
    contract = config["importlinter:contract:impact-reads-selectors"]
    forbidden = set(contract["forbidden_modules"].split())
    expected = set().union(*(app_modules(app) for app in ("crm", "mentoring", "tierslieu", "dossiers")))
    assert expected - forbidden == set(), "add these modules to the contract's forbidden_modules"
    assert forbidden - expected == set(), "these modules are gone or belong to the read side"


def test_each_apps_views_are_protected():
    config = configparser.ConfigParser()
    config.read(CONTRACTS)
    protected = {
        module
        for name, section in config.items()
        if name.startswith("importlinter:contract:views-")
        for module in section["protected_modules"].split()
    }
    views = {
        f"interlab.{app}.{path.stem}"
        for app in ("core", "crm", "mentoring", "tierslieu", "dossiers", "impact")
        for path in (Path(settings.BASE_DIR) / "interlab" / app).glob("views*.py")
    }
    assert views == protected
