"""Property tests of the assignment: capacities and hard constraints hold, nobody is left out while a
feasible mentor has room, the result equals an exact solver's optimum on both paths (the dense matrix and
the one large programmes take), the same input and seed give the same pairs."""

import itertools
from unittest import mock

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import linear_sum_assignment

from interlab.mentoring import assignment, large_assignment
from interlab.mentoring.model import MenteeData, MentorData, Scored

# The large-programme path forced on small inputs, each mentee starting with one mentor and no mentor with
# its own list, so nearly every answer comes from the price check and the repairs it triggers.
LARGE_PATH = {"dense_limit": 0, "top_k": 1, "per_place": 0}


@st.composite
def instances(draw, max_mentees=6, max_mentors=4, max_capacity=3):
    n = draw(st.integers(0, max_mentees))
    m = draw(st.integers(0, max_mentors))
    score = np.array(
        draw(st.lists(st.floats(0, 100, allow_nan=False), min_size=n * m, max_size=n * m)), dtype=np.float32
    ).reshape(n, m)
    feasible = np.array(draw(st.lists(st.booleans(), min_size=n * m, max_size=n * m)), dtype=bool).reshape(n, m)
    capacity = np.array(draw(st.lists(st.integers(0, max_capacity), min_size=m, max_size=m)), dtype=np.int64)
    return score, feasible, capacity


def brute_force(weights: np.ndarray, capacity) -> float:
    """Every way to give each mentee a mentor or nobody, within capacities: the best total."""
    n, m = weights.shape
    best = 0.0
    for choice in itertools.product(range(-1, m), repeat=n):
        counts = np.bincount([c for c in choice if c >= 0], minlength=m)
        if m and np.any(counts > capacity):
            continue
        if any(c >= 0 and weights[i, c] <= 0 for i, c in enumerate(choice)):
            continue
        best = max(best, sum(weights[i, c] for i, c in enumerate(choice) if c >= 0))
    return best


def optimum(weights: np.ndarray, capacity) -> float:
    """The exact optimum by scipy's dense linear_sum_assignment on the matrix with one column per place."""
    expanded = np.repeat(weights.astype(np.float64), np.asarray(capacity, dtype=np.int64), axis=1)
    if expanded.size == 0:
        return 0.0
    rows, cols = linear_sum_assignment(expanded, maximize=True)
    return float(expanded[rows, cols].sum())


def check_valid(pairs, feasible, capacity):
    mentees = [i for i, _ in pairs]
    assert len(mentees) == len(set(mentees)), "a mentee got two mentors"
    counts = np.bincount([j for _, j in pairs], minlength=len(capacity))
    assert np.all(counts <= capacity), "a mentor got more mentees than their capacity"
    assert all(feasible[i, j] for i, j in pairs), "a pair breaking a hard constraint was proposed"


def left_out_with_room(pairs, feasible, capacity) -> list[tuple[int, int]]:
    """(mentee, mentor) pairs where the mentee has no mentor although that feasible mentor has room."""
    seated = {i for i, _ in pairs}
    load = np.bincount([j for _, j in pairs], minlength=len(capacity))
    return [
        (i, j)
        for i in range(feasible.shape[0])
        if i not in seated
        for j in range(feasible.shape[1])
        if feasible[i, j] and load[j] < capacity[j]
    ]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_capacities_and_hard_constraints_always_hold(instance):
    score, feasible, capacity = instance
    for options in ({}, {"dense_limit": 0}, LARGE_PATH):
        pairs = assignment.assign(score, feasible, capacity, **options)
        check_valid(pairs, feasible, capacity)
        assert left_out_with_room(pairs, feasible, capacity) == []
    check_valid(assignment.greedy(score, feasible, capacity), feasible, capacity)


