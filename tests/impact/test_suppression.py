"""Small-cell suppression and the median read off a histogram."""

from interlab.impact.suppression import median_cell, median_from_histogram, suppress_counts


def test_counts_under_five_are_hidden_and_five_is_shown():
    cells = suppress_counts({"a": 4, "b": 5, "c": 0, "d": 9})
    assert cells["a"] == {"value": None, "suppressed": True}
    assert cells["c"] == {"value": None, "suppressed": True}
    assert cells["b"] == {"value": 5, "suppressed": False}
    assert cells["d"] == {"value": 9, "suppressed": False}


def test_a_single_hidden_cell_hides_the_smallest_other_when_the_total_is_published():
    cells = suppress_counts({"women": 12, "men": 7, "non_binary": 2})
    assert cells["non_binary"]["suppressed"] and cells["men"]["suppressed"]
    assert cells["women"] == {"value": 12, "suppressed": False}


def test_no_second_cell_when_the_total_is_not_published():
    cells = suppress_counts({"women": 12, "men": 7, "non_binary": 2}, total_published=False)
    assert cells["men"] == {"value": 7, "suppressed": False}


def test_two_hidden_cells_need_no_third():
    cells = suppress_counts({"a": 1, "b": 2, "c": 30, "d": 6})
    assert [k for k, v in cells.items() if v["suppressed"]] == ["a", "b"]


def test_median_of_an_even_and_an_odd_histogram():
    assert median_from_histogram({10: 6, 14: 4}) == (10, 10)
    assert median_from_histogram({1: 1, 2: 1, 3: 1, 4: 1}) == (4, 2.5)
    assert median_from_histogram({7: 1, 100: 2}) == (3, 100)
    assert median_from_histogram({}) == (0, None)


def test_a_median_over_fewer_than_five_values_is_hidden():
    assert median_cell(4, 12.0) == {"value": None, "suppressed": True, "n": None}
    assert median_cell(5, 12.0) == {"value": 12.0, "suppressed": False, "n": 5}
