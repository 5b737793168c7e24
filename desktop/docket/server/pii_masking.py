"""Masking PII on the server: whole tasks at pack time, any text at export time.

The placeholders and their numbering are :class:`docket.core.pii.Masker`'s (one per
task, so one value keeps one placeholder in every text of the task). What this module
adds is what a server needs around them:

- :class:`MaskedText`: a text with its findings replaced, and the way from an offset of
  the original to one of the masked text (:meth:`MaskedText.offset`), so that what
  points into a text (prior spans, gold answers, suggestions) keeps pointing at the same
  words; a boundary inside a replaced stretch moves outward, to the placeholder's edge;
- :func:`mask_free_text`: a text no finding points into (a reviewer's rewrite or note,
  a criterion, a comment): every value already masked in the task is masked wherever it
  stands, and what the detector finds in the text itself;
- :func:`masker_from_mapping`: a Masker that goes on numbering after the placeholders a
  task was packed with, so an export adds ``<PERSON_2>`` beside the ``<PERSON_1>`` of the
  pack, never a second ``<PERSON_1>``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from docket.core.pii import (
    Finding,
    Masker,
    default_severity,
    non_overlapping,
    normalised_value,
)
from docket.core.pii_detect import scan_text
from docket.core.spans import Span

PLACEHOLDER = re.compile(r"<([A-Z][A-Z_]*)_(\d+)>")
"""A typed placeholder as :class:`~docket.core.pii.Masker` writes them."""
MIN_VALUE_CHARS = 2
"""Shorter values are not searched for in free text (one letter would mask every word)."""


@dataclass(frozen=True, slots=True)
class MaskedText:
    """A text with its findings replaced by placeholders."""

    text: str
    replaced: tuple[tuple[int, int, int, int], ...] = ()
    """Per replaced stretch: original start and end, masked start and end."""

    def offset(self, original: int, *, end: bool = False) -> int:
        """Where ``original`` (an offset into the unmasked text) lands in the masked one;
        inside a replaced stretch, at the placeholder's start (or its end for ``end``)."""
        i = bisect_right([r[0] for r in self.replaced], original) - 1
        if i < 0:
            return original
        start, stop, new_start, new_stop = self.replaced[i]
        if original == start:
            return new_start
        if original < stop:
            return new_stop if end else new_start
        return original - stop + new_stop

    @property
    def changed(self) -> bool:
        return bool(self.replaced)


def mask_text(masker: Masker, text: str, findings: Iterable[Finding]) -> MaskedText:
    """``text`` with every finding replaced as :meth:`Masker.mask` does (overlaps
    resolved by :func:`~docket.core.pii.non_overlapping`), and the offsets kept."""
    out: list[str] = []
    replaced: list[tuple[int, int, int, int]] = []
    cursor = length = 0
    for f in non_overlapping(findings):
        if f.start < cursor or f.end > len(text) or f.start >= f.end:
            continue
        before = text[cursor : f.start]
        out.append(before)
        length += len(before)
        name = masker.placeholder(f.type, text[f.start : f.end])
        out.append(name)
        replaced.append((f.start, f.end, length, length + len(name)))
        length += len(name)
        cursor = f.end
    out.append(text[cursor:])
    return MaskedText("".join(out), tuple(replaced))


def known_values(masker: Masker) -> list[tuple[str, str]]:
    """``(type, original)`` of every value the masker has replaced so far."""
    return [(name_type(name), original) for name, original in masker.mapping.items()]


def name_type(placeholder: str) -> str:
    m = PLACEHOLDER.fullmatch(placeholder)
    return m.group(1) if m else "OTHER_ID"


class ValueMatcher:
    """Every whole-word occurrence of known values (one regular expression for all of
    them, compiled once: a task's texts are searched with it one after the other)."""

    def __init__(self, values: Iterable[tuple[str, str]]) -> None:
        self._types: dict[str, str] = {}
        for pii_type, value in values:
            value = value.strip()
            if len(value) >= MIN_VALUE_CHARS:
                self._types.setdefault(value, pii_type)
        parts = []
        for value in sorted(self._types, key=len, reverse=True):  # the longest first
            left = r"(?<!\w)" if value[0].isalnum() or value[0] == "_" else ""
            right = r"(?!\w)" if value[-1].isalnum() or value[-1] == "_" else ""
            parts.append(left + re.escape(value) + right)
        self._pattern = re.compile("|".join(parts)) if parts else None

    def findings(self, text: str) -> list[Finding]:
        if self._pattern is None:
            return []
        out = []
        for m in self._pattern.finditer(text):
            pii_type = self._types[m.group(0)]
            out.append(Finding(pii_type, m.start(), m.end(), 1.0, default_severity(pii_type)))
        return out


