"""The built-in demo: demo keys and a workspace loaded with real tasks from resources/.

Created once under the user's data directory and reused, so `make demo` is quick the
second time and the reviewer's demo answers survive between runs. The bundle holds the
sample files of resources/demo in order: the real AlpacaEval tasks, a grounded
legal-research task whose answers cite its source documents, and three HealthBench tasks
graded against physicians' criteria. One task (the kickball question) carries an AI
judge's suggestion (hand-written for the demo, resources/demo/suggestions.jsonl), shown
after the reviewer answers it blind.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import platformdirs

from docket.bundles import keys
from docket.workspace import Workspace

DEMO_REVIEWER = "demo-reviewer"
DEMO_SERVER = "demo-server"
DEMO_FILES = ("tasks.jsonl", "grounded.jsonl", "rubric.jsonl")
"""The sample task files, packed into one bundle in this order."""
DEMO_SUGGESTIONS = "suggestions.jsonl"
"""An AI judge's suggestions for some of the sample tasks, packed with them."""
DEMO_GUIDELINES = """\
# Demo guidelines

Compare the responses as an expert would.

- Prefer the response that is **correct** first, then **helpful**, then well presented.
- Flag *hallucination* when a response states something false as fact.
- Explain a **strong** preference or any flag in the rationale.
- When a task has sources, check each claim against the document it cites: flag
  *unsupported claim* when no document supports it, *wrong citation* when the cited
  document does not say it.
- When a task has a rubric, grade every criterion for every response: **Y** met, **N**
  not met, **-** not applicable (the criterion does not concern this conversation). A
  penalty (negative points) is *met* when the response does the harmful thing it names.
"""


@dataclass(frozen=True, slots=True)
class DemoInfo:
    workspace: Path
    key: Path
    server_card: Path
    tasks: int
    pairs: int
    rankings: int
    grounded: int
    rubrics: int
    answered: int
    suggested: int = 0
    """Tasks with an AI judge's suggestion to see after answering."""


def demo_home() -> Path:
    return Path(platformdirs.user_data_dir("docket", appauthor=False)) / "demo"


def prepare_demo(home: Path | None = None, *, count: bool = True) -> DemoInfo:
    """Create (once) demo keys for a server and a reviewer, a signed task bundle of the
    sample tasks, and a workspace with that bundle imported; returns what is in it
    (without ``count``, only where it is: the window starts without reading every task
    first, and the counts are 0)."""
    home = home or demo_home()
    key_dir = home / "keys"
    key_path = key_dir / f"{DEMO_REVIEWER}.key"
    server_key_path = key_dir / f"{DEMO_SERVER}.key"
    for name, path in ((DEMO_REVIEWER, key_path), (DEMO_SERVER, server_key_path)):
        if not path.exists():
            keys.write_key_pair(keys.generate(name), key_dir, passphrase=None)
    server_card = key_dir / f"{DEMO_SERVER}.pub"
    with Workspace.open(home / "workspace", key_path) as ws:
        if ws.store.task_count() == 0:
            from docket.server.pack import pack  # the first demo only

            folder = resources.files("docket.resources") / "demo"
            rows = "".join((folder / name).read_text(encoding="utf-8") for name in DEMO_FILES)
            with tempfile.TemporaryDirectory() as scratch:
                tasks_path = Path(scratch) / "demo-tasks.jsonl"
                tasks_path.write_text(rows, encoding="utf-8")
                suggestions_path = Path(scratch) / DEMO_SUGGESTIONS
                suggestions_path.write_text(
                    (folder / DEMO_SUGGESTIONS).read_text(encoding="utf-8"), encoding="utf-8"
                )
                packed = pack(
                    tasks_path,
                    server=keys.load_secret_key(server_key_path),
                    reviewers=[keys.load_secret_key(key_path).card()],
                    out_dir=home / "bundles",
                    guidelines=DEMO_GUIDELINES,
                    project="demo",
                    expires_days=3650,
                    suggestions_path=suggestions_path,
                )
            ws.import_bundle(packed.bundles[0].path, server_card)
        if not count:
            return DemoInfo(home / "workspace", key_path, server_card, 0, 0, 0, 0, 0, 0, 0)
        tasks = list(ws.tasks())
        answered = sum(1 for t in tasks if ws.answer(t.id) is not None)
        graded = {t.id for t in tasks if ws.schema(t.id).rubric_questions}
        compared = [t for t in tasks if t.id not in graded]
        suggested = sum(1 for t in tasks if ws.suggestion(t.id) is not None)
    return DemoInfo(
        workspace=home / "workspace",
        key=key_path,
        server_card=server_card,
        tasks=len(tasks),
        pairs=sum(1 for t in compared if len(t.responses) == 2),
        rankings=sum(1 for t in compared if len(t.responses) > 2),
        grounded=sum(1 for t in tasks if t.documents),
        rubrics=len(graded),
        answered=answered,
        suggested=suggested,
    )
