"""Notes under a table: a figure's status (ước tính, sơ bộ) and its ghi_chu reach the cell as a marker.

A reader must see which printed figures are provisional and why. `mark()` gives a cell its superscript
markers (the same note keeps one number in the table); `render()` prints the numbered notes under it.
"""

from __future__ import annotations

from planwatch.report.cells.blocks import raw
from planwatch.report.cells.status import LABELS

# Why a figure of this state may still change (ước tính → sơ bộ → chính thức), from the label seed.
STATUS_NOTES = {r["code"]: r["note_vi"] for r in LABELS["figure"] if r["note_vi"]}


class TableNotes:
    """The numbered notes of one table, in the order their markers first appear."""

    def __init__(self) -> None:
        self._numbers: dict[str, int] = {}

    def _number(self, text: str) -> int:
        return self._numbers.setdefault(text, len(self._numbers) + 1)

    def mark(self, status: str | None = None, note: str | None = None) -> str:
        """The superscript markers for a figure of this status with this ghi_chu ("" if neither applies)."""
        texts = []
        if status in STATUS_NOTES:
            texts.append(STATUS_NOTES[status])
        if note and " ".join(note.split()):
            texts.append(f"Ghi chú của cơ quan gửi số liệu: {' '.join(note.split())}.")
        numbers = [self._number(t) for t in texts]
        # pandoc superscript (^…^) takes no spaces: "^1,2^"
        return f"^{','.join(str(n) for n in numbers)}^" if numbers else ""

    def __len__(self) -> int:
        return len(self._numbers)

    def render(self) -> str:
        """The notes as a small block under the table (markdown with raw Typst/HTML wrappers); "" if none."""
        if not self._numbers:
            return ""
        lines = [f"^{n}^ " + text.replace("*", "\\*") for text, n in self._numbers.items()]
        body = "*Ghi chú:* " + " \\\n".join(lines)
        return (
            raw(
                "#block(above: 0.4em, below: 1em)[#set text(size: 10.5pt)\n#set par(first-line-indent: 0pt)",
                '<div class="pw-notes">',
            )
            + body
            + "\n"
            + raw("]", "</div>")
        )
