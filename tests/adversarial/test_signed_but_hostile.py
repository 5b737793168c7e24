"""A malicious vendor with a valid key: result bundles signed by a real reviewer (or lead)
whose content is hostile. Each attempt is refused with its reason, the good bundles of
the same merge are merged, the merged database holds exactly what the good bundles say
(the judgments export is compared), and no command shows a traceback.

The hostile party builds results from their own genuine workspace through
:func:`forge`: the signed task bundle they were issued, their workspace's audit log, and
answer rows of their choosing, signed with their own key and encrypted to the server, as
a modified client would.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from docket import Workspace
from docket.bundles import keys
from docket.bundles.envelope import keyring
from docket.bundles.keys import PublicCard
from docket.bundles.result_bundle import (
    AUDIT,
    AnsweredBundle,
    build_result_bundle,
    read_result_bundle,
)
from docket.cli import main
from docket.core.audit_chain import AuditEntry, entry_hash
from docket.server.adjudication import pack_adjudication
from docket.server.dataset import dpo_rows, judgment_rows
from docket.server.merge import _audit_prefix, import_task_archive, merge_results
from docket.server.merged_store import MergedStore
from docket.server.pack import pack

REVIEWERS = ("alice", "bob", "carol")
TASKS = [f"t{i}" for i in range(8)]

Rows = list[dict[str, Any]]


def _answer(ws: Workspace, task_id: str, reviewer: str) -> dict[str, Any]:
    """Alice and Bob prefer response A of their own blinded order's first id; Carol the
    other one on half the tasks: disagreements to adjudicate."""
    ids = sorted(ws.task(task_id).response_ids)
    better = ids[1] if reviewer == "carol" and int(task_id[1:]) % 2 else ids[0]
    return {"preference": {"better": better, "strength": "slight"}}


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("hostile")
    for name in ("server", "lead", *REVIEWERS):
        keys.write_key_pair(keys.generate(name), tmp / "keys", passphrase=None)
    server = keys.load_secret_key(tmp / "keys" / "server.key")
    cards = [PublicCard.load(tmp / "keys" / f"{r}.pub") for r in REVIEWERS]
    with (tmp / "tasks.jsonl").open("w") as fh:
        for t in TASKS:
            fh.write(json.dumps({"id": t, "prompt": f"What is {t}?", "responses": [
                {"id": "x", "model": "m1", "text": f"{t} is one thing."},
                {"id": "y", "model": "m2", "text": f"{t} is another thing."}]}) + "\n")  # fmt: skip
    packed = {
        project: pack(
            tmp / "tasks.jsonl",
            server=server,
            reviewers=cards,
            out_dir=tmp / project,
            overlap=2,
            project=project,
        )
        for project in ("px", "py")
    }
    results: dict[str, Path] = {}
    for name, bundle in zip(REVIEWERS, packed["px"].bundles, strict=True):
        with Workspace.open(tmp / f"ws-{name}", tmp / "keys" / f"{name}.key") as ws:
            ws.import_bundle(bundle.path, tmp / "keys" / "server.pub")
            for task in ws.tasks():
                ws.record(task.id, _answer(ws, task.id, name))
            results[name] = ws.export_results(tmp / f"{name}.result").path
    # Alice also works on project "py", whose task ids are the same.
    with Workspace.open(tmp / "ws-alice-py", tmp / "keys" / "alice.key") as ws:
        ws.import_bundle(packed["py"].bundles[0].path, tmp / "keys" / "server.pub")
        for task in ws.tasks():
            ids = sorted(task.response_ids)
            ws.record(task.id, {"preference": {"better": ids[1], "strength": "strong"},
                                "rationale": "Project py's own judgment."})  # fmt: skip
        results["alice-py"] = ws.export_results(tmp / "alice-py.result").path
    return {
        "tmp": tmp,
        "server": server,
        "cards": cards,
        "archives": {p: r.archive for p, r in packed.items()},
        "results": results,
    }


def forge(
    world: dict[str, Any],
    who: str,
    change: Callable[[Rows, Workspace], Rows] = lambda rows, ws: rows,
    *,
    workspace: str | None = None,
    audit: Callable[[list[AuditEntry]], list[AuditEntry]] = lambda entries: entries,
    sequence: int | None = None,
    name: str = "forged.result",
) -> Path:
    """A result signed with ``who``'s real key, from their workspace, with ``change``d rows."""
    tmp = world["tmp"]
    key = keys.load_secret_key(tmp / "keys" / f"{who}.key")
    with Workspace.open(tmp / (workspace or f"ws-{who}"), tmp / "keys" / f"{who}.key") as ws:
        bundle = ws.store.active_bundles()[-1]
        assert bundle.manifest_raw and bundle.signature and bundle.sealed and bundle.server_card
        answered = AnsweredBundle(
            bundle.id, bundle.project, bundle.manifest_raw, bundle.signature, bundle.sealed,
            PublicCard.loads(bundle.server_card),
        )  # fmt: skip
        rows = change([dict(r) for r in ws.store.latest_answers(bundle.id)], ws)
        last = ws.store.last_export()
        seq = sequence if sequence is not None else (last[0] + 1 if last else 1)
        data, _ = build_result_bundle(
            reviewer=key,
            answered=answered,
            answers=rows,
            audit=audit(ws.store.audit_entries()),
            sequence=seq,
            previous=None if seq == 1 else (last[1] if last else "0" * 64),
            kind="adjudication" if bundle.kind == "adjudication-task" else "result",
            chain=ws.store.get_meta("chain_id") or "",
        )
    path = tmp / name
    path.write_bytes(data)
    return path


