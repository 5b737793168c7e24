"""Where benchmark workloads live: built on demand in the user's cache directory.

The large workloads (a 61 MB 10,000-task bundle, 100 result bundles, the key pairs that
sign and open them) are generated, never tracked: they are built the first time a
benchmark needs them, from the reference data in tests/data, and reused after that from
``platformdirs.user_cache_path("docket") / "bench"`` (``~/.cache/docket/bench`` on Linux).
Delete that folder to rebuild them. The benchmark keys are unprotected, so they stay in
that folder (mode 0700), never in the repository.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import platformdirs

BENCH_CACHE = platformdirs.user_cache_path("docket", appauthor=False) / "bench"
DONE = "done"


def workload(name: str, build: Callable[[Path], None]) -> Path:
    """The folder of workload ``name``, built by ``build(folder)`` if it is not there yet.

    ``build`` fills a fresh folder beside the final one, which is renamed into place only
    when complete: an interrupted build leaves nothing that looks finished, and two
    benchmark runs at once (other checkouts on the same machine) never read a half-built
    workload.
    """
    target = BENCH_CACHE / name
    if (target / DONE).is_file():
        return target
    BENCH_CACHE.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(BENCH_CACHE, 0o700)
    staging = Path(tempfile.mkdtemp(prefix=f".{name}-", dir=BENCH_CACHE))
    try:
        print(f"building the {name} workload in {target} (once; reused after)")
        build(staging)
        (staging / DONE).write_text("ok\n")
        if target.exists() and not (target / DONE).is_file():
            shutil.rmtree(target, ignore_errors=True)  # left unfinished by an older layout
        try:
            staging.rename(target)
        except OSError:
            if not (target / DONE).is_file():  # another run finished first: use theirs
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target
