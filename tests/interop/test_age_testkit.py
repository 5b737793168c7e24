"""The age v1 conformance vectors (C2SP CCTV) through Docket's encryption layer.

Each vector must succeed exactly when it says ``expect: success`` (releasing the payload
whose SHA-256 it states) and otherwise fail at the stated stage, releasing nothing.
Docket does not implement ASCII armor or post-quantum hybrid recipients (bundles are
binary, X25519 only): those vectors are skipped and say so in their test ids.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyrage
import pytest

from docket.bundles import age_layer
from docket.errors import AgeHeaderError, AgeHmacError, AgePayloadError, NotForYouError
from tests.reference_data import age_testkit

STAGE_ERRORS: dict[str, type[Exception]] = {
    "header failure": AgeHeaderError,
    "HMAC failure": AgeHmacError,
    "no match": NotForYouError,
    "payload failure": AgePayloadError,
}


@dataclass(frozen=True)
class Vector:
    name: str
    expect: str
    payload_sha256: str | None
    identities: tuple[str, ...]
    passphrase: str | None
    armored: bool
    post_quantum: bool
    body: bytes


def parse(name: str, raw: bytes) -> Vector:
    head, _, body = raw.partition(b"\n\n")
    meta: dict[str, list[str]] = {}
    for line in head.decode().splitlines():
        key, _, value = line.partition(": ")
        meta.setdefault(key, []).append(value)
    if meta.get("compressed") == ["zlib"]:
        body = zlib.decompress(body)
    identities = tuple(meta.get("identity", []))
    return Vector(
        name=name,
        expect=meta["expect"][0],
        payload_sha256=meta.get("payload", [None])[0],
        identities=identities,
        passphrase=meta.get("passphrase", [None])[0],
        armored=meta.get("armored") == ["yes"],
        post_quantum=any(not i.startswith("AGE-SECRET-KEY-1") for i in identities),
        body=body,
    )


def _params() -> list[object]:
    params = []
    for name, raw in age_testkit():
        v = parse(name, raw)
        if v.armored:
            params.append(
                pytest.param(
                    v,
                    id=f"skipped-armored-{v.name}",
                    marks=pytest.mark.skip(
                        reason="ASCII armor is not implemented (bundles are binary)"
                    ),
                )
            )
        elif v.post_quantum:
            params.append(
                pytest.param(
                    v,
                    id=f"skipped-post-quantum-{v.name}",
                    marks=pytest.mark.skip(
                        reason="post-quantum hybrid recipients are not implemented"
                    ),
                )
            )
        else:
            params.append(pytest.param(v, id=v.name))
    return params


@pytest.mark.parametrize("vector", _params())
def test_age_testkit(vector: Vector, tmp_path: Path) -> None:
    """Both entry points: in memory, and streaming from a file (what import uses)."""
    runs: list[Callable[[], bytes]] = []
    if vector.passphrase is not None:
        runs.append(lambda: age_layer.decrypt(vector.body, passphrase=vector.passphrase))
    else:
        identities = [pyrage.x25519.Identity.from_str(i) for i in vector.identities]
        path = tmp_path / vector.name
        path.write_bytes(vector.body)
        runs.append(lambda: age_layer.decrypt(vector.body, identities))
        runs.append(lambda: age_layer.decrypt_path(path, identities))
    for run in runs:
        if vector.expect == "success":
            assert hashlib.sha256(run()).hexdigest() == vector.payload_sha256
        else:
            released: bytes | None = None
            with pytest.raises(STAGE_ERRORS[vector.expect]):
                released = run()
            assert released is None  # nothing is handed out from a failed decryption


def test_the_suite_is_complete_apart_from_the_named_skips() -> None:
    vectors = [parse(name, raw) for name, raw in age_testkit()]
    assert len(vectors) == 143
    run = [v for v in vectors if not v.armored and not v.post_quantum]
    assert sum(v.armored for v in vectors) == 33
    assert len(run) == 92  # the rest: 18 post-quantum hybrid vectors, none armored
    assert {v.expect for v in run} == {"success", *STAGE_ERRORS}
