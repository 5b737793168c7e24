"""A lost laptop reveals nothing: after a whole session, no file the app wrote or
touched holds task or answer text.

The reviewer's side runs in child processes whose HOME, XDG directories, XDG_RUNTIME_DIR
and TMPDIR all point into one directory (``laptop``): the CLI (keygen, import, export)
and then the desktop app (threaded import, keyboard answers with a typed rationale,
search, a clipboard copy, export, close). Prompt, responses, system prompt, guidelines,
rationale and search text each carry a unique marker. Afterwards every file under
``laptop`` — workspaces with their -wal/-shm, settings.json, the QSettings file, caches,
logs, temp files, result bundles — and every file in the system temp directories
changed during the run is scanned for each marker as UTF-8, UTF-16 (both byte orders)
and base64 (all three alignments), in its original and lower case.

The server's side (its key, the plaintext tasks, pack's output) lives outside
``laptop``; only the encrypted bundle is copied in, as a reviewer would receive it.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("PySide6", reason="PySide6 is not installed")

pytestmark = pytest.mark.gui

HERE = Path(__file__).resolve().parent
PASSPHRASE = "correct horse battery staple"
SYSTEM_TEMP = ("/tmp", "/var/tmp", "/dev/shm")
MAX_SCAN_BYTES = 256 * 1024 * 1024


def forms(marker: str) -> list[bytes]:
    """The byte patterns under which ``marker`` could sit in a file."""
    out: list[bytes] = []
    for text in {marker, marker.lower(), marker.upper()}:
        raw = text.encode()
        out += [raw, text.encode("utf-16-le"), text.encode("utf-16-be")]
        for shift in range(3):
            # base64 of the marker at each alignment; drop the edge characters that
            # depend on the bytes around it.
            encoded = base64.b64encode(b"\0" * shift + raw)
            out.append(encoded[4 if shift else 0 : -4])
    return out


def scan(files: list[Path], markers: dict[str, str]) -> list[str]:
    patterns = {name: forms(m) for name, m in markers.items()}
    found = []
    for path in files:
        try:
            if not path.is_file() or path.stat().st_size > MAX_SCAN_BYTES:
                continue
            data = path.read_bytes()
        except OSError:
            continue
        for name, needles in patterns.items():
            if any(n in data for n in needles):
                found.append(f"{name} in {path}")
    return found


def files_under(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file() and not p.is_symlink()]


def touched_since(start: float, skip: list[Path]) -> list[Path]:
    out = []
    for base in SYSTEM_TEMP:
        for dirpath, dirnames, filenames in os.walk(base, onerror=lambda e: None):
            if any(Path(dirpath).resolve().is_relative_to(s) for s in skip):
                dirnames.clear()
                continue
            for name in filenames:
                p = Path(dirpath) / name
                try:
                    if p.is_file() and max(p.stat().st_mtime, p.stat().st_ctime) >= start:
                        out.append(p)
                except OSError:
                    pass
    return out


@pytest.mark.slow
@pytest.mark.timeout(300)  # the desktop child alone has 180 s before its own timeout
def test_a_whole_session_leaves_no_plaintext(tmp_path: Path) -> None:
    tag = secrets.token_hex(5).upper()
    markers = {
        name: f"DKT{tag}{name.upper()}Q"
        for name in ("prompt", "system", "response", "guidelines", "rationale")
    }
    server_dir, laptop = tmp_path / "server", tmp_path / "laptop"
    home, tmp, run = laptop / "home", laptop / "tmp", laptop / "run"
    for d in (server_dir, home, tmp, run):
        d.mkdir(parents=True, mode=0o700)
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_DATA_HOME": str(home / ".local/share"),
        "XDG_STATE_HOME": str(home / ".local/state"),
        "XDG_RUNTIME_DIR": str(run),
        "TMPDIR": str(tmp),
        "QT_QPA_PLATFORM": "offscreen",
        "DOCKET_PASSPHRASE": PASSPHRASE,
        "PYTHONDONTWRITEBYTECODE": "1",
    }

    def docket(*args: str, cwd: Path = laptop) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "docket.cli", *args],
            env=env,
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, (args, done.stdout, done.stderr)
        return done.stdout

    # The server's side.
    tasks = server_dir / "tasks.jsonl"
    rows = [
        {
            "id": f"t{i}",
            "messages": [
                {"role": "system", "content": f"Be careful. {markers['system']}"},
                {"role": "user", "content": f"Question {i} about {markers['prompt']}?"},
            ],
            "responses": [
                {"model": "m1", "text": f"Answer one {markers['response']} **bold**."},
                {"model": "m2", "text": f"Answer two, `code` {markers['response']}."},
            ],
        }
        for i in range(3)
    ]
    tasks.write_text("".join(json.dumps(r) + "\n" for r in rows))
    guidelines = server_dir / "guidelines.md"
    guidelines.write_text(f"# Guidelines\n\nPrefer the honest answer. {markers['guidelines']}\n")
    docket("keygen", "server", "--no-passphrase", "--out", str(server_dir), cwd=server_dir)
    docket("keygen", "alice", "--passphrase-env", "DOCKET_PASSPHRASE", "--out", str(laptop))
    shutil.copy(laptop / "alice.pub", server_dir)
    out = server_dir / "out"
    docket(
        "pack", str(tasks), "--server-key", str(server_dir / "server.key"),
        "--reviewer", str(server_dir / "alice.pub"), "--guidelines", str(guidelines),
        "--out", str(out), cwd=server_dir,
    )  # fmt: skip
    (bundle_src,) = [p for p in out.iterdir() if "alice" in p.name]
    bundle = laptop / bundle_src.name
    shutil.copy(bundle_src, bundle)
    shutil.copy(server_dir / "server.pub", laptop)

    start = time.time() - 1
    # The reviewer's side: the CLI ...
    key = ["--key", str(laptop / "alice.key"), "--passphrase-env", "DOCKET_PASSPHRASE"]
    docket("import", str(bundle), "--workspace", str(laptop / "ws-cli"), *key,
           "--server", str(laptop / "server.pub"))  # fmt: skip
    docket("export", "--workspace", str(laptop / "ws-cli"), *key,
           "--out", str(laptop / "cli.docket-result"))  # fmt: skip
    # ... and the desktop app.
    result = laptop / "gui.docket-result"
    child = subprocess.run(
        [
            sys.executable, str(HERE / "marker_session.py"), str(laptop / "ws-gui"),
            str(laptop / "alice.key"), PASSPHRASE, str(bundle), str(laptop / "server.pub"),
            str(result), markers["prompt"].lower(), f"Because {markers['rationale']} says so",
        ],
        env={**env, "PYTHONPATH": str(HERE.parent.parent)},
        cwd=laptop,
        capture_output=True,
        text=True,
        timeout=180,
    )  # fmt: skip
    assert child.returncode == 0 and "DONE 3" in child.stdout, (child.stdout, child.stderr)

    # The scan can find what it looks for (the server's plaintext), and it has real files
    # to look at: the app's database, its settings and Qt's.
    assert {n for n, _ in (f.split(" in ") for f in scan([tasks, guidelines], markers))} == {
        "prompt", "system", "response", "guidelines",
    }  # fmt: skip
    laptop_files = files_under(laptop)
    names = {p.name for p in laptop_files}
    assert {"workspace.db", "settings.json", "Docket.conf", "gui.docket-result"} <= names, names
    assert (laptop / "ws-gui" / "workspace.db").stat().st_size > 0

    # The laptop's files are scanned above; the server's plaintext is not the laptop's.
    others = touched_since(start, [laptop.resolve(), server_dir.resolve()])
    leaks = scan(laptop_files + others, markers)
    assert leaks == []
