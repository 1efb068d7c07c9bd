"""The reports' helper library: the documents show the queries; this formats numbers, tables and charts.

Imported by the .qmd documents as `from lib import …` (the working directory is reports/ under Quarto;
`planwatch report` puts reports/ on sys.path).
"""

from lib.blocks import header, landscape, raw, vintage
from lib.charts import plan_chart, status_chart
from lib.db import Report, Rows, current, has_table, q, setup
from lib.status import STATUSES, label
from lib.tables import label_for, table
from lib.vn import day, effort, num, pct, period_vi, place_date, signed, target, with_unit

__all__ = [
    "STATUSES",
    "Report",
    "Rows",
    "current",
    "day",
    "effort",
    "has_table",
    "header",
    "landscape",
    "label",
    "label_for",
    "num",
    "pct",
    "period_vi",
    "place_date",
    "plan_chart",
    "q",
    "raw",
    "setup",
    "signed",
    "status_chart",
    "table",
    "target",
    "vintage",
    "with_unit",
]
