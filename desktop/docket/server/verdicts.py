"""From the reviewers' answers to verdicts: what each reviewer preferred, which pairs the
reviewers agree on, and where they disagree.

Votes are read in terms of response ids (never screen positions). A two-response
preference is a vote for one id (or a tie) with a strength; a ranking is expanded into a
vote on every pair. A pair is *resolved* when a strict majority of the reviewers who
judged it prefer the same response (ties do not count as a side); everything else is
unresolved and left out of datasets.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from docket.core.rules import comparison_questions, flags_set
from docket.core.schema import Schema, SpansQuestion
from docket.core.spans import spans_of
from docket.server.merged_store import MergedAnswer
from docket.server.rubric_agreement import RubricItem, rubric_items
from docket.server.schemas import Schemas, schema_for

STRENGTH_MARGIN = {"slight": 1.0, "strong": 2.0}


@dataclass(frozen=True, slots=True)
class PairVote:
    reviewer: str
    winner: str | None  # None: a tie
    strength: float


@dataclass(slots=True)
class PairVerdict:
    task_id: str
    pair: tuple[str, str]
    votes: list[PairVote]
    winner: str | None = None
    margin: float = 0.0
    resolution: str = "unresolved"  # unanimous | majority | unresolved | tie

    @property
    def loser(self) -> str | None:
        if self.winner is None:
            return None
        return self.pair[1] if self.winner == self.pair[0] else self.pair[0]

    @property
    def agreement(self) -> float:
        if not self.votes:
            return 0.0
        top = Counter(v.winner for v in self.votes).most_common(1)[0][1]
        return top / len(self.votes)


def pair_votes(answer: MergedAnswer, schema: Schema) -> dict[tuple[str, str], PairVote]:
    """Every pair this reviewer judged, keyed by the sorted pair of response ids: read
    from the form's preference and ranking questions, whatever their ids."""
    out: dict[tuple[str, str], PairVote] = {}
    questions = comparison_questions(schema)
    pref_id = questions.preference.id if questions.preference else ""
    rank_id = questions.ranking.id if questions.ranking else ""
    pref = answer.answers.get(pref_id) if pref_id else None
    if isinstance(pref, dict):
        ids = sorted(answer.display_order.values())
        if len(ids) == 2:
            winner = pref.get("better")
            strength = STRENGTH_MARGIN.get(str(pref.get("strength")), 1.0) if winner else 0.0
            out[(ids[0], ids[1])] = PairVote(answer.reviewer_name, winner, strength)
    ranking = answer.answers.get(rank_id) if rank_id else None
    if isinstance(ranking, list):
        place = {rid: rank for rank, group in enumerate(ranking) for rid in group}
        for a, b in combinations(sorted(place), 2):
            if place[a] == place[b]:
                out[(a, b)] = PairVote(answer.reviewer_name, None, 0.0)
            else:
                winner = a if place[a] < place[b] else b
                out[(a, b)] = PairVote(
                    answer.reviewer_name, winner, float(abs(place[a] - place[b]))
                )
    return out


def resolve(task_id: str, pair: tuple[str, str], votes: list[PairVote]) -> PairVerdict:
    verdict = PairVerdict(task_id, pair, votes)
    counts = Counter(v.winner for v in votes)
    best, n = counts.most_common(1)[0]
    if n * 2 <= len(votes):
        return verdict
    if best is None:
        verdict.resolution = "tie"
        return verdict
    verdict.winner = best
    verdict.resolution = "unanimous" if n == len(votes) else "majority"
    margins = [v.strength for v in votes if v.winner == best]
    verdict.margin = round(sum(margins) / len(margins), 3)
    return verdict


def verdicts(answers: Iterable[MergedAnswer], schemas: Schemas) -> dict[str, list[PairVerdict]]:
    """Per task, a verdict on every pair judged by at least one reviewer."""
    rows = list(answers)
    return verdicts_of_votes(rows, answer_votes(rows, schemas))


def answer_votes(
    answers: Sequence[MergedAnswer], schemas: Schemas
) -> list[dict[tuple[str, str], PairVote]]:
    """Each answer's pair votes (:func:`pair_votes`), aligned with ``answers``: read once
    by a caller that needs them for several figures."""
    return [pair_votes(a, schema_for(schemas, a)) for a in answers]


