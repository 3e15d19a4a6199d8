"""Learning the weights from outcomes: a logistic regression over the feature blocks each proposal kept.

A pair counts as a success when the mentor accepted it and neither side later called it a bad fit nor gave
it less than 3 out of 5; a failure when it was declined, judged a bad fit, or rated 1 or 2. The coach sees
the suggested weights with their held-out AUC beside the current weights' AUC on the same held-out pairs,
and applies them only on confirmation.
"""

from __future__ import annotations

import numpy as np
from django.db.models import Avg

from .model import BLOCKS, clean_weights
from .models import Fit, Match, MatchStatus

MIN_OUTCOMES = 12


def outcomes(programme=None) -> tuple[np.ndarray, np.ndarray]:
    qs = Match.objects.filter(status__in=[MatchStatus.DECLINED, MatchStatus.ACTIVE, MatchStatus.ENDED]).annotate(
        mean_satisfaction=Avg("feedback__satisfaction")
    )
    if programme is not None:
        qs = qs.filter(programme=programme)
    features, labels = [], []
    for match in qs.order_by("pk"):
        blocks = match.features or {}
        if not all(isinstance(blocks.get(k), int | float) for k in BLOCKS):
            continue
        bad = Fit.BAD in (match.mentor_fit, match.mentee_fit) or (
            match.mean_satisfaction is not None and match.mean_satisfaction < 3
        )
        success = match.status != MatchStatus.DECLINED and not bad
        features.append([float(blocks[k]) for k in BLOCKS])
        labels.append(1 if success else 0)
    return np.array(features, dtype=float).reshape(-1, len(BLOCKS)), np.array(labels, dtype=int)


def suggest(current: dict, programme=None, *, seed: int = 0) -> dict:
    """{"weights", "auc_current", "auc_suggested", "n_outcomes", "enough"}: weights fitted on outcomes."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import train_test_split

    current = clean_weights(current)
    x, y = outcomes(programme)
    result = {"weights": current, "auc_current": None, "auc_suggested": None, "n_outcomes": int(len(y))}
    if len(y) < MIN_OUTCOMES or len(set(y.tolist())) < 2 or min(np.bincount(y)) < 2:
        result["enough"] = False
        return result
    x_train, x_test, y_train, y_test = train_test_split(x, y, test_size=0.3, random_state=seed, stratify=y)
    if len(set(y_train.tolist())) < 2 or len(set(y_test.tolist())) < 2:
        result["enough"] = False
        return result
    model = LogisticRegression(C=1.0, max_iter=1000, random_state=seed).fit(x_train, y_train)
    # Weights are importances: a block that predicts failure gets no weight rather than a negative one.
    coefficients = np.clip(model.coef_[0], 0, None)
    if coefficients.sum() <= 0:
        coefficients = np.ones(len(BLOCKS))
    scale = sum(current.values()) / coefficients.sum()
    suggested = {k: round(float(c * scale), 3) for k, c in zip(BLOCKS, coefficients, strict=True)}
    current_vector = np.array([current[k] for k in BLOCKS])
    result.update(
        weights=suggested,
        auc_current=round(float(roc_auc_score(y_test, x_test @ current_vector)), 4),
        auc_suggested=round(float(roc_auc_score(y_test, x_test @ coefficients)), 4),
        enough=True,
    )
    return result
