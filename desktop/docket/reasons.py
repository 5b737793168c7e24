"""Messages the rules give (a validation problem, a refused mark, a link's warning, an
answer in words) that an interface may show in another language.

A :class:`Reason` is the English message itself (a ``str``: the command line prints it,
tests compare it, ``file:line: reason`` errors carry it) that also keeps the template it
was made from and the values filled in, so ``docket.ui.core_texts`` can fill the same
values into the template's translation. The templates are literals at the place they
are used; a test checks that the interface lists every one of them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def template(text: str) -> str:
    """Marks a Reason's template written apart from the ``Reason(...)`` that uses it (in a
    table): the test that the interface lists every template finds it by this name."""
    return text


class Reason(str):
    """``Reason("at most {n} characters", n=500)`` is ``"at most 500 characters"`` and
    remembers ``template`` and ``fields`` (a field may itself be a Reason)."""

    template: str
    fields: dict[str, Any]

    def __new__(cls, template: str, /, **fields: Any) -> Reason:
        self = super().__new__(cls, template.format(**fields) if fields else template)
        self.template = template
        self.fields = fields
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (self.template, self.fields))


def _rebuild(template: str, fields: dict[str, Any]) -> Reason:
    return Reason(template, **fields)


class Listed(tuple[Any, ...]):
    """A Reason's field that lists items (Reasons or names): in the message, the items
    joined by ``separator``; an interface translates each item before joining them."""

    separator: str

    def __new__(cls, items: Iterable[Any], separator: str = ", ") -> Listed:
        self = super().__new__(cls, items)
        self.separator = separator
        return self

    def __format__(self, spec: str) -> str:
        return self.separator.join(str(item) for item in self)

    def __str__(self) -> str:
        return format(self)

    def __reduce__(self) -> tuple[Any, ...]:
        return (Listed, (tuple(self), self.separator))
