"""The domain: tasks, responses, questions, answers, validation, display order. Pure Python."""

from docket.core.answers import Answer
from docket.core.display_order import DisplayOrder, blinded_label, display_order
from docket.core.schema import (
    ChoiceQuestion,
    FlagsQuestion,
    LikertQuestion,
    PreferenceQuestion,
    Question,
    RankingQuestion,
    RequiredWhen,
    Schema,
    TextQuestion,
    default_schema,
)
from docket.core.tasks import Response, Role, Task, TaskStatus, Turn
from docket.core.validation import check_answers, validate_answers

__all__ = [
    "Answer",
    "ChoiceQuestion",
    "DisplayOrder",
    "FlagsQuestion",
    "LikertQuestion",
    "PreferenceQuestion",
    "Question",
    "RankingQuestion",
    "RequiredWhen",
    "Response",
    "Role",
    "Schema",
    "Task",
    "TaskStatus",
    "TextQuestion",
    "Turn",
    "blinded_label",
    "check_answers",
    "default_schema",
    "display_order",
    "validate_answers",
]
