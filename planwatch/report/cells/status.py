"""Status labels for the cells, from the one label seed (seeds/labels_status.csv): the assessment
classes' label, symbol and grey that survive black-and-white print (docs/method.md), figure states, groups."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from planwatch import config

# The one place a status code gets its words (read by SQL too: macros/status_vi.sql, the rpt_* models).
LABELS_SEED = config.REPO_ROOT / "seeds" / "labels_status.csv"


@dataclass(frozen=True)
class Status:
    """How a status is shown: label, a print-safe symbol, a grey level (0 black … 1 white), a chart hatch."""

    code: str
    label_vi: str
    symbol: str
    grey: float
    hatch: str


def read_labels(path: Path = LABELS_SEED) -> dict[str, list[dict[str, str]]]:
    """The seed's rows by domain, each domain in its `position` order."""
    with path.open(encoding="utf-8", newline="") as f:
        rows = sorted(csv.DictReader(f), key=lambda r: (r["domain"], int(r["position"])))
    domains: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        domains.setdefault(row["domain"], []).append(row)
    return domains


LABELS = read_labels()

# Ordered from best to worst; the symbols differ in shape, not only in colour, so a photocopy keeps them.
STATUSES: dict[str, Status] = {
    r["code"]: Status(r["code"], r["label_vi"], r["symbol"], float(r["grey"]), r["hatch"])
    for r in LABELS["assessment"]
}


def labels_of(domain: str) -> dict[str, str]:
    """code → Vietnamese label of one domain of the seed (figure states, submission statuses, severities)."""
    return {r["code"]: r["label_vi"] for r in LABELS[domain]}


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
CLASS_GROUP_VI = {r["code"]: r["group_vi"] for r in LABELS["assessment"] if r["group_vi"]}


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
