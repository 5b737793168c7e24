"""Bundles read and written in chunks: the streaming container reader agrees with the
whole-file one, a bundle is sealed without being held, an import holds neither the
bundle nor its plaintext, and nothing is kept from a file changed between the passes."""

from __future__ import annotations

import io
import itertools
import json
import shutil
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docket import Workspace
from docket.bundles import container, envelope, keys
from docket.bundles.envelope import open_sealed, open_sealed_streaming, pinned
from docket.bundles.manifest import TASK_TYPES
from docket.errors import ContainerError, ImportCancelledError, ManifestError
from docket.server.pack import pack
from docket.store import workspace_store

NAMES = sorted(n for n, limit in container.SECTION_LIMITS.items() if limit >= 64 * 1024)
SECTIONS = st.dictionaries(st.sampled_from(NAMES), st.binary(max_size=300), max_size=5)


def chunked(data: bytes, cuts: list[int]) -> list[bytes]:
    points = sorted({c % (len(data) + 1) for c in cuts} | {0, len(data)})
    return [data[a:b] for a, b in itertools.pairwise(points)]


def stream_read(data: bytes, cuts: list[int]) -> dict[str, bytes]:
    kept: dict[str, container.Keep] = {}

    def sink_for(name: str, _length: int) -> container.Keep:
        return kept.setdefault(name, container.Keep())

    reader = container.StreamReader(sink_for)
    for piece in chunked(data, cuts):
        reader.write(piece)
    reader.close()
    return {name: bytes(k.data) for name, k in kept.items()}


@settings(max_examples=200, deadline=None)
@given(SECTIONS, st.lists(st.integers(0, 10_000), max_size=8))
def test_the_stream_reader_reads_what_pack_wrote_in_any_chunking(
    sections: dict[str, bytes], cuts: list[int]
) -> None:
    data = container.pack(sections)
    assert stream_read(data, cuts) == container.unpack(data, required=None) == sections


@settings(max_examples=300, deadline=None)
@given(
    SECTIONS,
    st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 255)), max_size=3),
    st.integers(0, 10_000),
    st.binary(max_size=3),
    st.lists(st.integers(0, 10_000), max_size=4),
)
def test_the_stream_reader_refuses_exactly_what_unpack_refuses(
    sections: dict[str, bytes],
    flips: list[tuple[int, int]],
    cut: int,
    tail: bytes,
    cuts: list[int],
) -> None:
    """Bytes changed, the end cut off or bytes added: both readers accept the same
    containers, with the same sections, and refuse the others with a ContainerError."""
    data = bytearray(container.pack(sections))
    for at, value in flips:
        data[at % len(data)] = value
    damaged = bytes(data[: len(data) - cut % 4]) + tail
    try:
        whole: dict[str, bytes] | None = container.unpack(damaged, required=None)
    except ContainerError:
        whole = None
    try:
        streamed: dict[str, bytes] | None = stream_read(damaged, cuts)
    except ContainerError:
        streamed = None
    assert streamed == whole


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200).map(lambda b: b.replace(b"\r", b"")), st.lists(st.integers()))
def test_lines_split_across_chunks_are_the_lines_of_the_whole(data: bytes, cuts: list[int]) -> None:
    got: list[bytes] = []
    splitter = container.LineSplitter(got.append)
    for piece in chunked(data, cuts):
        splitter.write(piece)
    splitter.close()
    expected = data.split(b"\n")
    if expected[-1] == b"":
        expected.pop()
    assert got == expected


@settings(max_examples=100, deadline=None)
@given(SECTIONS, st.lists(st.integers(1, 500), min_size=1, max_size=50))
def test_packed_chunks_read_in_any_sizes_are_the_packed_container(
    sections: dict[str, bytes], sizes: list[int]
) -> None:
    parts = [(n, len(d), chunked(d, [7, 100])) for n, d in sections.items()]
    reader = container.ChunkReader(container.pack_chunks(parts))
    out = bytearray()
    for size in sizes * 100:
        piece = reader.read(size)
        assert len(piece) <= size
        out += piece
    out += reader.read()
    assert bytes(out) == container.pack(sections)


def test_a_section_whose_chunks_disagree_with_its_length_is_not_packed() -> None:
    with pytest.raises(ValueError, match="gave 3 bytes"):
        b"".join(container.pack_chunks([("guidelines.md", 4, [b"abc"])]))


