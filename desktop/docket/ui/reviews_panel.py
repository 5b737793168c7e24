"""The adjudication view's reviews panel: every reviewer's answer and rationale beside the
responses, in the lead's own blinded labels, with where they agree and where they differ
marked in words (never by colour alone). A rubric answer is summed up per response, and
the criteria the reviewers split on are listed one by one, each with the response, its
points (a penalty said in words) and every reviewer's grade and note: "Response A ·
criterion “…” (+8): met (alice), not met (bob)". Rationales, notes and names come from
other people's bundles: hidden characters in them are shown as marks, as in responses."""

from __future__ import annotations

import html
import json
import re
import secrets
from collections.abc import Mapping
from difflib import SequenceMatcher
from typing import Any

from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from docket.core.display_order import DisplayOrder
from docket.core.rules import canonical_json
from docket.core.spans import Span, spans_of
from docket.render.diff import diff_html
from docket.render.hidden import mark_hidden_html
from docket.render.theme import Theme
from docket.ui.comparison_view import SafeBrowser
from docket.ui.i18n import (
    QT_TRANSLATE_NOOP,
    Plural,
    english_plural,
    sentence_mark,
    sorted_by_name,
    translate,
)
from docket.ui.span_list import severity_word

SKIP = {"rationale", "outcome", "adjudication_note"}
GRADES = {
    True: QT_TRANSLATE_NOOP("reviews_panel", "met"),
    False: QT_TRANSLATE_NOOP("reviews_panel", "not met"),
    None: QT_TRANSLATE_NOOP("reviews_panel", "not applicable"),
}
QUOTE_CHARS = 160
"""A quoted span longer than this is shown cut, with "…" (the whole quote in the text)."""


def _minutes(seconds: float) -> str:
    m, s = divmod(int(seconds), 60)
    if m:
        return translate("reviews_panel", "{minutes}m {seconds}s").format(
            minutes=m, seconds=f"{s:02d}"
        )
    return translate("reviews_panel", "{seconds}s").format(seconds=s)


def _grade(met: object) -> str:
    name = GRADES[met] if met is True or met is False else GRADES[None]
    return translate("reviews_panel", name)


def _response(label: str) -> str:
    return translate("reviews_panel", "Response {label}").format(label=label)


def is_rubric(value: Any) -> bool:
    """A rubric answer: ``{"<response id>": {"<criterion id>": {"met": ...}}}``."""
    return (
        isinstance(value, dict)
        and bool(value)
        and all(
            isinstance(per, dict) and all(isinstance(e, dict) and "met" in e for e in per.values())
            for per in value.values()
        )
    )


def is_spans(value: Any) -> bool:
    """A spans answer: a non-empty list of ``{"response", "start", "end", "label", ...}``."""
    return (
        isinstance(value, list)
        and bool(value)
        and all(isinstance(e, dict) and {"start", "end", "label"} <= e.keys() for e in value)
    )


def is_rewrite(value: Any) -> bool:
    """A rewrite answer: ``{"base": "<response id>" | null, "text": "..."}``."""
    return (
        isinstance(value, dict)
        and set(value) == {"base", "text"}
        and isinstance(value.get("text"), str)
    )


def _grades_only(value: Any) -> Any:
    """A rubric answer without its notes, spans without severity and comment: what "all
    agree" compares."""
    if is_spans(value):
        return sorted([s.response, s.start, s.end, s.label] for s in spans_of(value))
    if not is_rubric(value):
        return value
    return {rid: {cid: e["met"] for cid, e in per.items()} for rid, per in value.items()}


def _words(n: int) -> str:
    return english_plural(Plural.tr("%n word(s)", "", n), n)


def word_changes(base: str, text: str) -> tuple[int, int]:
    """(words inserted, words deleted) from ``base`` to ``text``, by whitespace words."""
    a, b = base.split(), text.split()
    inserted = deleted = 0
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op != "equal":
            deleted += i2 - i1
            inserted += j2 - j1
    return inserted, deleted


def _first(pair: tuple[str, Any]) -> str:
    return str(pair[0])


