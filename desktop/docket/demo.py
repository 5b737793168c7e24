"""The built-in demo: demo keys and a workspace loaded with real tasks from resources/.

Created once under the user's data directory and reused, so `make demo` is quick the
second time and the reviewer's demo answers survive between runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import platformdirs

from docket.bundles import keys
from docket.workspace import Workspace

DEMO_REVIEWER = "demo-reviewer"
DEMO_GUIDELINES = """\
# Demo guidelines

Compare the responses as an expert would.

- Prefer the response that is **correct** first, then **helpful**, then well presented.
- Flag *hallucination* when a response states something false as fact.
- Explain a **strong** preference or any flag in the rationale.
"""


@dataclass(frozen=True, slots=True)
class DemoInfo:
    workspace: Path
    key: Path
    tasks: int
    pairs: int
    rankings: int
    answered: int


def demo_home() -> Path:
    return Path(platformdirs.user_data_dir("docket", appauthor=False)) / "demo"


def prepare_demo(home: Path | None = None) -> DemoInfo:
    """Create (once) the demo key and workspace; returns what is in it."""
    home = home or demo_home()
    key_path = home / "keys" / f"{DEMO_REVIEWER}.key"
    if not key_path.exists():
        keys.write_key_pair(keys.generate(DEMO_REVIEWER), key_path.parent, passphrase=None)
    with Workspace.open(home / "workspace", key_path) as ws:
        if ws.store.task_count() == 0:
            sample = resources.files("docket.resources") / "demo" / "tasks.jsonl"
            with resources.as_file(sample) as path:
                ws.load_tasks(path, guidelines=DEMO_GUIDELINES, bundle_id="demo")
        tasks = list(ws.tasks())
        answered = sum(1 for t in tasks if ws.answer(t.id) is not None)
    return DemoInfo(
        workspace=home / "workspace",
        key=key_path,
        tasks=len(tasks),
        pairs=sum(1 for t in tasks if len(t.responses) == 2),
        rankings=sum(1 for t in tasks if len(t.responses) > 2),
        answered=answered,
    )