def value_findings(text: str, values: Iterable[tuple[str, str]]) -> list[Finding]:
    """Every whole-word occurrence of each ``(type, value)`` in ``text``."""
    return ValueMatcher(values).findings(text)


def mask_free_text(
    masker: Masker,
    text: str,
    *,
    values: Iterable[tuple[str, str]] | None = None,
    matcher: ValueMatcher | None = None,
) -> str:
    """``text`` with every known value (``values``, by default all the masker has
    replaced; or ``matcher``, built from them) and everything the detector finds in it
    replaced."""
    if not text:
        return text
    if matcher is None:
        matcher = ValueMatcher(known_values(masker) if values is None else values)
    findings = [*matcher.findings(text), *scan_text(text, max_chars=len(text)).findings]
    if not findings:
        return text
    return mask_text(masker, text, findings).text


def masker_from_mapping(mapping: Mapping[str, str]) -> Masker:
    """A masker that already holds ``mapping`` (placeholder -> original): the same value
    keeps its placeholder, a new one gets the next number of its type."""
    masker = Masker()
    for name, original in mapping.items():
        m = PLACEHOLDER.fullmatch(name)
        if m is None:
            continue
        pii_type, number = m.group(1), int(m.group(2))
        masker.numbers[pii_type] = max(masker.numbers.get(pii_type, 0), number)
        masker.assigned[(pii_type, normalised_value(original))] = name
        masker.mapping[name] = original
    return masker


def restore_placeholders(text: str, mapping: Mapping[str, str]) -> str:
    """``text`` with every placeholder of ``mapping`` put back to its original."""
    if not mapping or "<" not in text:
        return text
    return PLACEHOLDER.sub(lambda m: mapping.get(m.group(0), m.group(0)), text)


def map_strings(value: Any, fn: Callable[[str], str], *, skip: frozenset[str] = frozenset()) -> Any:
    """``value`` (JSON) with ``fn`` applied to every string value (never to keys; never
    to the values of the keys in ``skip``, at any depth)."""
    if isinstance(value, str):
        return fn(value)
    if isinstance(value, list):
        return [map_strings(v, fn, skip=skip) for v in value]
    if isinstance(value, dict):
        return {k: v if k in skip else map_strings(v, fn, skip=skip) for k, v in value.items()}
    return value


def remap_span(span: Span, masked: MaskedText, masker: Masker) -> Span:
    """A prior span of a masked response, on the same words of the masked text."""
    start = masked.offset(span.start)
    end = max(masked.offset(span.end, end=True), start + 1)
    end = min(end, len(masked.text))
    return replace(
        span,
        start=start,
        end=end,
        quote=masked.text[start:end],
        comment=mask_free_text(masker, span.comment),
    )


def remap_pointer(
    item: Mapping[str, Any],
    masked: Mapping[str, MaskedText],
    masker: Masker,
    *,
    target_key: str,
) -> dict[str, Any]:
    """An answer item pointing into a text (``{target_key, start, end, quote?, ...}``:
    a span or a pii mark), moved onto the masked text; its other strings masked."""
    out = {
        k: (mask_free_text(masker, v) if isinstance(v, str) and k != target_key else v)
        for k, v in item.items()
    }
    text = masked.get(str(item.get(target_key)))
    start, end = item.get("start"), item.get("end")
    if text is None or not isinstance(start, int) or not isinstance(end, int):
        return out
    new_start = text.offset(start)
    new_end = min(max(text.offset(end, end=True), new_start + 1), len(text.text))
    out["start"], out["end"] = new_start, new_end
    if "quote" in item:
        out["quote"] = text.text[new_start:new_end]
    return out
