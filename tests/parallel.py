"""How `make test` shares the suite between pytest-xdist workers (`-n auto --dist loadfile`, see tests/conftest.py).

A unit of work is a run of consecutive tests of one module in the collection order, which pytest-django sorts
as Django's runner does: tests on the database first, then transactional tests, then tests without the
database. Each unit goes whole to one worker, and units go out in that order. So:

- a module's tests share one worker, and its module-scoped fixture is set up once: the grown set-up's
  processes (two at once would flush each other's Redis database), moto's server, the collected static
  files, the e2e modules' reset of the database;
- every worker runs its tests in the collection order: on each worker's own database, the transactional
  tests, which empty every table when they end, come after the tests that need the migrated rows (pipeline
  stages, Wagtail's root page). A module with both kinds (tests/core/test_retention.py) makes two units.

xdist's own `loadfile` hands out whole modules, a module's transactional tests together with its other
tests; its `loadgroup` no longer groups anything under pytest 9.2 (pytest-xdist issue #1386).
"""

from xdist.scheduler import LoadScopeScheduling


def units_of(nodeids: list[str]) -> dict[str, str]:
    """Each test's unit: its module and the number of the run of that module's tests it belongs to."""
    units, module, run = {}, None, 0
    for nodeid in nodeids:
        if nodeid.split("::", 1)[0] != module:
            module, run = nodeid.split("::", 1)[0], run + 1
        units[nodeid] = f"{module}#{run}"
    return units


class ModuleRunScheduling(LoadScopeScheduling):
    def __init__(self, config, log=None):
        super().__init__(config, log)
        # xdist would send the largest units first; the order of the collection is the point here.
        config.option.loadscopereorder = False
        self.units: dict[str, str] = {}

    def schedule(self) -> None:
        if self.collection is None and self.registered_collections:
            self.units = units_of(list(next(iter(self.registered_collections.values()))))
        super().schedule()

    def _split_scope(self, nodeid: str) -> str:
        return self.units[nodeid]
