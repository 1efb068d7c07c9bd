"""Assessment statuses (docs/method.md §3.1): label, symbol and grey that survive black-and-white print."""

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


# Vietnamese reporting practice counts targets as "đạt và vượt x/y chỉ tiêu" in four groups; the mapping
# from the seven classes is in docs/method.md ("The four groups of Vietnamese reports").
GROUPS = ("vuot_ke_hoach", "dat_ke_hoach", "dat_tien_do", "chua_dat_tien_do")
GROUP_VI = {
    "vuot_ke_hoach": "vượt kế hoạch",
    "dat_ke_hoach": "đạt kế hoạch",
    "dat_tien_do": "đạt tiến độ",
    "chua_dat_tien_do": "chưa đạt tiến độ",
}


# How the status table names each class's group (Đã đạt splits by value, so its row names both).
CLASS_GROUP_VI = {
    "achieved": "Vượt hoặc đạt kế hoạch",
    "on_track": "Đạt tiến độ",
    "moderate": "Chưa đạt tiến độ",
    "insufficient": "Chưa đạt tiến độ",
    "regressing": "Chưa đạt tiến độ",
}


def plan_group(
    status: str | None, direction: str | None = None, judged: float | None = None, target: float | None = None
) -> str | None:
    """The group of one indicator: achieved splits into vượt (the judged value strictly beyond the target in
    the good direction) and đạt kế hoạch; on_track is đạt tiến độ; moderate, insufficient and regressing are
    chưa đạt tiến độ; no_data and not_assessable belong to no group (None)."""
    if status == "achieved":
        if judged is None or target is None:
            return "dat_ke_hoach"
        beyond = judged < target if direction == "lower" else judged > target
        return "vuot_ke_hoach" if beyond else "dat_ke_hoach"
    if status == "on_track":
        return "dat_tien_do"
    if status in {"moderate", "insufficient", "regressing"}:
        return "chua_dat_tien_do"
    return None


def plan_groups_sentence(rows: list[dict]) -> str:
    """ "đạt và vượt x/y chỉ tiêu (vượt kế hoạch a, đạt kế hoạch b, đạt tiến độ c); chưa đạt tiến độ d chỉ
    tiêu" from rows with status, direction, judged_value, target_value."""
    counts = dict.fromkeys(GROUPS, 0)
    for r in rows:
        group = plan_group(r["status"], r.get("direction"), r.get("judged_value"), r.get("target_value"))
        if group:
            counts[group] += 1
    y = sum(counts.values())
    x = counts["vuot_ke_hoach"] + counts["dat_ke_hoach"] + counts["dat_tien_do"]
    return (
        f"đạt và vượt {x}/{y} chỉ tiêu (vượt kế hoạch {counts['vuot_ke_hoach']}, đạt kế hoạch "
        f"{counts['dat_ke_hoach']}, đạt tiến độ {counts['dat_tien_do']}); chưa đạt tiến độ "
        f"{counts['chua_dat_tien_do']} chỉ tiêu"
    )
