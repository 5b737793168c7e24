"""The core's messages that the window shows (``docket.reasons.Reason``): each is the
English text itself, keeps its template and values, survives pickling, and every template
the core writes is listed for translation in ``docket/ui/core_texts.py`` (parsed with
ast: runs without Qt)."""

from __future__ import annotations

import ast
import pickle
import string
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from docket.core.schema import Schema
from docket.core.validation import check_answers
from docket.reasons import Listed, Reason

DOCKET = Path(__file__).resolve().parents[2] / "desktop" / "docket"


def core_templates() -> set[str]:
    """Every literal template of a ``Reason(...)`` or ``template(...)`` outside docket.ui."""
    found: set[str] = set()
    for path in DOCKET.rglob("*.py"):
        if "ui" in path.relative_to(DOCKET).parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", None) in ("Reason", "template")
                and node.args
            ):
                continue
            first = node.args[0]
            for value in (first.body, first.orelse) if isinstance(first, ast.IfExp) else (first,):
                if isinstance(value, ast.Constant) and isinstance(value.value, str):
                    found.add(value.value)
                else:  # a table's entry or a variable: marked with template() where written
                    assert path.name == "reasons.py" or isinstance(
                        value, (ast.Subscript, ast.Name)
                    ), f"{path.name}:{node.lineno}: not a literal"
    return found


def listed_templates() -> set[str]:
    """The templates ``docket/ui/core_texts.py`` marks for pyside6-lupdate."""
    tree = ast.parse((DOCKET / "ui" / "core_texts.py").read_text(encoding="utf-8"))
    marked = {
        node.args[1].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and getattr(node.func, "id", None) == "QT_TRANSLATE_NOOP"
        and isinstance(node.args[1], ast.Constant)
    }
    separators = {", ", "; ", " or ", ", then ", " and "}
    return marked - separators


def test_every_core_template_is_listed_for_translation() -> None:
    core, listed = core_templates(), listed_templates()
    assert len(core) > 100
    assert core - listed == set(), "add these to TEMPLATES in docket/ui/core_texts.py"
    assert listed - core == set(), "these are no longer written by the core: remove them"


def test_a_reason_is_its_english_text() -> None:
    r = Reason("at most {n} characters ({given} given)", n=500, given=612)
    assert r == "at most 500 characters (612 given)"
    assert isinstance(r, str) and r.template.startswith("at most {n}")
    assert r.fields == {"n": 500, "given": 612}
    assert Reason("required") == "required" and Reason("required").fields == {}


def test_listed_values_join_with_their_separator() -> None:
    r = Reason("required for {why}", why=Listed([Reason("any flag"), "x is answered"], " or "))
    assert r == "required for any flag or x is answered"
    assert str(Listed(["a", "b"])) == "a, b"


def test_validation_gives_reasons() -> None:
    schema = Schema.from_json(
        {
            "version": 1,
            "questions": [{"type": "text", "id": "why", "min_length": 20, "required": True}],
        }
    )
    issues = check_answers(schema, ["r1", "r2"], {"why": "short"})
    assert issues == [("why", "at least 20 characters required (5 given)")]
    message = issues[0][1]
    assert isinstance(message, Reason)
    assert message.template == "at least {n} characters required ({given} given)"


_names = st.text(alphabet=string.ascii_lowercase, min_size=1, max_size=6)
_values = st.one_of(st.integers(), st.text(max_size=20), st.lists(st.integers(), max_size=3))


@given(st.dictionaries(_names, _values, max_size=4), st.text(max_size=20))
def test_a_reason_formats_as_its_template_and_pickles(fields: dict, prefix: str) -> None:
    template = prefix.replace("{", "{{").replace("}", "}}") + "".join(
        f" {{{name}}}" for name in fields
    )
    r = Reason(template, **fields)
    assert r == (template.format(**fields) if fields else template)
    back = pickle.loads(pickle.dumps(r))
    assert back == r and back.template == template and back.fields == fields
    nested = Reason("{a}: {b}", a=r, b=Listed([r, "x"], "; "))
    again = pickle.loads(pickle.dumps(nested))
    assert again == nested and isinstance(again.fields["b"], Listed)