def merged(
    world: dict[str, Any], tmp_path: Path, files: list[Path], projects: tuple[str, ...] = ("px",)
) -> tuple[Any, list[dict[str, Any]], Path]:
    """Merge ``files`` into a new database holding the projects' task archives; returns
    the report, the judgments of project px and the database."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    db = tmp_path / "merged.db"
    with MergedStore.open(db, world["server"]) as store:
        for project in projects:
            import_task_archive(store, world["server"], world["archives"][project])
        report = merge_results(files, server=world["server"], cards=world["cards"], store=store)
    with MergedStore.open(db, world["server"], project="px") as store:
        rows = judgment_rows(store)
    return report, rows, db


def only(world: dict[str, Any], tmp_path: Path, *names: str) -> list[dict[str, Any]]:
    """The judgments export of a database holding only these genuine results."""
    _, rows, _ = merged(world, tmp_path / "control", [world["results"][n] for n in names])
    return rows


def outcome(report: Any, path: Path) -> Any:
    return next(o for o in report.outcomes if o.path == path)


def _task_of_others(ws: Workspace, world: dict[str, Any]) -> str:
    mine = {t.id for t in ws.tasks()}
    return next(t for t in TASKS if t not in mine)


# --- 1. answers to tasks never issued ------------------------------------------------


def test_answers_to_tasks_issued_only_to_others_are_refused(
    world: dict[str, Any], tmp_path: Path
) -> None:
    def add_foreign(rows: Rows, ws: Workspace) -> Rows:
        other = _task_of_others(ws, world)
        row = dict(rows[0])
        row.update(task_id=other, answers={"preference": {"better": "x", "strength": "strong"}})
        return [*rows, row]

    bad = forge(world, "alice", add_foreign)
    good = world["results"]["bob"]
    report, rows, _ = merged(world, tmp_path, [bad, good])
    refused = outcome(report, bad)
    assert refused.status == "rejected" and "was not issued to alice" in refused.reason
    assert outcome(report, good).status == "accepted"
    assert rows == only(world, tmp_path, "bob")


def test_a_made_up_task_id_is_refused(world: dict[str, Any], tmp_path: Path) -> None:
    def invent(rows: Rows, ws: Workspace) -> Rows:
        return [*rows, {**rows[0], "task_id": "no-such-task"}]

    bad = forge(world, "alice", invent)
    report, rows, _ = merged(world, tmp_path, [bad, world["results"]["bob"]])
    assert "'no-such-task' was not issued" in outcome(report, bad).reason
    assert rows == only(world, tmp_path, "bob")


def test_a_leads_verdict_on_a_task_outside_the_adjudication_bundle_is_refused(
    world: dict[str, Any], tmp_path: Path
) -> None:
    tmp = world["tmp"]
    files = [world["results"][n] for n in REVIEWERS]
    _, _, db = merged(world, tmp_path, files)
    lead = PublicCard.load(tmp / "keys" / "lead.pub")
    with MergedStore.open(db, world["server"]) as store:
        packed = pack_adjudication(store, server=world["server"], lead=lead, out_dir=tmp_path)
        before = dpo_rows(store)
    with Workspace.open(tmp_path / "ws-lead", tmp / "keys" / "lead.key") as ws:
        ws.import_bundle(packed.path, tmp / "keys" / "server.pub")
        disputed = {t.id for t in ws.tasks()}
        for task in ws.tasks():
            ids = sorted(task.response_ids)
            ws.record(task.id, {"preference": {"better": ids[0], "strength": "slight"},
                                "outcome": "final verdict"})  # fmt: skip
    agreed = next(t for t in TASKS if t not in disputed)
    world_lead = {**world, "tmp": tmp_path}
    shutil.copytree(tmp / "keys", tmp_path / "keys")

    def flip_agreed(rows: Rows, ws: Workspace) -> Rows:
        return [*rows, {**rows[0], "task_id": agreed}]

    bad = forge(world_lead, "lead", flip_agreed, workspace="ws-lead")
    with MergedStore.open(db, world["server"]) as store:
        report = merge_results(
            [bad], server=world["server"], cards=[lead, *world["cards"]], store=store
        )
        after = dpo_rows(store)
        assert store.adjudications() == {}
    assert "was not issued to lead" in outcome(report, bad).reason
    assert after == before


# --- 2. another project's results ----------------------------------------------------


def test_another_projects_result_never_touches_this_one(
    world: dict[str, Any], tmp_path: Path
) -> None:
    files = [world["results"]["alice"], world["results"]["alice-py"]]
    report, rows, db = merged(world, tmp_path, files, projects=("px", "py"))
    assert [o.status for o in report.outcomes] == ["accepted", "accepted"]
    assert rows == only(world, tmp_path, "alice")  # px exactly as alice's px result says
    with MergedStore.open(db, world["server"], project="py") as store:
        py = judgment_rows(store)
    assert {r["project"] for r in py} == {"py"} and py
    assert all(r["answers"]["preference"]["strength"] == "strong" for r in py)
    with (
        MergedStore.open(db, world["server"]) as store,
        pytest.raises(Exception, match="--project"),
    ):
        list(store.answers())


def test_a_result_for_a_project_without_its_tasks_is_refused(
    world: dict[str, Any], tmp_path: Path
) -> None:
    py = world["results"]["alice-py"]
    report, rows, _ = merged(world, tmp_path, [py, world["results"]["bob"]])
    assert "holds no tasks of project 'py'" in outcome(report, py).reason
    assert rows == only(world, tmp_path, "bob")


def test_gold_of_another_project_does_not_count_here(world: dict[str, Any], tmp_path: Path) -> None:
    """Project pz's gold item has the id of a px task; px has no gold."""
    pair = {"prompt": "q", "chosen": "c", "rejected": "r"}
    (tmp_path / "z.jsonl").write_text(
        "".join(json.dumps({"id": f"z{i}", **pair}) + "\n" for i in range(2))
    )
    (tmp_path / "gold.jsonl").write_text(json.dumps({"id": TASKS[0], **pair}) + "\n")
    other = pack(
        tmp_path / "z.jsonl",
        server=world["server"],
        reviewers=world["cards"][:1],
        out_dir=tmp_path / "pz",
        project="pz",
        gold_path=tmp_path / "gold.jsonl",
    )
    _, _, db = merged(world, tmp_path, [world["results"]["alice"]])
    with MergedStore.open(db, world["server"]) as store:
        import_task_archive(store, world["server"], other.archive)
    with MergedStore.open(db, world["server"], project="px") as store:
        assert store.gold() == {}
    with MergedStore.open(db, world["server"], project="pz") as store:
        assert set(store.gold()) == {TASKS[0]}


