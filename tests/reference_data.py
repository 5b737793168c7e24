"""The reference data in tests/data/: real model answers, real preference transcripts and
the age conformance vectors, carried compressed in the repository (origins and licences in
tests/data/README.md).

The tests, the benchmarks and the demo sample read it only through these functions, so a
fresh clone is complete on its own: nothing skips for want of data. A missing file is an
error, not a skip, because it means a broken checkout. Plain functions with no pytest
import, so that the benchmark scripts can use them too.
"""

from __future__ import annotations

import gzip
import json
import lzma
import tarfile
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data"

ALPACA_MODELS = (
    "gpt-4o-2024-05-13",
    "claude-3-5-sonnet-20240620",
    "Meta-Llama-3.1-405B-Instruct-Turbo",
    "gpt4_1106_preview",
)
"""The four AlpacaEval models whose answers are carried, in the order the tests use."""

HH_RLHF = ("hh-rlhf", "harmless-base-test.jsonl.xz")
AGE_TESTKIT = "age-testkit.tar.xz"
HEALTHBENCH = ("hard_sample50", "consensus_context_seeking_hard")
"""The HealthBench files carried (``healthbench/<name>.jsonl.xz``)."""
FINE_GRAINED = ("fine-grained-rlhf", "dev_feedback_0-49.jsonl.xz")
"""Fine-Grained RLHF's qa-feedback records 0-49, human span errors on ``prediction 1``."""


def reference_path(*parts: str) -> Path:
    """The path of a file under tests/data, as stored (compressed)."""
    path = DATA_DIR.joinpath(*parts)
    if not path.is_file():
        raise FileNotFoundError(
            f"reference data {path} is missing from this checkout (see tests/data/README.md)"
        )
    return path


def reference_bytes(*parts: str) -> bytes:
    """A file under tests/data, decompressed according to its suffix (.xz, .gz)."""
    path = reference_path(*parts)
    data = path.read_bytes()
    if path.suffix == ".xz":
        return lzma.decompress(data)
    if path.suffix == ".gz":
        return gzip.decompress(data)
    return data


def reference_json(*parts: str) -> Any:
    """A JSON file under tests/data, decompressed and parsed."""
    return json.loads(reference_bytes(*parts))


def alpaca_eval(model: str) -> list[dict[str, str]]:
    """One model's 805 AlpacaEval rows: ``{dataset, instruction, output, generator}``."""
    rows: list[dict[str, str]] = reference_json("alpaca_eval", f"{model}.json.xz")
    return rows


def hh_rlhf_lines() -> list[bytes]:
    """The 2,312 JSONL lines of hh-rlhf's harmless-base test split, as raw bytes."""
    return reference_bytes(*HH_RLHF).splitlines()


def age_testkit() -> list[tuple[str, bytes]]:
    """The age conformance vectors as (file name, contents), sorted by name.

    They are kept as one archive because 143 small files compress far better together
    (32 KB against 644 KB); the test ids are the file names, as in the original folder.
    """
    vectors = []
    with tarfile.open(reference_path(AGE_TESTKIT), "r:xz") as archive:
        for member in archive.getmembers():
            if not member.isfile():
                continue
            handle = archive.extractfile(member)
            assert handle is not None  # a regular file always has contents
            vectors.append((Path(member.name).name, handle.read()))
    return sorted(vectors)


def healthbench_lines(name: str = "hard_sample50") -> list[bytes]:
    """The raw JSONL lines of one carried HealthBench file (see :data:`HEALTHBENCH`)."""
    return reference_bytes("healthbench", f"{name}.jsonl.xz").splitlines()


def healthbench_rows(name: str = "hard_sample50") -> list[dict[str, Any]]:
    """The rows of one carried HealthBench file, parsed."""
    return [json.loads(line) for line in healthbench_lines(name)]


def fine_grained_lines() -> list[bytes]:
    """The 50 raw JSONL lines of Fine-Grained RLHF's qa-feedback dev records 0-49."""
    return reference_bytes(*FINE_GRAINED).splitlines()


def fine_grained_rows() -> list[dict[str, Any]]:
    """The 50 Fine-Grained RLHF records, parsed: ``question``, ``passages``, ``gold``,
    ``prediction 1`` ... ``prediction 4``, ``feedback`` (``errors`` with code-point offsets
    into ``prediction 1``, end exclusive; ``missing-info``; ``corrected-prediction``) and
    ``preference`` (layout in tests/data/README.md)."""
    return [json.loads(line) for line in fine_grained_lines()]
