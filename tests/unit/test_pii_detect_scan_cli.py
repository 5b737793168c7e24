"""``docket scan FILE.jsonl``: exit codes on planted files, the masked listing, the
summary, --json and --max-findings, unreadable input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from docket.cli import main
from docket.core.pii import Masker
from docket.core.pii_detect import json_strings, scan_text

PLANTED = {
    "phone": "+1 415 555 0132",
    "email": "maria.gonzalez@example.org",
    "ssn": "123-45-6789",
    "card": "4111 1111 1111 1111",
    "name": "Maria Gonzalez",
}


def rows() -> list[dict[str, object]]:
    return [
        {
            "id": "a",
            "messages": [
                {"role": "user", "content": f"I'm Dr. {PLANTED['name']}, call {PLANTED['phone']}."},
                {"role": "assistant", "content": "Sure, I can help with that."},
            ],
        },
        {"id": "b", "meta": {"contact": PLANTED["email"], "ids": [PLANTED["ssn"], 7]}},
        {"id": "c", "text": f"Card {PLANTED['card']} was declined."},
        {"id": "d", "text": "Nothing personal in this row, 2024 results were 3.5% up."},
    ]


def write_jsonl(path: Path, items: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(row) + "\n" for row in items), encoding="utf-8")
    return path


def redacted(items: list[dict[str, object]]) -> list[dict[str, object]]:
    """Each row with every string masked (as ``dataset export --redact`` will do)."""
    out = []
    for row in items:
        masker = Masker()
        text_of = dict(json_strings(row))
        masked = {
            where: masker.mask(text, scan_text(text).findings) for where, text in text_of.items()
        }
        out.append(_replace_strings(row, masked, ""))
    return out


def _replace_strings(value: object, masked: dict[str, str], where: str) -> object:
    if isinstance(value, str):
        return masked[where]
    if isinstance(value, dict):
        return {
            k: _replace_strings(v, masked, f"{where}.{k}" if where else str(k))
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_replace_strings(v, masked, f"{where}[{i}]") for i, v in enumerate(value)]
    return value


def test_unredacted_file_exits_1_and_never_prints_the_values(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_jsonl(tmp_path / "release.jsonl", rows())
    assert main(["scan", str(path)]) == 1
    out, err = capsys.readouterr()
    for value in PLANTED.values():
        assert value not in out and value not in err
    assert f"{path}:1: messages[0].content: PERSON (medium) at 8-22: M**** G*******" in out
    assert f"{path}:1: messages[0].content: PHONE (high)" in out
    assert f"{path}:2: meta.ids[0]: SSN (high) at 0-11: 1**-4*-6***" in out
    assert f"{path}:3: text: CREDIT_CARD (high)" in out
    assert f"{path}: 5 finding(s) in 3 of 4 row(s)" in out
    assert "  EMAIL          high 1" in out
    assert "4 high-severity finding(s)" in err


def test_redacted_file_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    clean = redacted(rows())
    text = json.dumps(clean)
    for value in PLANTED.values():
        assert value not in text
    path = write_jsonl(tmp_path / "redacted.jsonl", clean)
    assert main(["scan", str(path)]) == 0
    out = capsys.readouterr().out
    assert "0 finding(s) in 0 of 4 row(s)" in out


def test_json_report_and_max_findings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_jsonl(tmp_path / "release.jsonl", rows())
    assert main(["scan", str(path), "--json", "--max-findings", "2"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert (report["rows"], report["rows_with_findings"], report["findings"]) == (4, 3, 5)
    assert report["high"] == 4
    assert report["summary"] == {
        "CREDIT_CARD": {"high": 1},
        "EMAIL": {"high": 1},
        "PERSON": {"medium": 1},
        "PHONE": {"high": 1},
        "SSN": {"high": 1},
    }
    assert [(s["line"], s["path"], s["type"]) for s in report["shown"]] == [
        (1, "messages[0].content", "PERSON"),
        (1, "messages[0].content", "PHONE"),
    ]
    assert all(v not in json.dumps(report) for v in PLANTED.values())
    assert main(["scan", str(path), "--max-findings", "0"]) == 1
    assert "... 5 more (--max-findings)" in capsys.readouterr().out


def test_only_low_and_medium_findings_exit_0(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "names.jsonl", [{"text": "Dr. Ana Lima visited."}])
    assert main(["scan", str(path)]) == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"text": "fine"}\n{not json\n', "release.jsonl:2: not a JSON value"),
        (b'{"text": "caf\xe9"}\n', "release.jsonl:1: not a JSON value"),
    ],
)
def test_an_unreadable_line_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    path = tmp_path / "release.jsonl"
    path.write_bytes(content)
    assert main(["scan", str(path)]) == 2
    err = capsys.readouterr().err
    assert message in err and "the file was not fully scanned" in err


def test_a_missing_or_unreadable_file_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["scan", str(tmp_path / "missing.jsonl")]) == 2
    assert "cannot read" in capsys.readouterr().err
    assert main(["scan", str(tmp_path)]) == 2  # a folder
    assert "cannot read" in capsys.readouterr().err


def test_blank_lines_are_skipped_and_control_characters_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "odd.jsonl"
    row = {"k\x1b[31m": "mail x.y@example.com"}
    path.write_text("\n" + json.dumps(row) + "\n\n", encoding="utf-8")
    assert main(["scan", str(path)]) == 1
    out = capsys.readouterr().out
    assert "\x1b" not in out and "k\\x1b[31m: EMAIL (high)" in out


def test_the_command_runs_as_a_process(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "release.jsonl", rows())
    result = subprocess.run(
        [sys.executable, "-m", "docket.cli", "scan", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1 and "high-severity" in result.stderr


def test_progress_on_a_terminal_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import docket.cli.scan as scan

    path = write_jsonl(tmp_path / "release.jsonl", rows() * 50)
    assert main(["scan", str(path)]) == 1
    assert "scanning" not in capsys.readouterr().err  # not a terminal: no progress line
    monkeypatch.setattr(scan, "PROGRESS_EVERY_S", 0.0)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert main(["scan", str(path)]) == 1
    err = capsys.readouterr().err
    assert "\rscanning release.jsonl line 200 (100%)" in err
    assert err.count("\rscanning") >= 100 and "\r\x1b[K" in err  # cleared at the end
