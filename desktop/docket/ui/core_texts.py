"""The interface's words for the messages the rules give (:class:`docket.reasons.Reason`):
a validation problem, a refused span or PII mark, a criterion's problem, an answer in
words, the judge's verdict. The core writes them in English (the command line prints
them so); each template is listed here for ``pyside6-lupdate`` (a test checks that every
``Reason`` template of the core is), and :func:`shown` fills the values into the
template's translation."""

from __future__ import annotations

from typing import Any

from docket.reasons import Listed, Reason
from docket.ui.i18n import QT_TRANSLATE_NOOP, translate

CONTEXT = "core_texts"

TEMPLATES = (
    QT_TRANSLATE_NOOP("core_texts", "met"),
    QT_TRANSLATE_NOOP("core_texts", "not met"),
    QT_TRANSLATE_NOOP("core_texts", "not applicable"),
    QT_TRANSLATE_NOOP("core_texts", "a tie (neither response is better)"),
    QT_TRANSLATE_NOOP("core_texts", "{ranks} (best first)"),
    QT_TRANSLATE_NOOP("core_texts", "{response} is better ({strength})"),
    QT_TRANSLATE_NOOP("core_texts", "{response} is better"),
    QT_TRANSLATE_NOOP("core_texts", "{grade}: {numbers}"),
    QT_TRANSLATE_NOOP("core_texts", "{response}: criteria {grades}"),
    QT_TRANSLATE_NOOP("core_texts", "the task: {flag}"),
    QT_TRANSLATE_NOOP("core_texts", "must name a response, turn:N or document:ID"),
    QT_TRANSLATE_NOOP("core_texts", "start and end must be integers, 0 <= start < end"),
    QT_TRANSLATE_NOOP("core_texts", "not a text of this task {targets}"),
    QT_TRANSLATE_NOOP("core_texts", "beyond the end of {target} ({length})"),
    QT_TRANSLATE_NOOP("core_texts", "must be an object with 'marked' and 'dismissed' lists"),
    QT_TRANSLATE_NOOP("core_texts", "unknown key(s) {keys} (expected 'marked', 'dismissed')"),
    QT_TRANSLATE_NOOP("core_texts", "must be a list"),
    QT_TRANSLATE_NOOP("core_texts", "at most {n} items ({given} given)"),
    QT_TRANSLATE_NOOP("core_texts", "must be an object"),
    QT_TRANSLATE_NOOP("core_texts", "unknown key(s) {keys}"),
    QT_TRANSLATE_NOOP("core_texts", "unknown type; expected one of {types}"),
    QT_TRANSLATE_NOOP("core_texts", "the same stretch is listed twice"),
    QT_TRANSLATE_NOOP("core_texts", "must be the marked text"),
    QT_TRANSLATE_NOOP("core_texts", "is not the text at these offsets"),
    QT_TRANSLATE_NOOP("core_texts", "'{what}' must be a list of criteria"),
    QT_TRANSLATE_NOOP("core_texts", "'{what}' has {given} criteria; at most {n} are allowed"),
    QT_TRANSLATE_NOOP("core_texts", "{where} must be an object with text and points"),
    QT_TRANSLATE_NOOP("core_texts", "{where} has both 'criterion' and 'text'; give one"),
    QT_TRANSLATE_NOOP("core_texts", "{where} has unknown key(s) {keys}"),
    QT_TRANSLATE_NOOP("core_texts", "{where} has no criterion text"),
    QT_TRANSLATE_NOOP("core_texts", "{where} points must be a whole number, got {points!r}"),
    QT_TRANSLATE_NOOP(
        "core_texts",
        "{where} tags must be a list of non-blank strings of at most {n} characters",
    ),
    QT_TRANSLATE_NOOP("core_texts", "{where} id must be a short non-blank string, got {id!r}"),
    QT_TRANSLATE_NOOP("core_texts", "{where} repeats criterion {other} (same id)"),
    QT_TRANSLATE_NOOP("core_texts", "{where} repeats criterion {other} (same text)"),
    QT_TRANSLATE_NOOP("core_texts", "{where} text is over {n} characters"),
    QT_TRANSLATE_NOOP(
        "core_texts", "{where} points must be between {low} and {high}, got {points}"
    ),
    QT_TRANSLATE_NOOP("core_texts", "{where} has more than {n} tags"),
    QT_TRANSLATE_NOOP("core_texts", "{where} tag(s) {tags} are not in this project's list"),
    QT_TRANSLATE_NOOP("core_texts", "{question} is answered"),
    QT_TRANSLATE_NOOP("core_texts", "a {values} preference"),
    QT_TRANSLATE_NOOP("core_texts", "any flag"),
    QT_TRANSLATE_NOOP("core_texts", "{question} is {values}"),
    QT_TRANSLATE_NOOP("core_texts", "a strong preference"),
    QT_TRANSLATE_NOOP("core_texts", "a slight preference"),
    QT_TRANSLATE_NOOP("core_texts", "expected a list of spans"),
    QT_TRANSLATE_NOOP("core_texts", "at most {n} spans ({given} given)"),
    QT_TRANSLATE_NOOP("core_texts", "expected a span object"),
    QT_TRANSLATE_NOOP("core_texts", "not a response of this task {ids}"),
    QT_TRANSLATE_NOOP("core_texts", "start and end must be whole numbers"),
    QT_TRANSLATE_NOOP("core_texts", "a span needs 0 <= start < end (got {start}..{end})"),
    QT_TRANSLATE_NOOP("core_texts", "expected the quoted raw text"),
    QT_TRANSLATE_NOOP("core_texts", "expected one of {allowed}, got {got!r}"),
    QT_TRANSLATE_NOOP("core_texts", "expected one of {allowed} or null, got {got!r}"),
    QT_TRANSLATE_NOOP("core_texts", "expected text"),
    QT_TRANSLATE_NOOP("core_texts", "outside the response ({start}..{end}, the text has {length})"),
    QT_TRANSLATE_NOOP("core_texts", "the quote is not the response's text at these offsets"),
    QT_TRANSLATE_NOOP("core_texts", "the quote's length does not match the offsets"),
    QT_TRANSLATE_NOOP("core_texts", "at most {n} characters"),
    QT_TRANSLATE_NOOP("core_texts", "overlaps span {n}; overlaps are not allowed"),
    QT_TRANSLATE_NOOP("core_texts", "a tie"),
    QT_TRANSLATE_NOOP(
        "core_texts", "The judge ({agent}) calls it a tie; you left this question open."
    ),
    QT_TRANSLATE_NOOP(
        "core_texts", "The judge ({agent}) prefers {judged}; you left this question open."
    ),
    QT_TRANSLATE_NOOP("core_texts", "The judge ({agent}) calls it a tie; you chose {chosen} too."),
    QT_TRANSLATE_NOOP(
        "core_texts", "The judge ({agent}) prefers {judged}; you chose {chosen} too."
    ),
    QT_TRANSLATE_NOOP("core_texts", "The judge ({agent}) calls it a tie; you chose {chosen}."),
    QT_TRANSLATE_NOOP("core_texts", "The judge ({agent}) prefers {judged}; you chose {chosen}."),
    QT_TRANSLATE_NOOP(
        "core_texts",
        "The judge ({agent}) answered {asked} question(s); yours match on {matching}.",
    ),
    QT_TRANSLATE_NOOP("core_texts", "{response} ({strength})"),
    QT_TRANSLATE_NOOP("core_texts", "required"),
    QT_TRANSLATE_NOOP("core_texts", "not a response id of this task {ids}"),
    QT_TRANSLATE_NOOP(
        "core_texts", "none of the {n} criteria is graded yet; grade each for every response"
    ),
    QT_TRANSLATE_NOOP("core_texts", "write at least {n} criteria"),
    QT_TRANSLATE_NOOP("core_texts", "required for {why}"),
    QT_TRANSLATE_NOOP("core_texts", "required for {why} (at least {n} characters)"),
    QT_TRANSLATE_NOOP("core_texts", "unknown key (expected 'better' and 'strength')"),
    QT_TRANSLATE_NOOP("core_texts", "the answers must be an object keyed by question id"),
    QT_TRANSLATE_NOOP("core_texts", 'expected {"better": <response id> or null, "strength": ...}'),
    QT_TRANSLATE_NOOP("core_texts", "missing: a response id, or null for a tie"),
    QT_TRANSLATE_NOOP(
        "core_texts", "a preference compares exactly two responses; this task has {n}"
    ),
    QT_TRANSLATE_NOOP(
        "core_texts", "expected one of the response ids {ids} or null, got {better!r}"
    ),
    QT_TRANSLATE_NOOP(
        "core_texts", 'expected a list of groups, best first, e.g. [["r1"], ["r2", "r3"]]'
    ),
    QT_TRANSLATE_NOOP("core_texts", "every response must be ranked; missing {missing}"),
    QT_TRANSLATE_NOOP("core_texts", 'expected {"<response id>": {"<dimension>": <score>}}'),
    QT_TRANSLATE_NOOP("core_texts", 'expected {"<response id>": [flags], "task": [flags]}'),
    QT_TRANSLATE_NOOP("core_texts", "at least {n} characters required for {why} ({given} given)"),
    QT_TRANSLATE_NOOP("core_texts", "at most {n} characters ({given} given)"),
    QT_TRANSLATE_NOOP(
        "core_texts",
        'expected {"<response id>": {"<criterion id>": {"met": true|false|null}}}',
    ),
    QT_TRANSLATE_NOOP(
        "core_texts", 'expected {"base": <response id> or null, "text": "<markdown>"}'
    ),
    QT_TRANSLATE_NOOP(
        "core_texts", "at most {n:,} characters ({given:,} written); nothing was cut"
    ),
    QT_TRANSLATE_NOOP("core_texts", "the rewrite is empty"),
    QT_TRANSLATE_NOOP("core_texts", "not a question of this task (questions: {known})"),
    QT_TRANSLATE_NOOP("core_texts", "a tie is not allowed here; choose a response"),
    QT_TRANSLATE_NOOP("core_texts", "a tie has no strength; leave it out or null"),
    QT_TRANSLATE_NOOP("core_texts", "empty group"),
    QT_TRANSLATE_NOOP("core_texts", "ties are not allowed here; one response per place"),
    QT_TRANSLATE_NOOP("core_texts", "expected an object of dimension -> score"),
    QT_TRANSLATE_NOOP("core_texts", "expected a list of flags"),
    QT_TRANSLATE_NOOP("core_texts", "{item!r} is not one of {allowed}"),
    QT_TRANSLATE_NOOP("core_texts", "expected a list of options from {options}"),
    QT_TRANSLATE_NOOP("core_texts", "at least {n} characters required ({given} given)"),
    QT_TRANSLATE_NOOP("core_texts", "expected an object of criterion id -> grade"),
    QT_TRANSLATE_NOOP("core_texts", "write at least {n} criteria ({given} so far)"),
    QT_TRANSLATE_NOOP("core_texts", "at most {n} criteria ({given} written)"),
    QT_TRANSLATE_NOOP("core_texts", "start from one of the responses here"),
    QT_TRANSLATE_NOOP("core_texts", "expected one of the response ids {ids} or null"),
    QT_TRANSLATE_NOOP("core_texts", "{rid!r} is not a response id of this task {ids}"),
    QT_TRANSLATE_NOOP("core_texts", "unknown dimension; expected one of {dimensions}"),
    QT_TRANSLATE_NOOP("core_texts", "expected a response id of this task {ids} or {task!r}"),
    QT_TRANSLATE_NOOP("core_texts", "{item!r} is given twice"),
    QT_TRANSLATE_NOOP("core_texts", "not a criterion of this task"),
    QT_TRANSLATE_NOOP("core_texts", 'expected {"met": true|false|null, "note": "..."}'),
    QT_TRANSLATE_NOOP("core_texts", "unknown key(s) {keys} (expected 'met' and 'note')"),
    QT_TRANSLATE_NOOP("core_texts", "met must be true, false or null (not applicable)"),
    QT_TRANSLATE_NOOP("core_texts", "{open} of {total} criteria not graded yet"),
    QT_TRANSLATE_NOOP(
        "core_texts",
        "change at least {n} characters of the response ({changed} changed so far)",
    ),
    QT_TRANSLATE_NOOP("core_texts", "{rid!r} is ranked more than once"),
    QT_TRANSLATE_NOOP("core_texts", "expected a whole number {low}-{high}, got {score!r}"),
    QT_TRANSLATE_NOOP("core_texts", "not graded yet"),
    QT_TRANSLATE_NOOP("core_texts", "not a text of this task"),
    QT_TRANSLATE_NOOP("core_texts", "Fix or remove the line and try again."),
    QT_TRANSLATE_NOOP(
        "core_texts", "Check the schema JSON against the question types in the documentation."
    ),
    QT_TRANSLATE_NOOP("core_texts", "Correct the fields named above; nothing was saved."),
    QT_TRANSLATE_NOOP(
        "core_texts", "Type the passphrase again; it is the one chosen at `docket keygen`."
    ),
    QT_TRANSLATE_NOOP(
        "core_texts",
        "Keep one card per party: remove the card that does not belong (compare each "
        "fingerprint with its owner), then run the command again. Nothing was done.",
    ),
    QT_TRANSLATE_NOOP(
        "core_texts",
        "Open it with the key it was created with, or choose another directory for a "
        "new workspace.",
    ),
    QT_TRANSLATE_NOOP(
        "core_texts", "List the tasks with `Workspace.tasks()`; the id must be one of them."
    ),
    QT_TRANSLATE_NOOP(
        "core_texts", "Free some disk space; answers saved before this one are intact."
    ),
    QT_TRANSLATE_NOOP(
        "core_texts",
        "Make the workspace directory writable; answers saved before this one are intact.",
    ),
    QT_TRANSLATE_NOOP("core_texts", "Unlock Docket with your passphrase to continue."),
    QT_TRANSLATE_NOOP(
        "core_texts",
        "Close the other Docket window or process using this workspace, then try again.",
    ),
    QT_TRANSLATE_NOOP(
        "core_texts",
        "Restore the workspace from a backup, or re-import the bundle into a new workspace.",
    ),
    QT_TRANSLATE_NOOP("core_texts", "Update Docket to open this workspace."),
    QT_TRANSLATE_NOOP(
        "core_texts",
        "The workspace was modified outside Docket; do not export from it and tell your lead.",
    ),
    QT_TRANSLATE_NOOP("core_texts", "Free some space or choose another folder, then try again."),
    QT_TRANSLATE_NOOP(
        "core_texts", "Ask the sender for a fresh copy of the bundle; nothing was imported."
    ),
    QT_TRANSLATE_NOOP(
        "core_texts",
        "This bundle was encrypted for someone else: check that you opened it with your own key.",
    ),
    QT_TRANSLATE_NOOP(
        "core_texts",
        "Do not use this bundle: it was altered, or it was not signed by the expected "
        "key. Ask the sender for a fresh copy.",
    ),
    QT_TRANSLATE_NOOP("core_texts", "Ask the project owner for a new bundle."),
    QT_TRANSLATE_NOOP(
        "core_texts",
        "Update Docket, or ask the sender for a bundle in a version this Docket reads.",
    ),
    QT_TRANSLATE_NOOP(
        "core_texts",
        "Each result bundle can be merged once, in its reviewer's order; see the report.",
    ),
    QT_TRANSLATE_NOOP(
        "core_texts", "Nothing was imported; import the bundle again when you are ready."
    ),
    QT_TRANSLATE_NOOP("core_texts", "Unknown"),
    QT_TRANSLATE_NOOP("core_texts", "the responses answer this turn"),
    QT_TRANSLATE_NOOP("core_texts", "User"),
    QT_TRANSLATE_NOOP("core_texts", "Assistant"),
    QT_TRANSLATE_NOOP("core_texts", "System"),
    QT_TRANSLATE_NOOP("core_texts", "Tool"),
    QT_TRANSLATE_NOOP("core_texts", "show"),
    QT_TRANSLATE_NOOP("core_texts", "hide"),
    QT_TRANSLATE_NOOP("core_texts", "{n} earlier turns ({action})"),
    QT_TRANSLATE_NOOP(
        "core_texts",
        "Hidden characters can make text display differently from what it is: "
        "bidirectional controls reorder it (“01” shown as “10”; in code, a comment "
        "where a string really is), zero-width and tag characters hide words or whole "
        "sentences. Docket shows each as a marked token in place of the character; "
        "hover over a mark for its name.",
    ),
    QT_TRANSLATE_NOOP("core_texts", "{n} bidirectional control"),
    QT_TRANSLATE_NOOP("core_texts", "{n:,} bidirectional controls"),
    QT_TRANSLATE_NOOP("core_texts", "{n} zero-width character"),
    QT_TRANSLATE_NOOP("core_texts", "{n:,} zero-width characters"),
    QT_TRANSLATE_NOOP("core_texts", "{n} tag character"),
    QT_TRANSLATE_NOOP("core_texts", "{n:,} tag characters"),
    QT_TRANSLATE_NOOP("core_texts", "{n} variation selector"),
    QT_TRANSLATE_NOOP("core_texts", "{n:,} variation selectors"),
    QT_TRANSLATE_NOOP("core_texts", "{n} control character"),
    QT_TRANSLATE_NOOP("core_texts", "{n:,} control characters"),
    QT_TRANSLATE_NOOP("core_texts", "{n} line or paragraph separator"),
    QT_TRANSLATE_NOOP("core_texts", "{n:,} line or paragraph separators"),
    QT_TRANSLATE_NOOP("core_texts", "{n} invisible character"),
    QT_TRANSLATE_NOOP("core_texts", "{n:,} invisible characters"),
    QT_TRANSLATE_NOOP("core_texts", "{first} and {last}"),
    QT_TRANSLATE_NOOP(
        "core_texts",
        "⚠ At least {count} hidden characters in {places} ({kinds}), shown as marks "
        "such as {example}.",
    ),
    QT_TRANSLATE_NOOP(
        "core_texts",
        "⚠ {count} hidden character in {places} ({kinds}), shown as marks such as {example}.",
    ),
    QT_TRANSLATE_NOOP(
        "core_texts",
        "⚠ {count} hidden characters in {places} ({kinds}), shown as marks such as {example}.",
    ),
    QT_TRANSLATE_NOOP(
        "core_texts",
        "The address contains {n} hidden character (encoded in the address shown): {names}.",
    ),
    QT_TRANSLATE_NOOP(
        "core_texts",
        "The address contains {n} hidden characters (encoded in the address shown): {names}.",
    ),
    QT_TRANSLATE_NOOP(
        "core_texts",
        "The part before “@” ({user}) is a user name, not the site: this link opens {host}.",
    ),
    QT_TRANSLATE_NOOP("core_texts", "The site's name has a part that is not valid punycode."),
    QT_TRANSLATE_NOOP(
        "core_texts",
        "Mixed scripts in the site's name: “{label}” mixes {scripts} letters "
        "({letters}); it may imitate another site's name.",
    ),
    QT_TRANSLATE_NOOP(
        "core_texts",
        "The site's name part “{label}” is written only in {script} letters that look "
        "like Latin ones; it may imitate another site's name.",
    ),
    QT_TRANSLATE_NOOP(
        "core_texts",
        "The site's name has letters beyond plain ASCII; it is shown in its ASCII "
        "(punycode) form, {host}, which stands for “{name}”.",
    ),
    QT_TRANSLATE_NOOP("core_texts", "Decrypting and verifying"),
    QT_TRANSLATE_NOOP("core_texts", "Reading tasks"),
    QT_TRANSLATE_NOOP("core_texts", "Storing"),
    QT_TRANSLATE_NOOP("core_texts", "Done"),
    QT_TRANSLATE_NOOP("core_texts", "Saving"),
)

