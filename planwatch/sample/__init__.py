"""Deterministic SYNTHETIC submissions for the built-in demo: every file says "DỮ LIỆU MẪU".

`generate_sample(catalogue, out_dir, until=…, seed=…)` writes the files departments would have sent
up to `until` and a `manifest.json` listing them in the order to ingest. Nothing here is real data:
the baselines are plausible for Hải Phòng 2025 but invented, and every file and row says so.

The story the files tell (docs/domain.md, docs/method.md):
- January 2026: a 2025 baseline (chính thức) for every assessable PHỤ LỤC 1 indicator and every
  narrative target except `NO_DATA`, from Thống kê thành phố (TKTP) or the lead agency.
- Every quarter, ~10 days after it ends (DATA_SUBMISSION_QUARTERLY): the economic indicators
  (`_DESIGN[...].quarterly`) for the quarter, 6 and 9 months, and the year in the Q4 file, as
  estimates (ước tính); the next file revises the previous quarter as sơ bộ with a different value.
  TKTP revises its year GRDP figures as sơ bộ late in February.
- After a year closes, yearly figures (ước tính) for everything else, from the lead agencies.
- Task progress (PHỤ LỤC 2) from four agencies each quarter: some done with a decision as
  evidence, some overdue and still "đang triển khai".
- Sở Xây dựng (`LATE_AGENCY`) sends everything 20–30 days late; Sở Văn hóa, Thể thao và Du lịch
  never sends its 2026-Q3 figures (`MISSING`).

Every value is a function of (seed, indicator, period) only, so the files received by an earlier
`until` are byte-identical whatever later date is chosen: a report "as of" a past date is the same.
`INTENDED_STATUS` (oracle.py) is the class (docs/method.md) each indicator is designed to reach
as of `DEMO_UNTIL`.

The jobs, one module each: design.py (who sends what, how figures move), values.py (the figures),
calendar.py (when each file arrives), tasks.py (task progress), files.py (writing CSV/XLSX), oracle.py
(INTENDED_STATUS, the test oracle), generate.py (the folder and its manifest).
"""

from planwatch.sample.design import DEMO_UNTIL, LATE_AGENCY, MISSING, NO_DATA
from planwatch.sample.generate import (
    LateSubmission,
    MissingSubmission,
    Revision,
    SampleFile,
    SampleManifest,
    generate_sample,
)
from planwatch.sample.oracle import INTENDED_STATUS

__all__ = [
    "DEMO_UNTIL",
    "INTENDED_STATUS",
    "LATE_AGENCY",
    "MISSING",
    "NO_DATA",
    "LateSubmission",
    "MissingSubmission",
    "Revision",
    "SampleFile",
    "SampleManifest",
    "generate_sample",
]
