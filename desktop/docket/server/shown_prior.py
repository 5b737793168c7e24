"""``docket pack --show-prior``: the source's own label shown to reviewers, when the
project says so.

By default what a source says about its responses (a winner, ratings, a preference
strength, notes; :mod:`docket.core.formats.base`) is sealed to the server and never
reaches a reviewer. A project that wants reviewers to see it (to check a dataset's
labels, or to correct them) packs with ``--show-prior``: each task with a prior then
carries one more source document, titled as the source's label, which the review window
shows beside the responses like any source.

The document names responses by how they begin, quoted, not by letter: each reviewer
sees the responses in an order of their own (A, B… differ between reviewers), and the
document is the same in every bundle and in the server's archive, so that what a
reviewer marks in it (PII) is checked against the same text at merge. It never holds a
model name (a name of one of the task's models is replaced, wherever a note has it) nor
the source's labels as it wrote them (``raw``, which may hold anything).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from docket.core.documents import MAX_DOCUMENTS, MAX_DOCUMENTS_CHARS, Document
from docket.core.task_loading import LoadedRow
from docket.core.tasks import Task
from docket.errors import DocketError

DOCUMENT_ID = "source-label"
DOCUMENT_SOURCE = "the tasks file"
OPENING_WORDS = 8
MAX_NOTE_CHARS = 2_000
MAX_TEXT_CHARS = 50_000
HIDDEN_MODEL = "[a model]"


def _format(value: float | int | str) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


_MARKUP = re.compile(r"([\\`*_\[\]<>#|~!$])")
"""Characters that markdown (or math) would read in a quoted opening: escaped."""


def _openings(task: Task) -> dict[str, str]:
    """Each response's first words, as many as it takes to tell it from the others
    (two responses beginning alike get longer quotes), whitespace folded."""
    words = {r.id: r.text.split() for r in task.responses}
    count = OPENING_WORDS
    longest = max((len(w) for w in words.values()), default=0)
    words = {rid: [_MARKUP.sub(r"\\\1", w) for w in ws] for rid, ws in words.items()}
    while True:
        quoted = {
            rid: " ".join(w[:count]) + (" …" if len(w) > count else "") for rid, w in words.items()
        }
        if len(set(quoted.values())) == len(quoted) or count >= longest:
            return quoted
        count *= 2


def _hide_models(text: str, models: list[str]) -> str:
    """Every mention of one of the models (as a word: "gpt-4" in "gpt-4's", not in
    "gpt-40"), whatever its case, replaced."""
    for model in sorted(set(models), key=len, reverse=True):
        pattern = rf"(?<![\w-]){re.escape(model)}(?![\w-])"
        text = re.sub(pattern, HIDDEN_MODEL, text, flags=re.IGNORECASE)
    return text


def prior_text(task: Task, prior: dict[str, Any]) -> str:
    """What the source says about the task's responses, in words (markdown), or "" when
    it says nothing a reviewer could read."""
    quoted = _openings(task)

    def which(rid: str) -> str:
        return f"the response beginning “{quoted[rid]}”"

    parts: list[str] = []
    winner = prior.get("winner")
    if winner == "tie":
        parts.append("**Preferred:** neither (a tie).")
    elif isinstance(winner, str) and winner in quoted:
        parts.append(f"**Preferred:** {which(winner)}.")
    if isinstance(prior.get("preference_strength"), int | float):
        strength = _format(prior["preference_strength"])
        parts.append(f"**Preference strength:** {strength} (on the source's own scale).")
    ratings = prior.get("ratings") or {}
    rated = [r.id for r in task.responses if r.id in ratings]
    if rated:
        lines = [
            f"- {which(rid)}: "
            + ", ".join(f"{name} {_format(v)}" for name, v in ratings[rid].items())
            for rid in rated
        ]
        parts.append("**Ratings:**\n\n" + "\n".join(lines))
    notes = prior.get("notes") or {}
    if notes:
        lines = []
        for name, value in notes.items():
            text = _format(value)
            if len(text) > MAX_NOTE_CHARS:
                text = text[: MAX_NOTE_CHARS - 1] + "…"
            lines.append(f"- {name}: " + text.replace("\n", "\n  "))  # one list item
        parts.append("**Notes:**\n\n" + "\n".join(lines))
    if not parts:
        return ""
    source = prior.get("source")
    named = f" ({source})" if isinstance(source, str) else ""
    intro = (
        f"What the source file{named} says about these responses, shown by the project. It "
        "is not your answer; you may disagree. Responses are named by how they begin."
    )
    if notes:
        intro += " The notes are the source's words: they may number the responses in its order."
    text = "\n\n".join([intro, *parts])
    models = [r.model for r in task.responses if r.model and len(r.model) > 1]
    text = _hide_models(text, models)
    if len(text) > MAX_TEXT_CHARS:
        text = text[: MAX_TEXT_CHARS - 1] + "…"
    return text


def with_shown_prior(row: LoadedRow) -> LoadedRow:
    """The row with its prior as one more source document (the last), or as it is when
    it has no prior a reviewer could read."""
    text = prior_text(row.task, row.prior) if row.prior else ""
    if not text:
        return row
    task = row.task
    if len(task.documents) >= MAX_DOCUMENTS:
        raise DocketError(
            f"Task {task.id!r} has {len(task.documents)} source documents already; "
            "--show-prior adds one, and a task holds at most "
            f"{MAX_DOCUMENTS}.",
            hint="Pack without --show-prior, or give the task fewer documents.",
        )
    if sum(len(d.text) for d in task.documents) + len(text) > MAX_DOCUMENTS_CHARS:
        raise DocketError(
            f"Task {task.id!r}: its source documents and the source's label would be over "
            f"{MAX_DOCUMENTS_CHARS:,} characters in all.",
            hint="Pack without --show-prior, or give the task shorter documents.",
        )
    taken = {d.id for d in task.documents}
    doc_id, n = DOCUMENT_ID, 1
    while doc_id in taken:
        n += 1
        doc_id = f"{DOCUMENT_ID}-{n}"
    source = row.prior.get("source")
    title = f"The source's label ({source})" if isinstance(source, str) else "The source's label"
    document = Document(doc_id, text, title=title[:200], source=DOCUMENT_SOURCE)
    return replace(row, task=replace(task, documents=(*task.documents, document)))
