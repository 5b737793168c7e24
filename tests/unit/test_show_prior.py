"""``docket pack --show-prior``: the source's label reaches reviewers only when the project
says so, and model names never do.

Without the flag, the whole reviewer's bundle as the reviewer can decrypt it (manifest and
every section but the server's sealed one, which the reviewer's key cannot open) holds
none of the prior's values; with it, the task carries one more source document, titled as
the source's label, naming the preferred response by how it begins, with its ratings and
notes, and the same document is in the server's archive, so a reviewer's PII mark in it
passes merge."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from docket import Workspace
from docket.bundles import age_layer, keys
from docket.bundles.envelope import open_sealed, pinned
from docket.bundles.keys import PublicCard, SecretKey
from docket.bundles.task_bundle import read_task_bundle
from docket.cli import main
from docket.core.task_loading import read_tasks_jsonl
from docket.server.merge import import_task_archive, merge_results
from docket.server.merged_store import MergedStore
from docket.server.pack import pack
from docket.server.shown_prior import DOCUMENT_ID, HIDDEN_MODEL, prior_text

DATA = Path(__file__).resolve().parents[1] / "data"
WINNING = "Steep the leaves for three minutes in water just off the boil, then pour."
LOSING = "Boil the leaves hard for ten minutes so that nothing is left of their taste."
ROW = {
    "id": "tea",
    "prompt": "How do I make green tea?",
    "responses": [
        {"id": "r1", "text": WINNING, "model": "zephyr-7b-quokka"},
        {"id": "r2", "text": LOSING, "model": "orca-mini-wombat"},
    ],
    "prior": {
        "source": "tea-panel",
        "winner": "r1",
        "preference_strength": 2.71828,
        "ratings": {"r1": {"zesty_quality": 3.14159}, "r2": {"zesty_quality": 1.41421}},
        "notes": {
            "panel_note": "PURPLE-ELEPHANT-42 said zephyr-7b-quokka wins",
            "raw_marker": 9.87654,
        },
        "raw": {"votes": ["MAUVE-GIRAFFE-17"]},
    },
}
PRIOR_VALUES = (
    "tea-panel",
    "2.71828",
    "zesty_quality",
    "3.14159",
    "1.41421",
    "panel_note",
    "PURPLE-ELEPHANT-42",
    "raw_marker",
    "9.87654",
    "MAUVE-GIRAFFE-17",
    DOCUMENT_ID,
    "source's label",
)
MODELS = ("zephyr-7b-quokka", "orca-mini-wombat")


@pytest.fixture(scope="module")
def keyset() -> tuple[SecretKey, SecretKey]:
    return keys.generate("server"), keys.generate("ann")


def reviewer_view(path: Path, keyset: tuple[SecretKey, SecretKey]) -> tuple[list[Any], str]:
    """Everything of a reviewer's bundle the reviewer can read, as text, and its tasks."""
    server, ann = keyset
    opened = open_sealed(path.read_bytes(), ann, signer=pinned(server.card()), expected_type="task")
    content = read_task_bundle(opened)
    with pytest.raises(Exception):  # noqa: B017,PT011 - the reviewer cannot open the server's part
        age_layer.decrypt(content.sealed, [ann.identity()])
    readable = [opened.manifest_bytes] + [
        d for n, d in opened.sections.items() if n != "sealed.age"
    ]
    return [t for t, _ in content.tasks], "\n".join(b.decode("utf-8") for b in readable)


def packed(
    tmp: Path,
    keyset: tuple[SecretKey, SecretKey],
    show: bool,
    rows: list[dict[str, Any]] | None = None,
) -> Any:
    server, ann = keyset
    source = tmp / "tasks.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in rows or [ROW]))
    return pack(source, server=server, reviewers=[ann.card()], out_dir=tmp / "out", show_prior=show)


def test_without_the_flag_nothing_of_the_prior_reaches_the_reviewer(
    tmp_path: Path, keyset: tuple[SecretKey, SecretKey]
) -> None:
    result = packed(tmp_path, keyset, show=False)
    tasks, visible = reviewer_view(result.bundles[0].path, keyset)
    for value in (*PRIOR_VALUES, *MODELS):
        assert value not in visible, value
    assert tasks[0].documents == ()
    # The server has it, sealed.
    server, _ = keyset
    opened = open_sealed(
        result.bundles[0].path.read_bytes(),
        keyset[1],
        signer=pinned(server.card()),
        expected_type="task",
    )
    sealed = json.loads(age_layer.decrypt(read_task_bundle(opened).sealed, [server.identity()]))
    assert sealed["prior"]["tea"]["preference_strength"] == 2.71828


