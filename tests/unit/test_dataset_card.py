"""The dataset card ``docket dataset export`` writes beside the data (README.md).

A real merged database (the merge test's run: 60 real tasks, 3 reviewers, overlap 2),
plus gold items, an adjudication by a lead and a quarantined answer: the card's YAML
header parses and ``datasets.load_dataset(folder)`` finds the data through its
``configs``; every lineage figure matches a count made here from the store's tables;
no reviewer's name or key fingerprint appears in it; a README.md Docket did not write
is never overwritten; an empty database's card says what is missing.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import socket
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from docket import Workspace
from docket.bundles import keys
from docket.bundles.keys import PublicCard
from docket.cli import main
from docket.server.adjudication import pack_adjudication
from docket.server.agreement_stats import wilson_interval
from docket.server.dataset import FORMATS, ExportSummary, dpo_rows
from docket.server.dataset_card import (
    MARKER,
    Lineage,
    card_text,
    lineage,
    size_category,
    yaml_string,
)
from docket.server.merge import import_task_archive, merge_results
from docket.server.merged_store import MergedStore
from docket.server.pseudonyms import reviewer_pseudonyms
from tests.unit.test_merge_end_to_end import run  # noqa: F401  (fixture)

yaml = pytest.importorskip("yaml", reason="PyYAML (a dependency of `datasets`) is not installed")

LEAD = "lena-okafor"


def _sql(store: MergedStore, query: str, *args: Any) -> list[tuple[Any, ...]]:
    return [tuple(r) for r in store.db.execute(query, args).fetchall()]


@pytest.fixture(scope="module")
def merged(run: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:  # noqa: F811
    """The run merged, with gold items, a lead's adjudication and a quarantined answer."""
    tmp = tmp_path_factory.mktemp("card")
    server = run["server"]
    lead_key = keys.generate(LEAD)
    keys.write_key_pair(lead_key, tmp, passphrase=None)
    lead_card = PublicCard.load(tmp / f"{LEAD}.pub")
    db = tmp / "merged.db"
    with MergedStore.open(db, server) as store:
        import_task_archive(store, server, run["archive"])
        merge_results(
            [p for ps in run["results"].values() for p in ps],
            server=server,
            cards=run["cards"],
            store=store,
        )
        # Gold items: the longer response of the first eight pair tasks is the known answer
        # (as `docket pack --gold` would have stored it).
        pairs = [
            (tid, json.loads(body))
            for tid, body in _sql(store, "SELECT id, task FROM tasks ORDER BY id")
            if len(json.loads(body)["responses"]) == 2
        ][:8]
        for tid, task in pairs:
            longer = max(task["responses"], key=lambda r: len(r["text"]))
            store.db.execute(
                "INSERT INTO gold (project, task_id, answers) VALUES (?, ?, ?)",
                ("e2e", tid, json.dumps({"preference": {"better": longer["id"]}})),
            )
        store.db.conn.commit()
        packed = pack_adjudication(store, server=server, lead=lead_card, out_dir=tmp)
    with Workspace.open(tmp / "ws-lead", tmp / f"{LEAD}.key") as ws:
        ws.import_bundle(packed.path, run["tmp"] / "keys" / "server.pub")
        task_ids = sorted(t.id for t in ws.tasks())
        for task_id in task_ids:
            task = ws.task(task_id)
            longest = max(task.responses, key=lambda r: len(r.text))
            others = [r.id for r in task.responses if r.id != longest.id]
            verdict: dict[str, Any] = (
                {"preference": {"better": longest.id, "strength": "strong"}}
                if len(task.responses) == 2
                else {"ranking": [[longest.id], others]}
            )
            outcome = "needs guideline change" if task_id == task_ids[-1] else "final verdict"
            ws.record(task_id, verdict | {"outcome": outcome, "rationale": "Checked against the sources.",
                                          "adjudication_note": "The dissent misread it."})  # fmt: skip
        exported = ws.export_results(tmp / "lead.adjudication-result")
    with MergedStore.open(db, server) as store:
        merge_results([exported.path], server=server, cards=[*run["cards"], lead_card], store=store)
        # One answer set aside as by `docket db quarantine`.
        fp, tid = _sql(store, "SELECT reviewer, task_id FROM answers ORDER BY task_id DESC")[0]
        store.db.execute(
            "INSERT INTO quarantine (reviewer, project, task_id, revision, body, display_order, "
            "saved_at, time_spent_s, status, bundle, reason, quarantined_at) "
            "SELECT reviewer, project, task_id, revision, body, "
            "display_order, saved_at, time_spent_s, status, bundle, 'test', '2026-01-01' "
            "FROM answers WHERE reviewer = ? AND task_id = ?",
            (fp, tid),
        )
        store.db.execute("DELETE FROM answers WHERE reviewer = ? AND task_id = ?", (fp, tid))
        store.db.conn.commit()
    assert len(task_ids) >= 2
    return {"db": db, "server": server, "key": run["tmp"] / "keys" / "server.key", "tmp": tmp,
            "lead": lead_card}  # fmt: skip


