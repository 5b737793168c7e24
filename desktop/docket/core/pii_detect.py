"""The PII detector: structured identifiers, names and places in plain text.

Qt-free and offline. :func:`scan_text` reads at most :data:`MAX_SCAN_CHARS` characters
of a text (a notice says when it stopped); :func:`scan_task` scans every text of a task
and never raises: a detector failure is reported in the result, never blocks review.
"""

from __future__ import annotations

import re

from docket.core.pii import MAX_SCAN_CHARS, Finding, Scan, TaskScan, default_severity, task_texts
from docket.core.tasks import Task

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}")
_PHONE = re.compile(r"(?<!\w)(?:\+\d{1,3}[ .-]?)?(?:\(\d{3}\)\s?|\d{3}[ .-])\d{3}[ .-]\d{4}(?!\w)")


def scan_text(text: str, *, max_chars: int = MAX_SCAN_CHARS) -> Scan:
    """Every finding in ``text`` (target left empty), sorted by start."""
    head = text[:max_chars]
    found: list[Finding] = []
    for kind, pattern, confidence in (("EMAIL", _EMAIL, 0.95), ("PHONE", _PHONE, 0.7)):
        for m in pattern.finditer(head):
            found.append(Finding(kind, m.start(), m.end(), confidence, default_severity(kind)))
    found.sort(key=lambda f: (f.start, f.end))
    return Scan(tuple(found), truncated=len(text) > max_chars, scanned_chars=len(head))


def scan_task(task: Task, *, documents: bool = True) -> TaskScan:
    """Every finding in every text of ``task``, each with its target."""
    findings: list[Finding] = []
    truncated: list[str] = []
    try:
        for target, text in task_texts(task, documents=documents).items():
            scan = scan_text(text)
            findings += [f.at(target) for f in scan.findings]
            if scan.truncated:
                truncated.append(target)
    except Exception as exc:
        return TaskScan(task.id, failed=f"{type(exc).__name__}: {exc}")
    return TaskScan(task.id, tuple(findings), tuple(truncated))
