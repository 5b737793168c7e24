"""docket.Workspace: the Python API of DESIGN.md."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import docket
from docket import Workspace
from docket.bundles import keys
from docket.core import TaskStatus, display_order
from docket.errors import (
    AnswerValidationError,
    WorkspaceError,
    WrongKeyError,
)
from tests.helpers import MARKER


def test_open_creates_then_reopens_with_answers(tmp_path: Path, key_path: Path) -> None:
    directory = tmp_path / "new" / "ws"
    with Workspace.open(directory, key_path) as ws:
        assert ws.reviewer == "alice"
        assert list(ws.tasks()) == []
        (tmp_path / "t.jsonl").write_text(
            json.dumps({"id": "q1", "prompt": "2+2?", "chosen": "4", "rejected": "5"}) + "\n"
        )
        ws.load_tasks(tmp_path / "t.jsonl", guidelines="# Be careful")
        saved = ws.record("q1", {"preference": {"better": None}}, time_spent_s=4.0)
    with Workspace.open(directory, key_path) as ws:
        answer = ws.answer("q1")
        assert answer == saved
        assert answer is not None and answer.answers == {"preference": {"better": None}}
        assert answer.time_spent_s == 4.0
        assert ws.guidelines("q1") == "# Be careful"
        assert [t.status for t in ws.tasks()] == [TaskStatus.DONE]
        assert ws.verify_audit() == 2


def test_schema_and_display_order_come_from_the_store(workspace: Workspace) -> None:
    assert [q.id for q in workspace.schema("pair").questions] == [
        "preference",
        "likert",
        "flags",
        "rationale",
    ]
    assert workspace.schema("three").questions[0].id == "ranking"
    order = workspace.display_order("three")
    assert order == display_order("alice", "three", ["x", "y", "z"])
    saved = workspace.record(
        "three", {"ranking": [[order.id_of("A")], [order.id_of("B"), order.id_of("C")]]}
    )
    assert saved.display_order == order
    assert saved.answers["ranking"][0] == [order.id_of("A")]


def test_a_task_with_documents_gets_the_grounding_flags(tmp_path: Path, key_path: Path) -> None:
    from docket.core import Response, Role, Task, Turn
    from docket.core.documents import Document
    from docket.core.schema import GROUNDING_FLAGS, FlagsQuestion

    turns = (Turn(Role.USER, "Is it void?"),)
    answers = (Response("a", "Yes [1]."), Response("b", "No."))
    with Workspace.open(tmp_path / "ws", key_path) as ws:
        ws.load_tasks(
            [
                Task("grounded", turns, answers, documents=(Document("1", "It is void."),)),
                Task("plain", turns, answers),
            ]
        )
        forms = {t: ws.schema(t) for t in ("grounded", "plain")}
        assert ws.task("grounded").documents == (Document("1", "It is void."),)
    flags = {
        t: next(q for q in form.questions if isinstance(q, FlagsQuestion))
        for t, form in forms.items()
    }
    assert set(GROUNDING_FLAGS) <= set(flags["grounded"].response_flags)
    assert not set(GROUNDING_FLAGS) & set(flags["plain"].response_flags)
    with Workspace.open(tmp_path / "ws", key_path) as ws:
        order = ws.display_order("grounded")
        ws.record(
            "grounded",
            {
                "preference": {"better": order.id_of("B"), "strength": "slight"},
                "flags": {order.id_of("A"): ["wrong-citation"]},
                "rationale": "A cites [1] for a claim it does not make.",
            },
        )


def test_record_validates(workspace: Workspace) -> None:
    with pytest.raises(AnswerValidationError, match=r"preference\.better"):
        workspace.record("pair", {"preference": {"better": "A", "strength": "slight"}})
    assert workspace.answer("pair") is None


def test_another_reviewers_key_cannot_open_the_workspace(tmp_path: Path, key_path: Path) -> None:
    Workspace.open(tmp_path / "ws", key_path).close()
    other, _ = keys.write_key_pair(keys.generate("bob"), tmp_path / "bob", passphrase=None)
    with pytest.raises(WrongKeyError, match="wrong key or not a Docket workspace"):
        Workspace.open(tmp_path / "ws", other)


def test_passphrase_protected_key_opens_the_workspace(tmp_path: Path) -> None:
    key_path, _ = keys.write_key_pair(keys.generate("pat"), tmp_path, passphrase="s3cret phrase")
    with Workspace.open(tmp_path / "ws", key_path, passphrase="s3cret phrase") as ws:
        assert ws.reviewer == "pat"


def test_a_file_is_not_a_workspace_directory(tmp_path: Path, key_path: Path) -> None:
    (tmp_path / "f").write_text("x")
    with pytest.raises(WorkspaceError, match="is a file"):
        Workspace.open(tmp_path / "f", key_path)


def test_no_known_plaintext_in_any_workspace_file(tmp_path: Path, key_path: Path) -> None:
    directory = tmp_path / "ws"
    ws = Workspace.open(directory, key_path)
    from tests.helpers import sample_tasks

    ws.load_tasks(sample_tasks(), guidelines=f"guidelines {MARKER}-guidelines")
    ws.record(
        "pair",
        {
            "preference": {"better": "r2", "strength": "strong"},
            "rationale": f"because {MARKER}-rationale",
        },
    )

    def scan() -> set[str]:
        names = set()
        for path in directory.iterdir():
            names.add(path.name)
            data = path.read_bytes()
            for needle in (MARKER.encode(), MARKER.encode("utf-16-le"), b"Explain WAL mode"):
                assert needle not in data, f"plaintext in {path.name}"
        return names

    assert {"workspace.db", "workspace.db-wal", "workspace.db-shm"} <= scan()
    ws.close()
    scan()


def test_workspace_is_exported_lazily_from_the_package() -> None:
    assert docket.Workspace is Workspace
    with pytest.raises(AttributeError):
        docket.Nope  # noqa: B018