# --- 3. a malformed answer -----------------------------------------------------------


def test_a_malformed_answer_is_refused_and_the_tools_keep_working(
    world: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def object_for_an_id(rows: Rows, ws: Workspace) -> Rows:
        rows[0] = {**rows[0], "answers": {"preference": {"better": {"x": 1}, "strength": "slight"}}}
        return rows

    bad = forge(world, "alice", object_for_an_id)
    report, rows, db = merged(world, tmp_path, [bad, world["results"]["bob"]])
    reason = outcome(report, bad).reason
    assert reason.startswith("Task ") and "preference" in reason
    assert rows == only(world, tmp_path, "bob")
    _every_reporting_verb_works(world, db, tmp_path, capsys)


def test_an_old_databases_malformed_answer_is_skipped_checked_and_quarantined(
    world: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A database merged before answers were checked may hold one: the readers skip it
    with a warning, `db check` lists it, `db quarantine` sets it aside."""
    files = [world["results"][n] for n in REVIEWERS]
    _, rows, db = merged(world, tmp_path, files)
    with MergedStore.open(db, world["server"]) as store:
        store.db.execute(
            "UPDATE answers SET body = ?, checked = 0 WHERE rowid = (SELECT min(rowid) FROM answers)",
            (json.dumps({"preference": {"better": {"x": 1}}}),),
        )
        store.db.conn.commit()
    _every_reporting_verb_works(world, db, tmp_path, capsys, warned=True)
    key = str(world["tmp"] / "keys" / "server.key")
    assert main(["db", "check", "--db", str(db), "--server-key", key]) == 1
    assert "1 stored answer(s) do not fit" in capsys.readouterr().out
    assert main(["db", "quarantine", "--db", str(db), "--server-key", key]) == 0
    assert main(["db", "check", "--db", str(db), "--server-key", key]) == 0
    with MergedStore.open(db, world["server"]) as store:
        assert store.counts()["quarantined"] == 1
        assert len(judgment_rows(store)) == len(rows) - 1 and store.warnings == []


def _every_reporting_verb_works(
    world: dict[str, Any],
    db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    *,
    warned: bool = False,
) -> None:
    key = str(world["tmp"] / "keys" / "server.key")
    base = ["--db", str(db), "--server-key", key]
    lead = str(world["tmp"] / "keys" / "lead.pub")
    for argv in (
        ["agreement", *base],
        ["disagreements", *base, "--json"],
        ["dataset", "export", *base, "--format", "dpo", "--out", str(tmp_path / "d.jsonl")],
        ["dataset", "export", *base, "--format", "judgments", "--out", str(tmp_path / "j.jsonl")],
        ["adjudication", "pack", *base, "--lead", lead, "--out", str(tmp_path / "adj")],
    ):
        code = main(argv)
        _, err = capsys.readouterr()
        assert "internal error" not in err and "Traceback" not in err, (argv, err)
        assert code == 0 or "No task has disagreements" in err, (argv, err)
        assert ("does not fit it" in err) == warned, (argv, err)


# --- 4. numbers out of range, and one bad bundle among good ones ---------------------


@pytest.mark.parametrize(
    ("field", "value", "said"),
    [
        ("revision", 2**70, "malformed answer row"),
        ("time_spent_s", float("nan"), "malformed answer row"),
        ("time_spent_s", 1e300, "malformed answer row"),
    ],
)
def test_numbers_beyond_their_caps_are_refused(
    world: dict[str, Any], tmp_path: Path, field: str, value: Any, said: str
) -> None:
    def set_field(rows: Rows, ws: Workspace) -> Rows:
        rows[0] = {**rows[0], field: value}
        return rows

    bad = forge(world, "alice", set_field)
    report, rows, _ = merged(world, tmp_path, [bad, world["results"]["bob"]])
    assert said in outcome(report, bad).reason
    assert rows == only(world, tmp_path, "bob")


def test_a_huge_sequence_number_is_refused_and_the_merge_goes_on(
    world: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = forge(world, "alice", sequence=2**70)
    good = world["results"]["bob"]
    db = tmp_path / "m.db"
    key = str(world["tmp"] / "keys" / "server.key")
    ring = tmp_path / "ring"
    ring.mkdir()
    for name in REVIEWERS:
        shutil.copy(world["tmp"] / "keys" / f"{name}.pub", ring)
    code = main(["merge", str(bad), str(good), "--server-key", key, "--keyring", str(ring),
                 "--db", str(db), "--tasks", str(world["archives"]["px"])])  # fmt: skip
    out, err = capsys.readouterr()
    assert code == 1 and "internal error" not in err
    assert f"FAIL {bad}" in out and "sequence number is malformed" in out
    assert f"OK   {good}" in out and "1 accepted" in out and "1 rejected" in out


# --- 10. the audit log -----------------------------------------------------------------


def _rechain(entries: list[AuditEntry]) -> list[AuditEntry]:
    out: list[AuditEntry] = []
    prev = "0" * 64
    for i, e in enumerate(entries, start=1):
        h = entry_hash(prev, i, e.at, e.action, e.subject, e.detail)
        out.append(dataclasses.replace(e, seq=i, prev_hash=prev, hash=h))
        prev = h
    return out


def test_a_result_with_an_empty_or_cut_audit_log_is_refused(
    world: dict[str, Any], tmp_path: Path
) -> None:
    empty = forge(world, "alice", audit=lambda entries: [], name="empty.result")
    cut = forge(world, "alice", audit=lambda entries: _rechain(entries[:3]), name="cut.result")
    report, rows, _ = merged(world, tmp_path, [empty, cut, world["results"]["bob"]])
    for path in (empty, cut):
        assert "is not in the result's audit log" in outcome(report, path).reason
    assert rows == only(world, tmp_path, "bob")


def test_an_audit_log_rewritten_after_a_merge_is_refused(
    world: dict[str, Any], tmp_path: Path
) -> None:
    """Alice's first result is merged; her next one carries a log whose past differs."""

    def rewrite(entries: list[AuditEntry]) -> list[AuditEntry]:
        forged = [dataclasses.replace(entries[0], at="2000-01-01T00:00:00.000+00:00")]
        return _rechain(forged + entries[1:])

    first = world["results"]["alice"]
    second = forge(world, "alice", audit=rewrite, name="second.result")
    report, rows, _ = merged(world, tmp_path, [first, second])
    assert outcome(report, first).status == "accepted"
    assert "was rewritten" in outcome(report, second).reason
    assert rows == only(world, tmp_path, "alice")


def test_a_genuine_second_result_still_merges(world: dict[str, Any], tmp_path: Path) -> None:
    second = forge(world, "alice", name="genuine-second.result")
    report, _, _ = merged(world, tmp_path, [world["results"]["alice"], second])
    assert [o.status for o in report.outcomes] == ["accepted", "accepted"], report.outcomes


# --- 11. the part of a log merged before -----------------------------------------------
# The server keeps the longest audit section it merged of each workspace (its length and
# SHA-256): a later result whose section begins with exactly those bytes has only the
# entries after them parsed and checked. Anything else is read and hashed whole.


def _known_prefix(db: Path, world: dict[str, Any]) -> Callable[[str], Any]:
    def known(chain: str) -> Any:
        with MergedStore.open(db, world["server"]) as store:
            return _audit_prefix(store.db, chain)

    return known


def _entry_after(entries: list[AuditEntry], **change: Any) -> list[AuditEntry]:
    """The log with one more entry, hash-chained to the last unless ``change`` says
    otherwise (its number, the hash it follows, its hash)."""
    last = entries[-1]
    fields = {
        "seq": last.seq + 1,
        "at": last.at,
        "action": "note",
        "subject": "t0",
        "detail": "{}",
        "prev_hash": last.hash,
    }
    fields.update({k: v for k, v in change.items() if k != "hash"})
    h = change.get("hash") or entry_hash(
        fields["prev_hash"], fields["seq"], fields["at"], fields["action"],
        fields["subject"], fields["detail"],
    )  # fmt: skip
    return [*entries, AuditEntry(**fields, hash=h)]


def test_a_later_result_is_read_from_where_the_merged_log_ends(
    world: dict[str, Any], tmp_path: Path
) -> None:
    """Alice's second result carries her first one's log, byte for byte, and one entry
    more (after the record of that first export): only those are parsed; her answers,
    recorded in the part merged before, are still found there; the merge ends as a merge
    of both read whole would."""
    first = world["results"]["alice"]
    second = forge(world, "alice", audit=_entry_after, name="second-plus-one.result")
    report, _, db = merged(world, tmp_path, [first])
    assert [o.status for o in report.outcomes] == ["accepted"]
    result = read_result_bundle(
        second.read_bytes(), world["server"], keyring(world["cards"]), _known_prefix(db, world)
    )
    assert result.audit_skipped is not None
    assert [e.action for e in result.audit] == ["export", "note"]  # the first export, then ours
    assert result.audit_section is not None
    assert result.audit_section.entries == result.audit_skipped.entries + 2
    assert len(result.full_audit()) == result.audit_section.entries
    # What the server records of the whole section: its bytes' length and SHA-256.
    for read in (result, read_result_bundle(second.read_bytes(), world["server"],
                                            keyring(world["cards"]))):  # fmt: skip
        section = read.opened.sections[AUDIT]
        assert read.audit_section is not None
        assert (read.audit_section.length, read.audit_section.sha256) == (
            len(section),
            hashlib.sha256(section).hexdigest(),
        )
    with MergedStore.open(db, world["server"]) as store:
        again = merge_results([second], server=world["server"], cards=world["cards"], store=store)
        assert _audit_prefix(store.db, result.chain) == result.audit_section
    assert [o.status for o in again.outcomes] == ["accepted"], again.outcomes
    # The same two results in the other order, each log read whole: the same answers.
    report2, rows2, _ = merged(world, tmp_path / "reversed", [second, first])
    assert [o.status for o in report2.outcomes] == ["accepted", "accepted"]
    with MergedStore.open(db, world["server"], project="px") as store:
        assert judgment_rows(store) == rows2


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"prev_hash": "f" * 64}, "does not follow"),
        ({"seq": 10_000}, "is missing"),
        ({"hash": "e" * 64}, "was altered"),
    ],
)
def test_entries_after_the_merged_log_must_continue_it(
    world: dict[str, Any], tmp_path: Path, change: dict[str, Any], words: str
) -> None:
    """The merged part is not parsed again, so what follows it must chain to its last
    entry: numbered next, following its hash, hashing to its own."""
    first = world["results"]["alice"]
    second = forge(
        world, "alice", audit=lambda entries: _entry_after(entries, **change),
        name="second-bad-tail.result",
    )  # fmt: skip
    report, rows, _ = merged(world, tmp_path, [first, second])
    assert outcome(report, first).status == "accepted"
    assert words in outcome(report, second).reason
    assert rows == only(world, tmp_path, "alice")