# How a listed field's items are joined, per separator the core uses.
SEPARATORS = {
    ", ": QT_TRANSLATE_NOOP("core_texts", ", "),
    "; ": QT_TRANSLATE_NOOP("core_texts", "; "),
    " or ": QT_TRANSLATE_NOOP("core_texts", " or "),
    ", then ": QT_TRANSLATE_NOOP("core_texts", ", then "),
    " and ": QT_TRANSLATE_NOOP("core_texts", " and "),
}


def shown(message: Any, **fields: Any) -> str:
    """``message`` in the interface's language: a Reason's template translated and its
    values (translated in turn when they are Reasons or lists of them) filled in; any
    other text as it is. ``fields`` replace values (a path the reviewer reads otherwise)."""
    if isinstance(message, Listed):
        separator = SEPARATORS.get(message.separator)
        joiner = translate(CONTEXT, separator) if separator else message.separator
        return joiner.join(shown(item) for item in message)
    if not isinstance(message, Reason):
        return str(message)
    if not message.template:
        return str(message)
    text = translate(CONTEXT, message.template)
    if not message.fields and not fields:
        return text
    values = {k: _value(v) for k, v in message.fields.items()}
    values.update(fields)
    try:
        return text.format(**values)
    except (KeyError, IndexError, ValueError):  # a translation that lost a placeholder
        return message.template.format(**values)


def _value(value: Any) -> Any:
    return shown(value) if isinstance(value, (Reason, Listed)) else value


def capitalised(text: str) -> str:
    """``text`` with its first letter upper case (a message shown as a sentence)."""
    return text[:1].upper() + text[1:]