@pytest.mark.parametrize(
    "name",
    ["helpsteer2_preference.jsonl", "arena.jsonl", "ultrafeedback.jsonl", "label_studio.json"],
)
def test_without_the_flag_real_formats_keep_their_labels_sealed(
    name: str, tmp_path: Path, keyset: tuple[SecretKey, SecretKey]
) -> None:
    server, ann = keyset
    rows = read_tasks_jsonl(DATA / "formats" / name).rows
    result = pack(DATA / "formats" / name, server=server, reviewers=[ann.card()], out_dir=tmp_path)
    tasks, visible = reviewer_view(result.bundles[0].path, keyset)
    assert all(not t.documents for t in tasks)
    for row in rows:
        notes = row.prior.get("notes", {})
        for value in [*notes.values(), json.dumps(row.prior.get("raw"))]:
            if isinstance(value, str) and len(value) > 6 and value not in row.task.prompt:
                assert value not in visible, value


def test_with_the_flag_the_reviewer_sees_the_label_and_no_model(
    tmp_path: Path, keyset: tuple[SecretKey, SecretKey]
) -> None:
    result = packed(tmp_path, keyset, show=True)
    tasks, visible = reviewer_view(result.bundles[0].path, keyset)
    (doc,) = tasks[0].documents
    assert doc.id == DOCUMENT_ID
    assert doc.title == "The source's label (tea-panel)"
    text = doc.text
    assert (
        "**Preferred:** the response beginning “Steep the leaves for three minutes in water …”"
        in text
    )
    assert "**Preference strength:** 2.71828" in text
    assert "“Steep the leaves for three minutes in water …”: zesty_quality 3.14159" in text
    assert "“Boil the leaves hard for ten minutes so …”: zesty_quality 1.41421" in text
    assert "PURPLE-ELEPHANT-42 said [a model] wins" in text
    assert "raw_marker: 9.87654" in text
    # Model names never, the source's raw labels never.
    for value in (*MODELS, "MAUVE-GIRAFFE-17"):
        assert value not in visible, value
    assert all(r.model is None for r in tasks[0].responses)


def test_the_label_is_in_the_archive_and_a_mark_in_it_merges(
    tmp_path: Path, keyset: tuple[SecretKey, SecretKey]
) -> None:
    """The same document for every reviewer and the server: a reviewer's PII mark in it is
    checked against the archive's text at merge, and passes."""
    server, ann = keyset
    keys.write_key_pair(server, tmp_path / "keys", passphrase=None)
    keys.write_key_pair(ann, tmp_path / "keys", passphrase=None)
    result = packed(tmp_path, keyset, show=True)
    with Workspace.open(tmp_path / "ws", tmp_path / "keys" / "ann.key") as ws:
        ws.import_bundle(result.bundles[0].path, tmp_path / "keys" / "server.pub")
        task = ws.task("tea")
        better = next(r.id for r in task.responses if r.text == WINNING)
        doc = task.documents[0]
        start = doc.text.index("PURPLE-ELEPHANT-42")
        ws.record(
            "tea",
            {
                "preference": {"better": better, "strength": "slight"},
                "pii": {
                    "marked": [{"target": f"document:{doc.id}", "start": start, "end": start + 18,
                                "quote": "PURPLE-ELEPHANT-42", "type": "PERSON"}],
                    "dismissed": [],
                },
            },
        )  # fmt: skip
        exported = ws.export_results(tmp_path / "ann.result").path
    with MergedStore.open(tmp_path / "merged.db", server) as store:
        import_task_archive(store, server, result.archive)
        merge_results(
            [exported],
            server=server,
            cards=[PublicCard.load(tmp_path / "keys" / "ann.pub")],
            store=store,
        )
        archived = store.task("tea")
    assert archived is not None
    assert [d["id"] for d in archived["documents"]] == [DOCUMENT_ID]
    assert archived["documents"][0]["text"] == doc.text


def test_a_row_with_nothing_to_show_gets_no_document(
    tmp_path: Path, keyset: tuple[SecretKey, SecretKey]
) -> None:
    bare = {**ROW, "prior": {"source": "tea-panel", "raw": {"x": 1}}}
    plain = {k: v for k, v in ROW.items() if k != "prior"} | {"id": "plain"}
    result = packed(tmp_path, keyset, show=True, rows=[bare, plain])
    tasks, visible = reviewer_view(result.bundles[0].path, keyset)
    assert all(t.documents == () for t in tasks)
    assert "tea-panel" not in visible


