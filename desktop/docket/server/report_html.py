"""The lead's report as one self-contained HTML file.

No script, no network, no external file: styles inline, plots inline SVG
(:mod:`docket.server.report_plots`), and a Content-Security-Policy that forbids loading
anything, so a copy sent by mail opens the same everywhere and "print to PDF" gives the
release note. Every value is escaped (model names, reviewer names and question ids are
data). Colour never carries meaning alone: statuses are words with a symbol, heat-map
cells print their values, plotted series have their own markers and patterns.
"""

from __future__ import annotations

import html
import statistics
from collections.abc import Callable, Iterable, Sequence

from docket.server import report_parallel
from docket.server import report_plots as plots
from docket.server.report import GOLD_TARGET, Criterion, Report
from docket.server.report_quality import TARGET_AGREEMENT
from docket.server.report_scorecard import METHODS

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
STATUS = {"pass": ("✔", "Pass"), "fail": ("✘", "Fail"), "not assessed": ("–", "Not assessed")}

CSS = """
:root { color-scheme: light; --ink: #1d232a; --muted: #56606b; --rule: #d5dbe1;
  --pass: #1b6e3a; --fail: #a32020; --band: #f4f6f8; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
  color: var(--ink); background: #fff; margin: 0 auto; max-width: 72rem;
  padding: 2rem 2.5rem 4rem; }
h1 { font-size: 1.7rem; margin: 0 0 .3rem; }
h2 { font-size: 1.3rem; margin: 2.6rem 0 .6rem; padding-bottom: .3rem;
  border-bottom: 2px solid var(--rule); }
h3 { font-size: 1.05rem; margin: 1.8rem 0 .5rem; }
p, li { max-width: 60rem; }
.meta, .method, .note { color: var(--muted); font-size: .9rem; }
.summary { font-size: 1.05rem; background: var(--band); border-left: 4px solid var(--ink);
  padding: .8rem 1.2rem; margin: 1rem 0; }
.summary li { margin: .25rem 0; }
nav ol { columns: 2; padding-left: 1.2rem; margin: .5rem 0; }
table { border-collapse: collapse; margin: .6rem 0 1rem; font-variant-numeric: tabular-nums; }
th, td { border-bottom: 1px solid var(--rule); padding: .3rem .7rem; text-align: left;
  vertical-align: top; }
th { font-weight: 600; background: var(--band); }
td.num, th.num { text-align: right; }
.status { font-weight: 600; white-space: nowrap; }
.status.pass { color: var(--pass); }
.status.fail { color: var(--fail); }
figure { margin: .8rem 0 1.4rem; }
figure svg { width: 100%; height: auto; max-width: 60rem; display: block; }
figcaption { color: var(--muted); font-size: .88rem; margin-top: .3rem; }
.missing { border: 1px dashed var(--rule); padding: .6rem 1rem; color: var(--muted); }
code { font-size: .92em; }
@media print {
  body { padding: 0; max-width: none; font-size: 11pt; }
  nav { display: none; }
  h2 { break-before: page; }
  h2.first { break-before: avoid; }
  table, figure, .summary { break-inside: avoid; }
}
"""


def e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _num(x: float | None, digits: int = 2) -> str:
    return "–" if x is None else f"{x:.{digits}f}"


def _interval(low: float | None, high: float | None, digits: int = 2) -> str:
    if low is None or high is None:
        return "–"
    return f"{low:.{digits}f} – {high:.{digits}f}"


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{100 * x:.1f} %"


def _pct_interval(low: float | None, high: float | None) -> str:
    if low is None or high is None:
        return "–"
    return f"{_pct(low)} – {_pct(high)}"