@settings(max_examples=150, deadline=None)
@given(instances(max_mentees=5, max_mentors=3, max_capacity=2))
def test_small_instances_reach_the_brute_force_optimum(instance):
    score, feasible, capacity = instance
    weights = assignment.pair_weights(score, feasible)
    expected = brute_force(weights, capacity)
    for options in ({}, {"dense_limit": 0}, LARGE_PATH):
        pairs = assignment.assign(score, feasible, capacity, **options)
        assert abs(assignment.total(weights, pairs) - expected) <= 1e-9 * max(expected, 1)
    assert assignment.total(weights, assignment.greedy(score, feasible, capacity)) <= expected + 1e-6


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(instances(max_mentees=40, max_mentors=12, max_capacity=4), st.sampled_from([0, 3, 10_000]), st.integers(1, 3))
def test_the_large_programme_path_reaches_the_exact_optimum(instance, reseat_limit, top_k):
    """Forced on programmes small enough for the dense oracle, whether repairs re-solve (limit 0), re-seat
    mentees one by one (no limit) or mix both; ties between equal totals may pick other pairs."""
    score, feasible, capacity = instance
    weights = assignment.pair_weights(score, feasible)
    expected = optimum(np.where(capacity > 0, weights, 0), capacity)
    with mock.patch.object(large_assignment, "RESEAT_LIMIT", reseat_limit):
        pairs = assignment.assign(score, feasible, capacity, dense_limit=0, top_k=top_k, per_place=0)
    check_valid(pairs, feasible, capacity)
    assert left_out_with_room(pairs, feasible, capacity) == []
    assert abs(assignment.total(weights, pairs) - expected) <= 1e-9 * max(expected, 1)


LANGS = st.sampled_from(["fr", "ar", "en", "uk", "tr"])


@st.composite
def people(draw):
    n, m = draw(st.integers(0, 7)), draw(st.integers(0, 5))
    mentees = [
        MenteeData(
            id=i + 1,
            needs=draw(st.lists(st.sampled_from(["financing", "admin", "network"]), max_size=2, unique=True)),
            sector=draw(st.sampled_from(["Restauration", "Informatique", ""])),
            goals=draw(st.sampled_from(["ouvrir un restaurant", "site web", ""])),
            languages=dict.fromkeys(draw(st.lists(LANGS, min_size=1, max_size=2, unique=True)), "B2"),
            commune=draw(st.sampled_from(["Liège", "Seraing", ""])),
            newcomer=draw(st.booleans()),
        )
        for i in range(n)
    ]
    mentors = [
        MentorData(
            id=j + 1,
            expertise=draw(st.lists(st.sampled_from(["financing", "admin", "HACCP"]), max_size=2, unique=True)),
            sectors=draw(st.lists(st.sampled_from(["Restauration", "Informatique"]), max_size=1)),
            languages=dict.fromkeys(draw(st.lists(LANGS, min_size=1, max_size=2, unique=True)), "C1"),
            commune=draw(st.sampled_from(["Liège", "Herstal"])),
            is_local=draw(st.booleans()),
            capacity=draw(st.integers(0, 3)),
        )
        for j in range(m)
    ]
    excluded = {(a.id, b.id) for a in mentees for b in mentors if draw(st.integers(0, 9)) == 0}
    return mentees, mentors, excluded


@settings(max_examples=80, deadline=None)
@given(people(), st.integers(0, 2**31 - 1))
def test_scored_pairs_respect_language_exclusions_and_capacity(data, seed):
    mentees, mentors, excluded = data
    scored = Scored(mentees, mentors, excluded=excluded, seed=seed)
    assert scored.score.shape == (len(mentees), len(mentors))
    assert np.all((scored.score >= 0) & (scored.score <= 100))
    capacity = [p.capacity for p in mentors]
    pairs = assignment.assign(scored.score, scored.feasible, capacity)
    check_valid(pairs, scored.feasible, np.array(capacity, dtype=np.int64))
    for i, j in pairs:
        assert set(mentees[i].languages) & set(mentors[j].languages), "proposed without a shared language"
        assert (mentees[i].id, mentors[j].id) not in excluded
        reasons = scored.reasons(i, j)
        assert reasons and reasons[0]["key"] in {r["key"] for r in reasons}


@settings(max_examples=40, deadline=None)
@given(people(), st.integers(0, 2**31 - 1))
def test_same_input_and_seed_give_the_same_pairs(data, seed):
    mentees, mentors, excluded = data
    first = Scored(mentees, mentors, excluded=excluded, seed=seed)
    second = Scored(mentees, mentors, excluded=excluded, seed=seed)
    assert np.array_equal(first.score, second.score)
    capacity = [p.capacity for p in mentors]
    assert assignment.assign(first.score, first.feasible, capacity) == assignment.assign(
        second.score, second.feasible, capacity
    )
    assert assignment.shortlist(first.score, first.feasible, capacity) == assignment.shortlist(
        second.score, second.feasible, capacity
    )


