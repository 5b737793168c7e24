"""Benchmark: reading 100,000 rows of a foreign format into tasks (bar: <= 10 s).

    .venv/bin/python tests/benchmarks/bench_convert.py

For each of four formats (HelpSteer3 preferences, Chatbot Arena conversations,
UltraFeedback with four rated completions, OpenAI preference rows), 100,000 rows are
written to a temporary file with real prompts and answers (AlpacaEval's, tests/data,
cycled), then read by ``docket.core.task_loading.read_tasks_jsonl`` (detection, the
reader's mapping, Docket's row checks, the prior's checks) as ``docket pack`` reads
them. Each figure is the median of 3 runs in this process; ``convert_100k_s`` is the
slowest format's.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "desktop"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from results import record  # noqa: E402

from docket.core.task_loading import read_tasks_jsonl  # noqa: E402
from tests.reference_data import ALPACA_MODELS, alpaca_eval  # noqa: E402

ROWS = 100_000


def _sources() -> tuple[list[str], list[list[str]]]:
    outputs = [alpaca_eval(m) for m in ALPACA_MODELS]
    prompts = [o["instruction"] for o in outputs[0]]
    answers = [[o[i]["output"] for o in outputs] for i in range(len(prompts))]
    return prompts, answers


def _helpsteer3(i: int, prompt: str, answers: list[str]) -> dict[str, Any]:
    return {
        "domain": "general",
        "language": "english",
        "context": [{"role": "user", "content": f"{prompt} ({i})"}],
        "response1": answers[0],
        "response2": answers[1],
        "overall_preference": (i % 7) - 3,
        "individual_preference": [],
    }


def _arena(i: int, prompt: str, answers: list[str]) -> dict[str, Any]:
    question = f"{prompt} ({i})"
    return {
        "question_id": f"q{i}",
        "model_a": ALPACA_MODELS[0],
        "model_b": ALPACA_MODELS[1],
        "winner": ("model_a", "model_b", "tie")[i % 3],
        "judge": f"arena_user_{i % 500}",
        "conversation_a": [{"role": "user", "content": question}, {"role": "assistant", "content": answers[0]}],
        "conversation_b": [{"role": "user", "content": question}, {"role": "assistant", "content": answers[1]}],
        "turn": 1,
        "language": "English",
    }  # fmt: skip


def _ultrafeedback(i: int, prompt: str, answers: list[str]) -> dict[str, Any]:
    def rating(n: int) -> dict[str, str]:
        return {"Rating": str(1 + (i + n) % 5), "Rationale": "Rated for the benchmark."}

    return {
        "source": "evol_instruct",
        "instruction": f"{prompt} ({i})",
        "models": ALPACA_MODELS,
        "completions": [
            {
                "model": m,
                "response": a,
                "annotations": {k: rating(n) for k in ("helpfulness", "honesty")},
                "overall_score": float(1 + (i + n) % 10),
            }
            for n, (m, a) in enumerate(zip(ALPACA_MODELS, answers, strict=True))
        ],
    }


def _openai(i: int, prompt: str, answers: list[str]) -> dict[str, Any]:
    return {
        "input": {"messages": [{"role": "user", "content": f"{prompt} ({i})"}]},
        "preferred_output": [{"role": "assistant", "content": answers[0]}],
        "non_preferred_output": [{"role": "assistant", "content": answers[1]}],
    }


FORMATS: dict[str, Callable[[int, str, list[str]], dict[str, Any]]] = {
    "helpsteer3": _helpsteer3,
    "chatbot_arena": _arena,
    "ultrafeedback": _ultrafeedback,
    "openai_preference": _openai,
}


def main() -> dict[str, float | None]:
    prompts, answers = _sources()
    figures: dict[str, float | None] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, make in FORMATS.items():
            path = Path(tmp) / f"{name}.jsonl"
            with path.open("w", encoding="utf-8") as fh:
                for i in range(ROWS):
                    k = i % len(prompts)
                    fh.write(json.dumps(make(i, prompts[k], answers[k]), ensure_ascii=False) + "\n")
            runs, cpu = [], []
            for _ in range(3):
                start, start_cpu = time.perf_counter(), time.process_time()
                result = read_tasks_jsonl(path)
                runs.append(time.perf_counter() - start)
                cpu.append(time.process_time() - start_cpu)
                assert not result.errors and len(result.rows) == ROWS, result.errors[:3]
                del result
            median = sorted(runs)[1]
            figures[f"convert_100k_{name}_s"] = round(median, 2)
            size = path.stat().st_size / 1e6
            # The processor time beside the wall time: on a shared machine the wall time
            # also counts the time other work held the processor.
            print(
                f"{name}: {ROWS:,} rows ({size:.0f} MB) read in {median:.2f} s "
                f"(median of 3: {', '.join(f'{r:.2f}' for r in runs)}; processor time "
                f"{', '.join(f'{c:.2f}' for c in cpu)}; load average {os.getloadavg()[0]:.1f})",
                flush=True,
            )
            path.unlink()
    figures["convert_100k_s"] = max(v for v in figures.values() if v is not None)
    print(f"convert_100k_s (slowest format): {figures['convert_100k_s']} s")
    return figures


if __name__ == "__main__":
    record(main())
