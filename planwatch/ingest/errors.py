"""Typed errors of the ingest layer, each able to say where, what, and how to fix it.

Library code raises these; the CLI turns them into messages and exit codes. ``str(error)``
is a one-line Vietnamese message that also carries the stable English key
(``[value_parse_error]``), so people can read it and scripts and tests can match on it.
"""

from __future__ import annotations

import errno
import unicodedata
from collections.abc import Sequence
from typing import Any


def printable(text: object) -> str:
    """`text` with control and invisible characters escaped (`a\\nb.csv`), for terminals and reports.

    A file name may hold a newline, an ANSI escape or a right-to-left override: echoed raw it would
    forge lines on the terminal or in a report, so every such character is shown as its escape.
    Backslashes are kept as they are, so escaping twice changes nothing.
    """
    out = []
    for ch in str(text):
        if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp", "Cs"):
            code = ord(ch)
            named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(ch)
            out.append(named or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"))
        else:
            out.append(ch)
    return "".join(out)


class IngestError(Exception):
    """Base class: a problem with a submission that the user can act on."""

    key = "ingest_error"
    title_vi = "Lỗi khi nhập số liệu"

    def __init__(
        self,
        detail: str = "",
        *,
        key: str | None = None,
        file: str | None = None,
        row: int | None = None,
        column: str | None = None,
        value: Any = None,
        expected: str | None = None,
        suggestion: str | None = None,
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        if key is not None:
            # A finer key for one kind of problem (e.g. "future_period"), same class.
            self.key = key
        self.file = file
        # The row as the user sees it in the file (spreadsheet row number, header = 1).
        self.row = row
        self.column = column
        self.value = value
        self.expected = expected
        self.suggestion = suggestion

    def located(
        self, *, file: str | None = None, row: int | None = None, column: str | None = None
    ) -> IngestError:
        """Fill in the location the raiser could not know; keep what is already set.

        Pure parsers know only the value; the reader catches, adds file/row/column, re-raises.
        """
        self.file = self.file if self.file is not None else file
        self.row = self.row if self.row is not None else row
        self.column = self.column if self.column is not None else column
        return self

    def where_vi(self) -> str:
        """The location in Vietnamese (`tệp "a.csv", dòng 5, cột "gia_tri"`), or ''."""
        parts = []
        if self.file is not None:
            parts.append(f'tệp "{printable(self.file)}"')
        if self.row is not None:
            parts.append(f"dòng {self.row}")
        if self.column is not None:
            parts.append(f'cột "{self.column}"')
        return ", ".join(parts)

    def as_dict(self) -> dict[str, Any]:
        """The error as plain data, for a rejection log or a JSON answer."""
        return {
            "key": self.key,
            "message_vi": str(self),
            "detail": self.detail,
            "file": self.file,
            "row": self.row,
            "column": self.column,
            "value": None if self.value is None else str(self.value),
            "expected": self.expected,
            "suggestion": self.suggestion,
        }

    def __str__(self) -> str:
        head = f"[{self.key}] {self.title_vi}"
        if self.detail:
            head += f": {self.detail}"
        parts = [head]
        where = self.where_vi()
        if where:
            parts.append(f"tại {where}")
        if self.value is not None:
            parts.append(f'giá trị "{printable(self.value)}"')
        if self.expected:
            parts.append(f"cần: {self.expected}")
        if self.suggestion:
            parts.append(f"cách sửa: {self.suggestion}")
        return "; ".join(parts)


class ReadError(IngestError):
    """A file that cannot be read as a submission: its format, encoding or header.

    Keys: unsupported_file, file_not_found, empty_file, unreadable_encoding, missing_columns,
    duplicate_column. ``offset`` is the byte offset of the first undecodable byte;
    ``found``/``missing`` list header columns for missing_columns.
    """

    key = "read_error"
    title_vi = "Không đọc được tệp nộp"

    def __init__(
        self,
        detail: str = "",
        *,
        offset: int | None = None,
        found: Sequence[str] = (),
        missing: Sequence[str] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(detail, **kwargs)
        self.offset = offset
        self.found = tuple(found)
        self.missing = tuple(missing)


class ValueParseError(IngestError):
    """A cell that should hold a number does not hold a readable one."""

    key = "value_parse_error"
    title_vi = "Không đọc được số"


class PeriodParseError(IngestError):
    """A period (kỳ) written in a form the ingest layer does not accept."""

    key = "period_parse_error"
    title_vi = "Không đọc được kỳ báo cáo"


class ValidationError(IngestError):
    """A readable row that breaks a rule (unknown indicator, future period, wrong unit…)."""

    key = "validation_error"
    title_vi = "Số liệu không hợp lệ"


class OwnershipError(ValidationError):
    """A department submitted an indicator it does not lead (DESIGN §2 Ownership)."""

    key = "ownership_error"
    title_vi = "Đơn vị không chủ trì chỉ tiêu này"


class SubmissionRejected(IngestError):
    """A whole submission refused because of one or more problems; nothing of it is loaded."""

    key = "submission_rejected"
    title_vi = "Bản nộp bị từ chối toàn bộ, không có dòng nào được nạp"

    def __init__(
        self,
        problems: Sequence[IngestError],
        *,
        file: str | None = None,
        suggestion: str | None = None,
    ) -> None:
        self.problems = list(problems)
        super().__init__(
            f"{len(self.problems)} lỗi",
            file=file,
            suggestion=suggestion or "sửa các lỗi dưới đây rồi nộp lại cả tệp",
        )

    def as_dict(self) -> dict[str, Any]:
        data = super().as_dict()
        data["problems"] = [p.as_dict() for p in self.problems]
        return data

    def __str__(self) -> str:
        lines = [super().__str__()]
        lines += [f"  {i}. {p}" for i, p in enumerate(self.problems, start=1)]
        return "\n".join(lines)


class StorageError(IngestError):
    """The disk refused a write (full, read-only, too large a file): nothing was changed."""

    key = "storage_error"
    title_vi = "Không ghi được lên đĩa, không có gì thay đổi (cannot write to disk, nothing changed)"

    @classmethod
    def from_os_error(cls, exc: OSError, *, file: object = None, doing: str = "") -> StorageError:
        """The clear message for an OSError raised while writing `file` (ENOSPC gets key disk_full)."""
        full = exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)
        key = "disk_full" if full else "storage_error"
        reason = "đĩa đầy (disk full)" if full else (exc.strerror or type(exc).__name__)
        detail = f"{doing}: {reason}" if doing else reason
        return cls(
            detail,
            key=key,
            file=None if file is None else str(file),
            suggestion="giải phóng dung lượng đĩa rồi chạy lại lệnh (free disk space and run again)"
            if full
            else "kiểm tra quyền ghi và ổ đĩa rồi chạy lại lệnh",
        )


def is_disk_full(exc: BaseException) -> bool:
    """True for an OSError(ENOSPC/EDQUOT/EFBIG) or a DuckDB error caused by one (DuckDB wraps it in text)."""
    if isinstance(exc, OSError):
        return exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)
    text = str(exc).lower()
    return any(s in text for s in ("no space left", "disk quota", "file too large", "could not write"))
