"""Stratified, paired bootstrap of the evaluation's figures: the same draws for every method, so differences pair."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

ROUNDS = 1000
SEED = 20250903  # fixed: the EWP release the protocol was checked on; never tuned
LEVEL = 0.95


@dataclass(frozen=True)
class Draws:
    """How many times each positive and each negative unit is drawn in each round (rounds x units)."""

    positive: np.ndarray
    negative: np.ndarray

    @property
    def rounds(self) -> int:
        return self.positive.shape[0]


def stratified_draws(n_positive: int, n_negative: int, rounds: int = ROUNDS, seed: int | tuple[int, ...] = SEED,
                     ) -> Draws:
    """Resample positives and negatives separately (each with replacement, to its own size)."""
    rng = np.random.default_rng(seed)
    return Draws(_counts(rng, n_positive, rounds), _counts(rng, n_negative, rounds))


def _counts(rng: np.random.Generator, size: int, rounds: int) -> np.ndarray:
    if size == 0:
        return np.zeros((rounds, 0), dtype=np.int64)
    picks = rng.integers(0, size, size=(rounds, size)) + np.arange(rounds)[:, None] * size
    return np.bincount(picks.ravel(), minlength=rounds * size).reshape(rounds, size)


def auc_draws(positive_scores: np.ndarray, negative_scores: np.ndarray, draws: Draws,
              positive_counts: np.ndarray | None = None) -> tuple[float, np.ndarray]:
    """AUC (Mann–Whitney: a positive above a negative 1, a tie 1/2) on the sample and in every round.

    positive_counts (0/1 per positive): which positives enter the AUC at all (EWP's own AUC leaves out an onset
    without a forecast, while its top-N shares count it as a miss).
    """
    inside = np.ones(len(positive_scores)) if positive_counts is None else positive_counts.astype(float)
    point = _auc(positive_scores, inside[None, :], negative_scores, np.ones((1, len(negative_scores))))[0]
    return float(point), _auc(positive_scores, draws.positive * inside[None, :], negative_scores, draws.negative)


def _auc(positive_scores: np.ndarray, positive: np.ndarray, negative_scores: np.ndarray,
         negative: np.ndarray) -> np.ndarray:
    # NOTE: per round, the drawn weight of negatives below (and tied with) each positive, from cumulative sums
    # over the sorted negatives: O(rounds x units), not a positives x negatives comparison per round.
    order = np.argsort(negative_scores, kind="stable")
    ordered = negative_scores[order]
    below = np.concatenate([np.zeros((negative.shape[0], 1)), np.cumsum(negative[:, order], axis=1)], axis=1)
    lower = np.searchsorted(ordered, positive_scores, side="left")
    upper = np.searchsorted(ordered, positive_scores, side="right")
    wins = below[:, lower] + 0.5 * (below[:, upper] - below[:, lower])
    pair_count = positive.sum(axis=1) * negative.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(pair_count > 0, (positive * wins).sum(axis=1) / pair_count, np.nan)


def count_draws(caught: np.ndarray, draws: Draws) -> tuple[int, np.ndarray]:
    """How many positives are caught on the sample and in every round."""
    flags = caught.astype(float)
    return int(flags.sum()), draws.positive @ flags


def interval(values: np.ndarray, level: float = LEVEL) -> list[float]:
    """The percentile interval of the rounds ([low, high]); [nan, nan] when no round has a value."""
    finite = values[~np.isnan(values)]
    if not len(finite):
        return [float("nan"), float("nan")]
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(finite, [tail, 100 - tail], method="inverted_cdf")  # a drawn value, never between
    return [float(low), float(high)]


def verdict(low: float, high: float) -> str:
    """A paired difference's verdict from its interval: entirely above 0, entirely below, or straddling it."""
    if np.isnan(low) or np.isnan(high):
        return "no verdict"
    if low > 0:
        return "beats"
    if high < 0:
        return "trails"
    return "matches within noise"