@settings(max_examples=30, deadline=None)
@given(instances(max_mentees=30, max_mentors=10, max_capacity=3))
def test_the_large_programme_path_gives_the_same_pairs_twice(instance):
    score, feasible, capacity = instance
    assert assignment.assign(score, feasible, capacity, **LARGE_PATH) == assignment.assign(
        score, feasible, capacity, **LARGE_PATH
    )


def test_a_mentee_is_not_left_out_while_a_feasible_mentor_has_room():
    """Found against the former large-programme path (each mentee's best mentors only): it seated 3 of
    these 4 mentees for 232, leaving mentee 1 out although mentor 3 had room; the optimum is 246."""
    score = np.array([[66, 91, 7, 26], [29, 17, 47, 14], [94, 47, 34, 18], [49, 14, 47, 14]], dtype=np.float32)
    feasible = np.array([[1, 1, 1, 1], [0, 1, 0, 1], [1, 1, 1, 1], [1, 1, 1, 1]], dtype=bool)
    capacity = np.ones(4, dtype=np.int64)
    pairs = assignment.assign(score, feasible, capacity, dense_limit=0, top_k=1)
    assert left_out_with_room(pairs, feasible, capacity) == []
    assert assignment.total(score, pairs) == 246


def test_a_large_programme_with_one_place_per_mentor_gets_the_exact_optimum():
    """The issue's 5,100 × 5,100 programme with one place each, scaled down and made harsher: mentors differ
    in appeal and so do mentees, so everyone's best few are the same few. The former path kept 3 mentors per
    mentee; it reached 0.48 of the optimum and left 130 mentees out beside a free, feasible place."""
    rng = np.random.default_rng(0)
    appeal = rng.uniform(0, 40, 200)
    score = (appeal[None, :] + rng.uniform(0, 40, 200)[:, None] + rng.uniform(0, 20, (200, 200))).astype(np.float32)
    feasible = rng.random((200, 200)) < 0.9
    capacity = np.ones(200, dtype=np.int64)
    weights = assignment.pair_weights(score, feasible)
    pairs = assignment.assign(score, feasible, capacity, dense_limit=0, top_k=3)
    assert left_out_with_room(pairs, feasible, capacity) == []
    expected = optimum(weights, capacity)
    assert abs(assignment.total(weights, pairs) - expected) <= 1e-9 * expected


def test_prices_prove_only_an_optimal_assignment():
    weights = np.array([[10, 9], [9, 1]], dtype=np.float32)
    pairs = large_assignment.Pairs.of(np.arange(4), weights)
    capacity = np.ones(2, dtype=np.int64)
    surplus, price = large_assignment._prices(pairs, capacity, np.array([1, 0]), 1e-9)  # 9 + 9, the optimum
    assert surplus.sum() + price.sum() == 18
    assert large_assignment._prices(pairs, capacity, np.array([0, 1]), 1e-9) is None  # 10 + 1: swapping wins
    assert large_assignment._prices(pairs, capacity, np.array([0, -1]), 1e-9) is None  # mentor 1 left empty


def test_an_unproved_large_assignment_falls_back_to_the_dense_matrix():
    score = np.array([[5, 9, 1], [8, 7, 0], [6, 2, 3]], dtype=np.float32)
    feasible = np.ones((3, 3), dtype=bool)
    with mock.patch.object(large_assignment, "MAX_ROUNDS", 0):
        pairs = assignment.assign(score, feasible, [1, 1, 1], **LARGE_PATH)
    assert assignment.total(score, pairs) == optimum(score, [1, 1, 1]) == 20


def test_empty_pools_give_no_pairs():
    assert assignment.assign(np.zeros((0, 3)), np.zeros((0, 3), bool), [1, 1, 1]) == []
    assert assignment.assign(np.zeros((3, 0)), np.zeros((3, 0), bool), []) == []
    scored = Scored([], [])
    assert scored.score.shape == (0, 0)
