"""The similarity model: mentees and mentors as feature blocks, a 0–100 score per pair, its reasons in words.

Pure numpy/scikit-learn over plain data classes, so the benchmark and the property tests run it without a
database. Every block is a value in [0, 1]; the score is the weighted mean of the blocks times 100.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from interlab.core.text import normalise

BLOCKS = ("expertise", "sector", "goals", "languages", "complementarity", "place", "availability")

# The local–newcomer binôme is the programme's purpose, so it weighs more than place or time; needs vs
# expertise is what the evidence says predicts a good relationship, so it weighs most.
DEFAULT_WEIGHTS = {
    "expertise": 3.0,
    "sector": 1.5,
    "goals": 1.0,
    "languages": 1.5,
    "complementarity": 2.5,
    "place": 1.0,
    "availability": 0.5,
}

LEVEL_VALUE = {"": 0.6, "A1": 0.15, "A2": 0.3, "B1": 0.6, "B2": 0.8, "C1": 1.0, "C2": 1.0, "native": 1.0}
LEVEL_TIERS = (0.15, 0.3, 0.6, 0.8, 1.0)
MIN_FEASIBLE_SCORE = 0.01
# How a programme treats the local–newcomer pair (mentoring.models.BinomeMode, kept here as plain strings so that
# the model runs without Django): "required" rules out local × local and newcomer × newcomer, "preferred" gives
# the complementarity block its weight, "indifferent" gives it none.
BINOME_REQUIRED, BINOME_PREFERRED, BINOME_INDIFFERENT = "required", "preferred", "indifferent"
BINOME_MODES = (BINOME_REQUIRED, BINOME_PREFERRED, BINOME_INDIFFERENT)
CHUNK_ROWS = 2000
DENSE_VOCABULARY = 4096


@dataclass
class MenteeData:
    id: int
    needs: list[str] = field(default_factory=list)
    needs_text: str = ""
    sector: str = ""
    goals: str = ""
    languages: dict[str, str] = field(default_factory=dict)
    commune: str = ""
    newcomer: bool = False
    programme_id: int | None = None
    # Hard wishes of the mentee: the mentor's declared gender, a language the mentor speaks ("" for none).
    wish_gender: str = ""
    wish_language: str = ""
    # The local–newcomer rule of the mentee's programme; "" follows the one Scored is given.
    binome: str = ""


@dataclass
class MentorData:
    id: int
    expertise: list[str] = field(default_factory=list)
    expertise_text: str = ""
    sectors: list[str] = field(default_factory=list)
    languages: dict[str, str] = field(default_factory=dict)
    commune: str = ""
    mode: str = "both"
    is_local: bool = True
    hours_per_month: int = 4
    capacity: int = 1
    programme_ids: frozenset[int] = frozenset()
    gender: str = ""


def broken_constraints(
    mentee: MenteeData,
    mentor: MentorData,
    *,
    binome: str = BINOME_PREFERRED,
    excluded: set[tuple[int, int]] | frozenset = frozenset(),
) -> list[str]:
    """The hard constraints one pair breaks, by key (none: the pair may be proposed). The rule Scored applies to
    the whole matrix at once, said pair by pair: the property tests hold the two to each other."""
    broken = []
    if not set(mentee.languages) & set(mentor.languages):
        broken.append("languages")
    if mentee.wish_gender and mentor.gender != mentee.wish_gender:
        broken.append("wish_gender")
    if mentee.wish_language and mentee.wish_language not in mentor.languages:
        broken.append("wish_language")
    if (mentee.binome or binome) == BINOME_REQUIRED and mentee.newcomer != mentor.is_local:
        broken.append("binome")
    if mentor.programme_ids and mentee.programme_id not in mentor.programme_ids:
        broken.append("programme_only")
    if (mentee.id, mentor.id) in excluded:
        broken.append("excluded")
    return broken


def clean_weights(weights: dict | None) -> dict[str, float]:
    """Known blocks only, finite and non-negative; missing blocks take their default; never all zero."""
    result = dict(DEFAULT_WEIGHTS)
    for key, value in (weights or {}).items():
        if key in result and isinstance(value, int | float) and np.isfinite(value) and value >= 0:
            result[key] = float(value)
    if sum(result.values()) <= 0:
        return dict(DEFAULT_WEIGHTS)
    return result


def _vocabulary_index(values) -> dict[str, int]:
    index: dict[str, int] = {}
    for value in values:
        index.setdefault(value, len(index))
    return index


def _one_hot(rows: list[list[str]], index: dict[str, int], dtype=np.float32) -> sparse.csr_matrix:
    indptr, indices = [0], []
    for row in rows:
        cols = sorted({index[v] for v in row if v in index})
        indices.extend(cols)
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=dtype)
    return sparse.csr_matrix((data, indices, indptr), shape=(len(rows), max(len(index), 1)))


def _chunked_product(a: sparse.csr_matrix, b_t: sparse.csr_matrix, out: np.ndarray, weight: float) -> None:
    """out += weight * (a @ b_t), a slice of rows at a time so the product never sits whole in memory.

    With a small vocabulary almost every pair shares some n-grams and the product is dense anyway: a dense
    BLAS product is then about twice as fast as the sparse one (measured on bench/matching.py's data).
    """
    dense = b_t.shape[0] <= DENSE_VOCABULARY
    right = b_t.toarray() if dense else b_t
    for start in range(0, a.shape[0], CHUNK_ROWS):
        rows = a[start : start + CHUNK_ROWS]
        block = rows.toarray() @ right if dense else (rows @ right).toarray()
        block *= np.float32(weight)
        out[start : start + CHUNK_ROWS] += block


def _tfidf(mentee_texts: list[str], mentor_texts: list[str], **options):
    """TF-IDF rows of the mentees and columns of the mentors, fitted on both sides together.

    In a large pool, terms found in more than half of the texts ("de", "ion") say nothing about a pair and
    would make the pair product almost dense, so they are dropped; in a small pool every term counts.
    """
    documents = mentor_texts + mentee_texts
    max_df = 0.5 if len(documents) >= 200 else 1.0
    vectoriser = TfidfVectorizer(min_df=1, max_df=max_df, dtype=np.float32, preprocessor=normalise, **options)
    try:
        both = vectoriser.fit_transform(documents)
    except ValueError:  # empty texts, or every term pruned: the block is zero
        return (
            sparse.csr_matrix((len(mentee_texts), 1), dtype=np.float32),
            sparse.csr_matrix((1, len(mentor_texts)), dtype=np.float32),
        )
    return both[len(mentor_texts) :], both[: len(mentor_texts)].T.tocsr()


class Scored:
    """Scores of every mentee × mentor pair, the hard constraints, and the means to explain one pair."""

    def __init__(
        self,
        mentees: list[MenteeData],
        mentors: list[MentorData],
        weights: dict | None = None,
        *,
        excluded: set[tuple[int, int]] | frozenset = frozenset(),
        seed: int = 0,
        binome: str = BINOME_PREFERRED,
    ):
        self.mentees, self.mentors = mentees, mentors
        self.weights = clean_weights(weights)
        self.binome = binome if binome in BINOME_MODES else BINOME_PREFERRED
        self.excluded = excluded
        n, m = len(mentees), len(mentors)
        self.score = np.zeros((n, m), dtype=np.float32)
        self.feasible = np.zeros((n, m), dtype=bool)
        if n == 0 or m == 0:
            return
        self._prepare()
        total = sum(self.weights.values())
        # Weights scaled so that the weighted sum of [0, 1] blocks lands directly on 0–100.
        w = {k: np.float32(100 * v / total) for k, v in self.weights.items()}
        self._w = w

        # Languages: for each language both speak, the lower of the two levels (in tiers: speaking at B2 means
        # at B1 too), summed over the languages and capped at 1. One dense product (BLAS).
        score = self._lang_a @ self._lang_b.T
        # Hard constraint 1: at least one shared working language (any level).
        self.feasible = score > 0
        np.minimum(score, 1, out=score)
        score *= w["languages"]
        # Tag cover, sector, local × newcomer, place and availability are small dense features: one product.
        score += self._small_a @ self._small_b().T
        # Free text (needs ↔ expertise, goals ↔ experience): sparse TF-IDF cosines, a slice of rows at a time.
        if w["expertise"]:
            _chunked_product(self._text_a, self._text_b_t, score, w["expertise"] * np.float32(0.5))
        if w["goals"]:
            _chunked_product(self._goals_a, self._goals_b_t, score, w["goals"])
        self._apply_binome(score, w["complementarity"])
        np.clip(score, 0, 100, out=score)
        if seed:
            # Equal scores are ordered by the seed, the same way every time: determinism given a seed.
            score += np.random.default_rng(seed).random(m, dtype=np.float32)[None, :] * np.float32(1e-4)
        self.score = score
        # Hard constraint: a mentor limited to some programmes is only proposed within them.
        limited = [j for j, p in enumerate(mentors) if p.programme_ids]
        for j in limited:
            allowed = np.array([p.programme_id in mentors[j].programme_ids for p in mentees])
            self.feasible[:, j] &= allowed
        # Hard constraints the mentee asked for: the mentor's declared gender, a language the mentor speaks.
        genders = np.array([p.gender for p in mentors], dtype=object)
        speakers: dict[str, np.ndarray] = {}
        for i, p in enumerate(mentees):
            if p.wish_gender:
                self.feasible[i] &= genders == p.wish_gender
            if p.wish_language:
                if p.wish_language not in speakers:
                    speakers[p.wish_language] = np.array([p.wish_language in b.languages for b in mentors], bool)
                self.feasible[i] &= speakers[p.wish_language]
        # Hard constraint: exclusions set by coaches and pairs already declined.
        if excluded:
            rows = {p.id: i for i, p in enumerate(mentees)}
            cols = {p.id: j for j, p in enumerate(mentors)}
            for mentee_id, mentor_id in excluded:
                if mentee_id in rows and mentor_id in cols:
                    self.feasible[rows[mentee_id], cols[mentor_id]] = False

    def mode(self, i: int) -> str:
        """The local–newcomer rule for mentee row i: their programme's, else the one this matrix was given."""
        return self.mentees[i].binome or self.binome

    def _apply_binome(self, score: np.ndarray, weight: np.float32) -> None:
        """Rows whose programme requires the local–newcomer pair lose every other pair; rows whose programme is
        indifferent lose the complementarity bonus, and the other blocks are scaled back to 0–100."""
        modes = np.array([self.mode(i) for i in range(len(self.mentees))])
        required, indifferent = modes == BINOME_REQUIRED, modes == BINOME_INDIFFERENT
        if not (required.any() or (indifferent.any() and weight)):
            return
        newcomer = np.array([p.newcomer for p in self.mentees], dtype=bool)
        local = np.array([p.is_local for p in self.mentors], dtype=bool)
        if required.any():
            rows = np.flatnonzero(required)
            self.feasible[rows] &= newcomer[rows, None] == local[None, :]
        if indifferent.any() and weight:
            rows = np.flatnonzero(indifferent)
            bonus = (newcomer[rows, None] == local[None, :]).astype(np.float32) * weight
            rest = np.float32(100) - weight
            score[rows] = (score[rows] - bonus) * (np.float32(100) / rest if rest > 0 else np.float32(0))

    def broken(self, i: int, j: int) -> list[str]:
        """The hard constraints pair (i, j) breaks, by key: empty exactly when feasible[i, j]."""
        return broken_constraints(self.mentees[i], self.mentors[j], binome=self.binome, excluded=self.excluded)

    # -- preparation -------------------------------------------------------------------------------------
    def _prepare(self) -> None:
        mentees, mentors = self.mentees, self.mentors
        codes = sorted({c for p in mentees + mentors for c in p.languages})
        self._lang_a = self._language_tiers([p.languages for p in mentees], codes, steps=True)
        self._lang_b = self._language_tiers([p.languages for p in mentors], codes, steps=False)
        need_index = _vocabulary_index(n for p in mentees for n in p.needs)
        self._needs_a = _one_hot([p.needs for p in mentees], need_index).toarray()
        self._needs_b = _one_hot([[normalise(t) for t in p.expertise] for p in mentors], need_index).toarray()
        self._needs_count = self._needs_a.sum(axis=1)
        # Character n-grams inside word boundaries match "financement" with "financing", "HACCP" with "haccp".
        mentor_texts = [" ".join([*p.expertise, *p.sectors, p.expertise_text]) for p in mentors]
        mentee_texts = [" ".join([p.needs_text, p.sector, p.goals]) for p in mentees]
        self._text_a, self._text_b_t = _tfidf(mentee_texts, mentor_texts, analyzer="char_wb", ngram_range=(3, 4))
        goals_b = [p.expertise_text or " ".join(p.expertise) for p in mentors]
        self._goals_a, self._goals_b_t = _tfidf([p.goals for p in mentees], goals_b, analyzer="word")
        sector_index = _vocabulary_index(normalise(s) for p in mentors for s in p.sectors)
        self._sector_a = _one_hot([[normalise(p.sector)] for p in mentees], sector_index).toarray()
        self._sector_b = _one_hot([[normalise(s) for s in p.sectors] for p in mentors], sector_index).toarray()
        self._availability = np.array([min(p.hours_per_month / 4, 1.0) for p in mentors], dtype=np.float32)
        commune_index = _vocabulary_index(normalise(p.commune) for p in mentees + mentors if p.commune)
        self._commune_a = _one_hot([[normalise(p.commune)] for p in mentees], commune_index).toarray()
        self._commune_b = _one_hot([[normalise(p.commune)] for p in mentors], commune_index).toarray()
        self._online = np.array([p.mode == "online" for p in mentors], dtype=np.float32)
        newcomer = np.array([p.newcomer for p in mentees], dtype=np.float32)
        # The mentee side of the small dense features; _small_b() is the mentor side, with the weights in it.
        cover = self._needs_a / np.maximum(self._needs_count, 1)[:, None].astype(np.float32)
        ones = np.ones((len(mentees), 1), dtype=np.float32)
        self._small_a = np.hstack(
            [cover, self._sector_a, newcomer[:, None], 1 - newcomer[:, None], ones, self._commune_a]
        ).astype(np.float32)

    def _small_b(self) -> np.ndarray:
        w = self._w
        local = np.array([p.is_local for p in self.mentors], dtype=np.float32)
        # Place: 0.5 by default, 1.0 in the same commune, 0.8 with an online mentor (wherever the mentee lives).
        base = w["availability"] * self._availability + w["place"] * np.where(self._online > 0, 0.8, 0.5)
        same_commune = self._commune_b * (w["place"] * 0.5 * (1 - self._online))[:, None]
        return np.hstack(
            [
                self._needs_b * (w["expertise"] * 0.5),
                self._sector_b * w["sector"],
                (local * w["complementarity"])[:, None],
                ((1 - local) * w["complementarity"])[:, None],
                base[:, None],
                same_commune,
            ]
        ).astype(np.float32)

    @staticmethod
    def _language_tiers(rows: list[dict[str, str]], codes: list[str], *, steps: bool) -> np.ndarray:
        """Person × (language, tier): speaks it at least at that tier; on one side the tier's step in value,
        so that the product of the two sides sums, per shared language, the lower of the two levels."""
        self_index = {c: k for k, c in enumerate(codes)}
        values = np.zeros((len(rows), max(len(codes), 1)), dtype=np.float32)
        for i, row in enumerate(rows):
            for code, level in row.items():
                values[i, self_index[code]] = LEVEL_VALUE.get(level, 0.6)
        previous, columns = 0.0, []
        for tier in LEVEL_TIERS:
            columns.append((values >= tier).astype(np.float32) * np.float32(tier - previous if steps else 1.0))
            previous = tier
        return np.hstack(columns)

    # -- one pair ----------------------------------------------------------------------------------------
    def blocks(self, i: int, j: int) -> dict[str, float]:
        """The value of every block for one pair, as the matrix saw it (kept with the proposal)."""
        a, b = self.mentees[i], self.mentors[j]
        lang = min(float(self._lang_a[i] @ self._lang_b[j]), 1.0)
        cover = float(self._needs_a[i] @ self._needs_b[j]) / max(float(self._needs_count[i]), 1.0)
        text = float((self._text_a[i] @ self._text_b_t[:, j]).toarray()[0, 0])
        goals = float((self._goals_a[i] @ self._goals_b_t[:, j]).toarray()[0, 0])
        sector = float(self._sector_a[i] @ self._sector_b[j])
        place = float(self._place_matrix_row(i, j))
        return {
            "expertise": round(0.5 * cover + 0.5 * min(text, 1.0), 4),
            "sector": round(min(sector, 1.0), 4),
            "goals": round(min(goals, 1.0), 4),
            "languages": round(lang, 4),
            "complementarity": 1.0 if a.newcomer == b.is_local else 0.0,
            "place": place,
            "availability": round(float(self._availability[j]), 4),
        }

    def _place_matrix_row(self, i: int, j: int) -> float:
        a, b = self.mentees[i], self.mentors[j]
        if b.mode == "online":
            return 0.8
        if a.commune and normalise(a.commune) == normalise(b.commune):
            return 1.0
        return 0.5

    def reasons(self, i: int, j: int, blocks: dict[str, float] | None = None, top: int = 3) -> list[dict]:
        """The top contributions of one pair, as structured reasons (rendered in words by reason_text)."""
        blocks = blocks or self.blocks(i, j)
        a, b = self.mentees[i], self.mentors[j]
        weights = dict(self.weights)
        if self.mode(i) == BINOME_INDIFFERENT:
            weights["complementarity"] = 0.0
        ranked = sorted(BLOCKS, key=lambda k: (-weights[k] * blocks[k], BLOCKS.index(k)))
        shared = sorted(set(a.languages) & set(b.languages))
        result = [{"key": "languages", "languages": shared}]
        for key in ranked:
            if len(result) > top or blocks[key] <= 0 or weights[key] <= 0:
                continue
            if key == "languages":
                continue
            if key == "expertise":
                tags = {normalise(t) for t in b.expertise}
                covered = [n for n in a.needs if n in tags]
                result.append({"key": "expertise", "needs": covered, "tags": _common_tags(a, b)})
            elif key == "sector":
                result.append({"key": "sector", "sector": a.sector})
            elif key == "goals":
                result.append({"key": "goals"})
            elif key == "complementarity":
                result.append({"key": "binome", "mentor_local": b.is_local})
            elif key == "place":
                if b.mode == "online":
                    result.append({"key": "online"})
                elif blocks["place"] >= 1:
                    result.append({"key": "commune", "commune": b.commune})
            elif key == "availability":
                result.append({"key": "availability", "hours": b.hours_per_month})
        # The strongest contribution first; languages (the hard constraint) keep their place by weight.
        order = {k: n for n, k in enumerate(ranked)}
        alias = {"binome": "complementarity", "commune": "place", "online": "place"}
        result.sort(key=lambda r: order.get(alias.get(r["key"], r["key"]), 99))
        # A hard wish the mentee made comes first: it decided who could be proposed at all.
        wishes = []
        if a.wish_gender and b.gender == a.wish_gender:
            wishes.append({"key": "wish", "gender": a.wish_gender})
        if a.wish_language and a.wish_language in b.languages:
            wishes.append({"key": "wish", "language": a.wish_language})
        return wishes + result


def _common_tags(a: MenteeData, b: MentorData) -> list[str]:
    """Mentor tags that appear in the mentee's text (needs, sector, goals), for "expertise covers: …"."""
    text = normalise(" ".join([a.needs_text, a.sector, a.goals]))
    needs = set(a.needs)  # a need key is already said by its label among the covered needs
    return [t for t in b.expertise if len(t) >= 3 and t not in needs and normalise(t) in text][:4]
