"""Property tests of the assignment: capacities and hard constraints hold, small cases equal brute force,
the same input and seed give the same pairs."""

import itertools

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interlab.mentoring import assignment
from interlab.mentoring.model import MenteeData, MentorData, Scored


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


def check_valid(pairs, feasible, capacity):
    mentees = [i for i, _ in pairs]
    assert len(mentees) == len(set(mentees)), "a mentee got two mentors"
    counts = np.bincount([j for _, j in pairs], minlength=len(capacity))
    assert np.all(counts <= capacity), "a mentor got more mentees than their capacity"
    assert all(feasible[i, j] for i, j in pairs), "a pair breaking a hard constraint was proposed"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_capacities_and_hard_constraints_always_hold(instance):
    score, feasible, capacity = instance
    for dense_limit in (assignment.DENSE_LIMIT, 0):  # the exact dense path and the sparse top-k path
        check_valid(assignment.assign(score, feasible, capacity, dense_limit=dense_limit), feasible, capacity)
    check_valid(assignment.greedy(score, feasible, capacity), feasible, capacity)


@settings(max_examples=150, deadline=None)
@given(instances(max_mentees=5, max_mentors=3, max_capacity=2))
def test_small_instances_reach_the_brute_force_optimum(instance):
    score, feasible, capacity = instance
    weights = assignment.pair_weights(score, feasible)
    expected = brute_force(weights, capacity)
    pairs = assignment.assign(score, feasible, capacity)
    assert abs(assignment.total(weights, pairs) - expected) <= 1e-6 * max(expected, 1)
    # With every mentor in each mentee's top k, the sparse path is exact as well.
    sparse_pairs = assignment.assign(score, feasible, capacity, dense_limit=0)
    assert abs(assignment.total(weights, sparse_pairs) - expected) <= 1e-6 * max(expected, 1)
    assert assignment.total(weights, assignment.greedy(score, feasible, capacity)) <= expected + 1e-6


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


def test_empty_pools_give_no_pairs():
    assert assignment.assign(np.zeros((0, 3)), np.zeros((0, 3), bool), [1, 1, 1]) == []
    assert assignment.assign(np.zeros((3, 0)), np.zeros((3, 0), bool), []) == []
    scored = Scored([], [])
    assert scored.score.shape == (0, 0)
