"""Exact assignment of programmes too large for the dense matrix: solved on a few pairs, proved on all.

Each mentee starts with its best few mentors and each mentor with its best few mentees per place; scipy's
sparse LAPJVsp assigns those pairs exactly. Prices then follow from that assignment (linear-programming
duality): a mentor's price is what the keenest other mentee would give up for one of its places, a
mentee's surplus is its pair's weight minus its mentor's price. A pair weighing more than its mentee's
surplus plus its mentor's price might raise the total, so every pair of the programme is checked; such
pairs join those considered, the assignment is repaired, and the round starts again. When no pair is left,
the prices bound the total of every possible assignment by the one found, which is therefore optimal.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import min_weight_full_bipartite_matching

# A pair beats its prices only by more than this share of the largest weight (1e-9 for scores up to 100):
# float rounding stays far below it, and the total found is at most mentees × that below the optimum,
# under 2e-11 of it at 10,000 mentees.
TOLERANCE = 1e-11
# Mentees to re-seat one at a time along shortest paths; beyond that, solving the pairs again is faster.
RESEAT_LIMIT = 300
# Better pairs a mentee brings per round, its best first.
BETTER_PER_MENTEE = 5
MAX_ROUNDS = 50
CHECK_ROWS = 1024
_FROM_OUTSIDE = -1  # a heap entry standing for the outside's next move, not a node


class NotProved(RuntimeError):
    """The rounds ran out before the prices proved the assignment optimal (never seen; the caller falls back)."""


@dataclass(frozen=True)
class Pairs:
    """The (mentee, mentor) pairs considered, sorted by mentee then mentor, with their weights in float64."""

    cells: np.ndarray  # mentee * n_mentors + mentor
    mentees: np.ndarray
    mentors: np.ndarray
    weights: np.ndarray

    @classmethod
    def of(cls, cells: np.ndarray, weights: np.ndarray) -> Pairs:
        cells = np.sort(cells)
        cells = cells[np.concatenate([[True], cells[1:] != cells[:-1]])] if len(cells) else cells
        mentees, mentors = np.divmod(cells, weights.shape[1])
        values = weights[mentees, mentors].astype(np.float64)
        keep = values > 0
        return cls(cells[keep], mentees[keep], mentors[keep], values[keep])

    def with_cells(self, cells: np.ndarray, weights: np.ndarray) -> Pairs:
        return Pairs.of(np.concatenate([self.cells, cells]), weights)


def assign(weights: np.ndarray, capacity: np.ndarray, *, top_k: int, per_place: int) -> np.ndarray:
    """Each mentee's mentor column (-1: none) with the most total weight; a weight of 0 forbids the pair.

    `weights` is mentees × mentors (float32 is enough: every pair is read from it again in float64), with
    zeros for forbidden pairs and for mentors without places. Deterministic.
    """
    n, m = weights.shape
    tolerance = TOLERANCE * max(1.0, float(weights.max()))
    pairs = _first_pairs(weights, capacity, top_k, per_place)
    mate = _solve(pairs, capacity, n)
    for _ in range(MAX_ROUNDS):
        prices = _prices(pairs, capacity, mate, tolerance)
        if prices is None:  # not optimal on its own pairs (float rounding in a repair): solve them afresh
            mate = _solve(pairs, capacity, n)
            continue
        surplus, price = prices
        better_mentees, better_cells = _better_pairs(weights, surplus, price, tolerance)
        if not len(better_mentees):
            return mate
        pairs = pairs.with_cells(better_cells, weights)
        if len(better_mentees) > RESEAT_LIMIT:
            mate = _solve(pairs, capacity, n)
        else:
            mate = _reseat(pairs, capacity, mate, surplus, price, better_mentees)
    raise NotProved(f"no proof of optimality after {MAX_ROUNDS} rounds")


def _first_pairs(weights: np.ndarray, capacity: np.ndarray, top_k: int, per_place: int) -> Pairs:
    """Each mentee's `top_k` best mentors, and each mentor's best mentees, `per_place` per place it has.

    Where places are scarce, mentees compete for the same mentors, and the mentees' own lists alone would
    leave the mentors' prices too low. Read by blocks of rows, so no index array of the whole matrix is made.
    """
    n, m = weights.shape
    k = min(top_k, m)
    per_mentor = min(n, int(capacity.max()) * per_place)
    columns = np.arange(m)
    cells = []
    kept = np.zeros((0, m), dtype=np.int64)  # each mentor's best mentees so far, one column per mentor
    for start in range(0, n, CHECK_ROWS):
        block = weights[start : start + CHECK_ROWS]
        rows = np.arange(start, start + len(block))
        best = np.argpartition(block, m - k, axis=1)[:, m - k :] if k < m else np.broadcast_to(columns, block.shape)
        cells.append((rows[:, None] * m + best).ravel())
        if per_mentor:
            rivals = np.concatenate([kept, np.broadcast_to(rows[:, None], block.shape)])
            if len(rivals) > per_mentor:
                values = np.concatenate([weights[kept, columns], block])
                top = np.argpartition(values, len(rivals) - per_mentor, axis=0)[len(rivals) - per_mentor :]
                kept = np.take_along_axis(rivals, top, axis=0)
            else:
                kept = rivals
    cells.append((kept * m + columns).ravel())
    return Pairs.of(np.concatenate(cells), weights)


def _solve(pairs: Pairs, capacity: np.ndarray, n: int) -> np.ndarray:
    """The best assignment using only `pairs`: scipy's LAPJVsp on places × (mentees + one column per place).

    Each place is a row, matched either to a mentee or to its own "stays empty" column; every row is
    matched once, so adding 1 to every weight keeps the optimum and keeps every weight non-zero, which the
    sparse solver needs. Places as rows (fewer than mentees, and with fewer pairs each) solve faster.
    """
    m = len(capacity)
    offsets = np.concatenate([[0], np.cumsum(capacity)])
    places = int(offsets[-1])
    reps = capacity[pairs.mentors]
    within = np.arange(int(reps.sum())) - np.repeat(np.cumsum(reps) - reps, reps)
    place = np.repeat(offsets[pairs.mentors], reps) + within
    graph = sparse.csr_matrix(
        (
            np.concatenate([np.repeat(pairs.weights, reps) + 1.0, np.ones(places)]),
            (
                np.concatenate([place, np.arange(places)]),
                np.concatenate([np.repeat(pairs.mentees, reps), n + np.arange(places)]),
            ),
        ),
        shape=(places, n + places),
    )
    place_rows, columns = min_weight_full_bipartite_matching(graph, maximize=True)
    mate = np.full(n, -1, dtype=np.int64)
    seated = columns < n
    mate[columns[seated]] = np.repeat(np.arange(m), capacity)[place_rows[seated]]
    return mate


def _prices(pairs: Pairs, capacity: np.ndarray, mate: np.ndarray, tolerance: float):
    """(surplus per mentee, price per mentor) proving `mate` optimal among `pairs`, or None if it is not.

    The proof (complementary slackness): surplus + price >= weight for every pair considered, equal for
    the pairs assigned; 0 surplus for a mentee left out, 0 price for a mentor with room, none negative.
    Prices start at 0 for mentors with someone assigned and rise to what the keenest other mentee would
    give up for the place (its pair's weight minus its current surplus) until nothing moves: Bellman–Ford
    on the exchange graph, a few dozen vectorised rounds. They never stop rising when a chain of exchanges
    would raise the total, which is how an assignment that is not optimal shows.
    """
    n, m = len(mate), len(capacity)
    seated = mate >= 0
    at_mate = mate[pairs.mentees] == pairs.mentors
    own = np.zeros(n)
    own[pairs.mentees[at_mate]] = pairs.weights[at_mate]
    order = np.argsort(pairs.mentors[~at_mate], kind="stable")
    bidders = pairs.mentees[~at_mate][order]
    bids = pairs.weights[~at_mate][order]
    mentors, starts = np.unique(pairs.mentors[~at_mate][order], return_index=True)
    load = np.bincount(mate[seated], minlength=m)
    ceiling = float(pairs.weights.max(initial=0.0)) + tolerance
    step = tolerance * 1e-3
    price = np.where(load > 0, 0.0, -np.inf)
    mate_or_0 = np.maximum(mate, 0)
    for _ in range(n + m + 1):
        surplus = np.where(seated, own - price[mate_or_0], 0.0)
        if not len(bids):
            break
        best_bid = np.maximum.reduceat(bids - surplus[bidders], starts)
        risen = best_bid > price[mentors] + step
        if not risen.any():
            break
        price[mentors[risen]] = best_bid[risen]
        if price[mentors[risen]].max() > ceiling:
            return None
    else:
        return None
    has_room = load < capacity
    if np.any(price[has_room] > step) or np.any(surplus[seated] < -step):
        return None
    return np.maximum(surplus, 0.0), np.maximum(price, 0.0)


def _better_pairs(weights: np.ndarray, surplus: np.ndarray, price: np.ndarray, tolerance: float):
    """Mentees with a pair worth more than its surplus plus its mentor's price, and those pairs (best few)."""
    n, m = weights.shape
    k = min(BETTER_PER_MENTEE, m)
    mentees, cells = [], []
    for start in range(0, n, CHECK_ROWS):
        gain = weights[start : start + CHECK_ROWS].astype(np.float64)
        gain -= surplus[start : start + CHECK_ROWS, None]
        gain -= price
        rows = np.flatnonzero((gain > tolerance).any(axis=1))
        if not len(rows):
            continue
        gain = gain[rows]
        best = np.argpartition(gain, m - k, axis=1)[:, m - k :]
        better = np.take_along_axis(gain, best, axis=1) > tolerance
        mentees.append(start + rows)
        cells.append(((start + rows)[:, None] * m + best)[better])
    if not mentees:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return np.concatenate(mentees), np.concatenate(cells)


def _reseat(pairs: Pairs, capacity: np.ndarray, mate: np.ndarray, surplus: np.ndarray, price: np.ndarray, mentees):
    """Repair `mate` after new pairs came in, keeping the prices consistent (successive shortest paths).

    Each mentee given a better pair is unseated and its surplus raised to what its best pair offers at
    the current prices; a place it leaves at a mentor with a positive price is owed back (the price says
    someone wants it), otherwise the outside owes one. Then each unseated mentee follows the shortest
    chain of moves to something owed: a mentee taking a place at mentor j, one of j's mentees moving on,
    and so on, until an owed place is filled, a place is left free or someone is left out. Costs are
    measured against the prices, so none is negative (Dijkstra), and the prices move by the distances
    found so that it stays true. The next round checks the result again from scratch (`_prices`).
    """
    seating = _Seating(pairs, capacity, mate, surplus, price)
    for source in seating.unseat(sorted({int(i) for i in mentees})):
        seating.follow(seating.shortest_chain(source))
    return np.array(seating.mate, dtype=np.int64)


class _Seating:
    """The exchange graph of `_reseat`, in plain Python lists: a path takes hundreds of small steps.

    Nodes: mentee i is i, mentor j is n + j, the outside (left out, free places) is n + m. Moves and their
    costs: a mentee takes a place at a mentor (minus the pair's weight), leaves its mentor (plus it),
    leaves for the outside or comes in from it (0), a mentor opens or gives up a place (0). Potentials:
    the surplus for a mentee, minus the price for a mentor, 0 for the outside; a move from a to b with
    cost c has reduced cost c + potential[a] - potential[b], never negative.
    """

    def __init__(self, pairs: Pairs, capacity: np.ndarray, mate: np.ndarray, surplus: np.ndarray, price: np.ndarray):
        self.n, self.m = len(mate), len(capacity)
        self.outside = self.n + self.m
        self.potential = surplus.tolist() + (-price).tolist() + [0.0]
        self.mate = mate.tolist()
        self.capacity = capacity.tolist()
        self.indptr = np.searchsorted(pairs.mentees, np.arange(self.n + 1)).tolist()
        self.pair_mentors, self.pair_weights = pairs.mentors.tolist(), pairs.weights.tolist()
        self.own = [0.0] * self.n  # the weight of each mentee's current pair
        self.seated: list[list[int]] = [[] for _ in range(self.m)]
        for i, j in enumerate(self.mate):
            if j >= 0:
                self.seated[j].append(i)
                for p in range(self.indptr[i], self.indptr[i + 1]):
                    if self.pair_mentors[p] == j:
                        self.own[i] = self.pair_weights[p]
        self.owed = [0] * (self.m + 1)  # places owed back to each mentor; the last: owed by the outside
        self.waiting: set[int] = set()

    def unseat(self, mentees: list[int]) -> list[int]:
        """Unseat each mentee whose best pair beats its surplus, raising the surplus to it; those unseated."""
        n, potential, outside = self.n, self.potential, self.outside
        unseated = []
        for i in mentees:
            offers = range(self.indptr[i], self.indptr[i + 1])
            best = max((self.pair_weights[p] + potential[n + self.pair_mentors[p]] for p in offers), default=0.0)
            best -= potential[outside]
            if best <= potential[i] - potential[outside]:
                continue
            j = self.mate[i]
            if j >= 0:
                self.seated[j].remove(i)
                self.mate[i] = -1
                self.owed[j if potential[outside] - potential[n + j] > 0 else self.m] += 1
            else:
                self.owed[self.m] += 1
            potential[i] = potential[outside] + best
            unseated.append(i)
        self.waiting = set(unseated)
        return unseated

    def shortest_chain(self, source: int) -> list[tuple[int, int, float]]:
        """The moves (from, to, weight) of the shortest chain from `source` to something owed; prices updated."""
        n, outside, potential, mate = self.n, self.outside, self.potential, self.mate
        self.waiting.discard(source)
        distance = {source: 0.0}
        previous: dict[int, tuple[int, float]] = {}
        settled: dict[int, float] = {}
        heap = [(0.0, source)]

        def reach(node: int, d: float, via: int, weight: float = 0.0) -> None:
            if d < distance.get(node, np.inf):
                distance[node] = d
                previous[node] = (via, weight)
                heapq.heappush(heap, (d, node))

        target = -1
        outside_nodes: list[int] = []
        outside_costs: list[float] = []
        next_move = 0
        while heap:
            d, x = heapq.heappop(heap)
            if x == _FROM_OUTSIDE:  # the outside's next cheapest move
                reach(outside_nodes[next_move], d, outside)
                next_move += 1
                if next_move < len(outside_nodes):
                    heapq.heappush(heap, (settled[outside] + outside_costs[next_move], _FROM_OUTSIDE))
                continue
            if x in settled:
                continue
            settled[x] = d
            if x >= n and self.owed[x - n] > 0:
                target = x
                break
            here = potential[x]
            if x < n:  # the mentee takes a place at another mentor, or leaves
                for p in range(self.indptr[x], self.indptr[x + 1]):
                    j = self.pair_mentors[p]
                    if j != mate[x]:
                        reach(
                            n + j, d + max(0.0, here - self.pair_weights[p] - potential[n + j]), x, self.pair_weights[p]
                        )
                if mate[x] >= 0 or x == source:
                    reach(outside, d + max(0.0, here - potential[outside]), x)
            elif x < outside:  # one of the mentor's mentees moves on, or the mentor opens a place
                j = x - n
                for i in self.seated[j]:
                    reach(i, d + max(0.0, self.own[i] + here - potential[i]), x)
                if len(self.seated[j]) + self.owed[j] < self.capacity[j]:
                    reach(outside, d + max(0.0, here - potential[outside]), x)
            else:  # someone left out comes in, or a mentor gives up a place: thousands of moves, so they are
                # sorted once and offered one at a time, cheapest first, as the search gets that far
                outside_nodes, outside_costs = self._outside_moves(source)
                if outside_nodes:
                    heapq.heappush(heap, (d + outside_costs[0], _FROM_OUTSIDE))
        if target < 0:  # cannot happen while something is owed; the next round's proof would catch it anyway
            raise NotProved("no chain of moves for an unseated mentee")
        found = settled[target]
        for node, d in settled.items():
            if d < found:
                potential[node] += d - found
        self.owed[target - n] -= 1
        chain = []
        node = target
        while node != source:
            via, weight = previous[node]
            chain.append((via, node, weight))
            node = via
        return chain[::-1]

    def _outside_moves(self, source: int) -> tuple[list[int], list[float]]:
        """Nodes the outside leads to (mentees left out, mentors with someone or owed a place) by reduced cost."""
        potential = np.array(self.potential)
        left_out = np.flatnonzero(np.array(self.mate) < 0)
        left_out = left_out[(left_out != source) & ~np.isin(left_out, list(self.waiting))]
        mentors = np.flatnonzero(
            [bool(seated) or owed > 0 for seated, owed in zip(self.seated, self.owed[: self.m], strict=True)]
        )
        nodes = np.concatenate([left_out, self.n + mentors])
        costs = np.maximum(0.0, potential[self.outside] - potential[nodes])
        order = np.lexsort((nodes, costs))
        return nodes[order].tolist(), costs[order].tolist()

    def follow(self, chain: list[tuple[int, int, float]]) -> None:
        """Make the moves, from the source on (a mentee leaves its mentor before it takes another place)."""
        n, outside = self.n, self.outside
        for a, b, weight in chain:
            if a < n <= b < outside:  # mentee a takes a place at mentor b
                self.mate[a] = b - n
                self.seated[b - n].append(a)
                self.own[a] = weight
            elif n <= a < outside and b < n:  # mentee b leaves mentor a
                self.seated[a - n].remove(b)
                self.mate[b] = -1
