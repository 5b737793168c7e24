"""The answer form behind every merged answer, for the verbs that read answers.

Every server verb (agreement, verdicts, disagreements, adjudication, datasets) reads an
answer through its task's schema, so questions are found by type whatever ids the project
gave them. The schema comes from the task archive merged with ``merge --tasks``; a task
whose archive was not merged is read with the default form for its number of responses.
"""

from __future__ import annotations

from collections.abc import Mapping

from docket.core.schema import Schema, default_schema
from docket.server.merged_store import MergedAnswer, MergedStore

Schemas = Mapping[str, Schema]


def task_schemas(store: MergedStore) -> dict[str, Schema]:
    """The answer form of every task whose text was merged (``merge --tasks``).

    A project's tasks mostly share a handful of forms: each distinct text is parsed once
    (a schema is immutable, so the tasks that share it share one object)."""
    parsed: dict[str, Schema] = {}
    out: dict[str, Schema] = {}
    for task_id, body in store.schemas().items():
        schema = parsed.get(body)
        if schema is None:
            schema = parsed[body] = Schema.loads(body)
        out[task_id] = schema
    return out


def schema_for(schemas: Schemas, answer: MergedAnswer) -> Schema:
    """The form this answer was given in (the default form when its task is unknown)."""
    known = schemas.get(answer.task_id)
    if known is not None:
        return known
    return default_schema(max(2, len(answer.display_order)))
