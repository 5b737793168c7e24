"""What every reader of a foreign row format shares.

A reader turns the rows of one published format into Docket's own rows (the
multi-response or TRL shapes :func:`docket.core.task_loading.parse_task_row` reads), so
that there is one loader, one set of checks and one blinding path whatever the source.
What the source already says about the responses (a winner, ratings, a preference
strength) travels beside the row as ``prior``: ``docket pack`` seals it into the server's
section and it never reaches a reviewer.

A ``prior`` is ``{"source": <format>, "winner": <response id> | "tie", "ratings":
{<response id>: {<name>: number}}, "preference_strength": number, "notes": {...},
"raw": <the source's labels as it wrote them>}``, every part optional; response ids are
the row's own (blinded by pack like the rest; ``raw`` is kept as the source wrote it).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

Record = tuple[int, Any]
"""One source record: its line (or item) number and its decoded JSON value."""
Converted = tuple[int, dict[str, Any]]
"""One Docket row and the source line it came from."""


class RowError(ValueError):
    """A source row this reader cannot turn into a task; ``line`` says which."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


@dataclass(frozen=True, slots=True)
class Answer:
    """One model's answer to a question kept apart from it (MT-Bench's ``model_answer``
    files, FastChat's and PRD's generations): one text per turn."""

    model: str | None
    turns: tuple[str, ...]
    file: str | None = None
    """The name of the file it came from (PRD's rating files name their models' answer
    files: ``answer_gpt4.jsonl``)."""


@dataclass(frozen=True, slots=True)
class ReadContext:
    """What a reader may need beyond the rows: answers given in other files, per
    question id (``docket pack --answers``), and the file's name."""

    answers: Mapping[str, Sequence[Answer]] | None = None
    source: str = "<input>"
    """The file being read (PRD's rating files name their pair of models)."""


@dataclass(frozen=True, slots=True)
class Reader:
    """One format: ``claims`` says whether a decoded row has its shape (keys, not
    values: detection must be cheap and never raise), ``convert`` turns the file's
    records into Docket rows (most formats map one record to one row; some group
    several, as HelpSteer2's one-response-per-line files)."""

    name: str
    title: str
    keys: str
    """The keys that identify it, as the error listing the supported formats prints them."""
    claims: Callable[[Any], bool]
    convert: Callable[[Iterable[Record], ReadContext], Iterator[Converted | RowError]]


def one_to_one(
    row: Callable[[dict[str, Any], ReadContext], dict[str, Any]],
) -> Callable[[Iterable[Record], ReadContext], Iterator[Converted | RowError]]:
    """A ``convert`` for formats whose every record is one task; ``row`` raises
    ValueError or TypeError (or KeyError for a missing field) on a bad record."""

    def convert(records: Iterable[Record], context: ReadContext) -> Iterator[Converted | RowError]:
        for line, obj in records:
            try:
                if not isinstance(obj, dict):
                    raise ValueError("expected a JSON object")
                yield line, row(obj, context)
            except KeyError as exc:
                yield RowError(line, f"missing the field {exc.args[0]!r}")
            except (ValueError, TypeError) as exc:
                yield RowError(line, str(exc))

    return convert


def has_keys(obj: Any, *keys: str) -> bool:
    return isinstance(obj, Mapping) and all(k in obj for k in keys)


def text_of(value: Any, what: str) -> str:
    """A string field that must be a (possibly empty) string."""
    if not isinstance(value, str):
        raise ValueError(f"{what!r} must be a string")
    return value


def messages_of(value: Any, what: str) -> list[dict[str, str]]:
    """A ``[{role, content}]`` list with string contents (other keys dropped)."""
    if not isinstance(value, list) or not value:
        raise ValueError(f"{what!r} must be a non-empty list of {{role, content}} messages")
    out = []
    for i, msg in enumerate(value):
        if not isinstance(msg, Mapping) or not isinstance(msg.get("content"), str):
            raise ValueError(f"{what!r}[{i}] must be an object with a string 'content'")
        out.append({"role": str(msg.get("role")), "content": msg["content"]})
    return out


def number(value: Any, what: str) -> float | None:
    """A rating as a number; None for the sources' "N/A"/empty/None."""
    kind = type(value)
    if kind is float or kind is int:  # the common cases first: millions of calls
        return float(value)
    if value is None:
        return None
    if isinstance(value, str):
        try:
            return float(value)  # "4", " 4.5 " (as the sources write their ratings)
        except ValueError:
            if value.strip().upper() in {"", "N/A", "NA"}:
                return None
            raise ValueError(f"{what!r} must be a number, got {value!r}") from None
    if isinstance(value, bool):
        raise ValueError(f"{what!r} must be a number")
    if isinstance(value, int | float):
        return float(value)
    raise ValueError(f"{what!r} must be a number")


def exchange_text(answers: Sequence[str], follow_ups: Sequence[str]) -> str:
    """One side of a conversation after its first question, as one response: the
    assistant's answers with the user's later turns between them, quoted under "User:"
    (so a reviewer reads who said what; markdown renders the quote)."""
    parts = [answers[0]]
    for question, answer in zip(follow_ups, answers[1:], strict=False):
        quoted = "\n".join(f"> {line}" for line in question.splitlines() or [""])
        parts += [f"**User:**\n\n{quoted}", answer]
    return "\n\n".join(parts)


PROMPT_KEYS = ("prompt", "instruction", "question", "input", "query")
"""Field names that hold the prompt in a labelling tool's task (first found wins)."""
CONVERSATION_KEYS = ("messages", "chat", "conversation", "dialogue")
RESPONSE_PREFIXES = ("answer", "response", "output", "completion", "text", "generation")
"""Field names of the responses: ``answer1``, ``response_a``, ``text2``… (prefix, an
optional ``_`` and a number or a letter); a single ``response``/``answer`` is one."""


def labelled_fields(data: Mapping[str, Any]) -> tuple[Any, list[tuple[str, str]]]:
    """The prompt (a string or a message list) and the responses (``(field, text)`` in
    field order) of a labelling tool's task fields, as templates for LLM comparison name
    them (Label Studio's ``prompt``/``answer1``/``answer2``, Argilla's
    ``instruction``/``response1``…). ValueError names the fields it found."""
    prompt = next((data[k] for k in (*PROMPT_KEYS, *CONVERSATION_KEYS) if k in data), None)
    responses: list[tuple[str, str, str]] = []
    for key, value in data.items():
        low = key.lower()
        for prefix in RESPONSE_PREFIXES:
            rest = low.removeprefix(prefix).lstrip("_-")
            if low.startswith(prefix) and (rest == "" or rest.isdigit() or len(rest) == 1):
                if not isinstance(value, str):
                    raise ValueError(f"field {key!r} must be the response's text")
                responses.append((rest.zfill(4), key, value))
                break
    if prompt is None or not responses:
        raise ValueError(
            f"cannot tell the prompt and the responses among the fields {sorted(data)}: "
            f"name the prompt one of {list(PROMPT_KEYS)} and the responses "
            f"answer1, answer2… (or response1…, text1…)"
        )
    responses.sort(key=lambda item: item[0])
    return prompt, [(key, text) for _, key, text in responses]


def plurality(votes: Counter[str]) -> str | None:
    """The response most votes name, "tie" when two lead together, None without votes:
    how a labelling tool's own annotations become a prior's ``winner``."""
    if not votes:
        return None
    (top, count), *rest = votes.most_common()
    return "tie" if rest and rest[0][1] == count else top