def _table(
    headers: Sequence[str], rows: Iterable[Sequence[object]], numeric: Sequence[int] = ()
) -> str:
    head = "".join(
        f'<th scope="col"{" class=num" if i in numeric else ""}>{e(h)}</th>'
        for i, h in enumerate(headers)
    )
    body = []
    for row in rows:
        cells = []
        for i, cell in enumerate(row):
            raw = isinstance(cell, Markup)
            text = str(cell) if raw else e(cell)
            cells.append(f"<td{' class=num' if i in numeric else ''}>{text}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


class Markup(str):
    """HTML already escaped (a status cell with its symbol)."""


def _figure(svg: str, caption: str) -> str:
    if not svg:
        return ""
    return f"<figure>{svg}<figcaption>{e(caption)}</figcaption></figure>"


def _missing(text: str) -> str:
    return f'<p class="missing">{e(text)}</p>'


def _meets(value: float | None) -> str:
    """The status of an agreement figure against the target."""
    if value is None:
        return "not assessed"
    return "pass" if value >= TARGET_AGREEMENT else "fail"


def _status(status: str) -> Markup:
    symbol, word = STATUS[status]
    cls = status.replace(" ", "-")
    return Markup(f'<span class="status {cls}">{symbol} {e(word)}</span>')


# --- sections ---------------------------------------------------------------------------------


def _summary(r: Report) -> str:
    items = "".join(f"<li>{e(s)}</li>" for s in r.summary)
    out = f'<h2 class="first" id="summary">Summary</h2><ul class="summary">{items}</ul>'
    if r.missing:
        out += "<h3>What is missing</h3><ul>" + "".join(f"<li>{e(m)}</li>" for m in r.missing)
        out += "</ul>"
    return out


def _readiness(rows: Sequence[Criterion]) -> str:
    table = _table(
        ["Criterion", "Status", "The numbers", "Target"],
        [(c.name, _status(c.status), c.figure, c.target) for c in rows],
    )
    return (
        '<h2 id="readiness">Release readiness</h2>'
        '<p class="note">A criterion that cannot be measured from this database is '
        "“not assessed”; it neither passes nor fails the release.</p>" + table
    )


def _ratings(r: Report) -> str:
    out = "<h3 id=ratings>Ratings</h3>"
    ratings = r.ratings
    if ratings is None:
        return out + _missing(
            "No comparison between responses of two different models was judged, so there "
            "is nothing to rate."
        )
    rows = [
        (
            i + 1,
            m.model,
            f"{m.rating:.0f}",
            _interval(m.low, m.high, 0),
            m.wins,
            m.ties,
            m.losses,
            m.comparisons,
        )
        for i, m in enumerate(ratings.models)
    ]
    out += _table(
        ["Rank", "Model", "Rating", "95 % interval", "Wins", "Ties", "Losses", "Comparisons"],
        rows,
        numeric=(0, 2, 3, 4, 5, 6, 7),
    )
    out += _figure(
        plots.interval_chart(
            [(m.model, m.rating, m.low, m.high) for m in ratings.models],
            title="Model ratings with 95 % intervals",
            axis_label="Rating (mean 1000)",
            reference=1000.0,
            reference_label="mean rating",
            value_format="{:.0f}",
        ),
        "Each model's rating (point) and its 95 % bootstrap interval (whisker).",
    )
    out += (
        f'<p class="method">{e(ratings.method)}. Intervals: {e(ratings.interval_method)}. '
        f"{ratings.outcomes:,} pairwise outcomes from preferences, rankings (each pair a "
        "ranking orders) and adjudicated verdicts, which replace the reviewers' answers on "
        "their task.</p>"
    )
    models = [m.model for m in ratings.models]
    cells = []
    for a in models:
        row: list[object] = [a]
        for b in models:
            c = ratings.matrix.get((a, b))
            row.append(
                "—" if a == b else "0 – 0 – 0" if c is None else f"{c.wins} – {c.ties} – {c.losses}"
            )
        cells.append(row)
    out += "<h3 id=wins>Wins, ties and losses</h3>"
    out += '<p class="note">Row model against column model: wins – ties – losses.</p>'
    out += _table(["Model", *models], cells)
    share = [
        [
            None
            if a == b or (c := ratings.matrix.get((a, b))) is None or not c.total
            else (c.wins + c.ties / 2) / c.total
            for b in models
        ]
        for a in models
    ]
    counts = [
        [None if a == b else getattr(ratings.matrix.get((a, b)), "total", None) for b in models]
        for a in models
    ]
    out += _figure(
        plots.heat_map(
            models,
            models,
            share,
            title="Win share of the row model against the column model",
            value_format="{:.0%}",
            vmin=0.0,
            vmax=1.0,
            counts=counts,
        ),
        "Win share counts a tie as half a win; n is the number of comparisons.",
    )
    return out


def _likert(r: Report) -> str:
    out = "<h3 id=likert>Likert scores</h3>"
    if not r.likert:
        return out + _missing("No likert rating of a response with a known model was given.")
    rows = [
        (
            s.dimension if s.question == "likert" else f"{s.question}: {s.dimension}",
            s.model,
            _num(s.mean),
            _interval(s.low, s.high),
            s.n,
            f"{s.scale[0]}–{s.scale[1]}",
        )
        for s in r.likert
    ]
    out += _table(
        ["Dimension", "Model", "Mean", "95 % interval", "Ratings", "Scale"], rows, (2, 3, 4)
    )
    out += _figure(
        plots.interval_chart(
            [(f"{s.dimension} · {s.model}", s.mean, s.low, s.high) for s in r.likert],
            title="Mean likert score per dimension and model",
            axis_label="Mean score",
        ),
        "Point: the mean rating; whisker: its 95 % interval.",
    )
    return out + f'<p class="method">Intervals: {e(METHODS["likert"])}.</p>'


def _rubric(r: Report) -> str:
    out = "<h3 id=rubric>Rubric scores</h3>"
    if not r.rubric:
        return out + _missing("No rubric was graded.")
    rows = [
        (
            m.model or "(no model named)",
            m.question,
            _num(m.score, 3),
            _interval(*m.interval),
            m.responses,
            m.tasks,
            m.unsettled,
        )
        for m in r.rubric
    ]
    out += _table(
        ["Model", "Question", "Score", "95 % interval", "Responses", "Tasks", "Unsettled"],
        rows,
        (2, 3, 4, 5, 6),
    )
    return out + (
        '<p class="method">HealthBench\'s score: per response the points of the criteria '
        "met over the positive points, the mean over responses clipped to [0, 1]; interval: "
        "percentile bootstrap over tasks.</p>"
    )


def _flags(r: Report) -> str:
    out = "<h3 id=flags>Flag rates</h3>"
    if not r.flags:
        return out + _missing("No flags question was answered on responses with a known model.")
    rows = [
        (
            f.label,
            f.model,
            f"{f.flagged} of {f.judged}",
            _pct(f.rate),
            _pct_interval(f.low, f.high),
        )
        for f in r.flags
    ]
    out += _table(["Flag", "Model", "Flagged", "Rate", "95 % interval"], rows, (2, 3, 4))
    return out + f'<p class="method">Intervals: {e(METHODS["flags"])}.</p>'


def _length(r: Report) -> str:
    out = "<h3 id=length>Does the longer answer win?</h3>"
    check = r.length
    if check is None:
        return out + _missing("No pair of responses of known length was judged.")
    rows = [
        (b.label, b.decisive, b.longer_won, _pct(b.share), _pct_interval(b.low, b.high))
        for b in (check.overall, *check.buckets)
    ]
    out += _table(
        ["Length difference", "Decisive judgments", "Longer won", "Share", "95 % interval"],
        rows,
        (1, 2, 3, 4),
    )
    verdict = (
        "The longer response wins more often than chance (the interval lies above 50 %)."
        if check.biased
        else "No evidence that the longer response wins more often than chance."
    )
    return out + (
        f"<p>{e(verdict)} Left out: {check.ties:,} ties and {check.equal_length:,} judgments "
        "between responses of equal length.</p>"
        f'<p class="method">Over the reviewers\' pair judgments; lengths in characters of the '
        f"raw response text. Intervals: {e(METHODS['length'])}.</p>"
    )


def _agreement(r: Report) -> str:
    out = "<h3 id=agreement>Agreement per question</h3>"
    if not r.agreements:
        return out + _missing(
            "No unit was judged by two or more reviewers, so agreement cannot be computed."
        )
    rows = []
    for q in r.agreements:
        alpha = q.krippendorff_alpha
        status = (
            "not assessed" if alpha is None else "pass" if alpha >= TARGET_AGREEMENT else "fail"
        )
        rows.append(
            (
                q.question,
                q.level,
                q.units,
                _pct(q.percent_agreement),
                _num(q.fleiss_kappa),
                _num(alpha),
                _interval(*q.alpha_interval) if q.alpha_interval else "–",
                _status(status),
            )
        )
    out += _table(
        ["Question", "Level", "Units", "Agreement", "Fleiss' κ", "α", "α 95 % interval", "Target"],
        rows,
        (2, 3, 4, 5, 6),
    )
    chart_rows = [
        (q.question, q.krippendorff_alpha, *(q.alpha_interval or (None, None)))
        for q in r.agreements
        if q.krippendorff_alpha is not None
    ]
    out += _figure(
        plots.interval_chart(
            chart_rows,
            title="Krippendorff's alpha per question",
            axis_label="α",
            reference=TARGET_AGREEMENT,
            reference_label=f"target {TARGET_AGREEMENT:.2f}",
        ),
        "Whiskers: percentile bootstrap intervals (computed for questions with fewer than "
        "200 units).",
    )
    return out + (
        "<p class=\"method\">Krippendorff's α at the question's level of measurement "
        "(nominal or ordinal), Fleiss' κ and percentage agreement over the units judged by "
        "two or more reviewers.</p>"
    )


def _matrix(r: Report) -> str:
    out = "<h3 id=reviewers>Reviewer x reviewer agreement</h3>"
    m = r.matrix
    if m is None or len(m.reviewers) < 2:
        return out + _missing("Fewer than two reviewers shared a task.")
    names = list(m.reviewers)
    values = [[None if a == b else m.kappa.get((a, b)) for b in names] for a in names]
    counts = [[None if a == b else m.shared.get((a, b)) for b in names] for a in names]
    out += _figure(
        plots.heat_map(
            names,
            names,
            values,
            title=f"Cohen's kappa on {m.question}",
            vmin=-1.0,
            vmax=1.0,
            counts=counts,
        ),
        "Each cell: Cohen's κ of the two reviewers over the units both judged (n).",
    )
    rows = [
        (
            who,
            _num(k),
            _status("not assessed" if k is None else "pass" if k >= TARGET_AGREEMENT else "fail"),
        )
        for who, k in sorted(r.reviewer_kappa.items())
    ]
    out += _table(["Reviewer", "Mean κ with the others", f"≥ {TARGET_AGREEMENT:.2f}"], rows, (1,))
    return out + (
        '<p class="method">The mean is weighted by the units each pair shared; a reviewer '
        "below target may need a calibration round.</p>"
    )


def _gold(r: Report) -> str:
    out = "<h3 id=gold>Gold accuracy</h3>"
    judged = [g for g in r.gold if g.total]
    if not judged:
        return out + _missing(
            "No gold item was answered: pack with --gold GOLD.jsonl to measure each "
            "reviewer's accuracy against known answers."
        )
    rows = [
        (
            g.reviewer,
            f"{g.correct} of {g.total}",
            _pct(g.accuracy),
            _pct_interval(*(g.interval or (None, None))),
        )
        for g in judged
    ]
    out += _table(["Reviewer", "Right", "Accuracy", "95 % interval"], rows, (1, 2, 3))
    out += _figure(
        plots.interval_chart(
            [(g.reviewer, g.accuracy or 0.0, *(g.interval or (None, None))) for g in judged],
            title="Gold accuracy per reviewer",
            axis_label="Accuracy",
            reference=GOLD_TARGET,
            reference_label=f"target {100 * GOLD_TARGET:.0f} %",
            value_format="{:.0%}",
            limits=(0.0, 1.0),
        ),
        "Point: accuracy on gold items; whisker: Wilson 95 % interval.",
    )
    return out + '<p class="method">Intervals: Wilson score interval (95 %).</p>'


def _quantile(ordered: Sequence[float], q: float) -> float:
    """The ``q`` quantile of sorted values (linear between the two nearest)."""
    position = q * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def _timing(r: Report) -> str:
    out = "<h3 id=time>Time per task</h3>"
    t = r.timing
    if not t.seconds:
        return out + _missing(
            "No answer carries the time spent on it (answers written through the Python API "
            "are not timed)."
        )
    minimum = t.min_seconds[0] if len(t.min_seconds) == 1 else None
    rows = []
    for who, values in t.seconds.items():
        ordered = sorted(values)  # once: the median and the quantiles read it as it is
        rows.append(
            (
                who,
                len(values),
                f"{statistics.median(ordered):.0f} s",
                f"{_quantile(ordered, 0.1):.0f} s",
                f"{_quantile(ordered, 0.9):.0f} s",
                f"{t.fast.get(who, 0)} ({_pct(t.fast.get(who, 0) / len(values))})"
                if t.min_seconds
                else "–",
                t.untimed.get(who, 0),
            )
        )
    out += _table(
        [
            "Reviewer",
            "Timed answers",
            "Median",
            "10th percentile",
            "90th percentile",
            "Faster than the minimum",
            "Untimed",
        ],
        rows,
        (1, 2, 3, 4, 5, 6),
    )
    out += _figure(
        plots.distribution_chart(
            t.seconds,
            title="Seconds per answer, per reviewer",
            axis_label="Seconds (log scale)",
            threshold=minimum,
            threshold_label="" if minimum is None else f"minimum {minimum:g} s",
            log_scale=True,
        ),
        "Box: the middle half of a reviewer's times; thick line: the median; whiskers: the "
        "5th to 95th percentile.",
    )
    if not t.min_seconds:
        out += (
            '<p class="note">The answer forms set no minimum time (a schema\'s '
            "<code>min_seconds</code>), so no answer is counted as too fast.</p>"
        )
    elif minimum is None:
        shown = ", ".join(f"{m:g} s" for m in t.min_seconds)
        out += f'<p class="note">The forms set different minimum times ({e(shown)}).</p>'
    return out + (
        '<p class="method">Time: the active seconds the window counted on the task, added '
        "over every visit until the answer was last saved.</p>"
    )


def _calibration(r: Report) -> str:
    out = "<h3 id=calibration>Calibration rounds</h3>"
    if not r.calibration:
        return out + _missing(
            "No calibration round was answered (`docket pack --calibration` makes one; its "
            "answers count here and never toward the dataset)."
        )
    rows = []
    for c in r.calibration:
        kinds = "; ".join(
            f"{k.kind} {k.correct}/{k.total}"
            + (f" ({k.exact} exact)" if k.exact != k.correct else "")
            for k in c.by_kind
        )
        rows.append(
            (
                c.reviewer,
                f"{c.tasks_correct} of {c.tasks}",
                f"{c.correct} of {c.total}",
                _pct(c.accuracy),
                _pct_interval(*(c.interval or (None, None))),
                kinds or "–",
                c.too_fast,
                c.revised,
            )
        )
    out += _table(
        [
            "Reviewer",
            "Tasks all right",
            "Items right",
            "Score",
            "95 % interval",
            "By question",
            "Too fast",
            "Revised",
        ],
        rows,
        (1, 2, 3, 4, 6, 7),
    )
    return out + (
        '<p class="method">Items: one per preference, ranking or choice question, per '
        "likert rating (right when within one point of the expected) and per rubric "
        "criterion; intervals: Wilson score interval (95 %). Calibration answers are kept "
        "apart in the merged database and never reach the dataset or the figures above.</p>"
    )


def _judges(r: Report) -> str:
    out = "<h3 id=judges>AI judges</h3>"
    if not r.judges:
        return out + _missing(
            "No AI judge's suggestion is in the merged task archive: pack with "
            "--suggestions FILE.jsonl (and merge the archive) to measure a judge against the "
            "reviewers."
        )
    for j in r.judges:
        policies = ", ".join(f"{n} {p}" for p, n in j.policies.items())
        out += (
            f"<h4>{e(j.agent)}</h4><p>{j.suggestions:,} suggestions ({e(policies)}); "
            f"{j.units:,} pairs of responses also judged by reviewers.</p>"
        )
        rows: list[tuple[str, str, str]] = [
            (
                "Accuracy against the human majority",
                f"{_pct(j.accuracy)} ({_pct_interval(*(j.accuracy_interval or (None, None)))})",
                f"{j.majority_agreed} of {j.majority_units}",
            ),
            (
                "Accuracy against adjudicated verdicts",
                _pct(j.adjudicated_accuracy),
                f"{j.adjudicated_agreed} of {j.adjudicated_units}",
            ),
            ("Cohen's κ, judge and human majority", _num(j.kappa_majority), str(j.majority_units)),
            (
                "Cohen's κ, judge and each reviewer (mean)",
                _num(j.mean_kappa_judge_human),
                f"{len(j.kappa_reviewers)} reviewers",
            ),
            (
                "Fleiss' κ, reviewers among themselves",
                _num(j.human_fleiss_kappa),
                str(j.human_units),
            ),
            (
                "Cohen's κ, reviewer and reviewer (mean)",
                _num(j.human_mean_cohen_kappa),
                str(j.human_units),
            ),
            (
                "Reviewers agreeing, not corrected for chance",
                _pct(j.human_percent_agreement),
                str(j.human_units),
            ),
            (
                "Position consistency",
                _pct(j.position.get("rate")),
                f"{j.position.get('consistent', 0)} of {j.position.get('pairs', 0)} pairs",
            ),
            (
                "Chose the longer response: judge",
                _pct(j.length.get("judge_longer_share")),
                f"{j.length.get('judge_longer', 0)} of {j.length.get('judge_decisive', 0)}",
            ),
            (
                "Chose the longer response: human majority",
                _pct(j.length.get("human_longer_share")),
                f"{j.length.get('human_longer', 0)} of {j.length.get('human_decisive', 0)}",
            ),
        ]
        if j.anchoring is not None:
            a = j.anchoring
            rows += [
                ("Revised after the reveal", _pct(a.revision_rate), f"{a.revised} of {a.rows}"),
                (
                    "Revisions toward the judge",
                    _pct(a.toward_rate),
                    f"{a.toward} of {a.revised} (away {a.away}, neither {a.neither})",
                ),
            ]
        if j.acceptance is not None:
            c = j.acceptance
            rows += [
                (
                    "Pre-filled answers accepted",
                    _pct(c.acceptance_rate),
                    f"{c.accepted_questions} of {c.suggested_questions}",
                ),
                ("Rows with a pre-filled answer changed", "", f"{c.changed_rows} of {c.rows}"),
            ]
        out += _table(["Figure", "Value", "Over"], rows, (1, 2))
        kappas = [
            ("judge – human majority", j.kappa_majority),
            ("judge – each reviewer (mean)", j.mean_kappa_judge_human),
            ("reviewers among themselves (Fleiss)", j.human_fleiss_kappa),
            ("reviewer – reviewer (mean Cohen)", j.human_mean_cohen_kappa),
        ]
        shown = [(label, k, None, None) for label, k in kappas if k is not None]
        out += _figure(
            plots.interval_chart(
                shown,
                title=f"{j.agent}: agreement beside the reviewers' own",
                axis_label="κ (0: chance, 1: perfect)",
                limits=(-0.2, 1.0),
            ),
            "Dot: κ over the pairs of responses both the judge and the reviewers judged; "
            "the reviewers' own figures are the baseline the judge is measured against.",
        )
        names = {"first": "first model", "second": "second model", "tie": "tie"}
        if j.models:
            names |= {"first": f"{j.models[0]} better", "second": f"{j.models[1]} better"}
        classes = list(j.confusion)
        out += _figure(
            plots.heat_map(
                [f"humans: {names[c]}" for c in classes],
                [f"judge: {names[c]}" for c in classes],
                [[float(j.confusion[h][c]) for c in classes] for h in classes],
                title=f"{j.agent}: human majority against the judge",
                value_format="{:.0f}",
                colorbar_label="pairs",
            ),
            "Rows: the human majority's verdict; columns: the judge's; each cell counts "
            "pairs. The two models of a pair are ordered by name.",
        )
        if j.anchored_left_out:
            out += (
                f"<p>{j.anchored_left_out} answers given on a form pre-filled with a "
                "suggestion are left out of the calibration.</p>"
            )
    return out + (
        '<p class="method">A pair is two responses of a task, its verdict first better, '
        "second better or a tie, the two ordered by their models' names. The reviewers' blind "
        "first answers are used where the suggestion was shown after answering. Human "
        "majority: a strict majority of the reviewers of the pair. Position consistency: the "
        "same two responses to the same conversation judged in two tasks, the same one "
        "preferred both times. Revisions toward the judge: the final answer agrees with the "
        "judge on more of its suggested questions than the blind one. Intervals: Wilson "
        "score interval (95 %).</p>"
    )


def _throughput(r: Report) -> str:
    out = "<h3 id=throughput>Answers per day</h3>"
    if not r.per_day:
        return out + _missing("No answer has a readable save time.")
    days = sorted({d for per in r.per_day.values() for d in per})
    series = {who: [per.get(d, 0) for d in days] for who, per in r.per_day.items()}
    out += _figure(
        plots.stacked_bars(days, series, title="Answers per day", axis_label="Answers"),
        "By the UTC day of each answer's latest save.",
    )
    rows = [(who, sum(per.values()), len(per), max(per.values())) for who, per in r.per_day.items()]
    return out + _table(["Reviewer", "Answers", "Days active", "Most in a day"], rows, (1, 2, 3))


def _drift(r: Report) -> str:
    unit = "week" if r.weekly else "day"
    out = f"<h3 id=drift>Agreement over time (per {unit})</h3>"
    if not r.drift or r.main_question is None:
        return out + _missing(
            "No unit was judged by two reviewers, so there is no agreement to follow."
        )
    out += _figure(
        plots.time_series(
            {
                "α": [(w.window, w.alpha) for w in r.drift],
                "agreement": [(w.window, w.percent_agreement) for w in r.drift],
            },
            title=f"Agreement on {r.main_question.question} per {unit}",
            axis_label="α / share agreeing",
            reference=TARGET_AGREEMENT,
            reference_label=f"target {TARGET_AGREEMENT:.2f}",
        ),
        f"A unit counts in the {unit} of its latest judgment; {unit}s with fewer than 10 "
        "shared units show a gap.",
    )
    rows = [(w.window, w.units, _pct(w.percent_agreement), _num(w.alpha)) for w in r.drift]
    return out + _table([unit.capitalize(), "Units", "Agreement", "α"], rows, (1, 2, 3))


def _flags_over_time(r: Report) -> str:
    unit = "week" if r.weekly else "day"
    out = f"<h3 id=flag-trend>Flags set per {unit}</h3>"
    if not r.flags_over_time:
        return out + _missing("No reviewer set a flag.")
    windows = sorted({w for per in r.flags_over_time.values() for w in per})
    series = {flag: [per.get(w, 0) for w in windows] for flag, per in r.flags_over_time.items()}
    out += _figure(
        plots.stacked_bars(windows, series, title=f"Flags set per {unit}", axis_label="Flags set"),
        "Every flag a reviewer set, on a response or on the task.",
    )
    rows = [(flag, sum(per.values())) for flag, per in r.flags_over_time.items()]
    return out + _table(["Flag", "Times set"], rows, (1,))


FORKED_SECTIONS = frozenset({"_ratings", "_matrix", "_timing"})
"""The sections a forked child writes while this process writes the others
(:func:`render_html` with ``parallel``): about half of the drawing at a million answers
(the time per task's box plots, the reviewer heat map and the ratings' intervals)."""


def render_html(r: Report, *, parallel: bool | None = None) -> str:
    """The whole report as one HTML document (a string). ``parallel``: whether a forked
    child writes :data:`FORKED_SECTIONS` meanwhile (:func:`docket.server.report_parallel.
    forked`; ``None``: wherever it can); the document is the same."""
    plots.require_plotting()
    o = r.overview
    title = f"Review report: {o.project or 'project'}"
    who = "Reviewers are shown by pseudonym." if r.anonymised else "Reviewers are shown by name."
    meta = (
        f"Generated {e(r.generated_at)} by docket report. {o.answers:,} answers, "
        f"{o.reviewers} reviewers, {o.tasks_answered:,} of {o.tasks_archived:,} archived tasks "
        f"answered, {o.bundles:,} result bundles merged, {o.adjudicated} adjudicated, "
        f"{o.gold_items} gold items, {o.quarantined} answers set aside. {who}"
    )
    nav = (
        "<nav><strong>Contents</strong><ol>"
        '<li><a href="#summary">Summary</a></li><li><a href="#readiness">Release readiness</a></li>'
        '<li><a href="#scorecard">Model scorecard</a></li><li><a href="#quality">Quality</a></li>'
        '<li><a href="#methods">Methods</a></li></ol></nav>'
    )
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(title)}</title><style>{CSS}</style></head><body>",
        f"<header><h1>{e(title)}</h1><p class=meta>{meta}</p></header>",
        nav,
        *_sections(r, parallel),
        "</body></html>",
    ]
    return "\n".join(parts)