def describe(key: str, value: Any, order: DisplayOrder) -> str:
    """An answer in the lead's labels: "B much better", "1. A · 2. B = C", flags by label,
    a rubric as counts per response ("A: 9 met, 2 not met, 1 not applicable")."""
    label = {rid: order.label_of(rid) for rid in order.order}
    if is_spans(value):
        by_response: dict[str, list[str]] = {}
        for span in spans_of(value):
            by_response.setdefault(label.get(span.response, "?"), []).append(span.label)
        return "; ".join(
            f"{who}: {len(labels)} ({', '.join(sorted_by_name(set(labels), str))})"
            for who, labels in sorted(by_response.items())
        )
    if isinstance(value, list) and not value:
        return translate("reviews_panel", "none")
    if is_rewrite(value):
        base = value.get("base")
        source = (
            _response(label.get(base, "?"))
            if base is not None
            else translate("reviews_panel", "empty")
        )
        n = len(value["text"])
        return english_plural(Plural.tr("rewrite from {source}, %n character(s)", "", n), n).format(
            source=source
        )
    if is_rubric(value):
        parts = []
        for rid, per in sorted(value.items(), key=lambda kv: label.get(kv[0], "?")):
            counts = [sum(1 for e in per.values() if e["met"] is g) for g in GRADES]
            said = [f"{n} {_grade(g)}" for n, g in zip(counts, GRADES, strict=True) if n]
            nothing = translate("reviews_panel", "nothing graded")
            parts.append(f"{label.get(rid, '?')}: {', '.join(said) or nothing}")
        return "; ".join(parts)
    if key == "preference" and isinstance(value, dict):
        better = value.get("better")
        if better is None:
            return translate("reviews_panel", "Tie")
        which = label.get(better, "?")
        if value.get("strength") == "strong":
            return translate("reviews_panel", "{response} much better").format(response=which)
        return translate("reviews_panel", "{response} better").format(response=which)
    if key == "ranking" and isinstance(value, list):
        return " · ".join(
            f"{i + 1}. " + " = ".join(label.get(r, "?") for r in group)
            for i, group in enumerate(value)
        )
    if key == "flags" and isinstance(value, dict):
        task_word = translate("reviews_panel", "task")
        parts = [
            f"{task_word if t == 'task' else label.get(t, '?')}: {', '.join(f)}"
            for t, f in sorted(value.items())
            if f
        ]
        return "; ".join(parts) or translate("reviews_panel", "none")
    if key == "likert" and isinstance(value, dict):
        return "; ".join(
            f"{label.get(rid, '?')} "
            + ", ".join(f"{d} {s}" for d, s in sorted_by_name(dims.items(), _first))
            for rid, dims in sorted(value.items(), key=lambda kv: label.get(kv[0], "?"))
            if isinstance(dims, dict)
        )
    return json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value


# Why the server picked a task for adjudication (docket.server.verdicts writes these
# sentences into the bundle in English): each pattern and its words in the interface.
SERVER_REASONS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"opposite preferences on (?P<first>\S+) vs (?P<second>\S+)"),
        QT_TRANSLATE_NOOP("reviews_panel", "opposite preferences on {first} vs {second}"),
    ),
    (
        re.compile(r"a tie against a preference on (?P<first>\S+) vs (?P<second>\S+)"),
        QT_TRANSLATE_NOOP("reviews_panel", "a tie against a preference on {first} vs {second}"),
    ),
    (
        re.compile(r"same preference, different strength on (?P<first>\S+) vs (?P<second>\S+)"),
        QT_TRANSLATE_NOOP(
            "reviews_panel", "same preference, different strength on {first} vs {second}"
        ),
    ),
    (
        re.compile(r"flag (?P<flag>.+) on (?P<target>\S+) set by some reviewers only"),
        QT_TRANSLATE_NOOP("reviews_panel", "flag {flag} on {target} set by some reviewers only"),
    ),
    (re.compile(r"(?P<n>\d+) rubric criteri(?:on|a) graded differently"), ""),
    (re.compile(r"(?P<n>\d+) spans? marked by some reviewers only"), ""),
)


