"""Small-cell protection: counts under five are hidden, and a second cell where a total would give one back."""

from collections.abc import Mapping

THRESHOLD = 5


def cell(value, *, suppressed: bool = False) -> dict:
    """The shape of every published figure: {"value": n or None, "suppressed": bool}."""
    return {"value": None if suppressed else value, "suppressed": suppressed}


def count_cell(value: int | None) -> dict:
    value = value or 0
    return cell(value, suppressed=value < THRESHOLD)


def suppress_counts(counts: Mapping[str, int], *, total_published: bool = True) -> dict[str, dict]:
    """Primary suppression of counts under THRESHOLD, then secondary suppression.

    When the total of the group is published and exactly one cell is hidden, that cell equals the total minus
    the others: the smallest visible cell is hidden as well, so that two unknowns share one equation.
    """
    hidden = {key for key, value in counts.items() if (value or 0) < THRESHOLD}
    if total_published and len(hidden) == 1 and len(counts) > 1:
        visible = sorted(((counts[key] or 0), str(key)) for key in counts if key not in hidden)
        smallest = visible[0][1]
        hidden.add(next(key for key in counts if str(key) == smallest))
    return {key: cell(counts[key] or 0, suppressed=key in hidden) for key in counts}


def median_from_histogram(buckets: Mapping[int, int]) -> tuple[int, float | None]:
    """(n, median) from {value: how many}; the exact median of integer values, without the rows themselves."""
    n = sum(buckets.values())
    if not n:
        return 0, None
    wanted = [(n + 1) // 2, (n + 2) // 2]  # the middle row, or the two middle rows when n is even
    found, seen = [], 0
    for value in sorted(buckets):
        seen += buckets[value]
        while wanted and seen >= wanted[0]:
            found.append(value)
            wanted.pop(0)
        if not wanted:
            break
    return n, sum(found) / len(found)


def median_cell(n: int, median: float | None) -> dict:
    """A median over fewer than THRESHOLD values would describe a handful of people: hidden."""
    if n < THRESHOLD or median is None:
        return {"value": None, "suppressed": True, "n": None}
    return {"value": round(median, 1), "suppressed": False, "n": n}
