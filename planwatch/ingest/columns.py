"""The submission contract (docs/contracts.md): the columns a department's file carries, their aliases,
and the statuses and task states it may use. Reader, validator and template all read it from here.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from typing import Literal

SubmissionKind = Literal["indicators", "tasks"]


@dataclass(frozen=True)
class Column:
    """One column of a submission: its canonical (Vietnamese) name, English key, and accepted headers."""

    name: str
    english: str
    label_vi: str
    required: bool
    aliases: tuple[str, ...] = ()


INDICATOR_COLUMNS: tuple[Column, ...] = (
    Column(
        "ma_chi_tieu",
        "indicator_code",
        "Mã chỉ tiêu",
        True,
        ("mã chỉ tiêu", "chỉ tiêu", "ma chi tieu", "code", "indicator"),
    ),
    Column("ky", "period", "Kỳ báo cáo", True, ("kỳ", "kỳ báo cáo", "ky bao cao", "thời kỳ", "period")),
    Column("gia_tri", "value", "Giá trị", True, ("giá trị", "gia tri", "số liệu", "value")),
    Column("don_vi", "unit", "Đơn vị tính", True, ("đơn vị", "đơn vị tính", "đvt", "dvt", "unit")),
    Column(
        "trang_thai",
        "status",
        "Trạng thái số liệu",
        True,
        ("trạng thái", "tình trạng số liệu", "loại số liệu", "status"),
    ),
    Column("ghi_chu", "note", "Ghi chú", False, ("ghi chú", "ghi chu", "note", "notes")),
)

TASK_COLUMNS: tuple[Column, ...] = (
    Column(
        "ma_nhiem_vu",
        "task_code",
        "Mã nhiệm vụ",
        True,
        ("mã nhiệm vụ", "nhiệm vụ", "ma nhiem vu", "task", "task code"),
    ),
    Column(
        "tinh_trang",
        "state",
        "Tình trạng thực hiện",
        True,
        ("tình trạng", "tình trạng thực hiện", "tiến độ", "state", "progress"),
    ),
    Column("ngay", "date", "Ngày", True, ("ngày", "ngày cập nhật", "ngày hoàn thành", "date")),
    Column(
        "van_ban",
        "evidence",
        "Văn bản, sản phẩm",
        False,
        ("văn bản", "sản phẩm", "kết quả", "văn bản chứng minh", "evidence", "document"),
    ),
    Column("ghi_chu", "note", "Ghi chú", False, ("ghi chú", "ghi chu", "note", "notes")),
)

# Vintages of a figure, lowest first: the current value is the most recently received one of the
# highest status (docs/domain.md).
STATUSES: dict[str, tuple[int, str]] = {
    "uoc_tinh": (1, "ước tính"),
    "so_bo": (2, "sơ bộ"),
    "chinh_thuc": (3, "chính thức"),
}
STATUS_ALIASES: dict[str, str] = {
    "uoc tinh": "uoc_tinh",
    "uoc": "uoc_tinh",
    "estimate": "uoc_tinh",
    "estimated": "uoc_tinh",
    "so bo": "so_bo",
    "preliminary": "so_bo",
    "chinh thuc": "chinh_thuc",
    "official": "chinh_thuc",
    "final": "chinh_thuc",
}

TASK_STATES: dict[str, str] = {
    "chua_trien_khai": "chưa triển khai",
    "dang_trien_khai": "đang triển khai",
    "hoan_thanh": "hoàn thành",
}
TASK_STATE_ALIASES: dict[str, str] = {
    "chua trien khai": "chua_trien_khai",
    "not started": "chua_trien_khai",
    "dang trien khai": "dang_trien_khai",
    "dang thuc hien": "dang_trien_khai",
    "in progress": "dang_trien_khai",
    "hoan thanh": "hoan_thanh",
    "da hoan thanh": "hoan_thanh",
    "done": "hoan_thanh",
    "completed": "hoan_thanh",
}

# Files generated from synthetic data carry this marker (in a cell or a note) and a sample flag.
SAMPLE_MARKER = "DỮ LIỆU MẪU"


# How many distinct texts each cell reader remembers: a file's codes, units and statuses repeat on
# every row, so each is read once; the bound keeps a hostile file from filling memory.
TEXT_CACHE_SIZE = 1 << 16


def fold(text: str) -> str:
    """Case-, accent- and space-insensitive form used to match headers and enum values."""
    return _fold_text(str(text))


@functools.lru_cache(maxsize=TEXT_CACHE_SIZE)
def _fold_text(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.lower().replace("_", " ").split())


def columns_for(kind: SubmissionKind) -> tuple[Column, ...]:
    """The columns of a submission kind."""
    return INDICATOR_COLUMNS if kind == "indicators" else TASK_COLUMNS


def match_header(header: str, kind: SubmissionKind) -> Column | None:
    """The column a header cell names (canonical name, English key or alias), or None."""
    folded = fold(header)
    for column in columns_for(kind):
        names = (column.name, column.english, column.label_vi, *column.aliases)
        if folded in {fold(n) for n in names}:
            return column
    return None


@functools.lru_cache(maxsize=TEXT_CACHE_SIZE)
def normalise_status(text: str) -> str | None:
    """`ước tính`/`so_bo`/`Chính thức`/`official` → the status key, or None when unknown."""
    folded = fold(text)
    for key, (_, label) in STATUSES.items():
        if folded in (fold(key), fold(label)):
            return key
    return STATUS_ALIASES.get(folded)


@functools.lru_cache(maxsize=TEXT_CACHE_SIZE)
def normalise_task_state(text: str) -> str | None:
    """`Đang triển khai`/`hoan_thanh`/`done` → the task-state key, or None when unknown."""
    folded = fold(text)
    for key, label in TASK_STATES.items():
        if folded in (fold(key), fold(label)):
            return key
    return TASK_STATE_ALIASES.get(folded)