def _export(merged: dict[str, Any], out: Path, *extra: str, fmt: str = "dpo") -> int:
    return main(["dataset", "export", "--db", str(merged["db"]), "--server-key", str(merged["key"]),
                 "--format", fmt, "--out", str(out), *extra])  # fmt: skip


def _header(card: str) -> dict[str, Any]:
    assert card.startswith("---\n")
    head, _, _ = card[4:].partition("\n---\n")
    loaded = yaml.safe_load(head)
    assert isinstance(loaded, dict)
    return loaded


@pytest.fixture(scope="module")
def exported(merged: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("dpo-export")
    assert (
        _export(merged, folder / "train.jsonl", "--license", "cc-by-4.0", "--language", "en") == 0
    )
    return {"folder": folder, "card": (folder / "README.md").read_text("utf-8")}


def test_the_header_parses_and_load_dataset_finds_the_data_through_it(
    merged: dict[str, Any],
    exported: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    card, folder = exported["card"], exported["folder"]
    header = _header(card)
    rows = (folder / "train.jsonl").read_text().splitlines()
    assert header["pretty_name"] == "e2e: dpo (expert review)"
    assert header["license"] == "cc-by-4.0" and header["language"] == ["en"]
    assert header["task_categories"][0] == "text-generation"
    assert header["size_categories"] == [size_category(len(rows))] == ["n<1K"]
    assert header["configs"] == [
        {"config_name": "default", "data_files": [{"split": "train", "path": "train.jsonl"}]}
    ]
    assert header["tags"][:2] == ["docket", "human-feedback"]
    assert MARKER in card
    # Offline: the folder is read from disk; any socket would fail the test.
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access while loading a local dataset folder")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    datasets = pytest.importorskip("datasets", reason="the `datasets` library is not installed")
    (folder / "stray.jsonl").write_text('{"other": 1}\n')  # the card's configs, not a guess
    try:
        loaded = datasets.load_dataset(str(folder), split="train")
    finally:
        (folder / "stray.jsonl").unlink()
    assert loaded.num_rows == len(rows) > 0
    assert {"prompt", "chosen", "rejected"} <= set(loaded.column_names)
    # The Hub's own reader of cards takes the header as written.
    hub = pytest.importorskip("huggingface_hub", reason="`huggingface_hub` is not installed")
    data = hub.DatasetCard(card).data
    assert (data.license, data.language, data.pretty_name) == (
        "cc-by-4.0",
        ["en"],
        "e2e: dpo (expert review)",
    )


def test_every_lineage_figure_matches_the_store(
    merged: dict[str, Any], exported: dict[str, Any]
) -> None:
    card = exported["card"]
    with MergedStore.open(merged["db"], merged["server"]) as store:
        labels = reviewer_pseudonyms(store, merged["server"])
        found = lineage(store, labels)
        rows, summary = dpo_rows(store)
        issued = _sql(store, "SELECT bundle_id, manifest_sha256, guidelines_sha256 FROM issued")
        results = _sql(store, "SELECT hash, kind, answers, merged_at FROM merged")
        tasks = _sql(store, "SELECT id, guidelines_sha256, task FROM tasks")
        archived = _sql(store, "SELECT id, task, schema, guidelines_sha256 FROM tasks ORDER BY id")
        answers = _sql(store, "SELECT reviewer, task_id, body, display_order FROM answers")
        answer_bundles = [b for (b,) in _sql(store, "SELECT bundle FROM answers")]
        answered_bundles = _sql(store, "SELECT hash, answered_bundle FROM merged")
        adjudications = _sql(store, "SELECT lead, body FROM adjudications")
        gold = {tid: json.loads(b) for tid, b in _sql(store, "SELECT task_id, answers FROM gold")}
        quarantined = _sql(store, "SELECT count(*) FROM quarantine")[0][0]
    text = card.replace("`", "")

    # Source tasks: every task bundle answered, with its hashes; the archive's size.
    assert {(b.bundle_id, b.manifest_sha256, b.guidelines_sha256) for b in found.task_bundles} == {
        (b, m, g or "") for b, m, g in issued
    }
    assert sum(b.adjudication for b in found.task_bundles) == 1
    for bundle_id, manifest, _ in issued:
        assert re.search(rf"\| {bundle_id} \| \w+ \| {manifest} \|", text)
    assert found.archived_tasks == len(tasks) == 60
    digest = hashlib.sha256()
    for row in archived:
        digest.update(json.dumps(list(row), ensure_ascii=False).encode() + b"\n")
    assert found.archive_sha256 == digest.hexdigest()
    assert (
        f"holds 60 tasks of this project; SHA-256 over the archived tasks: {found.archive_sha256}"
        in text
    )

    # Result bundles: all of them, their kinds, and the dates they were merged.
    assert len(found.results) == len(results) == 7
    kinds = Counter(k for _, k, _, _ in results)
    assert kinds == {"result": 6, "adjudication": 1}
    dates = sorted(t for _, _, _, t in results)
    assert f"7 bundles (1 adjudication, 6 result), merged from {dates[0]} to {dates[-1]}" in text
    for digest, kind, n, at in results:
        assert f"| {digest} |" in text and f"| {kind} | {n} | {at} |" in text

    # Guideline versions: tasks of the archive under each, how many were answered, and the
    # answers given under each as their task bundle recorded it.
    answered = {tid for _, tid, _, _ in answers}
    by_sha: dict[str, set[str]] = defaultdict(set)
    for tid, sha, _ in tasks:
        by_sha[sha or ""].add(tid)
    issued_sha = {b: g or "" for b, _, g in issued}
    answered_bundle = dict(answered_bundles)
    under = Counter(issued_sha[answered_bundle[bundle]] for bundle in answer_bundles)
    assert {
        (v.sha256, v.archived_tasks, v.answered_tasks, v.answers) for v in found.guidelines
    } == {
        (sha, len(by_sha.get(sha, ())), len(by_sha.get(sha, set()) & answered), under.get(sha, 0))
        for sha in {*by_sha, *under}
    }
    assert [v.sha256 for v in found.guidelines] == [hashlib.sha256(b"").hexdigest()]
    assert "(no guidelines) | 60 | 60 | 119 |" in text

    # Models of the archive's responses.
    models = Counter(r["model"] for _, _, body in tasks for r in json.loads(body)["responses"])
    assert found.models == dict(models) and len(models) == 3
    for model, n in models.items():
        assert f"| {model} | {n} |" in text

    # Reviewers (pseudonymous) and the overlap.
    per_reviewer = Counter(fp for fp, _, _, _ in answers)
    assert found.reviewers == {labels[fp]: n for fp, n in per_reviewer.items()}
    for fp, n in per_reviewer.items():
        assert f"| {labels[fp]} | {n} |" in text
    assert "3 reviewers, shown by pseudonym" in text and "1 lead adjudicated" in text
    per_task = Counter(tid for _, tid, _, _ in answers)
    overlap = Counter(per_task.values())
    assert found.overlap == dict(overlap) and set(overlap) == {1, 2}  # one answer quarantined
    for k, n in overlap.items():
        assert f"| {k} | {n} |" in text

    # Agreement on the preference question: Krippendorff's alpha and units, computed here
    # from the answers table with the `krippendorff` package.
    krippendorff = pytest.importorskip("krippendorff", reason="`krippendorff` is not installed")
    scale: dict[str, dict[str, int]] = defaultdict(dict)
    for fp, tid, body, order in answers:
        ids = sorted(json.loads(order).values())
        pref = json.loads(body).get("preference")
        if len(ids) == 2 and isinstance(pref, dict):
            strength = 2 if pref.get("strength") == "strong" else 1
            scale[tid][fp] = 0 if pref["better"] is None else (
                -strength if pref["better"] == ids[0] else strength)  # fmt: skip
    units = {t: r for t, r in scale.items() if len(r) >= 2}
    fps = sorted({fp for r in units.values() for fp in r})
    matrix = [[units[t].get(fp, math.nan) for t in sorted(units)] for fp in fps]
    domain = sorted({v for r in units.values() for v in r.values()})
    alpha = krippendorff.alpha(
        reliability_data=matrix, level_of_measurement="ordinal", value_domain=domain
    )
    pref = next(q for q in found.agreement if q.question == "preference")
    assert pref.units == len(units) > 10
    assert pref.krippendorff_alpha == pytest.approx(alpha, abs=1e-9)
    assert f"| preference | ordinal | {len(units)} | {alpha:.3f} |" in text

    # Adjudications by outcome.
    outcomes = Counter(json.loads(body)["outcome"] for _, body in adjudications)
    assert found.adjudications == dict(outcomes) and outcomes["needs guideline change"] == 1
    for outcome, n in outcomes.items():
        assert f"| {outcome} | {n} |" in text
    assert f"{len(adjudications)} tasks settled by a lead" in text

    # Gold accuracy per reviewer, with the Wilson interval.
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for fp, tid, body, _ in answers:
        given_pref = json.loads(body).get("preference")
        if tid in gold and isinstance(given_pref, dict):
            tally[fp][1] += 1
            tally[fp][0] += given_pref["better"] == gold[tid]["preference"]["better"]
    assert found.gold_items == len(gold) == 8
    assert {(g.reviewer, g.correct, g.total) for g in found.gold} == {
        (labels[fp], c, n) for fp, (c, n) in tally.items()
    }
    for fp, (c, n) in tally.items():
        low, high = wilson_interval(c, n) or (math.nan, math.nan)
        assert (
            f"| {labels[fp]} | {c} | {n} | {100 * c / n:.1f} % | "
            f"{100 * low:.1f} % to {100 * high:.1f} % |"
        ) in text

    # What was left out, and why.
    assert (
        summary.rows
        == len(rows)
        == len((exported["folder"] / "train.jsonl").read_text().splitlines())
    )
    assert found.quarantined == quarantined == 1
    assert summary.unresolved > 0  # the "needs guideline change" verdict
    left_out = [*summary.left_out("dpo"), "1 quarantined answer (`docket db quarantine`)"]
    for phrase in left_out:
        assert f"\n- {phrase}\n" in card


def test_no_reviewer_name_or_fingerprint_appears_in_the_card(
    merged: dict[str, Any], exported: dict[str, Any]
) -> None:
    card = exported["card"]
    with MergedStore.open(merged["db"], merged["server"]) as store:
        people = _sql(store, "SELECT fingerprint, name FROM reviewers")
    assert len(people) == 4 and LEAD in {name for _, name in people}
    folded = card.lower()
    for fingerprint, name in people:
        assert name.lower() not in folded
        compact = fingerprint.replace(" ", "").lower()
        for piece in {fingerprint.lower(), compact, compact[:8], fingerprint[:9].lower()}:
            assert piece not in folded and piece not in folded.replace(" ", "")
    # The pseudonyms are there instead.
    assert len(set(re.findall(r"reviewer-[0-9a-f]{6,}", card))) == 3


def test_a_readme_docket_did_not_write_is_never_overwritten(
    merged: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    foreign = "# Our dataset\n\nHand-written, keep.\n"
    (tmp_path / "README.md").write_text(foreign)
    assert _export(merged, tmp_path / "train.jsonl") != 0
    err = capsys.readouterr().err
    assert "was not written by Docket" in err and "folder of its own" in err
    assert (tmp_path / "README.md").read_text() == foreign
    assert not (tmp_path / "train.jsonl").exists()  # nothing written at all
    # Docket's own card is replaced on the next export, and the output says where it went.
    (tmp_path / "README.md").unlink()
    assert _export(merged, tmp_path / "train.jsonl") == 0
    first = (tmp_path / "README.md").read_text()
    assert _export(merged, tmp_path / "train.jsonl", "--license", "mit") == 0
    out = capsys.readouterr().out
    assert f"{tmp_path / 'README.md'}: dataset card" in out
    assert 'license: "mit"' in (tmp_path / "README.md").read_text() != first
    # The data file itself may not be called README.md.
    assert _export(merged, tmp_path / "sub" / "README.md") != 0
    assert not (tmp_path / "sub").exists()


@pytest.mark.parametrize("name", ["train.jsonl", "train.parquet", "hf-folder"])
def test_ctrl_c_while_the_files_move_into_place_leaves_both_or_neither(
    merged: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    """Ctrl+C just after the data took its name (the card not yet): it is held until the
    card has taken its own, then delivered; Ctrl+C while the card is being written leaves
    the earlier export (data and card) as it was."""
    import os
    import signal

    from docket.server import dataset_files

    pytest.importorskip("pyarrow", reason="Parquet and the Hugging Face folder need pyarrow")
    out = tmp_path / name
    extra = ("--container", "hf") if name == "hf-folder" else ()
    assert _export(merged, out, *extra) == 0
    before = {p.name: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    real_replace = os.replace
    moved: list[str] = []

    def replace(src: Any, dst: Any) -> None:
        real_replace(src, dst)
        moved.append(Path(dst).name)
        if len(moved) == 1:
            signal.raise_signal(signal.SIGINT)  # between the data and its card

    monkeypatch.setattr(dataset_files.os, "replace", replace)
    assert _export(merged, out, *extra, "--license", "mit") == 130  # "docket: interrupted"
    assert moved == [out.name, "README.md"]  # both moved before the interrupt
    assert 'license: "mit"' in (tmp_path / "README.md").read_text()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no leftovers

    # Interrupted while the card is written (before any rename): nothing changes.
    monkeypatch.setattr(dataset_files.os, "replace", real_replace)
    after = {p.name: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert after != before

    def interrupted(*args: Any, **kwargs: Any) -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr("docket.server.dataset_card.card_text", interrupted)
    assert _export(merged, out, *extra, "--license", "apache-2.0") == 130
    assert {p.name: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == after
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_a_bad_license_or_language_is_refused(
    merged: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _export(merged, tmp_path / "a.jsonl", "--license", "CC BY 4.0") != 0
    assert _export(merged, tmp_path / "a.jsonl", "--language", "en\n---") != 0
    assert "not a license identifier" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


def test_the_default_license_is_other_with_a_note(
    exported: dict[str, Any], merged: dict[str, Any], tmp_path: Path
) -> None:
    assert _export(merged, tmp_path / "train.jsonl") == 0
    card = (tmp_path / "README.md").read_text()
    header = _header(card)
    assert header["license"] == "other" and "language" not in header
    assert "no license was chosen at export" in card and "--license ID" in card


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f not in {"dpo", "openai-preference"}])
def test_every_format_gets_its_card(
    merged: dict[str, Any], tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / f"{fmt}.jsonl"
    assert _export(merged, out, fmt=fmt) == 0
    card = (tmp_path / "README.md").read_text()
    header = _header(card)
    assert header["configs"][0]["data_files"][0]["path"] == out.name
    rows = len(out.read_text().splitlines())
    assert f"holds {rows} row" in card
    assert "- 1 quarantined answer " in card  # left out of every format
    assert "left out: 1 quarantined answer" in capsys.readouterr().out


def test_an_empty_database_card_says_what_is_missing(tmp_path: Path) -> None:
    server = keys.generate("server")
    keys.write_key_pair(server, tmp_path / "keys", passphrase=None)
    with MergedStore.open(tmp_path / "empty.db", server) as store:
        text = card_text(
            lineage(store, reviewer_pseudonyms(store, server)),
            ExportSummary(0, 0, 0, 0),
            fmt="dpo",
            data_file="train.jsonl",
        )
    header = _header(text)
    assert header["size_categories"] == ["n<1K"] and header["pretty_name"].startswith("Docket")
    for missing in (
        "Nothing to leave out: no answers are merged yet",
        "No task archive was merged",
        "No result answering a task bundle was merged yet",
        "None yet: nothing was merged",
        "Unknown: no task archive was merged",
        "No reviewer's answers were merged yet",
        "None measured: agreement needs two reviewers",
        "No task was adjudicated",
        "No gold items",
    ):
        assert missing in text
    assert "nan" not in text.lower().replace("unnamed", "")
    # Through the command line too: the judgments of an empty database, and their card.
    out = tmp_path / "data" / "judgments.jsonl"
    code = main(["dataset", "export", "--db", str(tmp_path / "empty.db"), "--server-key",
                 str(tmp_path / "keys" / "server.key"), "--format", "judgments", "--out", str(out)])  # fmt: skip
    assert code == 0 and out.read_text() == ""
    assert "No reviewer's answers were merged yet" in (out.parent / "README.md").read_text()


@given(st.text())
def test_yaml_strings_read_back_as_written(text: str) -> None:
    assert yaml.safe_load(f"key: {yaml_string(text)}\n") == {"key": text}


@pytest.mark.parametrize(
    ("rows", "category"),
    [(0, "n<1K"), (999, "n<1K"), (1000, "1K<n<10K"), (99_999, "10K<n<100K"),
     (100_000, "100K<n<1M"), (10**12, "n>1T")],
)  # fmt: skip
def test_size_categories(rows: int, category: str) -> None:
    assert size_category(rows) == category


def test_left_out_says_every_kind_there_was() -> None:
    summary = ExportSummary(5, 2, 3, 1, unchanged_rewrites=4, quarantined=6, skipped=7)
    assert summary.left_out("dpo") == [
        "2 ties",
        "3 unresolved disagreements",
        "4 rewrites equal to their base",
        "1 task or rewrite the task archive lacks (task or response)",
        "6 quarantined answers (`docket db quarantine`)",
        "7 answers that do not fit their task (`docket db check`)",
    ]
    assert ExportSummary(5, 0, 0, 0).left_out("judgments") == []
    assert summary.left_out("rubric")[0].startswith("3 criteria unsettled")


def test_text_from_the_database_cannot_break_the_card_layout() -> None:
    """Project, model and question names come from packed files: a pipe, a line break or
    markup in them stays inside its table cell or heading."""
    hostile = "evil | model\n## Injected heading <script>"
    found = Lineage(
        project="proj\n---\nlicense: mit",
        archived_tasks=1,
        archive_sha256="ab" * 32,
        models={hostile: 3},
        task_bundles=[],
        results=[],
        guidelines=[],
        answers=0,
        answered_tasks=0,
        reviewers={},
        leads=0,
        overlap={},
        agreement=[],
        adjudications={hostile: 1},
        gold_items=0,
        gold=[],
        quarantined=0,
    )
    text = card_text(found, ExportSummary(0, 0, 0, 0), fmt="dpo", data_file="a`b|c\n.jsonl")
    header = _header(text)
    assert header["license"] == "other" and header["pretty_name"].startswith("proj\n---")
    assert header["configs"][0]["data_files"][0]["path"] == "a`b|c\n.jsonl"
    body = text.split(MARKER, 1)[1]
    assert "\n## Injected" not in body and "<script>" not in body and "\n---\n" not in body
    rows = [line for line in body.splitlines() if "evil" in line]
    assert len(rows) == 2 and all(r.startswith("| ") and r.count(" | ") == 1 for r in rows)


def test_the_card_and_the_anonymised_report_show_the_same_pseudonyms(
    merged: dict[str, Any], exported: dict[str, Any], tmp_path: Path
) -> None:
    """A lead follows one pseudonym from the report to the card of the same release."""
    pytest.importorskip("matplotlib", reason="the report's plots need the report extra")
    out = tmp_path / "report.html"
    assert main(["report", "--db", str(merged["db"]), "--server-key", str(merged["key"]),
                 "--anonymise", "--bootstrap-rounds", "20", "--out", str(out)]) == 0  # fmt: skip
    in_card = set(re.findall(r"reviewer-[0-9a-f]{6,}", exported["card"]))
    in_report = set(re.findall(r"reviewer-[0-9a-f]{6,}", out.read_text("utf-8")))
    assert len(in_card) == 3 and in_card <= in_report