@pytest.fixture
def setup(tmp_path: Path) -> dict[str, Path]:
    server, alice = keys.generate("server"), keys.generate("alice")
    for k in (server, alice):
        keys.write_key_pair(k, tmp_path / "keys", passphrase=None)
    return {"keys": tmp_path / "keys", "dir": tmp_path}


def packed(setup: dict[str, Path], name: str, count: int, size: int = 50) -> Path:
    """A bundle for alice of ``count`` tasks whose three responses have ``size`` characters."""
    source = setup["dir"] / f"{name}.jsonl"
    with source.open("w") as fh:
        for i in range(count):
            responses = [{"id": f"r{j}", "text": f"{name} {i} {j} " + "x" * size} for j in range(3)]
            fh.write(json.dumps({"id": f"{name}-{i}", "prompt": f"Q{i}", "responses": responses}))
            fh.write("\n")
    server = keys.load_secret_key(setup["keys"] / "server.key")
    alice = keys.load_secret_key(setup["keys"] / "alice.key")
    out = pack(source, server=server, reviewers=[alice.card()], out_dir=setup["dir"] / name)
    return out.bundles[0].path


def test_a_bundle_written_as_it_is_encrypted_opens_as_before(setup: dict[str, Path]) -> None:
    """The streamed writer's bytes open with the whole-file reader, every hash checking."""
    bundle = packed(setup, "a", 30)
    alice = keys.load_secret_key(setup["keys"] / "alice.key")
    server = keys.PublicCard.load(setup["keys"] / "server.pub")
    whole = open_sealed(bundle, alice, signer=pinned(server), expected_type=TASK_TYPES)
    streamed = open_sealed_streaming(bundle, alice, signer=pinned(server), expected_type=TASK_TYPES)
    assert streamed.opened.manifest == whole.manifest
    assert "tasks.jsonl" not in streamed.opened.sections
    got = bytearray()
    streamed.replay("tasks.jsonl", got.extend)
    assert bytes(got) == whole.sections["tasks.jsonl"]
    assert len(whole.sections["tasks.jsonl"].splitlines()) == 30


def test_a_file_replaced_between_the_two_passes_is_refused(setup: dict[str, Path]) -> None:
    """The second pass hashes the tasks again: another valid bundle to the same reviewer
    swapped in after the first pass is caught and nothing is imported."""
    first, second = packed(setup, "a", 5), packed(setup, "b", 5)
    alice = keys.load_secret_key(setup["keys"] / "alice.key")
    server = keys.PublicCard.load(setup["keys"] / "server.pub")
    streamed = open_sealed_streaming(first, alice, signer=pinned(server), expected_type=TASK_TYPES)
    shutil.copyfile(second, first)
    with pytest.raises(ManifestError, match="changed while the bundle was being read"):
        streamed.replay("tasks.jsonl", lambda chunk: None)

    target = setup["dir"] / "c.docket"
    shutil.copyfile(packed(setup, "c", 5), target)
    real = envelope.StreamedBundle.replay

    def swap_then_replay(self: envelope.StreamedBundle, *args, **kwargs):  # type: ignore[no-untyped-def]
        shutil.copyfile(second, target)
        return real(self, *args, **kwargs)

    with (
        pytest.MonkeyPatch.context() as mp,
        Workspace.open(setup["dir"] / "ws", setup["keys"] / "alice.key") as ws,
    ):
        mp.setattr(envelope.StreamedBundle, "replay", swap_then_replay)
        with pytest.raises(ManifestError):
            ws.import_bundle(target, setup["keys"] / "server.pub")
        assert ws.store.task_count() == 0
        assert ws.store.active_bundles() == []


