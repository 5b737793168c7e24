"""How far an AI judge can be trusted: each agent's suggestions against the reviewers.

Everything is read per *unit*: a pair of responses of a task that the agent judged (its
suggestion's preference or ranking, read like a reviewer's answer by
:func:`docket.server.verdicts.pair_votes`) and at least one reviewer judged too. A verdict
on a unit is one of three classes: ``first`` (the first response of the pair is better),
``second``, ``tie``, where the pair's responses are ordered by the name of the model
that wrote them (responses without a model last, in the archive's order). So across the
tasks comparing the same two models a class always means the same model won, and the
confusion matrix reads "which model won"; the order a reviewer or the agent saw does
not enter (the archive keeps the pack's secret order, not the tasks file's).

Whose answers calibrate the judge. A reviewer who saw the suggestion is no longer an
independent witness. Under ``after-answer`` the blind *first* answer (kept in the row's
suggestion record) is used, never the final one; answers given under ``before`` (the form
opened filled with the agent's answer) are left out of the calibration altogether and
counted in ``anchored_left_out``. ``hidden`` suggestions leave the answers untouched.

Figures per agent (:class:`JudgeFigures`):

- ``accuracy``: share of units with a human majority (a strict majority of the reviewers
  who judged it gave the same class, ``tie`` included, as in
  :func:`docket.server.verdicts.resolve`) where the agent gave that class; with a Wilson
  interval. ``adjudicated_accuracy``: the same against the lead's adjudicated verdicts.
- ``kappa_majority``: Cohen's kappa agent vs human majority over those units;
  ``kappa_reviewers``: agent vs each reviewer over the units both judged, and their mean
  ``mean_kappa_judge_human``, beside the human baseline over the same units:
  ``human_fleiss_kappa`` (Fleiss' kappa among reviewers) and ``human_mean_cohen_kappa``
  (mean of Cohen's kappa over every pair of reviewers sharing two or more units), and
  ``human_percent_agreement`` (the mean share of agreeing reviewer pairs per unit, not
  corrected for chance: when one model wins most pairs, kappa is low even where the
  reviewers mostly agree, and this says so).
- ``confusion``: human majority class -> agent class -> number of units.
- ``position``: position consistency. Two tasks are the same pair judged twice when
  their conversations are identical and their two response texts are the same
  (in a tasks file, once in each order); the agent is consistent on such a pair when it
  prefers the same text in both (or calls both a tie).
- ``length``: of the decisive verdicts on units whose two responses differ in length,
  the share that chose the longer response, for the agent and for the human majority
  over the same units (a judge well above the humans favours length).
- ``anchoring`` (``after-answer`` records): revision rate after the reveal, and of the
  revisions, how many moved toward the judge (the final answer agrees with the agent on
  more of the suggested questions than the blind answer did), away from it, or neither.
  A preference counts as agreeing when it names the same better response (or both a
  tie), whatever the strength.
- ``acceptance`` (``before`` records): suggested questions accepted as they were, and
  rows where a suggested question was changed.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from itertools import combinations
from typing import Any, Protocol

from docket.core.display_order import blinded_label
from docket.core.rules import canonical_json
from docket.core.schema import Schema, default_schema
from docket.core.suggestions import Suggestion, SuggestionRecord
from docket.server.agreement_stats import (
    cohen_kappa,
    fleiss_kappa,
    percent_agreement,
    wilson_interval,
)
from docket.server.merged_store import MergedAnswer
from docket.server.reviewer_names import distinct_names
from docket.server.schemas import Schemas, schema_for
from docket.server.verdicts import pair_votes

CLASSES = ("first", "second", "tie")
Unit = tuple[str, tuple[str, str]]
"""(task id, the pair of response ids, ordered by model name)."""


class JudgeSource(Protocol):
    """What the judge figures read from a merged store."""

    def answers(self, task_id: str | None = None) -> Iterable[MergedAnswer]: ...
    def suggestions(self) -> dict[str, list[Suggestion]]: ...
    def suggestion_records(self) -> dict[tuple[str, str], SuggestionRecord]: ...
    def adjudications(self) -> dict[str, tuple[str, dict[str, Any]]]: ...
    def task(self, task_id: str) -> dict[str, Any] | None: ...
    def schemas(self) -> dict[str, str]: ...


@dataclass(slots=True)
class Anchoring:
    rows: int = 0
    revised: int = 0
    toward: int = 0
    away: int = 0
    neither: int = 0
    first_agreed: int = 0
    final_agreed: int = 0
    """Rows whose blind (first) / final answer agrees with the agent on every suggested
    question."""

    @property
    def revision_rate(self) -> float | None:
        return self.revised / self.rows if self.rows else None

    @property
    def toward_rate(self) -> float | None:
        return self.toward / self.revised if self.revised else None

    def to_json(self) -> dict[str, Any]:
        return asdict(self) | {
            "revision_rate": self.revision_rate,
            "toward_rate": self.toward_rate,
        }


@dataclass(slots=True)
class Acceptance:
    rows: int = 0
    suggested_questions: int = 0
    accepted_questions: int = 0
    changed_rows: int = 0

    @property
    def acceptance_rate(self) -> float | None:
        if not self.suggested_questions:
            return None
        return self.accepted_questions / self.suggested_questions

    def to_json(self) -> dict[str, Any]:
        return asdict(self) | {"acceptance_rate": self.acceptance_rate}


@dataclass(slots=True)
class JudgeFigures:
    agent: str
    suggestions: int
    policies: dict[str, int]
    units: int = 0
    majority_units: int = 0
    majority_agreed: int = 0
    accuracy_interval: tuple[float, float] | None = None
    adjudicated_units: int = 0
    adjudicated_agreed: int = 0
    adjudicated_interval: tuple[float, float] | None = None
    kappa_majority: float | None = None
    kappa_reviewers: list[dict[str, Any]] = field(default_factory=list)
    mean_kappa_judge_human: float | None = None
    human_units: int = 0
    human_fleiss_kappa: float | None = None
    human_mean_cohen_kappa: float | None = None
    human_percent_agreement: float | None = None
    confusion: dict[str, dict[str, int]] = field(default_factory=dict)
    position: dict[str, Any] = field(default_factory=dict)
    length: dict[str, Any] = field(default_factory=dict)
    anchoring: Anchoring | None = None
    acceptance: Acceptance | None = None
    anchored_left_out: int = 0
    models: list[str] | None = None
    """The two models every unit compares, first then second, when all compare the same
    two (then ``first`` and ``second`` name them)."""

    @property
    def accuracy(self) -> float | None:
        return self.majority_agreed / self.majority_units if self.majority_units else None

    @property
    def adjudicated_accuracy(self) -> float | None:
        if not self.adjudicated_units:
            return None
        return self.adjudicated_agreed / self.adjudicated_units

    def to_json(self) -> dict[str, Any]:
        out = {k: v for k, v in asdict(self).items() if k not in ("anchoring", "acceptance")}
        out["accuracy"] = self.accuracy
        out["adjudicated_accuracy"] = self.adjudicated_accuracy
        out["anchoring"] = None if self.anchoring is None else self.anchoring.to_json()
        out["acceptance"] = None if self.acceptance is None else self.acceptance.to_json()
        return out


@dataclass(frozen=True, slots=True)
class TaskFacts:
    """What the figures need of a task: its response ids ordered by model name (those
    without a model last, in the archive's order), their texts' lengths, models and
    digests, and a digest of the conversation (equal for two tasks asking the same)."""

    order: tuple[str, ...]
    lengths: dict[str, int]
    conversation: str
    texts: dict[str, str]
    models: dict[str, str | None] = field(default_factory=dict)


def task_facts(task: Mapping[str, Any]) -> TaskFacts:
    listed = [r for r in task.get("responses", []) if isinstance(r, Mapping)]
    responses = sorted(
        listed,
        key=lambda r: (not isinstance(r.get("model"), str), str(r.get("model") or "")),
    )
    texts = {
        str(r["id"]): hashlib.sha256(str(r.get("text", "")).encode()).hexdigest() for r in responses
    }
    conversation = hashlib.sha256(canonical_json(task.get("conversation", [])).encode())
    return TaskFacts(
        tuple(str(r["id"]) for r in responses),
        {str(r["id"]): len(str(r.get("text", ""))) for r in responses},
        conversation.hexdigest(),
        texts,
        {
            str(r["id"]): r.get("model") if isinstance(r.get("model"), str) else None
            for r in responses
        },
    )


def _votes(
    task_id: str, answers: Mapping[str, Any], facts: TaskFacts, schema: Schema, who: str
) -> dict[tuple[str, str], str]:
    """Unit pair (ordered as :class:`TaskFacts` orders responses) -> class, for one
    answer in the task's form."""
    order = {blinded_label(i): rid for i, rid in enumerate(facts.order)}
    answer = MergedAnswer(who, who, task_id, "", 0, dict(answers), order, "", 0.0, "done")
    position = {rid: i for i, rid in enumerate(facts.order)}
    out = {}
    for (a, b), vote in pair_votes(answer, schema).items():
        if a not in position or b not in position:
            continue
        first, second = sorted((a, b), key=position.__getitem__)
        if vote.winner is None:
            out[(first, second)] = "tie"
        elif vote.winner in (first, second):
            out[(first, second)] = "first" if vote.winner == first else "second"
    return out


def _majority(values: Sequence[str]) -> str | None:
    if not values:
        return None
    best, n = Counter(values).most_common(1)[0]
    return best if n * 2 > len(values) else None


def _agrees(suggested: Any, given: Any) -> bool:
    """The same answer to a question; for a preference, the same better response."""
    if isinstance(suggested, Mapping) and isinstance(given, Mapping) and "better" in suggested:
        return suggested.get("better") == given.get("better")
    return bool(suggested == given)


def _agreeing(suggestion: Suggestion, answers: Mapping[str, Any] | None) -> int:
    answers = answers or {}
    return sum(_agrees(v, answers.get(q)) for q, v in suggestion.answers.items())


def judge_figures(
    answers: Iterable[MergedAnswer],
    suggestions: Mapping[str, Sequence[Suggestion]],
    records: Mapping[tuple[str, str], SuggestionRecord],
    adjudications: Mapping[str, tuple[str, Mapping[str, Any]]],
    schemas: Schemas,
    facts: Mapping[str, TaskFacts],
) -> list[JudgeFigures]:
    """Per agent (by name), the figures of the module's docstring."""
    answers = list(answers)
    human: dict[Unit, dict[str, str]] = defaultdict(dict)
    anchored_left_out = 0
    for a in answers:
        task = facts.get(a.task_id)
        if task is None:
            continue
        record = records.get((a.reviewer, a.task_id))
        given: Mapping[str, Any] = a.answers
        if record is not None and record.policy == "before":
            anchored_left_out += 1
            continue
        if record is not None and record.first is not None:
            given = record.first
        schema = schema_for(schemas, a)
        for pair, value in _votes(a.task_id, given, task, schema, a.reviewer_name).items():
            human[(a.task_id, pair)][a.reviewer_name] = value
    by_agent: dict[str, dict[str, Suggestion]] = defaultdict(dict)
    for task_id, found in suggestions.items():
        for s in found:
            by_agent[s.agent][task_id] = s
    out = []
    for agent, tasks in sorted(by_agent.items()):
        figures = _agent_figures(agent, tasks, human, records, adjudications, schemas, facts)
        figures.anchored_left_out = anchored_left_out
        figures.anchoring, figures.acceptance = _revisions(agent, tasks, answers, records)
        out.append(figures)
    return out


def _agent_figures(
    agent: str,
    tasks: Mapping[str, Suggestion],
    human: Mapping[Unit, dict[str, str]],
    records: Mapping[tuple[str, str], SuggestionRecord],
    adjudications: Mapping[str, tuple[str, Mapping[str, Any]]],
    schemas: Schemas,
    facts: Mapping[str, TaskFacts],
) -> JudgeFigures:
    policies: Counter[str] = Counter()
    for task_id in tasks:
        schema = schemas.get(task_id)
        policies[schema.reveal_policy if schema is not None else "after-answer"] += 1
    figures = JudgeFigures(agent, len(tasks), dict(sorted(policies.items())))
    judged: dict[Unit, str] = {}
    for task_id, s in tasks.items():
        task = facts.get(task_id)
        if task is None:
            continue
        schema = schemas.get(task_id) or _default(task)
        for pair, value in _votes(task_id, s.answers, task, schema, agent).items():
            judged[(task_id, pair)] = value
    units = {u: v for u, v in judged.items() if human.get(u)}
    figures.units = len(units)
    pairs = {tuple(facts[t].models.get(r) for r in pair) for t, pair in units}
    if len(pairs) == 1:
        first, second = next(iter(pairs))
        if first is not None and second is not None:
            figures.models = [first, second]
    confusion = {c: dict.fromkeys(CLASSES, 0) for c in CLASSES}
    with_majority = []
    for unit, value in units.items():
        majority = _majority(list(human[unit].values()))
        if majority is not None:
            with_majority.append((majority, value))
            confusion[majority][value] += 1
    figures.confusion = confusion
    figures.majority_units = len(with_majority)
    figures.majority_agreed = sum(m == v for m, v in with_majority)
    figures.accuracy_interval = wilson_interval(figures.majority_agreed, figures.majority_units)
    figures.kappa_majority = cohen_kappa(with_majority)
    reviewers = sorted({who for u in units for who in human[u]})
    kappas = []
    for who in reviewers:
        shared = [(human[u][who], v) for u, v in units.items() if who in human[u]]
        kappa = cohen_kappa(shared)
        figures.kappa_reviewers.append({"reviewer": who, "units": len(shared), "kappa": kappa})
        if kappa is not None:
            kappas.append(kappa)
    figures.mean_kappa_judge_human = sum(kappas) / len(kappas) if kappas else None
    rated = {u: human[u] for u in units if len(human[u]) >= 2}
    figures.human_units = len(rated)
    keyed = {"|".join((t, *pair)): dict(r) for (t, pair), r in rated.items()}
    figures.human_fleiss_kappa = fleiss_kappa(keyed) if rated else None
    figures.human_percent_agreement = percent_agreement(keyed) if rated else None
    pair_kappas = []
    for x, y in combinations(reviewers, 2):
        shared = [(r[x], r[y]) for r in rated.values() if x in r and y in r]
        kappa = cohen_kappa(shared)
        if kappa is not None:
            pair_kappas.append(kappa)
    figures.human_mean_cohen_kappa = sum(pair_kappas) / len(pair_kappas) if pair_kappas else None
    adjudicated = []
    for (task_id, pair), value in units.items():
        if task_id not in adjudications:
            continue
        _, verdict = adjudications[task_id]
        if verdict.get("outcome") == "needs guideline change":
            continue
        task = facts[task_id]
        schema = schemas.get(task_id) or _default(task)
        lead = _votes(task_id, verdict, task, schema, "lead").get(pair)
        if lead is not None:
            adjudicated.append(lead == value)
    figures.adjudicated_units, figures.adjudicated_agreed = len(adjudicated), sum(adjudicated)
    figures.adjudicated_interval = wilson_interval(sum(adjudicated), len(adjudicated))
    figures.position = _position(judged, facts)
    figures.length = _length(units, human, facts)
    return figures


def _default(task: TaskFacts) -> Schema:
    return default_schema(max(2, len(task.order)))


def _position(judged: Mapping[Unit, str], facts: Mapping[str, TaskFacts]) -> dict[str, Any]:
    """Pairs the agent judged twice: two tasks with the same conversation and the same two
    response texts (a tasks file lists them once in each order; the server's archive keeps
    the pack's secret order, so the order each task gave is not known here)."""
    winners: dict[tuple[str, tuple[str, str]], list[str | None]] = defaultdict(list)
    for (task_id, (a, b)), value in judged.items():
        task = facts[task_id]
        texts = (task.texts[a], task.texts[b])
        if len(task.order) != 2 or texts[0] == texts[1]:
            continue
        winner = None if value == "tie" else texts[0 if value == "first" else 1]
        winners[(task.conversation, (min(texts), max(texts)))].append(winner)
    pairs = consistent = 0
    for found in winners.values():
        for w1, w2 in combinations(found, 2):
            pairs += 1
            consistent += w1 == w2
    return {"pairs": pairs, "consistent": consistent, "rate": consistent / pairs if pairs else None}


def _length(
    units: Mapping[Unit, str], human: Mapping[Unit, dict[str, str]], facts: Mapping[str, TaskFacts]
) -> dict[str, Any]:
    judge = [0, 0]
    people = [0, 0]
    for (task_id, (a, b)), value in units.items():
        lengths = facts[task_id].lengths
        if lengths[a] == lengths[b]:
            continue
        longer = "first" if lengths[a] > lengths[b] else "second"
        if value != "tie":
            judge[0] += 1
            judge[1] += value == longer
        majority = _majority(list(human[(task_id, (a, b))].values()))
        if majority is not None and majority != "tie":
            people[0] += 1
            people[1] += majority == longer
    return {
        "judge_decisive": judge[0],
        "judge_longer": judge[1],
        "judge_longer_share": judge[1] / judge[0] if judge[0] else None,
        "human_decisive": people[0],
        "human_longer": people[1],
        "human_longer_share": people[1] / people[0] if people[0] else None,
    }


def _revisions(
    agent: str,
    tasks: Mapping[str, Suggestion],
    answers: Sequence[MergedAnswer],
    records: Mapping[tuple[str, str], SuggestionRecord],
) -> tuple[Anchoring | None, Acceptance | None]:
    anchoring, acceptance = Anchoring(), Acceptance()
    for a in answers:
        record = records.get((a.reviewer, a.task_id))
        s = tasks.get(a.task_id)
        if record is None or s is None or record.agent != agent:
            continue
        if record.policy == "after-answer":
            anchoring.rows += 1
            before, after = _agreeing(s, record.first), _agreeing(s, a.answers)
            anchoring.first_agreed += before == len(s.answers)
            anchoring.final_agreed += after == len(s.answers)
            if record.revised:
                anchoring.revised += 1
                if after > before:
                    anchoring.toward += 1
                elif after < before:
                    anchoring.away += 1
                else:
                    anchoring.neither += 1
        else:
            acceptance.rows += 1
            acceptance.suggested_questions += len(s.answers)
            acceptance.accepted_questions += len(set(record.accepted) & set(s.answers))
            acceptance.changed_rows += record.revised
    return (anchoring if anchoring.rows else None, acceptance if acceptance.rows else None)


def store_judges(
    store: JudgeSource, pseudonyms: Mapping[str, str] | None = None
) -> list[JudgeFigures]:
    """The figures for every agent with a suggestion in the merged task archive (empty
    when none was packed, or the archive was not merged). ``pseudonyms`` (fingerprint ->
    pseudonym) replaces every reviewer's name before anything is computed."""
    suggestions = store.suggestions()
    if not suggestions:
        return []
    facts = {}
    for task_id in suggestions:
        task = store.task(task_id)
        if task is not None:
            facts[task_id] = task_facts(task)
    answers = [a for a in distinct_names(store.answers()) if a.task_id in facts]
    if pseudonyms is not None:
        answers = [
            replace(a, reviewer_name=pseudonyms.get(a.reviewer, "reviewer-?")) for a in answers
        ]
    parsed: dict[str, Schema] = {}
    schemas = {}
    for task_id, body in store.schemas().items():
        if task_id in facts:
            schemas[task_id] = parsed.get(body) or parsed.setdefault(body, Schema.loads(body))
    return judge_figures(
        answers,
        suggestions,
        store.suggestion_records(),
        store.adjudications(),
        schemas,
        facts,
    )


def judged_pairs(
    suggestions: Sequence[Suggestion], task: Mapping[str, Any], schema: Schema
) -> dict[str, dict[tuple[str, str], str | None]]:
    """Per agent, per pair of response ids (sorted), the response it preferred (None: a
    tie): what ``dataset export --format dpo`` compares each row's chosen response with."""
    facts = task_facts(task)
    out: dict[str, dict[tuple[str, str], str | None]] = {}
    for s in suggestions:
        votes = _votes(str(task.get("id", "")), s.answers, facts, schema, s.agent)
        out[s.agent] = {
            tuple(sorted(pair)): (None if v == "tie" else pair[0 if v == "first" else 1])  # type: ignore[misc]
            for pair, v in votes.items()
        }
    return out


__all__ = [
    "CLASSES",
    "Acceptance",
    "Anchoring",
    "JudgeFigures",
    "JudgeSource",
    "TaskFacts",
    "judge_figures",
    "judge_lines",
    "judged_pairs",
    "store_judges",
    "task_facts",
]


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{100 * x:.1f}%"


def _num(x: float | None) -> str:
    return "–" if x is None else f"{x:.3f}"


def judge_lines(found: JudgeFigures) -> list[str]:
    """The figures of one agent as plain lines (``docket agreement``)."""
    policies = ", ".join(f"{n} {p}" for p, n in found.policies.items())
    ci = found.accuracy_interval
    lines = [
        f"AI judge {found.agent}: {found.suggestions} suggestions ({policies}); "
        f"{found.units} pairs also judged by reviewers",
        f"  accuracy vs human majority: {found.majority_agreed}/{found.majority_units} "
        f"{_pct(found.accuracy)}" + (f" (95% CI {ci[0]:.2f}–{ci[1]:.2f})" if ci else ""),
        f"  accuracy vs adjudicated verdicts: {found.adjudicated_agreed}/"
        f"{found.adjudicated_units} {_pct(found.adjudicated_accuracy)}",
        f"  Cohen's kappa judge–majority {_num(found.kappa_majority)}; judge–reviewer mean "
        f"{_num(found.mean_kappa_judge_human)}; reviewers among themselves: Fleiss "
        f"{_num(found.human_fleiss_kappa)} over {found.human_units} pairs, mean Cohen "
        f"{_num(found.human_mean_cohen_kappa)}, agreement {_pct(found.human_percent_agreement)}",
        "  confusion (rows: human majority; columns: judge"
        + (f"; first = {found.models[0]}, second = {found.models[1]}" if found.models else "")
        + "): "
        + "; ".join(
            f"{h}: " + " ".join(f"{j} {n}" for j, n in row.items())
            for h, row in found.confusion.items()
        ),
        f"  position consistency: {found.position.get('consistent', 0)}/"
        f"{found.position.get('pairs', 0)} pairs judged twice "
        f"{_pct(found.position.get('rate'))}",
        f"  chose the longer response: judge {_pct(found.length.get('judge_longer_share'))} of "
        f"{found.length.get('judge_decisive', 0)}, human majority "
        f"{_pct(found.length.get('human_longer_share'))} of "
        f"{found.length.get('human_decisive', 0)}",
    ]
    if found.anchoring is not None:
        a = found.anchoring
        lines.append(
            f"  after the reveal: {a.revised}/{a.rows} revised {_pct(a.revision_rate)}; "
            f"toward the judge {a.toward}, away {a.away}, neither {a.neither} "
            f"({_pct(a.toward_rate)} of revisions toward it)"
        )
    if found.acceptance is not None:
        c = found.acceptance
        lines.append(
            f"  pre-filled: {c.accepted_questions}/{c.suggested_questions} suggested answers "
            f"accepted {_pct(c.acceptance_rate)}; {c.changed_rows}/{c.rows} rows changed"
        )
    if found.anchored_left_out:
        lines.append(
            f"  {found.anchored_left_out} answers given on a pre-filled form are left out of "
            "the calibration"
        )
    return lines
