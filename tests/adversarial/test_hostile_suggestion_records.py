"""A reviewer holding a valid key lies about the AI judge's suggestion they saw: a record
naming an agent the server never showed them, accepting a question whose final value is
not the agent's, a blind first answer that fails the form, a ``revised`` flag that
contradicts the answers, a record on a task whose form hides suggestions, or on a gold
item (whose suggestion never travels). Merge holds each row's ``"suggestion"`` to what
the answered bundle's sealed section says was shown and to the suggestions the server's
archive keeps: the whole result is refused, naming the task, and nothing of it merged.

The results are forged as a modified client would (see ``tests.helpers.forged_result``);
the same forgery with an honest record is accepted and its record stored, so each
refusal is the record's doing."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from docket import Workspace
from docket.bundles import keys
from docket.bundles.keys import PublicCard
from docket.core.schema import default_schema
from docket.core.suggestions import SuggestionRecord
from docket.server.merge import import_task_archive, merge_results
from docket.server.merged_store import MergedStore
from docket.server.pack import pack
from tests.helpers import forged_result
from tests.reference_data import alpaca_eval

Rows = list[dict[str, Any]]
MODELS = ("gpt-4o-2024-05-13", "claude-3-5-sonnet-20240620")
TASKS = ("t1", "t2", "t3")


def _build(tmp: Path, policy: str) -> dict[str, Any]:
    keys.write_key_pair(keys.generate("server"), tmp / "keys", passphrase=None)
    keys.write_key_pair(keys.generate("alice"), tmp / "keys", passphrase=None)
    server = keys.load_secret_key(tmp / "keys" / "server.key")
    card = PublicCard.load(tmp / "keys" / "alice.pub")
    outputs = {m: alpaca_eval(m) for m in MODELS}

    def row(task: str, i: int) -> dict[str, Any]:
        return {"id": task, "prompt": outputs[MODELS[0]][i]["instruction"],
                "responses": [{"id": f"m{j}", "model": m, "text": outputs[m][i]["output"]}
                              for j, m in enumerate(MODELS)]}  # fmt: skip

    (tmp / "tasks.jsonl").write_text(
        "".join(json.dumps(row(t, i)) + "\n" for i, t in enumerate(TASKS))
    )
    (tmp / "gold.jsonl").write_text(
        json.dumps(row("g1", 9) | {"gold": {"preference": {"better": "m0"}}}) + "\n"
    )
    (tmp / "judge.jsonl").write_text("".join(
        json.dumps({"task": t, "agent": "judge-a", "critique": "The first is complete.",
                    "answers": {"preference": {"better": "m0", "strength": "slight"}}}) + "\n"
        for t in (*TASKS, "g1")
    ))  # fmt: skip
    packed = pack(
        tmp / "tasks.jsonl",
        server=server,
        reviewers=[card],
        out_dir=tmp / "b",
        gold_path=tmp / "gold.jsonl",
        schema=replace(default_schema(2), reveal=policy),
        project=f"judged-{policy}",
        suggestions_path=tmp / "judge.jsonl",
    )
    with MergedStore.open(tmp / "scratch.db", server) as store:
        import_task_archive(store, server, packed.archive)
        agent = {t: s[0].answers for t, s in store.suggestions().items()}
    with Workspace.open(tmp / "ws-alice", tmp / "keys" / "alice.key") as ws:
        ws.import_bundle(packed.bundles[0].path, tmp / "keys" / "server.pub")
        for task in ws.tasks():
            ws.record(task.id, agent[task.id])  # alice agrees with the judge
    return {"tmp": tmp, "server": server, "cards": [card], "archive": packed.archive,
            "agent": agent}  # fmt: skip


@pytest.fixture(scope="module")
def worlds(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], dict[str, Any]]:
    built: dict[str, dict[str, Any]] = {}

    def world(policy: str) -> dict[str, Any]:
        if policy not in built:
            built[policy] = _build(tmp_path_factory.mktemp(f"hostile-{policy}"), policy)
        return built[policy]

    return world


def other(world: dict[str, Any], task: str) -> dict[str, Any]:
    """An answer preferring the response the judge did not."""
    chosen = world["agent"][task]["preference"]["better"]
    store_ids = _response_ids(world, task)
    return {
        "preference": {"better": next(r for r in store_ids if r != chosen), "strength": "slight"}
    }


def _response_ids(world: dict[str, Any], task: str) -> list[str]:
    with MergedStore.open(world["tmp"] / "scratch.db", world["server"]) as store:
        found = store.task(task)
    assert found is not None
    return [r["id"] for r in found["responses"]]


def forge(
    world: dict[str, Any],
    change: Callable[[Rows], Rows],
    name: str,
    blind: dict[str, dict[str, Any]] | None = None,
) -> Path:
    """:func:`forged_result`, whose audit log first records each ``blind`` answer (a
    task -> answers) as revision 1 and then the changed rows, as revision 2, as a
    workspace that saved a blind answer and then revised it would."""
    if not blind:
        return forged_result(world["tmp"], change, name)
    from docket.bundles.result_bundle import AnsweredBundle, build_result_bundle
    from tests.helpers import recording_audit

    tmp = world["tmp"]
    key = keys.load_secret_key(tmp / "keys" / "alice.key")
    with Workspace.open(tmp / "ws-alice", tmp / "keys" / "alice.key") as ws:
        bundle = ws.store.active_bundles()[-1]
        assert bundle.manifest_raw and bundle.signature and bundle.sealed and bundle.server_card
        answered = AnsweredBundle(
            bundle.id, bundle.project, bundle.manifest_raw, bundle.signature, bundle.sealed,
            PublicCard.loads(bundle.server_card),
        )  # fmt: skip
        rows = change([dict(r) for r in ws.store.latest_answers(bundle.id)])
    firsts = [r | {"answers": blind[r["task_id"]]} for r in rows if r["task_id"] in blind]
    finals = [r | {"revision": 2} if r["task_id"] in blind else r for r in rows]
    data, _ = build_result_bundle(
        reviewer=key, answered=answered, answers=finals,
        audit=recording_audit(finals, before=recording_audit(firsts)), sequence=1,
        previous=None, chain="forged-workspace",
    )  # fmt: skip
    (tmp / name).write_bytes(data)
    return tmp / name


def record(task_rows: dict[str, dict[str, Any]]) -> Callable[[Rows], Rows]:
    """Set the rows of the named tasks: ``{"answers"?: ..., "suggestion": ...}``."""

    def change(rows: Rows) -> Rows:
        for row in rows:
            row.pop("suggestion", None)  # the workspace's own honest record, replaced
            row.update(task_rows.get(row["task_id"], {}))
        return rows

    return change


def after(agent: str = "judge-a", first: Any = None, revised: bool = False) -> dict[str, Any]:
    return {"agent": agent, "policy": "after-answer", "first": first, "accepted": [],
            "revised": revised}  # fmt: skip


def before(accepted: list[str], revised: bool = False, agent: str = "judge-a") -> dict[str, Any]:
    return {"agent": agent, "policy": "before", "first": None, "accepted": accepted,
            "revised": revised}  # fmt: skip


def merged(world: dict[str, Any], where: Path, result: Path) -> tuple[Any, MergedStore]:
    where.mkdir(parents=True, exist_ok=True)
    store = MergedStore.open(where / "merged.db", world["server"])
    import_task_archive(store, world["server"], world["archive"])
    report = merge_results([result], server=world["server"], cards=world["cards"], store=store)
    return report, store


# --- honest records are accepted and kept ------------------------------------------------


def test_honest_after_answer_records_are_merged_and_kept(worlds: Any, tmp_path: Path) -> None:
    world = worlds("after-answer")
    agent = world["agent"]
    change = record({
        "t1": {"suggestion": after(first=agent["t1"])},  # blind answer = the judge's, kept
        "t2": {"suggestion": after(first=other(world, "t2"), revised=True)},  # moved to it
    })  # fmt: skip
    blind = {"t2": other(world, "t2")}
    report, store = merged(world, tmp_path, forge(world, change, "ok.result", blind))
    with store:
        assert [o.status for o in report.outcomes] == ["accepted"], report.outcomes
        fp = world["cards"][0].fingerprint
        records = store.suggestion_records()
        assert set(records) == {(fp, "t1"), (fp, "t2")}
        assert records[(fp, "t1")] == SuggestionRecord("judge-a", "after-answer", agent["t1"])
        assert records[(fp, "t2")].revised and records[(fp, "t2")].first == other(world, "t2")
        assert len(list(store.answers())) == 4  # the gold item's too, without a record


def test_honest_before_records_are_merged_and_kept(worlds: Any, tmp_path: Path) -> None:
    world = worlds("before")
    change = record({
        "t1": {"suggestion": before(["preference"])},
        "t2": {"answers": other(world, "t2"), "suggestion": before([], revised=True)},
    })  # fmt: skip
    report, store = merged(world, tmp_path, forged_result(world["tmp"], change, "ok.result"))
    with store:
        assert [o.status for o in report.outcomes] == ["accepted"], report.outcomes
        records = {t: r for (_, t), r in store.suggestion_records().items()}
        assert records["t1"].accepted == ("preference",) and not records["t1"].revised
        assert records["t2"].accepted == () and records["t2"].revised


# --- lies: the whole result refused, nothing merged -------------------------------------


def _hostile(world: dict[str, Any], policy: str) -> dict[str, tuple[dict[str, Any], str]]:
    agent = world["agent"]
    if policy == "after-answer":
        return {
            "a first answer the workspace never recorded": (
                {"t1": {"suggestion": after(first=other(world, "t1"), revised=True)}},
                "the first answer is not an answer the result's audit log recorded",
            ),
            "an agent never issued": (
                {"t1": {"suggestion": after("judge-z", first=agent["t1"])}},
                "no suggestion of agent 'judge-z' was issued for this task",
            ),
            "a first answer failing the form": (
                {
                    "t1": {
                        "suggestion": after(
                            first={"preference": {"better": "r-0000000000"}}, revised=True
                        )
                    }
                },
                "suggestion.first.preference",
            ),
            "revised though nothing changed": (
                {"t1": {"suggestion": after(first=agent["t1"], revised=True)}},
                "'revised' is true but the final answer equals the first",
            ),
            "unrevised though the answer changed": (
                {"t1": {"suggestion": after(first=other(world, "t1"))}},
                "'revised' is false but the final answer differs from the first",
            ),
            "another policy than the form's": (
                {"t1": {"suggestion": before(["preference"])}},
                "the record says 'before', the task's form says 'after-answer'",
            ),
            "a record on a gold item": (
                {"g1": {"suggestion": after(first=agent["g1"])}},
                "no suggestion of agent 'judge-a' was issued for this task",
            ),
            "a malformed record": (
                {"t1": {"suggestion": {"agent": "judge-a"}}},
                "a suggestion record is an object with exactly",
            ),
        }
    if policy == "before":
        return {
            "an accepted question whose value is not the agent's": (
                {"t1": {"answers": other(world, "t1"), "suggestion": before(["preference"], True)}},
                "accepted 'preference', but the final answer is not the agent's",
            ),
            "an accepted question not in the form": (
                {"t1": {"suggestion": before(["preference", "verdict"])}},
                "accepted question 'verdict' is not in the form",
            ),
            "an accepted question the agent left open": (
                {"t1": {"suggestion": before(["preference", "rationale"])}},
                "agent 'judge-a' suggested nothing for 'rationale'",
            ),
            "unrevised though a suggested question changed": (
                {"t1": {"answers": other(world, "t1"), "suggestion": before([])}},
                "'revised' is false but a suggested question was changed",
            ),
            "an agent never issued": (
                {"t1": {"suggestion": before(["preference"], agent="judge-z")}},
                "no suggestion of agent 'judge-z' was issued for this task",
            ),
        }
    return {
        "a record on a task whose suggestions are hidden": (
            {"t1": {"suggestion": after(first=agent["t1"])}},
            "the task's form keeps suggestions hidden (hidden), none was shown",
        ),
    }


@pytest.mark.parametrize(
    ("policy", "attack"),
    [
        ("after-answer", "an agent never issued"),
        ("after-answer", "a first answer the workspace never recorded"),
        ("after-answer", "a first answer failing the form"),
        ("after-answer", "revised though nothing changed"),
        ("after-answer", "unrevised though the answer changed"),
        ("after-answer", "another policy than the form's"),
        ("after-answer", "a record on a gold item"),
        ("after-answer", "a malformed record"),
        ("before", "an accepted question whose value is not the agent's"),
        ("before", "an accepted question not in the form"),
        ("before", "an accepted question the agent left open"),
        ("before", "unrevised though a suggested question changed"),
        ("before", "an agent never issued"),
        ("hidden", "a record on a task whose suggestions are hidden"),
    ],
)
def test_a_lying_record_refuses_the_whole_result(
    worlds: Any, tmp_path: Path, policy: str, attack: str
) -> None:
    world = worlds(policy)
    rows, reason = _hostile(world, policy)[attack]
    bad = forged_result(world["tmp"], record(rows), "hostile.result")
    report, store = merged(world, tmp_path, bad)
    with store:
        (outcome,) = report.outcomes
        assert outcome.status == "rejected"
        assert reason in outcome.reason
        assert f"Task {next(iter(rows))!r}" in outcome.reason
        assert list(store.answers()) == []
        assert store.suggestion_records() == {}


# --- storage: an older database gains the column; quarantine keeps the record ------------


def test_an_older_merged_database_gains_the_record_column_and_keeps_its_answers(
    worlds: Any, tmp_path: Path
) -> None:
    from docket.server.db_check import StoredProblem, quarantine
    from docket.server.merged_store import MERGED_KEY_LABEL, MIGRATIONS
    from docket.store.db import open_encrypted
    from docket.store.migrations import migrate

    world = worlds("after-answer")
    path = tmp_path / "old.db"
    db = open_encrypted(path, world["server"].derived_key(MERGED_KEY_LABEL))
    migrate(db, path=str(path), migrations=MIGRATIONS[:-1])  # as the previous Docket left it
    db.execute(
        "INSERT INTO answers (reviewer, project, task_id, revision, body, display_order, "
        "saved_at, time_spent_s, status, bundle, checked) "
        "VALUES ('fp', 'old', 'x', 1, '{}', '{}', 'now', 1.0, 'done', 'h', 1)"
    )
    db.conn.commit()
    db.close()
    with MergedStore.open(path, world["server"], project="old") as store:
        assert store.db.execute("SELECT task_id, suggestion FROM answers").fetchall() == [
            ("x", None)
        ]
        assert store.suggestion_records() == {}
    change = record({"t2": {"suggestion": after(first=other(world, "t2"), revised=True)}})
    blind = {"t2": other(world, "t2")}
    report, store = merged(world, tmp_path / "q", forge(world, change, "q.result", blind))
    with store:
        assert report.outcomes[0].status == "accepted"
        fp = world["cards"][0].fingerprint
        revision = store.db.execute("SELECT revision FROM answers WHERE task_id = 't2'").fetchone()[
            0
        ]
        project = store.project
        quarantine(store, [StoredProblem(fp, "alice", project, "t2", revision, "test")])
        (kept,) = store.db.execute("SELECT suggestion FROM quarantine").fetchall()
        assert SuggestionRecord.from_json(json.loads(kept[0])).revised
        assert store.suggestion_records() == {}
