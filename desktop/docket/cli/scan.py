"""``docket scan FILE.jsonl``: PII in any JSONL file, for a release pipeline.

Every string of every row is scanned (nested objects and lists too) by
:func:`docket.core.pii_detect.scan_json_value`. Each finding is printed as
``FILE:LINE: PATH: TYPE (severity) at START-END: PREVIEW`` where the preview is masked
(``J*** S****``): the scan's output must not leak what it found. A summary per type and
severity follows. The file is read one line at a time (bounded memory); on a terminal a
progress line shows how far it got.

Exit codes: 0 no high-severity finding, 1 at least one, 2 the file (or a line of it)
could not be read: a scan that skipped data cannot vouch for it.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from docket.cli.common import EXIT_ERROR, EXIT_OK, EXIT_USAGE, add_verb, shown

if TYPE_CHECKING:
    from docket.cli.common import Verbs
    from docket.core.pii import Finding

EXIT_UNREADABLE = EXIT_USAGE
"""2: the input could not be read (the same code as a usage error: nothing was vouched
for)."""
DEFAULT_MAX_FINDINGS = 50
PROGRESS_EVERY_S = 0.25


class _Progress:
    def __init__(self, path: Path, size: int) -> None:
        self.show = sys.stderr.isatty()
        self.path = path
        self.size = size
        self.last = 0.0

    def update(self, line: int, done: int) -> None:
        now = time.monotonic()
        if not self.show or now - self.last < PROGRESS_EVERY_S:
            return
        self.last = now
        share = f" ({done * 100 // self.size}%)" if self.size else ""
        print(
            f"\rscanning {shown(self.path.name)[:40]} line {line:,}{share}",
            end="",
            file=sys.stderr,
            flush=True,
        )

    def close(self) -> None:
        if self.show and self.last:
            print("\r\x1b[K", end="", file=sys.stderr, flush=True)


def _scan(args: argparse.Namespace) -> int:
    from docket.core.pii import SEVERITY_ORDER, Severity, summary_counts
    from docket.core.pii_detect import json_strings, masked_preview, scan_text

    path = Path(args.file)
    try:
        handle: IO[bytes] = path.open("rb")
        size = path.stat().st_size
    except OSError as exc:
        print(f"docket: error: cannot read {shown(path)}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    limit = max(0, args.max_findings)
    progress = _Progress(path, size)
    shown_findings: list[dict[str, Any]] = []
    all_findings: list[Finding] = []
    bad_lines: list[str] = []
    truncated: list[str] = []
    rows = rows_with = 0
    done = 0
    with handle:
        for number, raw in enumerate(handle, start=1):
            done += len(raw)
            progress.update(number, done)
            if not raw.strip():
                continue
            try:
                row = json.loads(raw.decode("utf-8"))
            except (UnicodeDecodeError, ValueError) as exc:
                bad_lines.append(f"{shown(path)}:{number}: not a JSON value ({shown(exc)})")
                continue
            rows += 1
            row_found = 0
            for where, text in json_strings(row):
                scan = scan_text(text)
                if scan.truncated:
                    truncated.append(f"{number}: {where}")
                row_found += len(scan.findings)
                for finding in scan.findings:
                    all_findings.append(finding)
                    if len(shown_findings) >= limit:
                        continue
                    shown_findings.append(
                        {
                            "line": number,
                            "path": where,
                            "type": finding.type,
                            "severity": finding.severity.value,
                            "start": finding.start,
                            "end": finding.end,
                            "confidence": round(finding.confidence, 3),
                            "preview": masked_preview(text[finding.start : finding.end]),
                        }
                    )
            rows_with += bool(row_found)
    progress.close()
    counts = summary_counts(all_findings)
    high = sum(per.get(Severity.HIGH.value, 0) for per in counts.values())
    if args.json:
        report = {
            "file": str(path),
            "rows": rows,
            "rows_with_findings": rows_with,
            "findings": len(all_findings),
            "high": high,
            "summary": counts,
            "shown": shown_findings,
            "unreadable_lines": len(bad_lines),
            "truncated": truncated,
        }
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        for item in shown_findings:
            print(
                f"{shown(path)}:{item['line']}: {shown(item['path']) or '(row)'}: "
                f"{item['type']} ({item['severity']}) at {item['start']}-{item['end']}: "
                f"{shown(item['preview'])}"
            )
        if len(all_findings) > len(shown_findings):
            print(f"... {len(all_findings) - len(shown_findings):,} more (--max-findings)")
        print(
            f"{shown(path)}: {len(all_findings):,} finding(s) in {rows_with:,} of {rows:,} row(s)"
        )
        order = sorted(SEVERITY_ORDER, key=SEVERITY_ORDER.__getitem__, reverse=True)
        for kind, per in counts.items():
            parts = ", ".join(f"{s.value} {per[s.value]:,}" for s in order if s.value in per)
            print(f"  {kind:<14} {parts}")
        for line in truncated[:10]:
            print(f"note: line {shown(line)} is longer than the scan reads; scanned in part")
    for line in bad_lines[:20]:
        print(f"docket: error: {line}", file=sys.stderr)
    if bad_lines:
        more = f" ({len(bad_lines) - 20:,} more)" if len(bad_lines) > 20 else ""
        print(
            f"docket: error: {len(bad_lines):,} line(s) could not be read{more}; the file "
            "was not fully scanned.",
            file=sys.stderr,
        )
        return EXIT_UNREADABLE
    if high:
        print(f"{high:,} high-severity finding(s)", file=sys.stderr)
        return EXIT_ERROR
    return EXIT_OK


def register(verbs: Verbs) -> None:
    p = add_verb(
        verbs,
        "scan",
        "scan any JSONL file for PII (names, phone numbers, IDs...); exit 1 on a "
        "high-severity finding",
        _scan,
    )
    p.add_argument("file", metavar="FILE.jsonl")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument(
        "--max-findings",
        type=int,
        default=DEFAULT_MAX_FINDINGS,
        metavar="N",
        help=f"list at most N findings (default {DEFAULT_MAX_FINDINGS}); the summary "
        "counts them all",
    )