def test_the_label_follows_the_row_documents_and_openings_tell_alike_responses_apart(
    tmp_path: Path, keyset: tuple[SecretKey, SecretKey]
) -> None:
    same_start = "Sure! Here is how: first **warm** the pot, then add the leaves and"
    row = {
        **ROW,
        "documents": [{"id": DOCUMENT_ID, "text": "A guide to tea."}],
        "responses": [
            {"id": "r1", "text": same_start + " wait three minutes."},
            {"id": "r2", "text": same_start + " boil them hard."},
        ],
        "prior": {"winner": "r2", "ratings": {}, "notes": {}},
    }
    result = packed(tmp_path, keyset, show=True, rows=[row])
    tasks, _ = reviewer_view(result.bundles[0].path, keyset)
    first, label = tasks[0].documents
    assert first.text == "A guide to tea."
    assert label.id == f"{DOCUMENT_ID}-2" and label.title == "The source's label"
    # Markdown in a quoted opening is shown as written; the quote goes on until they differ.
    assert (
        "“Sure\\! Here is how: first \\*\\*warm\\*\\* the pot, then add the leaves and boil them hard.”"
        in label.text
    )


def test_prior_text_of_a_tie_and_of_every_format_fixture() -> None:
    for path in sorted((DATA / "formats").glob("*.json*")):
        for row in read_tasks_jsonl(path).rows:
            text = prior_text(row.task, row.prior)
            for response in row.task.responses:
                if response.model:
                    assert response.model not in text
    row = read_tasks_jsonl(DATA / "formats" / "helpsteer3.jsonl").rows[0]
    assert "**Preferred:** neither (a tie)." in prior_text(row.task, {**row.prior, "winner": "tie"})
    assert HIDDEN_MODEL == "[a model]"


def test_the_command_line_flag(tmp_path: Path, keyset: tuple[SecretKey, SecretKey]) -> None:
    server, ann = keyset
    keys.write_key_pair(server, tmp_path / "k", passphrase=None)
    keys.write_key_pair(ann, tmp_path / "k", passphrase=None)
    base = ["pack", str(DATA / "formats" / "helpsteer3.jsonl"), "--server-key",
            str(tmp_path / "k" / "server.key"), "--reviewer", str(tmp_path / "k" / "ann.pub")]  # fmt: skip
    assert main([*base, "--out", str(tmp_path / "hidden")]) == 0
    assert main([*base, "--out", str(tmp_path / "shown"), "--show-prior"]) == 0
    hidden, _ = reviewer_view(next((tmp_path / "hidden").glob("*-ann.docket")), keyset)
    shown, _ = reviewer_view(next((tmp_path / "shown").glob("*-ann.docket")), keyset)
    assert hidden[0].documents == ()
    assert shown[0].documents[0].title == "The source's label (helpsteer3)"
    assert "**Preference strength:**" in shown[0].documents[0].text


def test_gold_items_without_a_label_among_labelled_tasks_are_warned_of(
    tmp_path: Path, keyset: tuple[SecretKey, SecretKey]
) -> None:
    """Only the gold items lacking the document would stand out: pack says so."""
    server, ann = keyset
    gold_row = {
        "id": "g1",
        "prompt": "Capital of France?",
        "responses": [{"id": "p", "text": "Paris"}, {"id": "l", "text": "Lyon"}],
        "gold": {"preference": {"better": "p", "strength": "strong"}},
    }
    source = tmp_path / "tasks.jsonl"
    source.write_text(json.dumps(ROW) + "\n")
    for labelled in (False, True):
        gold = tmp_path / f"gold-{labelled}.jsonl"
        row = gold_row | ({"prior": {"winner": "p"}} if labelled else {})
        gold.write_text(json.dumps(row) + "\n")
        result = pack(
            source,
            server=server,
            reviewers=[ann.card()],
            out_dir=tmp_path / f"out-{labelled}",
            gold_path=gold,
            show_prior=True,
        )
        warned = [w for w in result.warnings if "--show-prior" in w]
        if labelled:
            assert not warned
        else:
            assert warned == [
                "1 task(s) show the source's label (--show-prior) and 1 of 1 gold item(s) do "
                "not: a reviewer who notices may tell the gold items apart. Give the gold rows "
                "a prior as well, or pack without --show-prior."
            ]