def verdicts_of_votes(
    answers: Sequence[MergedAnswer], votes: Sequence[Mapping[tuple[str, str], PairVote]]
) -> dict[str, list[PairVerdict]]:
    """:func:`verdicts` from votes already read (:func:`answer_votes`)."""
    by_task: dict[str, dict[tuple[str, str], list[PairVote]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for answer, found in zip(answers, votes, strict=True):
        for pair, vote in found.items():
            by_task[answer.task_id][pair].append(vote)
    return {
        task_id: [resolve(task_id, pair, votes) for pair, votes in sorted(pairs.items())]
        for task_id, pairs in by_task.items()
    }


@dataclass(slots=True)
class Disagreement:
    task_id: str
    severity: float
    reasons: list[str] = field(default_factory=list)
    reviewers: list[str] = field(default_factory=list)
    criteria: list[RubricItem] = field(default_factory=list)
    """Rubric criteria the reviewers graded differently, with every reviewer's grade."""


def disagreements(
    answers: Sequence[MergedAnswer], schemas: Schemas, threshold: float = 1.0
) -> list[Disagreement]:
    """Tasks whose reviewers disagree at least ``threshold``, most severe first.

    Severity adds: 3 for every pair on which reviewers prefer opposite responses, 1 for a
    pair where one reviewer saw a tie and another a preference, 0.5 for the same
    direction at different strengths, 1 for every flag some reviewers set and others
    did not, 1 for every rubric criterion of a response that the reviewers graded
    differently (met, not met or not applicable: listed in ``criteria``), and 1 for every
    span (response, start, end and label) some reviewers marked and others did not.
    """
    by_task: dict[str, list[MergedAnswer]] = defaultdict(list)
    for a in answers:
        by_task[a.task_id].append(a)
    out: list[Disagreement] = []
    for task_id, group in by_task.items():
        if len(group) < 2:
            continue
        d = Disagreement(task_id, 0.0, reviewers=sorted(a.reviewer_name for a in group))
        pairs: dict[tuple[str, str], list[PairVote]] = defaultdict(list)
        for a in group:
            for pair, vote in pair_votes(a, schema_for(schemas, a)).items():
                pairs[pair].append(vote)
        for pair, votes in sorted(pairs.items()):
            winners = {v.winner for v in votes}
            sides = winners - {None}
            if len(sides) > 1:
                d.severity += 3
                d.reasons.append(f"opposite preferences on {pair[0]} vs {pair[1]}")
            elif sides and None in winners:
                d.severity += 1
                d.reasons.append(f"a tie against a preference on {pair[0]} vs {pair[1]}")
            elif sides and len({v.strength for v in votes}) > 1:
                d.severity += 0.5
                d.reasons.append(f"same preference, different strength on {pair[0]} vs {pair[1]}")
        flagged = [flags_set(schema_for(schemas, a), a.answers) for a in group]
        every: set[tuple[str, str]] = set.intersection(*flagged)
        some: set[tuple[str, str]] = set().union(*flagged)
        for target, flag in sorted(some - every):
            d.severity += 1
            d.reasons.append(f"flag {flag!r} on {target} set by some reviewers only")
        d.criteria = [item for item in rubric_items(group, schemas).values() if item.split]
        if d.criteria:
            n = len(d.criteria)
            d.severity += n
            d.reasons.append(
                f"{n} rubric {'criterion' if n == 1 else 'criteria'} graded differently"
            )
        unshared = len(_unshared_spans(group, schemas))
        if unshared:
            d.severity += unshared
            d.reasons.append(
                f"{unshared} {'span' if unshared == 1 else 'spans'} marked by some reviewers only"
            )
        if d.severity >= threshold:
            out.append(d)
    out.sort(key=lambda x: (-x.severity, x.task_id))
    return out


def _unshared_spans(
    group: Sequence[MergedAnswer], schemas: Schemas
) -> set[tuple[str, str, int, int, str]]:
    """The spans (question, response, start, end, label) some of the reviewers who
    answered a spans question marked and others did not."""
    marked: dict[str, list[set[tuple[str, str, int, int, str]]]] = defaultdict(list)
    for a in group:
        for q in schema_for(schemas, a).questions:
            if isinstance(q, SpansQuestion) and q.id in a.answers:
                marked[q.id].append(
                    {(q.id, s.response, s.start, s.end, s.label) for s in spans_of(a.answers[q.id])}
                )
    out: set[tuple[str, str, int, int, str]] = set()
    for sets in marked.values():
        if len(sets) >= 2:
            out |= sets[0].union(*sets[1:]) - sets[0].intersection(*sets[1:])
    return out


def dataset_row_conversation(task: dict[str, Any]) -> tuple[Any, bool]:
    """The prompt as TRL wants it: a string for one user turn, else the message list."""
    turns = task["conversation"]
    if len(turns) == 1 and turns[0]["role"] == "user":
        return turns[0]["content"], False
    return [{"role": t["role"], "content": t["content"]} for t in turns], True
