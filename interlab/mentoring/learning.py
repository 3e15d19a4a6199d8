"""Learning the weights from outcomes: a logistic regression over the feature blocks each proposal kept.

A pair counts as a failure when it was declined, when either side called it a bad fit, or when any feedback
on it rated it 1 or 2 out of 5 (one such rating is enough: a 2 and a 5 do not average into a success); every
other pair the mentor accepted is a success. AUCs are measured by stratified k-fold cross-validation (mean
and standard deviation over the folds), the current weights on the same folds as the suggested ones. The
coach sees both, and an administrator applies the suggestion only on confirmation.
"""

from __future__ import annotations

import numpy as np
from django.db.models import Min

from .model import BLOCKS, clean_weights
from .models import Fit, Match, MatchStatus

MIN_OUTCOMES = 12
MAX_FOLDS = 5
# The highest rating that marks a pair as failed (on the 1–5 scale of Feedback.satisfaction).
FAILING_RATING = 2


def outcomes(programme=None) -> tuple[np.ndarray, np.ndarray]:
    """The feature blocks of every pair with an outcome, and its label: 1 success, 0 failure."""
    qs = Match.objects.filter(status__in=[MatchStatus.DECLINED, MatchStatus.ACTIVE, MatchStatus.ENDED]).annotate(
        lowest_satisfaction=Min("feedback__satisfaction")
    )
    if programme is not None:
        qs = qs.filter(programme=programme)
    features, labels = [], []
    for match in qs.order_by("pk"):
        blocks = match.features or {}
        if not all(isinstance(blocks.get(k), int | float) for k in BLOCKS):
            continue
        bad = Fit.BAD in (match.mentor_fit, match.mentee_fit) or (
            match.lowest_satisfaction is not None and match.lowest_satisfaction <= FAILING_RATING
        )
        success = match.status != MatchStatus.DECLINED and not bad
        features.append([float(blocks[k]) for k in BLOCKS])
        labels.append(1 if success else 0)
    return np.array(features, dtype=float).reshape(-1, len(BLOCKS)), np.array(labels, dtype=int)


def _folds(y: np.ndarray, seed: int) -> list[tuple[np.ndarray, np.ndarray]] | None:
    """Stratified folds (as many as the rarer outcome allows, 2 to MAX_FOLDS), or None with too little data."""
    from sklearn.model_selection import StratifiedKFold

    if len(y) < MIN_OUTCOMES or len(set(y.tolist())) < 2:
        return None
    k = min(MAX_FOLDS, int(np.bincount(y).min()))
    if k < 2:
        return None
    splitter = StratifiedKFold(n_splits=k, shuffle=True, random_state=seed)
    return list(splitter.split(np.zeros(len(y)), y))


def _summary(values: list[float]) -> tuple[float, float]:
    """Mean and sample standard deviation (ddof=1) over the folds, rounded for display."""
    array = np.array(values, dtype=float)
    return round(float(array.mean()), 4), round(float(array.std(ddof=1)), 4)


def _coefficients(x: np.ndarray, y: np.ndarray, seed: int) -> np.ndarray:
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=1.0, max_iter=1000, random_state=seed).fit(x, y)
    # Weights are importances: a block that predicts failure gets no weight rather than a negative one.
    coefficients = np.clip(model.coef_[0], 0, None)
    if coefficients.sum() <= 0:
        coefficients = np.ones(len(BLOCKS))
    return coefficients


def evaluate(weights: dict, programme=None, *, seed: int = 0) -> dict:
    """{"auc", "auc_sd", "folds", "n_outcomes"}: how well these weights rank the recorded outcomes, by
    cross-validation; None figures when there are too few outcomes. What weights_set stores with the weights."""
    from sklearn.metrics import roc_auc_score

    vector = np.array([clean_weights(weights)[k] for k in BLOCKS])
    x, y = outcomes(programme)
    folds = _folds(y, seed)
    if folds is None:
        return {"auc": None, "auc_sd": None, "folds": 0, "n_outcomes": int(len(y))}
    auc, sd = _summary([roc_auc_score(y[test], x[test] @ vector) for _train, test in folds])
    return {"auc": auc, "auc_sd": sd, "folds": len(folds), "n_outcomes": int(len(y))}


def suggest(current: dict, programme=None, *, seed: int = 0) -> dict:
    """Weights fitted on outcomes: {"weights", "auc_current", "auc_current_sd", "auc_suggested",
    "auc_suggested_sd", "folds", "n_outcomes", "enough"}.

    Each fold fits the regression on the other folds and scores the held-out pairs with it, and with the
    current weights; the suggested weights themselves are fitted on every outcome.
    """
    from sklearn.metrics import roc_auc_score

    current = clean_weights(current)
    x, y = outcomes(programme)
    result = {
        "weights": current,
        "auc_current": None,
        "auc_current_sd": None,
        "auc_suggested": None,
        "auc_suggested_sd": None,
        "folds": 0,
        "n_outcomes": int(len(y)),
        "enough": False,
    }
    folds = _folds(y, seed)
    if folds is None:
        return result
    current_vector = np.array([current[k] for k in BLOCKS])
    current_aucs, suggested_aucs = [], []
    for train, test in folds:
        coefficients = _coefficients(x[train], y[train], seed)
        current_aucs.append(roc_auc_score(y[test], x[test] @ current_vector))
        suggested_aucs.append(roc_auc_score(y[test], x[test] @ coefficients))
    coefficients = _coefficients(x, y, seed)
    scale = sum(current.values()) / coefficients.sum()
    auc_current, auc_current_sd = _summary(current_aucs)
    auc_suggested, auc_suggested_sd = _summary(suggested_aucs)
    result.update(
        weights={k: round(float(c * scale), 3) for k, c in zip(BLOCKS, coefficients, strict=True)},
        auc_current=auc_current,
        auc_current_sd=auc_current_sd,
        auc_suggested=auc_suggested,
        auc_suggested_sd=auc_suggested_sd,
        folds=len(folds),
        enough=True,
    )
    return result