def server_reason(text: str, order: DisplayOrder) -> str:
    """A reason from the adjudication bundle in the interface's language, the responses
    named by the lead's labels; a sentence Docket does not know stays as written."""

    def named(value: str) -> str:
        if value == "task":
            return translate("reviews_panel", "task")
        return _response(order.label_of(value)) if value in order.order else value

    for pattern, words in SERVER_REASONS:
        found = pattern.fullmatch(text)
        if found is None:
            continue
        fields = {k: named(v) for k, v in found.groupdict().items()}
        if "n" in fields:
            n = int(fields["n"])
            if "rubric" in pattern.pattern:
                said = Plural.tr("%n rubric criterion(s) graded differently", "", n)
            else:
                said = Plural.tr("%n span(s) marked by some reviewers only", "", n)
            return english_plural(said, n)
        return translate("reviews_panel", words).format(**fields)
    for rid in order.order:
        text = text.replace(rid, _response(order.label_of(rid)))
    return text


class _Bidi:
    """Direction marks for a page that goes through ``mark_hidden_html`` (which shows every
    bidirectional control in it as a hidden character): in a right-to-left interface the
    window's own lines start with a right-to-left mark and the names and texts quoted in
    them are isolated, written first as tokens no text can guess (a fresh random one per
    page) and made real after the marking."""

    def __init__(self) -> None:
        self.on = bool(sentence_mark())
        nonce = secrets.token_hex(8)
        self.tokens = {f"docketbidi{nonce}{k}": v for k, v in _CONTROLS.items()}
        self._by_name = {k: f"docketbidi{nonce}{k}" for k in _CONTROLS}

    def mark(self) -> str:
        return self._by_name["rlm"] if self.on else ""

    def isolate(self, text: str) -> str:
        return f"{self._by_name['fsi']}{text}{self._by_name['pdi']}" if self.on else text

    def finish(self, page: str) -> str:
        for token, control in self.tokens.items():
            page = page.replace(token, control)
        return page


_CONTROLS = {"rlm": "\u200f", "fsi": "\u2068", "pdi": "\u2069"}


