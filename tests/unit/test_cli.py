"""The `docket` command: every verb, clear errors, exit codes."""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

import pytest

from docket import __version__
from docket.cli import EXIT_ERROR, EXIT_OK, build_parser, main, verb_names

VERBS = [
    "keygen", "key", "pack", "import", "export", "inspect", "verify", "merge",
    "agreement", "disagreements", "adjudication", "dataset", "scan", "report", "db", "demo",
]  # fmt: skip


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "docket.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def test_help_lists_every_verb() -> None:
    result = run("--help")
    assert result.returncode == 0
    for verb in VERBS:
        assert f"    {verb}" in result.stdout, verb
    assert "BUNDLE_OR_WORKSPACE" in result.stdout
    assert set(verb_names(build_parser())) == set(VERBS)


def test_version() -> None:
    result = run("--version")
    assert (result.returncode, result.stdout.strip()) == (0, f"docket {__version__}")


def sub_verbs(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """The parsers of the verbs ``parser`` declares, by name ({} for a leaf verb)."""
    found = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(found[0].choices) if found else {}


def verb_paths(parser: argparse.ArgumentParser) -> list[tuple[str, ...]]:
    """Every verb under ``parser``, sub-verbs included: ("key",), ("key", "export-age-identity"), ..."""
    return [
        path
        for name, sub in sub_verbs(parser).items()
        for path in [(name,), *((name, *rest) for rest in verb_paths(sub))]
    ]


ALL_VERBS = verb_paths(build_parser())


def test_verb_names_are_the_parsers_verbs() -> None:
    parser = build_parser()
    assert verb_names(parser) == tuple(sub_verbs(parser))
    # key, adjudication and dataset group one sub-verb each.
    grouped = [("key", "export-age-identity"), ("adjudication", "pack"), ("dataset", "export"),
               ("db", "check"), ("db", "quarantine"), ("db", "copy")]  # fmt: skip
    assert sorted(ALL_VERBS) == sorted([(v,) for v in VERBS] + grouped)


@pytest.mark.parametrize("path", ALL_VERBS, ids=" ".join)
def test_every_verb_has_help(path: tuple[str, ...], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main([*path, "--help"])
    assert info.value.code == 0
    assert capsys.readouterr().out.startswith(f"usage: docket {' '.join(path)} ")


@pytest.mark.parametrize("path", [(), *ALL_VERBS], ids=lambda path: " ".join(path) or "docket")
def test_help_lists_exactly_the_parsers_verbs(
    path: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    """The verbs a --help lists (indented by four; options, arguments and wrapped help are
    indented otherwise) are those of the parser, in order: the list cannot drift."""
    parser = build_parser()
    for name in path:
        parser = sub_verbs(parser)[name]
    with pytest.raises(SystemExit):
        main([*path, "--help"])
    listed = re.findall(r"^    (\S+)", capsys.readouterr().out, flags=re.MULTILINE)
    assert listed == list(verb_names(parser))


def test_keygen_and_export_age_identity(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["keygen", "rev1", "--out", str(tmp_path), "--no-passphrase"]) == EXIT_OK
    out = capsys.readouterr()
    assert "WITHOUT a passphrase" in out.err
    assert (tmp_path / "rev1.key").exists() and (tmp_path / "rev1.pub").exists()
    assert main(["key", "export-age-identity", str(tmp_path / "rev1.key")]) == EXIT_OK
    lines = capsys.readouterr().out.splitlines()
    assert lines[-1].startswith("AGE-SECRET-KEY-1")


def test_keygen_with_passphrase_from_env(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DOCKET_PW", "a long passphrase")
    assert (
        main(["keygen", "rev2", "--out", str(tmp_path), "--passphrase-env", "DOCKET_PW"]) == EXIT_OK
    )
    monkeypatch.setenv("WRONG_PW", "not it")
    assert (
        main(
            [
                "key",
                "export-age-identity",
                str(tmp_path / "rev2.key"),
                "--passphrase-env",
                "WRONG_PW",
            ]
        )
        == EXIT_ERROR
    )
    err = capsys.readouterr().err
    assert "Wrong passphrase" in err and "Traceback" not in err


def test_user_errors_are_messages_not_tracebacks(tmp_path: Path) -> None:
    result = run("key", "export-age-identity", str(tmp_path / "missing.key"))
    assert result.returncode == EXIT_ERROR
    assert "does not exist" in result.stderr
    assert "Traceback" not in result.stderr
    result = run("keygen", "../bad", "--no-passphrase", "--out", str(tmp_path))
    assert result.returncode == EXIT_ERROR and "not a usable key name" in result.stderr
    result = run("keygen", "x", "--passphrase-env", "UNSET_VAR_FOR_TEST", "--out", str(tmp_path))
    assert result.returncode == EXIT_ERROR and "UNSET_VAR_FOR_TEST is not set" in result.stderr


def test_a_missing_bundle_or_workspace_is_a_message_before_any_window(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`docket FILE` (what a desktop entry runs) checks the path before loading Qt; an
    existing one opens the window (tests/gui/test_offline_gui.py)."""
    assert main([str(tmp_path / "gone.docket")]) == EXIT_ERROR
    err = capsys.readouterr().err
    assert "gone.docket does not exist" in err and "docket --help" in err
    result = run("improt")  # a mistyped verb: the same message, no traceback, no window
    assert result.returncode == EXIT_ERROR and "improt does not exist" in result.stderr


def test_keygen_without_a_terminal_asks_for_passphrase_env(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "docket.cli", "keygen", "x", "--out", str(tmp_path)],
        capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=60,
    )  # fmt: skip
    assert result.returncode == EXIT_ERROR
    assert "--passphrase-env" in result.stderr


def test_demo_prepares_a_real_workspace_once(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--no-window"]) == EXIT_OK
    first = capsys.readouterr().out
    assert "40 tasks (25 pairs, 12 rankings; 1 with source documents, 3 graded by rubric)" in first
    assert main(["demo", "--no-window"]) == EXIT_OK
    assert "40 tasks" in capsys.readouterr().out


def test_the_round_trip_through_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    from docket import Workspace

    k = tmp_path / "keys"
    for name in ("server", "ann"):
        assert main(["keygen", name, "--out", str(k), "--no-passphrase"]) == EXIT_OK
    tasks = tmp_path / "t.jsonl"
    tasks.write_text(
        json.dumps(
            {
                "id": "q1",
                "prompt": "Is 91 prime?",
                "responses": [{"id": "y", "text": "Yes"}, {"id": "n", "text": "No, 7 x 13."}],
            }
        )
        + "\n"
    )
    schema = tmp_path / "s.json"
    schema.write_text(json.dumps({"version": 1, "questions": [
        {"type": "choice", "id": "correct", "options": ["y", "n", "neither"]},
        {"type": "text", "id": "note", "min_length": 3, "required_when": [{"question": "correct", "condition": "choice", "values": ["neither"]}]},
    ]}))  # fmt: skip
    out = tmp_path / "out"
    assert main(["pack", str(tasks), "--server-key", str(k / "server.key"), "--reviewer", str(k / "ann.pub"),
                 "--schema", str(schema), "--out", str(out), "--project", "primes"]) == EXIT_OK  # fmt: skip
    bundle = out / "primes-ann.docket"
    ws_dir = tmp_path / "ws"
    common = ["--workspace", str(ws_dir), "--key", str(k / "ann.key")]
    assert main(["import", str(bundle), *common, "--server", str(k / "server.pub")]) == EXIT_OK
    assert "imported 1 tasks" in capsys.readouterr().out
    assert main(["import", str(bundle), *common, "--server", str(k / "server.pub")]) == EXIT_OK
    assert "already imported" in capsys.readouterr().out
    with Workspace.open(ws_dir, k / "ann.key") as ws:
        # The project's questions, then the pii question pack adds to every form.
        assert [q.id for q in ws.schema("q1").questions] == ["correct", "note", "pii"]
        ws.record("q1", {"correct": "n"})
    result = tmp_path / "ann.result"
    assert main(["export", *common, "--out", str(result)]) == EXIT_OK
    assert "1 answers, sequence 1" in capsys.readouterr().out
    ring = tmp_path / "ring"
    ring.mkdir()
    (ring / "ann.pub").write_text((k / "ann.pub").read_text())
    assert (
        main(["verify", str(result), "--server-key", str(k / "server.key"), "--keyring", str(ring)])
        == EXIT_OK
    )
    assert "1 verified, 0 rejected" in capsys.readouterr().out
    # The reviewer cannot read a result bundle (it is for the server) ...
    assert main(["inspect", str(result), "--key", str(k / "ann.key")]) == EXIT_ERROR
    assert "not addressed to your key" in capsys.readouterr().err
    # ... the server can, and sees who signed it: a key it did not pin, unless it does.
    assert main(["inspect", str(result), "--key", str(k / "server.key")]) == EXIT_OK
    out = capsys.readouterr().out
    assert "signed by ann " in out and "not a key you pinned" in out
    assert (
        main(["inspect", str(result), "--key", str(k / "server.key"), "--keyring", str(ring)])
        == EXIT_OK
    )
    out = capsys.readouterr().out
    assert "signature: verified, signed by ann " in out and "not a key you pinned" not in out


def test_pack_reports_bad_lines_with_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    k = tmp_path / "keys"
    for name in ("server", "ann"):
        assert main(["keygen", name, "--out", str(k), "--no-passphrase"]) == EXIT_OK
    tasks = tmp_path / "t.jsonl"
    tasks.write_text('{"prompt": "x", "chosen": "a", "rejected": "b"}\n[1, 2]\n')
    out = tmp_path / "out"
    code = main(
        [
            "pack",
            str(tasks),
            "--server-key",
            str(k / "server.key"),
            "--reviewer",
            str(k / "ann.pub"),
            "--out",
            str(out),
        ]
    )
    assert code == EXIT_ERROR
    err = capsys.readouterr().err
    assert (
        f"{tasks}:2: expected a JSON object" in err
        and "nothing was written" in err
        and "Traceback" not in err
    )
    assert not list(out.glob("*.docket"))


def test_docket_writes_no_core_files() -> None:
    """A crash must not dump memory (task text, the unlocked key) to disk."""
    import subprocess
    import sys

    code = (
        "import resource\nfrom docket.cli import main\ntry:\n    main(['--version'])\n"
        "except SystemExit:\n    pass\nprint(resource.getrlimit(resource.RLIMIT_CORE))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().endswith("(0, 0)"), out
