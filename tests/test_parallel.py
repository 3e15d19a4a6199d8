"""How `make test` cuts the suite into units of work for the xdist workers (tests/parallel.py)."""

from tests.parallel import units_of


def test_a_module_whose_tests_come_in_two_runs_makes_two_units():
    units = units_of(
        [
            "tests/a.py::test_on_the_database",
            "tests/a.py::test_also_on_the_database",
            "tests/b.py::test_on_the_database",
            "tests/a.py::test_transactional",
            "tests/c.py::test_without_the_database",
            "tests/c.py::test_also_without",
        ]
    )
    assert units["tests/a.py::test_on_the_database"] == units["tests/a.py::test_also_on_the_database"]
    assert units["tests/a.py::test_transactional"] != units["tests/a.py::test_on_the_database"]
    assert units["tests/c.py::test_without_the_database"] == units["tests/c.py::test_also_without"]
    assert len(set(units.values())) == 4


def test_parametrized_tests_and_classes_stay_in_their_module_unit():
    units = units_of(["tests/a.py::TestX::test_one[1]", "tests/a.py::TestX::test_one[2]", "tests/a.py::test_two"])
    assert len(set(units.values())) == 1