class ReviewsPanel(QWidget):
    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self._bidi = _Bidi()
        self.title = QLabel(translate("reviews_panel", "Reviewers' answers"))
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.browser = SafeBrowser()
        self.browser.setAccessibleName(translate("reviews_panel", "Reviewers' answers"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.browser, 1)

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme

    def clear(self) -> None:
        self.title.setText(translate("reviews_panel", "Reviewers' answers"))
        self.browser.setDocument(QTextDocument(self.browser))

    def show_reviews(
        self,
        review: dict[str, Any],
        order: DisplayOrder,
        texts: Mapping[str, str] | None = None,
    ) -> None:
        """Show one task's reviews. ``texts`` (response id -> raw text) lets a rewrite be
        shown as a word diff against the response it started from."""
        t = self._theme
        self._bidi = _Bidi()
        reviews = review.get("reviews", [])
        keys = sorted({k for r in reviews for k in r["answers"]} - SKIP)
        agree = {}
        for k in keys:
            seen = {canonical_json(_grades_only(r["answers"].get(k))) for r in reviews}
            agree[k] = len(seen) == 1
        n_reviews = len(reviews)
        self.title.setText(
            english_plural(
                self.tr(
                    "Reviewers' answers — %n reviewer(s), severity {severity:g}", "", n_reviews
                ),
                n_reviews,
            ).format(severity=review.get("severity", 0))
        )
        rows = []
        for k in keys:
            all_agree = html.escape(translate("reviews_panel", "all agree"))
            differ = html.escape(translate("reviews_panel", "differ"))
            mark = (
                f'<span style="background-color: {t.inserted_background}">✓ {all_agree}</span>'
                if agree[k]
                else f'<span style="background-color: {t.deleted_background}">≠ {differ}</span>'
            )
            rows.append(
                f'<tr><th align="left" bgcolor="{t.table_header_background}">'
                f"{html.escape(k)}</th><td>{mark}</td></tr>"
            )
        parts = [
            f'<table border="1" cellspacing="0" cellpadding="4" '
            f'style="border-color: {t.table_border}; border-style: solid; '
            f'border-collapse: collapse; margin-bottom: 8px">{"".join(rows)}</table>'
        ]
        rtl, iso = self._bidi.mark(), self._bidi.isolate
        for r in reviews:
            lines = []
            for k in keys:
                shown = (
                    html.escape(describe(k, r["answers"].get(k), order))
                    if k in r["answers"]
                    else "—"
                )
                style = "" if agree[k] else f' style="background-color: {t.deleted_background}"'
                lines.append(
                    f"<li>{rtl}<b>{html.escape(iso(k))}</b>: <span{style}>{shown}</span></li>"
                )
            rationale = str(r["answers"].get("rationale", "")).strip()
            revision = translate("reviews_panel", "revision {n}").format(
                n=int(r.get("revision", 1))
            )
            no_rationale = html.escape(translate("reviews_panel", "(no rationale)"))
            parts.append(
                f'<p style="margin-bottom: 2px">{rtl}<b>{html.escape(iso(str(r["reviewer"])))}'
                "</b>"
                f' <span style="color: {t.muted}">· {_minutes(float(r.get("time_spent_s", 0)))}'
                f" · {html.escape(revision)}</span></p>"
                f'<ul style="margin-top: 0px">{"".join(lines)}</ul>'
                + (
                    f'<p style="color: {t.quote_text}; margin-left: 12px">'
                    f"“{html.escape(rationale)}”</p>"
                    if rationale
                    else f'<p style="color: {t.muted}; margin-left: 12px">{no_rationale}</p>'
                )
            )
            for k in keys:
                value = r["answers"].get(k)
                if is_spans(value):
                    parts.append(self._spans_html(k, spans_of(value), order))
                elif is_rewrite(value):
                    parts.append(self._rewrite_html(k, value, order, texts or {}))
        splits = review.get("criteria") or []
        if splits:
            parts.append(self._splits_html(splits, reviews, order))
        for item in review.get("agreement", []):
            x, y = (_response(order.label_of(r)) if r in order.order else r for r in item["pair"])
            share = f"{100 * float(item['agreement']):.0f}"
            said = translate("reviews_panel", "{first} vs {second}: {share} % agree").format(
                first=x, second=y, share=share
            )
            parts.append(f'<p style="color: {t.muted}">{rtl}• {html.escape(said)}</p>')
        for reason in review.get("reasons", []):
            text = server_reason(str(reason), order)
            parts.append(f'<p style="color: {t.muted}">{rtl}• {html.escape(text)}</p>')
        self.browser.setHtml(self._bidi.finish(mark_hidden_html("".join(parts), t)))

    def _spans_html(self, key: str, spans: list[Span], order: DisplayOrder) -> str:
        """One reviewer's spans in the lead's labels, response by response in text order:
        "Response A · “quoted text” · irrelevant · major — comment"."""
        t = self._theme

        def where(span: Span) -> tuple[str, int, int]:
            rid = span.response
            return (order.label_of(rid) if rid in order.order else rid, span.start, span.end)

        items = []
        for span in sorted(spans, key=where):
            quote = span.quote if len(span.quote) <= QUOTE_CHARS else span.quote[:QUOTE_CHARS] + "…"
            severity = (
                severity_word(span.severity)
                if span.severity
                else translate("reviews_panel", "no severity")
            )
            comment = (
                f'<br><span style="color: {t.quote_text}">{html.escape(span.comment)}</span>'
                if span.comment.strip()
                else ""
            )
            characters = translate("reviews_panel", "(characters {start}–{end})").format(
                start=span.start, end=span.end
            )
            items.append(
                f"<li>{self._bidi.mark()}{html.escape(_response(where(span)[0]))} · "
                f"“{html.escape(self._bidi.isolate(quote))}” · "
                f"<b>{html.escape(span.label)}</b> · {html.escape(severity)} "
                f'<span style="color: {t.muted}">{html.escape(characters)}</span>'
                f"{comment}</li>"
            )
        n = len(spans)
        count = english_plural(Plural.tr("%n span(s)", "", n), n)
        return (
            f'<p style="margin-bottom: 2px; margin-left: 12px">{self._bidi.mark()}'
            f"{html.escape(key)}: "
            f"{html.escape(count)}</p>"
            f'<ul style="margin-top: 0px">{"".join(items)}</ul>'
        )

    def _rewrite_html(
        self, key: str, value: dict[str, Any], order: DisplayOrder, texts: Mapping[str, str]
    ) -> str:
        """A rewrite as a word diff against its base: the base with deletions struck
        through, then the rewrite with insertions underlined, and the counts in words."""
        t = self._theme
        base_id = value.get("base")
        text = str(value["text"])
        base = texts.get(base_id, "") if isinstance(base_id, str) else ""
        if isinstance(base_id, str) and base_id in order.order:
            source = _response(order.label_of(base_id))
        else:
            source = translate("reviews_panel", "empty") if base_id is None else str(base_id)
        if isinstance(base_id, str) and base_id not in texts:
            head = html.escape(
                translate(
                    "reviews_panel", "{question}, from {source} (its text is not here)"
                ).format(question=key, source=source)
            )
            return (
                f'<p style="margin-bottom: 2px; margin-left: 12px">{self._bidi.mark()}{head}</p>'
                f'<p style="white-space: pre-wrap; margin-left: 12px">{html.escape(text)}</p>'
            )
        inserted, deleted = word_changes(base, text)
        old, new = diff_html(base, text, theme=t)
        indent = '<div style="margin-left: 24px">'
        head = translate(
            "reviews_panel",
            "{question}, from {source}: {inserted} inserted (underlined), {deleted} deleted "
            "(struck through)",
        ).format(question=key, source=source, inserted=_words(inserted), deleted=_words(deleted))
        as_it_was = translate("reviews_panel", "{source} as it was:").format(source=source)
        the_rewrite = html.escape(translate("reviews_panel", "The rewrite:"))
        return (
            f'<p style="margin-bottom: 2px; margin-left: 12px">{self._bidi.mark()}'
            f"{html.escape(head)}</p>"
            + (
                f'<p style="color: {t.muted}; margin-left: 12px">{html.escape(as_it_was)}</p>'
                f"{indent}{old}</div>"
                if base
                else ""
            )
            + f'<p style="color: {t.muted}; margin-left: 12px">{the_rewrite}</p>{indent}{new}</div>'
        )

    def _splits_html(
        self, splits: list[dict[str, Any]], reviews: list[dict[str, Any]], order: DisplayOrder
    ) -> str:
        """The criteria the reviewers graded differently, response by response, each with
        its points and every reviewer's grade and note."""
        t = self._theme

        def label(rid: str) -> str:
            return _response(order.label_of(rid)) if rid in order.order else rid

        def note(who: str, split: dict[str, Any]) -> str:
            for r in reviews:
                if r.get("reviewer") != who:
                    continue
                per = r["answers"].get(split.get("question", "rubric"))
                entry = per.get(split["response"], {}) if isinstance(per, dict) else {}
                found = entry.get(split["criterion"]) if isinstance(entry, dict) else None
                text = found.get("note") if isinstance(found, dict) else None
                return text.strip() if isinstance(text, str) else ""
            return ""

        items = []
        ordered = sorted(splits, key=lambda s: label(str(s.get("response", ""))))
        for split in ordered:
            points = int(split.get("points", 0))
            worth = (
                f"{points:+d}"
                if points >= 0
                else translate("reviews_panel", "{points}, a penalty when met").format(
                    points=f"{points:+d}"
                )
            )
            by_grade: dict[str, list[str]] = {_grade(g): [] for g in GRADES}
            for g in split.get("grades", []):
                by_grade[_grade(g.get("met"))].append(str(g["reviewer"]))
            iso = self._bidi.isolate
            said = ", ".join(
                f"<b>{name}</b> ({html.escape(', '.join(map(iso, sorted_by_name(who, str))))})"
                for name, who in by_grade.items()
                if who
            )
            notes = [
                f"{html.escape(iso(str(g['reviewer'])))}: “{html.escape(iso(text))}”"
                for g in split.get("grades", [])
                if (text := note(str(g["reviewer"]), split))
            ]
            criterion = translate("reviews_panel", "criterion “{text}” ({points})").format(
                text=iso(str(split.get("text", split.get("criterion", "")))),
                points=iso(worth),
            )
            items.append(
                f"<li>{self._bidi.mark()}{html.escape(label(str(split.get('response', ''))))} · "
                f"{html.escape(criterion)}: {said}"
                + (
                    f'<br><span style="color: {t.quote_text}">{"; ".join(notes)}</span>'
                    if notes
                    else ""
                )
                + "</li>"
            )
        n = len(splits)
        heading = english_plural(Plural.tr("%n criterion(s) the reviewers split on", "", n), n)
        open_ = translate("reviews_panel", "(left open in the form: grade each)")
        return (
            f'<p style="margin-bottom: 2px">{self._bidi.mark()}<b>{html.escape(heading)}</b> '
            f'<span style="color: {t.muted}">{html.escape(open_)}</span></p>'
            f'<ul style="margin-top: 0px">{"".join(items)}</ul>'
        )
