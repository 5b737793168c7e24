"""What Docket's flat, read-only table models share: a fixed list of columns with their
header texts and tooltips, one row per item, selectable and never a tree."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from docket.ui.i18n import translate

Index = QModelIndex | QPersistentModelIndex
ROW_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
)
"""Every cell's flags: made once (a view asks for them cell by cell as it paints)."""
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole)


class ColumnsTableModel(QAbstractTableModel):
    """A table of :attr:`columns` (header texts) with :attr:`header_tips`; subclasses
    say how many rows there are (:meth:`row_total`) and what is in them (``data``)."""

    columns: tuple[str, ...] = ()
    tr_context = ""
    """The translation context of :attr:`columns` and :attr:`header_tips` (marked with
    QT_TRANSLATE_NOOP where they are defined)."""
    header_tips: tuple[str, ...] = ()

    def row_total(self) -> int:
        raise NotImplementedError

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.row_total()

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return ROW_FLAGS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role in (_DISPLAY, _ACCESSIBLE):
            return translate(self.tr_context, self.columns[section])
        if role == _TOOLTIP:
            return translate(self.tr_context, self.header_tips[section])
        return self.header_extra(section, role)

    def header_extra(self, section: int, role: int) -> Any:
        """A header role beyond text and tooltip (alignment, for one); none by default."""
        return None