def test_a_cancel_after_batches_were_written_leaves_nothing(
    setup: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    bundle = packed(setup, "a", 40, size=2_000)  # pyrage writes 8 KiB at a time
    monkeypatch.setattr(workspace_store, "TASK_BATCH", 3)
    monkeypatch.setattr(envelope, "PROGRESS_STEP", 512)
    stored: list[float] = []

    def progress(stage: str, fraction: float) -> None:
        if stage == "Storing":
            stored.append(fraction)
            if len(stored) == 8:
                raise ImportCancelledError("Import cancelled.")

    with Workspace.open(setup["dir"] / "ws", setup["keys"] / "alice.key") as ws:
        with pytest.raises(ImportCancelledError):
            ws.import_bundle(bundle, setup["keys"] / "server.pub", progress=progress)
        assert len(stored) == 8 and stored == sorted(stored)
        assert ws.store.task_count() == 0
        assert ws.store.active_bundles() == []
        assert ws.store.audit_entries() == []
        assert ws.import_bundle(bundle, setup["keys"] / "server.pub").added == 40
        assert ws.store.task_count() == 40


def test_an_import_holds_neither_the_bundle_nor_its_tasks(setup: dict[str, Path]) -> None:
    """Python's own allocations while importing a bundle of 12 MB of task text stay far
    below that size: the file, its plaintext and its tasks are never held whole."""
    bundle = packed(setup, "a", 400, size=10_000)
    assert bundle.stat().st_size > 12_000_000
    with Workspace.open(setup["dir"] / "ws", setup["keys"] / "alice.key") as ws:
        tracemalloc.start()
        try:
            ws.import_bundle(bundle, setup["keys"] / "server.pub")
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert ws.store.task_count() == 400
    assert peak < 6_000_000, f"the import peaked at {peak:,} bytes of Python objects"


def test_pack_leaves_no_file_when_a_bundle_cannot_be_built(
    setup: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bundles are encrypted into staged files; a failure on the archive (the last one)
    removes the reviewer's bundle already written."""
    from docket.server import pack as pack_module

    real = pack_module.write_task_bundle
    calls = []

    def failing(out: io.BufferedWriter, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(kwargs["reviewer"].name)
        if kwargs.get("models"):
            raise OSError(28, "No space left on device")
        return real(out, **kwargs)

    monkeypatch.setattr(pack_module, "write_task_bundle", failing)
    with pytest.raises(OSError, match="No space left"):
        packed(setup, "a", 5)
    assert calls == ["alice", "server"]
    assert list((setup["dir"] / "a").iterdir()) == []


def test_a_section_over_its_cap_is_refused_before_anything_is_encrypted() -> None:
    """The lengths are checked when the container is planned, and the error is Docket's
    own (not pyrage's wrapping of it)."""
    over = container.SECTION_LIMITS["guidelines.md"] + 1
    with pytest.raises(ContainerError, match="over its"):
        container.pack_chunks([("guidelines.md", over, [])])


def test_the_server_archive_of_a_large_project_fits_its_sealed_cap() -> None:
    """About 1 KB a task of sealed data (originals, issued, PII findings): the cap holds
    a 100,000-task archive (95 MB measured) with room to spare."""
    assert container.SECTION_LIMITS["sealed.age"] >= 2 * 95_000_000


def test_an_error_of_the_plaintext_reader_is_raised_as_itself() -> None:
    from docket.bundles import age_layer

    class Failing:
        def read(self, size: int = -1) -> bytes:
            raise ContainerError("Section x is too long.")

    recipient = keys.generate("x").card().recipient()
    with pytest.raises(ContainerError, match="too long"):
        age_layer.encrypt_stream(Failing(), recipient, io.BytesIO())


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3)
    ),
    max_leaves=8,
)


@settings(max_examples=150, deadline=None)
@given(
    st.dictionaries(st.text(max_size=4), JSON_VALUES, max_size=4),
    st.dictionaries(st.text(max_size=4), JSON_VALUES, max_size=5),
    st.text(max_size=4),
)
def test_a_sealed_section_with_lazy_maps_is_the_json_of_the_whole(
    plain: dict[str, object], lazy: dict[str, object], key: str
) -> None:
    """Values made one at a time give the bytes json.dumps(sort_keys=True) gives for the
    materialised object, at the top level and one below it."""
    from docket.bundles.task_bundle import LazyMap, _json_chunks

    whole = {**plain, key: lazy}
    streamed = {**plain, key: LazyMap(lazy, lazy.__getitem__)}
    expected = json.dumps(whole, sort_keys=True).encode()
    assert b"".join(_json_chunks(streamed, size=7)) == expected
    assert (
        b"".join(_json_chunks(LazyMap(lazy, lazy.__getitem__)))
        == json.dumps(lazy, sort_keys=True).encode()
    )
