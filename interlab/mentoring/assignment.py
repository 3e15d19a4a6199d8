"""Whole-programme assignment: the most total score under mentor capacities and the hard constraints.

Each mentor becomes as many columns ("slots") as places they have left. A pair that breaks a hard
constraint weighs 0, which is what leaving the mentee unmatched is worth, so a maximum-weight full
assignment of the expanded matrix is a maximum-weight matching once the zero pairs are dropped.

Up to DENSE_LIMIT cells the expanded matrix is solved exactly with scipy's linear_sum_assignment. Beyond
that (10,000 mentees × 9,000 slots is 90 million cells), each mentee keeps its TOP_K best mentors and a
private "unmatched" column, and scipy's sparse LAPJVsp (min_weight_full_bipartite_matching) solves that
graph; bench/matching.py measures how close this stays to the exact optimum.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse
from scipy.optimize import linear_sum_assignment
from scipy.sparse.csgraph import min_weight_full_bipartite_matching

from .model import MIN_FEASIBLE_SCORE

DENSE_LIMIT = 25_000_000
TOP_K = 15
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
) -> list[tuple[int, int]]:
    """Pairs (mentee row, mentor column) maximising the total score; each mentor at most capacity[j] times.

    Deterministic: the same matrices give the same pairs. Rows with no feasible mentor stay unmatched.
    """
    capacity = np.clip(np.asarray(capacity, dtype=np.int64), 0, None)
    n, m = score.shape
    if n == 0 or m == 0 or capacity.sum() == 0:
        return []
    slots = int(capacity.sum())
    dense = n * slots <= dense_limit
    weights = pair_weights(score, feasible, np.float64 if dense else np.float32)
    weights[:, capacity == 0] = 0
    if dense:
        return _assign_dense(weights, capacity)
    return _assign_sparse(weights, capacity, top_k)


def _assign_dense(weights: np.ndarray, capacity: np.ndarray) -> list[tuple[int, int]]:
    expanded = np.repeat(weights, capacity, axis=1)
    slot_owner = np.repeat(np.arange(len(capacity)), capacity)
    rows, cols = linear_sum_assignment(expanded, maximize=True)
    return sorted((int(r), int(slot_owner[c])) for r, c in zip(rows, cols, strict=True) if expanded[r, c] > 0)


def _assign_sparse(weights: np.ndarray, capacity: np.ndarray, top_k: int) -> list[tuple[int, int]]:
    n, m = weights.shape
    k = min(top_k, m)
    best = np.argpartition(weights, m - k, axis=1)[:, m - k :] if k < m else np.tile(np.arange(m), (n, 1))
    cells = np.arange(n)[:, None] * m + best
    # Each mentor also keeps its own best candidates (a few per place): where places are scarce, mentees
    # compete for the same mentors, and a mentee's own top k alone would miss the exchange that frees one.
    per_place = min(n, int(capacity.max()) * MENTOR_CANDIDATES_PER_PLACE)
    if per_place < n:
        by_mentor = np.argpartition(np.ascontiguousarray(weights.T), n - per_place, axis=1)[:, n - per_place :]
    else:
        by_mentor = np.tile(np.arange(n), (m, 1))
    mentor_cells = by_mentor * m + np.arange(m)[:, None]
    cells = np.unique(np.concatenate([cells.ravel(), mentor_cells.ravel()]))
    rows, mentors = np.divmod(cells, m)
    values = weights[rows, mentors].astype(np.float64)
    keep = values > 0
    rows, mentors, values = rows[keep], mentors[keep], values[keep]
    # Expand each kept (mentee, mentor) edge to one edge per slot of that mentor.
    reps = capacity[mentors]
    offsets = np.concatenate([[0], np.cumsum(capacity)])
    edge_rows = np.repeat(rows, reps)
    edge_values = np.repeat(values, reps)
    first = np.repeat(offsets[mentors], reps)
    within = np.arange(len(edge_rows)) - np.repeat(np.cumsum(reps) - reps, reps)
    edge_cols = first + within
    slots = int(offsets[-1])
    # Every mentee is matched exactly once (to a slot or to its own "unmatched" column), so adding 1 to every
    # edge keeps the optimum and keeps every weight non-zero, which the sparse solver needs.
    graph = sparse.csr_matrix(
        (
            np.concatenate([edge_values + 1.0, np.ones(n)]),
            (np.concatenate([edge_rows, np.arange(n)]), np.concatenate([edge_cols, slots + np.arange(n)])),
        ),
        shape=(n, slots + n),
    )
    matched_rows, matched_cols = min_weight_full_bipartite_matching(graph, maximize=True)
    slot_owner = np.repeat(np.arange(m), capacity)
    return sorted((int(r), int(slot_owner[c])) for r, c in zip(matched_rows, matched_cols, strict=True) if c < slots)


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
