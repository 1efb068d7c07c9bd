"""Charts with one message each: the actual figures against the Phụ lục 4 plan path and the 2030 target.

Drawn with matplotlib in black, greys and line styles only (readable when printed in black and white),
saved as SVG under the figure folder and returned as a markdown image the document prints.
"""

from __future__ import annotations

import os
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

from planwatch.report.cells.db import figure_id  # noqa: E402
from planwatch.report.cells.status import STATUSES  # noqa: E402
from planwatch.report.cells.tables import LABEL  # noqa: E402
from planwatch.report.cells.vn import num  # noqa: E402

# Relative to the working directory (the document's folder under Quarto, a work folder under
# `planwatch report`), so the image reference resolves in both render paths.
FIGURE_DIR_ENV = "PLANWATCH_FIGURE_DIR"
DEFAULT_FIGURE_DIR = "_figures"

plt.rcParams.update(
    {
        "font.family": "DejaVu Serif",  # ships with matplotlib; every Vietnamese diacritic
        "font.size": 10,
        "svg.fonttype": "path",  # text as outlines: the SVG needs no font where it is shown
        "svg.hashsalt": "planwatch",  # stable ids: the same data gives the same file
        "axes.spines.top": False,
        "axes.spines.right": False,
    }
)


def figure_dir() -> Path:
    """Where figures are written: $PLANWATCH_FIGURE_DIR, default ./_figures."""
    path = Path(os.environ.get(FIGURE_DIR_ENV, DEFAULT_FIGURE_DIR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def _image(path: Path, caption: str, label: str, width: str) -> str:
    # A label ("fig-…") makes it a cross-referenced figure, numbered "Hình N" by both renderers.
    if not (LABEL.fullmatch(label) and label.startswith("fig-")):
        raise ValueError(f"a chart needs a label like 'fig-status' (got {label!r})")
    return f"\n![{caption}]({path.as_posix()}){{#{label} width={width}}}\n\n"


def plan_chart(
    plan: Sequence[dict[str, Any]],
    *,
    title: str,
    unit: str,
    actual: Sequence[dict[str, Any]] = (),
    target: float | None = None,
    target_year: int = 2030,
    target_label: str = "Mục tiêu 2030",
    target_is_average: bool = False,
    height: float = 3.0,
    caption: str | None = None,
    provisional: dict[str, Any] | None = None,
    projection: dict[str, Any] | None = None,
    fan: Sequence[dict[str, Any]] = (),
    label: str,
) -> str:
    """Actual (solid, dots) vs plan path (dashed, band for a range) vs target (star); returns markdown.

    `plan` rows need year, plan_low, plan_high; `actual` rows need year, value. A target that is an
    average over the years (avg_growth) is drawn as a dotted line across them, not as a 2030 point.
    `provisional` (year, value, label) is a year-to-date figure of a year not yet closed: a hollow dot,
    joined to the last actual by a dotted line, so it never reads as a year's result.
    `projection` (year, central, low, high, label) is the method's projection for the target year with its
    80% band (docs/method.md §7): a hollow diamond with a grey bar in the target year. `fan` rows (year,
    projected_central, projected_low, projected_high; rpt_key_indicator_fan) are that projection year by
    year from the last closed year: a hatched light-grey band with a dash-dot center, ending at the diamond.
    A target that is an average over the period has no fan (its projection is of the average, not of a
    year), only the diamond.
    """
    fig, ax = plt.subplots(figsize=(6.3, height))
    years = [r["year"] for r in plan]
    low = [r["plan_low"] for r in plan]
    high = [r["plan_high"] for r in plan]
    if any(lo != hi for lo, hi in zip(low, high, strict=True)):
        ax.fill_between(years, low, high, color="0.85", label="Kịch bản Phụ lục 4 (khoảng)")
    if plan:  # not every key indicator has a Phụ lục 4 path (II.8–II.10 have none)
        ax.plot(
            years, high, color="0.35", linestyle="--", marker="s", markersize=3.5, label="Kịch bản Phụ lục 4"
        )
    if actual:
        ax.plot(
            [r["year"] for r in actual],
            [r["value"] for r in actual],
            color="black",
            linewidth=2,
            marker="o",
            label="Thực hiện",
        )
    if provisional is not None:
        before = [r for r in actual if r["year"] < provisional["year"]]
        xs = [before[-1]["year"], provisional["year"]] if before else [provisional["year"]]
        ys = [before[-1]["value"], provisional["value"]] if before else [provisional["value"]]
        ax.plot(
            xs,
            ys,
            color="black",
            linewidth=1.2,
            linestyle=":",
            marker="o",
            markevery=[len(xs) - 1],
            markersize=7,
            markerfacecolor="white",
            label=provisional["label"],
        )
    if fan:
        fan_years = [r["year"] for r in fan]
        # Hatched as well as grey: the band stays distinct from a plan range (plain grey) in black and white.
        ax.fill_between(
            fan_years,
            [r["projected_low"] for r in fan],
            [r["projected_high"] for r in fan],
            facecolor="0.92",
            edgecolor="0.6",
            hatch="....",
            linewidth=0,
            label="Khoảng dự báo 80% theo năm",
        )
        ax.plot(
            fan_years,
            [r["projected_central"] for r in fan],
            color="0.3",
            linestyle="-.",
            linewidth=1.2,
            label="Dự báo trung tâm",
        )
    if projection is not None:
        ax.errorbar(
            [projection["year"]],
            [projection["central"]],
            yerr=[[projection["central"] - projection["low"]], [projection["high"] - projection["central"]]],
            fmt="D",
            color="0.4",
            ecolor="0.4",
            elinewidth=3,
            capsize=5,
            markersize=6,
            markerfacecolor="white",
            label=projection["label"],
        )
    if target is not None and target_is_average:
        ax.axhline(
            target, color="black", linestyle=":", linewidth=1.2, label=f"{target_label}: {num(target)}"
        )
    elif target is not None:
        ax.plot(
            [target_year],
            [target],
            marker="*",
            markersize=13,
            color="black",
            linestyle="none",
            label=f"{target_label}: {num(target)}",
        )
    # The title carries the chart's one message: wrap it rather than let the figure cut it off.
    ax.set_title("\n".join(textwrap.wrap(title, 72)), fontsize=10.5, loc="left")
    ax.set_ylabel(unit)
    ticks = set(years) | {r["year"] for r in actual} | {r["year"] for r in fan} | {target_year}
    if provisional is not None:
        ticks.add(int(provisional["year"]))  # a part-year sum sits inside its year (2025,75 for 9 months)
    ax.set_xticks(sorted(ticks))
    if len(ticks) > 10:  # a pre-plan history (2016–…) ticks every year: the labels turn to fit
        ax.tick_params(axis="x", labelrotation=45, labelsize=8)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: num(v, 0 if abs(v) >= 100 or v == 0 else 1)))
    ax.grid(axis="y", color="0.9", linewidth=0.6)
    ax.legend(fontsize=8, frameon=False, loc="best")
    fig.tight_layout()
    drawn = repr(plan) + repr(actual) + repr(target) + repr(provisional) + repr(projection) + repr(fan)
    name = f"plan-{figure_id(title + drawn)}.svg"
    path = figure_dir() / name
    # Transparent: the "DỮ LIỆU MẪU" watermark behind the page stays visible through the chart.
    fig.savefig(path, format="svg", metadata={"Date": None}, transparent=True)
    plt.close(fig)
    return _image(path, caption or title, label, "100%")


