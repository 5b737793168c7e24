"""Write resources/demo/suggestions.jsonl: an AI judge's suggestion for one demo task.

Run from anywhere: ``python resources/demo/make_suggestions.py`` (with Docket installed:
the response ids are the ones ``docket pack`` gives the rows of tasks.jsonl). The verdict
and critique are hand-written for the demo, in the manner of an LLM judge; no model wrote
them. The demo's forms keep the default reveal policy, ``after-answer``: the reviewer
answers the kickball task blind, then sees this verdict beside their own.
"""

import json
from pathlib import Path

from docket.core.task_loading import load_tasks_jsonl

HERE = Path(__file__).resolve().parent
TASK = "alpaca-002"
CRITIQUE = (
    "Both responses explain kickball correctly. The first (gpt-4o) goes further where a "
    "newcomer is most easily taken advantage of: it explains tagging up after a caught ball, "
    "that runners may not lead off or steal, and warns that hitting a runner with the ball "
    "below the shoulders is allowed only in some leagues. The second (claude-3.5-sonnet) is "
    "accurate and easier to skim, and adds that sliding is usually not allowed, but says "
    "nothing of tagging up or leading off.\n\n"
    "Verdict: the first response is slightly better."
)


def main() -> None:
    task = next(t for t in load_tasks_jsonl(HERE / "tasks.jsonl") if t.id == TASK)
    by_model = {r.model: r.id for r in task.responses}
    first = by_model["gpt-4o-2024-05-13"]
    second = by_model["claude-3-5-sonnet-20240620"]
    line = {
        "task": TASK,
        "agent": "demo-judge",
        "answers": {
            "preference": {"better": first, "strength": "slight"},
            "likert": {
                first: {"helpfulness": 5, "correctness": 5},
                second: {"helpfulness": 4, "correctness": 5},
            },
        },
        "critique": CRITIQUE,
        "confidence": 0.7,
    }
    (HERE / "suggestions.jsonl").write_text(json.dumps(line) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
