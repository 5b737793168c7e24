"""``docket verify``: check result bundles one by one and as per-reviewer chains.

Files are taken in the order given, as if they arrived in that order. For each reviewer
the sequence must continue the last accepted one (``previous`` = its hash); a bundle seen
before is a replay, a lower or equal sequence a replay of an older result, a second
bundle with the same sequence a fork, and a jump a gap. The first bundle of a reviewer in
the batch is checked on its own (its predecessors may have been merged before; the merge
keeps that state in its database).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from docket.bundles.envelope import MAX_RESULT_BYTES, keyring, read_bundle_file
from docket.bundles.keys import PublicCard, SecretKey
from docket.bundles.result_bundle import VerifiedResult, read_result_bundle
from docket.errors import BundleError, ReplayError


@dataclass(frozen=True, slots=True)
class Verdict:
    path: Path
    ok: bool
    reason: str
    result: VerifiedResult | None = None


@dataclass(slots=True)
class _Chain:
    sequence: int
    hash: str


def verify_results(
    paths: Sequence[Path], server: SecretKey, cards: list[PublicCard]
) -> list[Verdict]:
    lookup = keyring(cards)
    chains: dict[str, _Chain] = {}
    seen: dict[str, Path] = {}
    verdicts: list[Verdict] = []
    for path in paths:
        try:
            result = read_result_bundle(read_bundle_file(path, MAX_RESULT_BYTES), server, lookup)
            _check_chain(result, chains, seen, path)
        except BundleError as exc:
            verdicts.append(Verdict(path, False, exc.message))
            continue
        chains[result.chain] = _Chain(result.sequence, result.hash)
        seen[result.hash] = path
        verdicts.append(
            Verdict(
                path,
                True,
                f"signed by {result.reviewer.name}, sequence {result.sequence}, "
                f"{len(result.answers)} answers to {result.task_manifest.bundle_id}"
                + (
                    " (a calibration round)"
                    if result.task_manifest.type == "calibration-task"
                    else ""
                ),
                result,
            )
        )
    return verdicts


def _check_chain(
    result: VerifiedResult, chains: dict[str, _Chain], seen: dict[str, Path], path: Path
) -> None:
    if result.hash in seen:
        raise ReplayError(f"Replay: the same result bundle as {seen[result.hash].name}.")
    last = chains.get(result.chain)
    if last is None:
        return
    if result.sequence == last.sequence:
        raise ReplayError(
            f"Fork: a second result with sequence {result.sequence} from {result.reviewer.name}."
        )
    if result.sequence < last.sequence:
        raise ReplayError(
            f"Replay of an older result: sequence {result.sequence} after {last.sequence} "
            f"from {result.reviewer.name}."
        )
    if result.sequence > last.sequence + 1:
        raise ReplayError(
            f"Gap in the chain: sequence {result.sequence} follows {last.sequence}; "
            f"{result.sequence - last.sequence - 1} result bundle(s) missing."
        )
    if result.previous != last.hash:
        raise ReplayError(
            f"Broken chain: sequence {result.sequence} does not follow the result before it."
        )