def test_a_past_entry_changed_under_its_old_hash_is_refused(
    world: dict[str, Any], tmp_path: Path
) -> None:
    """An entry of the merged part whose content changed while its hash and links were
    kept: the section no longer begins with the merged bytes, so it is read whole and
    every entry hashed (the server once took entries it knew on their hash alone)."""

    def tamper(entries: list[AuditEntry]) -> list[AuditEntry]:
        return [dataclasses.replace(entries[0], at="2000-01-01T00:00:00.000+00:00"), *entries[1:]]

    first = world["results"]["alice"]
    second = forge(world, "alice", audit=tamper, name="second-tampered.result")
    report, rows, _ = merged(world, tmp_path, [first, second])
    assert outcome(report, first).status == "accepted"
    assert "was altered" in outcome(report, second).reason
    assert rows == only(world, tmp_path, "alice")


def test_a_log_equal_to_the_merged_one_but_written_differently_is_read_whole(
    world: dict[str, Any], tmp_path: Path
) -> None:
    """The same entries in other bytes (keys in another order): no byte prefix, so the
    whole log is read, checked against the merged entries, and merged."""
    first = world["results"]["alice"]
    second = forge(world, "alice", name="second-respelled.result")
    _, _, db = merged(world, tmp_path, [first])
    result = read_result_bundle(
        second.read_bytes(), world["server"], keyring(world["cards"]), _known_prefix(db, world)
    )
    assert result.audit_skipped is not None  # the genuine bytes: the prefix is recognised
    respelled = second.with_name("respelled.result")
    with Workspace.open(world["tmp"] / "ws-alice", world["tmp"] / "keys" / "alice.key") as ws:
        log = ws.store.audit_entries()
    data = _respelled_result(world, log)
    respelled.write_bytes(data)
    result = read_result_bundle(
        data, world["server"], keyring(world["cards"]), _known_prefix(db, world)
    )
    assert result.audit_skipped is None and len(result.audit) == len(log)
    with MergedStore.open(db, world["server"]) as store:
        again = merge_results(
            [respelled], server=world["server"], cards=world["cards"], store=store
        )
    assert [o.status for o in again.outcomes] == ["accepted"], again.outcomes


