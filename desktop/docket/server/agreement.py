"""``docket agreement``: how much the reviewers agree, per question, and gold accuracy.

Each question becomes *units* (what two reviewers can agree on) with values at the right
level of measurement:

- preference: per task, the direction and strength on one scale from "first response
  (by id) much better" (-2) to "second much better" (+2), tie 0: ordinal; and the bare
  direction (first, second, tie): nominal;
- ranking: per task and pair of responses, which one the reviewer ranked higher (-1, 0 for
  a tie, +1): ordinal, so rankings are compared through the pairs they imply;
- likert: per task, response and dimension, the score: ordinal;
- flags: per task, target (a response or the task) and flag, set or not: nominal;
- choice: per task, the choice: nominal.

For every question: the number of units judged by two or more reviewers, percentage
agreement, Fleiss' kappa, Krippendorff's alpha with a bootstrap interval when there are
fewer than 200 units, and Cohen's kappa for each pair of reviewers with the number of
units they share.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any, cast

from docket.server.agreement_stats import (
    Level,
    alpha_bootstrap_interval,
    cohen_kappa,
    fleiss_kappa,
    krippendorff_alpha,
    pairwise_from_ranking,
    percent_agreement,
    wilson_interval,
)
from docket.server.merged_store import MergedAnswer

STRENGTH = {"slight": 1, "strong": 2}
SMALL_SAMPLE = 200
Units = dict[str, dict[str, Hashable]]


@dataclass(slots=True)
class QuestionAgreement:
    question: str
    level: str
    units: int
    percent_agreement: float | None
    fleiss_kappa: float | None
    krippendorff_alpha: float | None
    alpha_interval: tuple[float, float] | None
    cohen: list[dict[str, Any]] = field(default_factory=list)


@dataclass(slots=True)
class GoldAccuracy:
    reviewer: str
    correct: int
    total: int
    interval: tuple[float, float] | None

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.total if self.total else None


def _units(answers: Iterable[MergedAnswer]) -> dict[tuple[str, str], Units]:
    """(question, level) -> units -> reviewer -> value."""
    out: dict[tuple[str, str], Units] = defaultdict(lambda: defaultdict(dict))
    flag_names: set[str] = set()
    by_task: dict[str, list[MergedAnswer]] = defaultdict(list)
    for a in answers:
        by_task[a.task_id].append(a)
        flags = a.answers.get("flags")
        if isinstance(flags, dict):
            for names in flags.values():
                if isinstance(names, list):
                    flag_names.update(str(n) for n in names)
    for task_id, group in by_task.items():
        if len(group) < 2:
            continue
        for a in group:
            who = a.reviewer_name
            ids = sorted(a.display_order.values())
            pref = a.answers.get("preference")
            if isinstance(pref, dict) and len(ids) == 2:
                better = pref.get("better")
                strength = STRENGTH.get(str(pref.get("strength")), 1)
                scale = 0 if better is None else (-strength if better == ids[0] else strength)
                out[("preference", "ordinal")][task_id][who] = scale
                out[("preference direction", "nominal")][task_id][who] = (
                    "tie" if better is None else ("first" if better == ids[0] else "second")
                )
            ranking = a.answers.get("ranking")
            if isinstance(ranking, list):
                for (x, y), sign in pairwise_from_ranking(ranking).items():
                    out[("ranking (pairs)", "ordinal")][f"{task_id}|{x}|{y}"][who] = sign
            likert = a.answers.get("likert")
            if isinstance(likert, dict):
                for rid, dims in likert.items():
                    if isinstance(dims, dict):
                        for dim, score in dims.items():
                            out[(f"likert {dim}", "ordinal")][f"{task_id}|{rid}"][who] = score
            flags = a.answers.get("flags") or {}
            for target in [*ids, "task"]:
                chosen = set(flags.get(target) or []) if isinstance(flags, dict) else set()
                for name in sorted(flag_names):
                    out[(f"flag {name}", "nominal")][f"{task_id}|{target}"][who] = name in chosen
            for key, value in a.answers.items():
                if key in ("preference", "ranking", "likert", "flags") or (
                    isinstance(value, str) and len(value) > 40
                ):
                    continue
                if isinstance(value, (str, list)):
                    out[(f"choice {key}", "nominal")][task_id][who] = (
                        tuple(value) if isinstance(value, list) else value
                    )
    return out


def agreement(answers: list[MergedAnswer], *, seed: int = 0) -> list[QuestionAgreement]:
    results = []
    for (question, level_name), units in sorted(_units(answers).items()):
        level = cast(Level, level_name)
        pairable = {u: r for u, r in units.items() if len(r) >= 2}
        if not pairable:
            continue
        categories = None
        if level == "ordinal":
            values = {v for r in pairable.values() for v in r.values()}
            categories = sorted(values, key=_numeric)
        alpha = krippendorff_alpha(pairable, level, categories)
        interval = None
        if alpha is not None and len(pairable) < SMALL_SAMPLE:
            interval = alpha_bootstrap_interval(
                pairable, level, categories, resamples=500, seed=seed
            )
        cohen = []
        reviewers = sorted({who for r in pairable.values() for who in r})
        for a, b in combinations(reviewers, 2):
            shared = [(r[a], r[b]) for r in pairable.values() if a in r and b in r]
            if shared:
                cohen.append(
                    {"reviewers": [a, b], "units": len(shared), "kappa": cohen_kappa(shared)}
                )
        results.append(
            QuestionAgreement(
                question,
                level,
                len(pairable),
                percent_agreement(pairable),
                fleiss_kappa(pairable),
                alpha,
                interval,
                cohen,
            )
        )
    return results


def _numeric(value: Hashable) -> float:
    return float(value) if isinstance(value, (int, float)) else 0.0


def gold_accuracy(
    answers: list[MergedAnswer], gold: dict[str, dict[str, Any]]
) -> list[GoldAccuracy]:
    """Per reviewer, how often the preferred response matches a gold item's known answer."""
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for a in answers:
        expected = gold.get(a.task_id, {}).get("preference")
        given = a.answers.get("preference")
        if not isinstance(expected, dict) or not isinstance(given, dict):
            continue
        tally[a.reviewer_name][1] += 1
        if given.get("better") == expected.get("better"):
            tally[a.reviewer_name][0] += 1
    return [GoldAccuracy(who, c, n, wilson_interval(c, n)) for who, (c, n) in sorted(tally.items())]
