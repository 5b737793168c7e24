"""Source documents a task carries: what a grounded answer was written from.

A reviewer of a legal-research or retrieval-augmented answer checks each claim against
the documents the model was given. A task row may carry ``documents: [{"id", "title",
"text", "source"}]``; a document without an id is numbered from 1 in row order, which is
how models cite them (``[1]``). The caps keep a hostile or mistaken row from filling a
reviewer's laptop: they are checked when the row is packed and again when a bundle is
read.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

MAX_DOCUMENTS = 100
MAX_DOCUMENT_CHARS = 1_000_000
MAX_DOCUMENTS_CHARS = 4_000_000
MAX_DOCUMENT_ID_CHARS = 100
MAX_TITLE_CHARS = 500
MAX_SOURCE_CHARS = 2_000


@dataclass(frozen=True, slots=True)
class Document:
    """One source document. ``source`` is where it came from (a URL, a citation, a file
    name), shown as text and never fetched."""

    id: str
    text: str
    title: str = ""
    source: str = ""

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "text": self.text}
        if self.title:
            out["title"] = self.title
        if self.source:
            out["source"] = self.source
        return out


def parse_documents(value: Any) -> tuple[Document, ...]:
    """Documents from a row's ``documents`` list; raises :class:`ValueError` naming the
    problem (not a list, a document without text, a duplicate id, over a size cap)."""
    if not isinstance(value, list):
        raise ValueError("'documents' must be a list of {id, title, text, source} objects")
    if len(value) > MAX_DOCUMENTS:
        raise ValueError(f"'documents' has {len(value)} entries; at most {MAX_DOCUMENTS}")
    out: list[Document] = []
    seen: set[str] = set()
    total = 0
    for i, item in enumerate(value):
        where = f"'documents'[{i}]"
        if not isinstance(item, Mapping):
            raise ValueError(f"{where} must be an object with a string 'text'")
        unknown = sorted(set(item) - {"id", "title", "text", "source"})
        if unknown:
            raise ValueError(f"{where} has unknown key(s) {unknown}")
        text = item.get("text")
        if not isinstance(text, str) or not text.strip():
            raise ValueError(f"{where} has no text")
        if len(text) > MAX_DOCUMENT_CHARS:
            raise ValueError(f"{where} is over {MAX_DOCUMENT_CHARS:,} characters")
        total += len(text)
        if total > MAX_DOCUMENTS_CHARS:
            raise ValueError(f"the documents are over {MAX_DOCUMENTS_CHARS:,} characters in all")
        raw_id = item.get("id", str(i + 1))
        if isinstance(raw_id, int) and not isinstance(raw_id, bool):
            raw_id = str(raw_id)
        if (
            not isinstance(raw_id, str)
            or not raw_id.strip()
            or len(raw_id) > MAX_DOCUMENT_ID_CHARS
            or any(ord(c) < 32 or c in "[]" for c in raw_id)
        ):
            raise ValueError(
                f"{where}.id must be a short string without brackets or control characters"
            )
        if raw_id in seen:
            raise ValueError(f"{where}.id {raw_id!r} is used twice")
        seen.add(raw_id)
        fields = {}
        for key, cap in (("title", MAX_TITLE_CHARS), ("source", MAX_SOURCE_CHARS)):
            v = item.get(key, "")
            if not isinstance(v, str) or len(v) > cap:
                raise ValueError(f"{where}.{key} must be text of at most {cap} characters")
            fields[key] = v
        out.append(Document(raw_id, text, **fields))
    return tuple(out)