def _sections(r: Report, parallel: bool | None) -> list[str]:
    """The report's sections in order, :data:`FORKED_SECTIONS` written by a forked child
    where ``parallel`` allows it and the platform can (:func:`report_parallel.can_fork`)."""
    scorecard = '<h2 id="scorecard">Model scorecard</h2>'
    quality = '<h2 id="quality">Quality</h2>'
    writers: list[Callable[[Report], str] | str] = [
        _summary, lambda r: _readiness(r.readiness),
        scorecard, _ratings, _likert, _rubric, _flags, _length,
        quality, _agreement, _matrix, _gold, _timing, _calibration, _judges, _throughput,
        _drift, _flags_over_time, _methods,
    ]  # fmt: skip
    if parallel is False or not report_parallel.can_fork():
        return [w if isinstance(w, str) else w(r) for w in writers]
    forked = [i for i, w in enumerate(writers) if getattr(w, "__name__", "") in FORKED_SECTIONS]
    here = [i for i in range(len(writers)) if i not in forked]

    def writer(i: int) -> Callable[[], str]:
        w = writers[i]
        return (lambda: w) if isinstance(w, str) else (lambda: w(r))

    mine, theirs = report_parallel.forked([writer(i) for i in here], [writer(i) for i in forked])
    out = [""] * len(writers)
    for i, text in [*zip(here, mine, strict=True), *zip(forked, theirs, strict=True)]:
        out[i] = text
    return out


def _methods(r: Report) -> str:
    items = [
        f"Ratings: {METHODS['ratings']}.",
        "Rating intervals: "
        + (r.ratings.interval_method if r.ratings else "none (no ratings)")
        + ".",
        f"Likert means: {METHODS['likert']}.",
        f"Flag rates and gold accuracy: {METHODS['flags']}.",
        "Agreement: Krippendorff's α with a percentile bootstrap interval (500 resamples of "
        "the units, seed 0) for questions with fewer than 200 units; Fleiss' κ; Cohen's κ "
        "for each pair of reviewers.",
        f"Target agreement: α ≥ {TARGET_AGREEMENT:.2f}.",
    ]
    out = '<h2 id="methods">Methods</h2><ul class="method">'
    out += "".join(f"<li>{e(i)}</li>" for i in items) + "</ul>"
    if r.warnings:
        out += "<h3>Set aside while reading</h3><ul>"
        out += "".join(f"<li>{e(w)}</li>" for w in r.warnings) + "</ul>"
    return out
