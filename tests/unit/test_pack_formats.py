"""``docket pack`` on every foreign row format: the reviewer's bundle holds the source's
prompts and responses as published, none of its labels or model names; the labels are
sealed to the server as ``prior``, in the blinded response ids."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from docket.bundles import age_layer, keys
from docket.bundles.envelope import open_sealed, pinned
from docket.bundles.keys import SecretKey
from docket.bundles.task_bundle import read_task_bundle
from docket.cli import main
from docket.core.formats import BY_NAME, detect
from docket.core.schema import Schema
from docket.server.pack import pack

DATA = Path(__file__).resolve().parents[1] / "data" / "formats"
GRADING_FORM = Schema.from_json(
    {"version": 1, "questions": [{"type": "likert", "id": "likert", "dimensions": ["helpfulness"]}]}
)


@pytest.fixture(scope="module")
def keyset() -> tuple[SecretKey, SecretKey]:
    return keys.generate("server"), keys.generate("ann")


def _source(name: str) -> list[dict[str, Any]]:
    text = (DATA / name).read_text()
    if name.endswith(".json"):
        return list(json.loads(text))
    return [json.loads(x) for x in text.splitlines() if x]


def _packed(
    name: str, tmp_path: Path, keyset: tuple[SecretKey, SecretKey]
) -> tuple[list[Any], dict[str, Any], str]:
    server, ann = keyset
    result = pack(
        DATA / name,
        server=server,
        reviewers=[ann.card()],
        out_dir=tmp_path,
        schema=GRADING_FORM if name == "openai_chat.jsonl" else None,
    )
    opened = open_sealed(
        result.bundles[0].path.read_bytes(),
        ann,
        signer=pinned(server.card()),
        expected_type="task",
    )
    content = read_task_bundle(opened)
    visible = "\n".join(
        [opened.manifest_bytes.decode()]
        + [data.decode() for n, data in opened.sections.items() if n != "sealed.age"]
    )
    sealed = json.loads(age_layer.decrypt(content.sealed, [server.identity()]))
    return [t for t, _ in content.tasks], sealed, visible


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.glob("*.json*")))
def test_packed_rows_keep_the_texts_and_seal_the_labels(
    name: str, tmp_path: Path, keyset: tuple[SecretKey, SecretKey]
) -> None:
    tasks, sealed, visible = _packed(name, tmp_path, keyset)
    rows = _source(name)
    reader = detect(rows[0])
    assert reader is not None
    # Every response text of the source is in the bundle, exactly (the order is blinded).
    texts = {r.text for t in tasks for r in t.responses}
    for expected in _response_texts(reader.name, rows):
        assert expected in texts
    # Nothing the source says about the responses reaches the reviewer.
    for row in rows:
        for secret in _labels(row):
            assert secret not in visible, secret
    for t in tasks:
        assert all(r.model is None for r in t.responses)
    priors = sealed["prior"]
    assert set(priors) == {t.id for t in tasks}
    for t in tasks:
        prior = priors[t.id]
        assert prior["source"] == reader.name
        ids = {r.id for r in t.responses}
        assert set(prior.get("ratings", {})) <= ids
        assert prior.get("winner", "tie") in ids | {"tie"}


def _response_texts(fmt: str, rows: list[dict[str, Any]]) -> list[str]:
    out: list[str] = []
    for row in rows:
        if fmt == "ultrafeedback":
            out += [c["response"] for c in row["completions"]]
        elif fmt == "ultrafeedback-binarized":
            out += [row["chosen"][-1]["content"], row["rejected"][-1]["content"]]
        elif fmt == "helpsteer2":
            out.append(row["response"])
        elif fmt == "helpsteer2-preference":
            out += [row["response_1"], row["response_2"]]
        elif fmt == "helpsteer3":
            out += [row["response1"], row["response2"]]
        elif fmt == "chatbot-arena" and row["turn"] == 1:
            out += [row["conversation_a"][-1]["content"], row["conversation_b"][-1]["content"]]
        elif fmt in {"openai-chat"}:
            out.append(row["messages"][-1]["content"])
        elif fmt == "label-studio":
            out += [row["data"]["answer1"], row["data"]["answer2"]]
        elif fmt == "argilla":
            out += [row["fields"]["response1"], row["fields"]["response2"]]
        elif fmt == "openai-preference":
            out += [
                row["preferred_output"][0]["content"],
                row["non_preferred_output"][0]["content"],
            ]
    assert out or fmt == "chatbot-arena"
    return out


def _labels(row: dict[str, Any]) -> list[str]:
    """Strings in a source row that say how its responses were judged, or by whom."""
    out = [
        row.get(k)
        for k in (
            "preference_statement",
            "preference_elaboration",
            "model_a",
            "model_b",
            "judge",
        )
    ]
    for annotation in row.get("annotations", []):
        out.append(json.dumps(annotation["result"]))
    out += [json.dumps(p) for p in row.get("predictions", [])]
    out += [json.dumps(v) for v in row.get("responses", {}).values() if isinstance(v, list)]
    out += [s["agent"] for s in row.get("suggestions", {}).values()]
    for c in row.get("completions", []):
        out += [c.get("model"), c.get("critique")]
        out += [a.get("Rationale") for a in c.get("annotations", {}).values()]
    return [s for s in out if isinstance(s, str) and len(s) > 3]


def test_pack_format_flag_forces_a_reader(
    tmp_path: Path, keyset: tuple[SecretKey, SecretKey], capsys: pytest.CaptureFixture[str]
) -> None:
    server, ann = keyset
    keys.write_key_pair(server, tmp_path / "k", passphrase=None)
    keys.write_key_pair(ann, tmp_path / "k", passphrase=None)
    code = main(
        [
            "pack",
            str(DATA / "helpsteer3.jsonl"),
            "--format",
            "chatbot-arena",
            "--server-key",
            str(tmp_path / "k" / "server.key"),
            "--reviewer",
            str(tmp_path / "k" / "ann.pub"),
            "--out",
            str(tmp_path / "out"),
        ]
    )
    err = capsys.readouterr().err
    assert code != 0
    assert "helpsteer3.jsonl:1: this row has the HelpSteer3 preferences format" in err
    assert "nothing was written" in err
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
    assert "chatbot-arena" in BY_NAME