def status_chart(
    rows: Sequence[dict[str, Any]], *, title: str, label: str, caption: str | None = None
) -> str:
    """Horizontal bars, one per status (rows: status, indicators), best first; greys, hatches and the
    count at the bar's end, so it reads in black and white. Returns markdown."""
    counts = {r["status"]: r["indicators"] for r in rows}
    shown = [s for s in STATUSES.values() if counts.get(s.code)]
    fig, ax = plt.subplots(figsize=(6.3, 0.42 * max(len(shown), 1) + 0.7))
    for i, s in enumerate(shown):
        ax.barh(i, counts[s.code], color=str(s.grey), edgecolor="black", linewidth=0.7, hatch=s.hatch)
        ax.text(counts[s.code], i, f"  {num(counts[s.code])}", va="center", fontsize=9)
    ax.set_yticks(range(len(shown)), [f"{s.symbol} {s.label_vi}" for s in shown])
    ax.invert_yaxis()
    ax.set_xlabel("Số chỉ tiêu")
    ax.set_xlim(0, max(counts.values(), default=1) * 1.15 + 0.5)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: num(v, 0)))
    ax.set_title(title, fontsize=10.5, loc="left")
    fig.tight_layout()
    name = f"status-{figure_id(title + repr(sorted(counts.items())))}.svg"
    path = figure_dir() / name
    fig.savefig(path, format="svg", metadata={"Date": None}, transparent=True)
    plt.close(fig)
    return _image(path, caption or title, label, "90%")
