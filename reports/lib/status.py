"""Assessment statuses (DESIGN.md §3): label, symbol and grey that survive black-and-white print."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Status:
    """How a status is shown: label, a print-safe symbol, a grey level (0 black … 1 white), a chart hatch."""

    code: str
    label_vi: str
    symbol: str
    grey: float
    hatch: str


# Ordered from best to worst; the symbols differ in shape, not only in colour, so a photocopy keeps them.
STATUSES: dict[str, Status] = {
    s.code: s
    for s in (
        Status("achieved", "Đã đạt", "●", 0.15, ""),
        Status("on_track", "Đúng tiến độ", "◕", 0.35, "..."),
        Status("moderate", "Cần đẩy nhanh", "◑", 0.55, "//"),
        Status("insufficient", "Chậm tiến độ", "◔", 0.7, "xx"),
        Status("regressing", "Đi lùi", "▼", 0.85, "\\\\"),
        Status("no_data", "Chưa có số liệu", "○", 1.0, ""),
        Status("not_assessable", "Không đánh giá được", "–", 1.0, ""),
    )
}


def label(code: str | None) -> str:
    """The status as printed in a table: symbol and Vietnamese label ("◑ Cần đẩy nhanh")."""
    s = STATUSES.get(code or "")
    return f"{s.symbol} {s.label_vi}" if s else (code or "–")
