"""Where exported rows go: JSON lines, one JSON array, a Parquet file or a Hugging Face
dataset folder.

- ``jsonl``: one JSON object a line (the default).
- ``json``: one JSON array (what Label Studio imports).
- ``parquet``: one Parquet file, loadable with ``datasets.load_dataset("parquet",
  data_files=...)``, pandas or any Arrow reader.
- ``hf``: a folder as ``datasets.Dataset.save_to_disk`` writes it (an Arrow stream file,
  ``dataset_info.json`` and ``state.json``), loadable with ``datasets.load_from_disk``.

Parquet and Arrow come from pyarrow, an optional dependency (``pip install
'docket[data]'``): it is large (about 170 MB installed) and only the server needs it, so
the desktop package leaves it out and these two say how to install it.

Rows are written as they are. A column whose values are not all of one type (a
preference pair's ``prompt`` is a string for a one-turn task and a message list for a
conversation) is written as JSON text in those two containers, and the function returns
its name so that the card can say so. Every file is written to a temporary name and moved
into place, so a failure leaves nothing half-written; a companion file (the dataset card)
is written beside its temporary copy and both are moved into place together, with Ctrl+C
held for those two renames, so the data never lands without its card.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from docket.bundles.envelope import _write_error
from docket.core.progress import held_interrupts
from docket.errors import DocketError

CONTAINERS = ("jsonl", "json", "parquet", "hf")

Companion = Callable[[list[str]], tuple[Path, bytes]]
"""What goes beside the data (the dataset card), given the columns written as JSON text:
its path and its bytes."""


def container_for(out: Path, given: str | None) -> str:
    """The container ``given``, or the one ``out``'s suffix names (``.parquet``,
    ``.json``; a path without a suffix is an ``hf`` folder; anything else JSON lines)."""
    if given is not None:
        if given not in CONTAINERS:
            raise DocketError(f"Unknown container {given!r}.", hint=f"Use one of {CONTAINERS}.")
        return given
    suffix = out.suffix.lower()
    return {".parquet": "parquet", ".json": "json", "": "hf"}.get(suffix, "jsonl")


def require_pyarrow() -> Any:
    try:
        import pyarrow
    except ImportError:
        raise DocketError(
            "Writing Parquet or a Hugging Face dataset folder needs pyarrow, which is not "
            "installed.",
            hint="Install it with: pip install 'docket[data]' (or write JSON lines).",
        ) from None
    return pyarrow


def write_rows(
    rows: Sequence[dict[str, Any]],
    out: Path,
    container: str,
    *,
    companion: Companion | None = None,
) -> list[str]:
    """Write ``rows`` to ``out`` in ``container``, and ``companion``'s file with them; the
    names of the columns written as JSON text (mixed types), for the card."""
    if container in ("jsonl", "json"):
        if container == "jsonl":
            data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode()
        else:
            data = json.dumps(list(rows), ensure_ascii=False, indent=1).encode()
        _atomic_file(out, lambda tmp: Path(tmp).write_bytes(data), [], companion)
        return []
    pa = require_pyarrow()
    table, as_json = _table(pa, rows)
    if container == "parquet":
        import pyarrow.parquet as pq

        _atomic_file(out, lambda tmp: pq.write_table(table, tmp), as_json, companion)
        return as_json
    _write_hf_folder(pa, table, out, as_json, companion)
    return as_json


def _table(pa: Any, rows: Sequence[dict[str, Any]]) -> tuple[Any, list[str]]:
    columns: list[str] = list(dict.fromkeys(k for r in rows for k in r))
    as_json: list[str] = []
    data: dict[str, list[Any]] = {}
    for name in columns:
        values = [r.get(name) for r in rows]
        try:
            pa.array(values)
        except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
            values = [None if v is None else json.dumps(v, ensure_ascii=False) for v in values]
            as_json.append(name)
        data[name] = values
    return pa.table(data) if columns else pa.table({}), as_json


def _fsync(path: Path) -> None:
    with open(path, "rb") as fh:
        os.fsync(fh.fileno())


def _staged(companion: Companion | None, as_json: list[str]) -> tuple[Path, Path] | None:
    """The companion written, on disk, under a temporary name beside its own: (that name,
    its own)."""
    if companion is None:
        return None
    path, data = companion(as_json)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    return Path(tmp), path


def _into_place(tmp: Path, out: Path, staged: tuple[Path, Path] | None) -> None:
    """Both renames or neither: Ctrl+C waits until they are done."""
    with held_interrupts():
        if out.is_dir() and tmp.is_dir():
            shutil.rmtree(out)
        os.replace(tmp, out)
        if staged is not None:
            os.replace(*staged)


def _atomic_file(out: Path, write: Any, as_json: list[str], companion: Companion | None) -> None:
    staged = None
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    except OSError as exc:
        raise _write_error(out, exc) from exc
    os.close(fd)
    tmp = Path(name)
    try:
        write(name)
        _fsync(tmp)
        staged = _staged(companion, as_json)
        _into_place(tmp, out, staged)
    except BaseException as exc:
        tmp.unlink(missing_ok=True)
        if staged is not None:
            staged[0].unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _write_error(out, exc) from exc
        raise


def _write_hf_folder(
    pa: Any, table: Any, out: Path, as_json: list[str], companion: Companion | None
) -> None:
    """The layout ``Dataset.save_to_disk`` writes for one shard, with the features left
    for ``datasets`` to read off the Arrow schema."""
    if out.exists() and not out.is_dir():
        raise DocketError(f"{out} is a file; a Hugging Face dataset is written as a folder.")
    if out.is_dir() and any(out.iterdir()) and not (out / "state.json").exists():
        raise DocketError(
            f"{out} is a folder with other files in it; choose an empty or new folder.",
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp"))
    staged = None
    try:
        shard = "data-00000-of-00001.arrow"
        with (
            pa.OSFile(str(tmp / shard), "wb") as sink,
            pa.ipc.new_stream(sink, table.schema) as writer,
        ):
            writer.write_table(table)
        fingerprint = hashlib.sha256((tmp / shard).read_bytes()).hexdigest()[:16]
        (tmp / "state.json").write_text(
            json.dumps(
                {
                    "_data_files": [{"filename": shard}],
                    "_fingerprint": fingerprint,
                    "_format_columns": None,
                    "_format_kwargs": {},
                    "_format_type": None,
                    "_output_all_columns": False,
                    "_split": None,
                },
                indent=2,
            )
        )
        (tmp / "dataset_info.json").write_text(
            json.dumps({"citation": "", "description": "", "homepage": "", "license": ""})
        )
        staged = _staged(companion, as_json)
        _into_place(tmp, out, staged)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        if staged is not None:
            staged[0].unlink(missing_ok=True)
        raise
