"""Whole-programme assignment: the most total score under mentor capacities and the hard constraints.

Each mentor becomes as many columns ("slots") as places they have left. A pair that breaks a hard
constraint weighs 0, which is what leaving the mentee unmatched is worth, so a maximum-weight full
assignment of the expanded matrix is a maximum-weight matching once the zero pairs are dropped.

Up to DENSE_LIMIT cells the expanded matrix is solved with scipy's linear_sum_assignment. Beyond that
(10,000 mentees × 9,000 slots is 90 million cells) large_assignment solves on each mentee's TOP_K best
mentors and each mentor's best mentees, then checks every pair against the prices of that solution and
adds pairs until none could raise the total: exact as well, at a fraction of the time and memory.
"""

from __future__ import annotations

import logging

import numpy as np
from scipy.optimize import linear_sum_assignment

from . import large_assignment
from .model import MIN_FEASIBLE_SCORE

logger = logging.getLogger(__name__)

DENSE_LIMIT = 25_000_000
TOP_K = 10
MENTOR_CANDIDATES_PER_PLACE = 3


def pair_weights(score: np.ndarray, feasible: np.ndarray, dtype=np.float64) -> np.ndarray:
    """What each pair is worth to the optimiser: its score, at least a hair above zero; 0 if forbidden."""
    weights = np.maximum(score, MIN_FEASIBLE_SCORE).astype(dtype, copy=False)
    weights[~feasible] = 0
    return weights


def assign(
    score: np.ndarray,
    feasible: np.ndarray,
    capacity,
    *,
    dense_limit: int = DENSE_LIMIT,
    top_k: int = TOP_K,
    per_place: int = MENTOR_CANDIDATES_PER_PLACE,
) -> list[tuple[int, int]]:
    """Pairs (mentee row, mentor column) maximising the total score; each mentor at most capacity[j] times.

    Exact at every size: `top_k` and `per_place` only choose the pairs the large-programme path starts from.
    Deterministic: the same matrices give the same pairs. Rows with no feasible mentor stay unmatched.
    """
    capacity = np.clip(np.asarray(capacity, dtype=np.int64), 0, None)
    n, m = score.shape
    if n == 0 or m == 0 or capacity.sum() == 0:
        return []
    if n * int(capacity.sum()) <= dense_limit:
        weights = pair_weights(score, feasible)
        weights[:, capacity == 0] = 0
        return _assign_dense(weights, capacity)
    # float32 scores stay float32 (half the memory, and the very numbers the caller sees); others float64.
    weights = pair_weights(score, feasible, np.result_type(score.dtype, np.float32))
    weights[:, capacity == 0] = 0
    try:
        mate = large_assignment.assign(weights, capacity, top_k=top_k, per_place=per_place)
    except large_assignment.NotProved:
        logger.warning("large assignment not proved optimal; solving the dense matrix (%d × %d)", n, m)
        return _assign_dense(weights.astype(np.float64), capacity)
    rows = np.flatnonzero(mate >= 0)
    return list(zip(rows.tolist(), mate[rows].tolist(), strict=True))


def _assign_dense(weights: np.ndarray, capacity: np.ndarray) -> list[tuple[int, int]]:
    expanded = np.repeat(weights, capacity, axis=1)
    slot_owner = np.repeat(np.arange(len(capacity)), capacity)
    rows, cols = linear_sum_assignment(expanded, maximize=True)
    return sorted((int(r), int(slot_owner[c])) for r, c in zip(rows, cols, strict=True) if expanded[r, c] > 0)


def greedy(score: np.ndarray, feasible: np.ndarray, capacity) -> list[tuple[int, int]]:
    """The baseline peers use: best pair first, while the mentee is free and the mentor has room."""
    weights = pair_weights(score, feasible)
    left = np.array(capacity, dtype=np.int64).copy()
    taken = np.zeros(weights.shape[0], dtype=bool)
    flat = np.flatnonzero(weights > 0)
    order = flat[np.argsort(-weights.ravel()[flat], kind="stable")]
    pairs = []
    m = weights.shape[1]
    for cell in order:
        i, j = divmod(int(cell), m)
        if not taken[i] and left[j] > 0:
            taken[i] = True
            left[j] -= 1
            pairs.append((i, j))
    return sorted(pairs)


def shortlist(score: np.ndarray, feasible: np.ndarray, capacity, size: int = 3) -> dict[int, list[int]]:
    """For each mentee row, its best `size` feasible mentors with room, best first (ties by column)."""
    weights = pair_weights(score, feasible)
    weights[:, np.asarray(capacity) <= 0] = 0
    result = {}
    for i in range(weights.shape[0]):
        row = weights[i]
        order = np.lexsort((np.arange(len(row)), -row))
        picks = [int(j) for j in order[:size] if row[j] > 0]
        if picks:
            result[i] = picks
    return result


def total(weights_or_score: np.ndarray, pairs) -> float:
    return float(sum(weights_or_score[i, j] for i, j in pairs))