def _respelled_result(world: dict[str, Any], log: list[AuditEntry]) -> bytes:
    """Alice's next result with its audit section written with keys in reverse order."""
    import docket.bundles.result_bundle as result_bundle

    original = result_bundle._jsonl

    def reversed_keys(rows: Any) -> bytes:
        if rows and "prev_hash" in rows[0]:
            return "".join(
                json.dumps(dict(reversed(list(r.items())))) + "\n" for r in rows
            ).encode()
        return original(rows)

    result_bundle._jsonl = reversed_keys
    try:
        return forge(world, "alice", name="respelled-source.result").read_bytes()
    finally:
        result_bundle._jsonl = original


def test_an_answer_recorded_neither_before_nor_after_the_merged_part_is_refused(
    world: dict[str, Any], tmp_path: Path
) -> None:
    """The log continues the merged part correctly, but one answer's revision is in
    neither part: refused, as in a log read whole."""

    def bump(rows: Rows, ws: Workspace) -> Rows:
        return [rows[0] | {"revision": rows[0]["revision"] + 1}, *rows[1:]]

    first = world["results"]["alice"]
    second = forge(world, "alice", bump, audit=_entry_after, name="second-unrecorded.result")
    report, rows, _ = merged(world, tmp_path, [first, second])
    assert outcome(report, first).status == "accepted"
    assert "is not in the result's audit log" in outcome(report, second).reason
    assert rows == only(world, tmp_path, "alice")
