"""Docket's own rows (multi-response, TRL preference, hh-rlhf transcripts, HealthBench):
passed through unchanged to :func:`docket.core.task_loading.parse_task_row`."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from docket.core.formats.base import Converted, ReadContext, Reader, Record, RowError


def claims(obj: Any) -> bool:
    if not isinstance(obj, dict):
        return False
    return (
        "responses" in obj
        or ("chosen" in obj and "rejected" in obj)
        or (isinstance(obj.get("prompt_id"), str) and "rubrics" in obj)
    )


def _convert(records: Iterable[Record], context: ReadContext) -> Iterator[Converted | RowError]:
    for line, obj in records:
        if isinstance(obj, dict):
            yield line, obj
        else:
            yield RowError(line, "expected a JSON object")


NATIVE = Reader(
    "docket",
    "Docket / TRL / hh-rlhf / HealthBench",
    "prompt + responses, prompt + chosen + rejected, chosen + rejected transcripts, "
    "prompt_id + rubrics",
    claims,
    _convert,
)
