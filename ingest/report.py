"""The rejection report an analyst reads: terminal text, and a Markdown + JSON file pair.

Vietnamese first, the stable English key on every line (`[not_owner] dòng 7, cột "ma_chi_tieu": …`),
so people can read it and scripts can match on it.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

from ingest.errors import IngestError
from ingest.model import Problem


def _as_problem(item: Problem | IngestError) -> Problem:
    if isinstance(item, Problem):
        return item
    from ingest.validate import error_to_problem

    return error_to_problem(item)


def format_problem(problem: Problem, *, file: str | None = None) -> str:
    """One line: `[key] dòng R, cột "C": message (giá trị: …) (expected: …) (gợi ý: …)`."""
    where = []
    if problem.file and problem.file != file:
        where.append(f'tệp "{problem.file}"')
    if problem.row is not None:
        where.append(f"dòng {problem.row}")
    if problem.column:
        where.append(f'cột "{problem.column}"')
    line = f"[{problem.key}] "
    line += f"{', '.join(where)}: {problem.message_vi}" if where else problem.message_vi
    if problem.value is not None:
        line += f' (giá trị: "{problem.value}")'
    if problem.expected:
        line += f" (expected: {problem.expected})"
    if problem.suggestion:
        line += f" (gợi ý: {problem.suggestion})"
    return line


def format_rejection(problems: Sequence[Problem | IngestError], *, file: str) -> str:
    """The terminal text for a rejected file: a headline, then every problem on its own line."""
    items = [_as_problem(p) for p in problems]
    head = (
        f'Tệp "{file}" bị từ chối toàn bộ, không có dòng nào được nạp: {len(items)} lỗi '
        f"(submission rejected: {len(items)} problems, nothing loaded)."
    )
    lines = [head, *(f"  {format_problem(p, file=file)}" for p in items)]
    lines.append("Sửa các lỗi trên rồi nộp lại cả tệp (fix and resubmit the whole file).")
    return "\n".join(lines)


def write_rejection_report(
    problems: Sequence[Problem | IngestError], path: Path, *, file: str | None = None
) -> tuple[Path, Path]:
    """Write `path` as Markdown (.md) and JSON (.json) for the analyst; returns both paths."""
    items = [_as_problem(p) for p in problems]
    name = file or (items[0].file if items else "")
    md_path, json_path = path.with_suffix(".md"), path.with_suffix(".json")
    md_path.parent.mkdir(parents=True, exist_ok=True)
    counts = Counter(p.key for p in items)
    json_path.write_text(
        json.dumps(
            {
                "file": name,
                "rejected": True,
                "problem_count": len(items),
                "counts_by_key": dict(sorted(counts.items())),
                "problems": [asdict(p) for p in items],
            },
            ensure_ascii=False,
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    md_path.write_text(_markdown(items, name, counts), encoding="utf-8")
    return md_path, json_path


def _markdown(items: list[Problem], name: str, counts: Counter[str]) -> str:
    lines = [
        f"# Bản nộp bị từ chối: {name}",
        "",
        f"Tệp **{name}** bị từ chối toàn bộ, không có dòng nào được nạp: **{len(items)} lỗi** "
        "(submission rejected, nothing loaded). Sửa các lỗi dưới đây rồi nộp lại cả tệp.",
        "",
        "## Tóm tắt (summary)",
        "",
        "| Khóa (key) | Số lỗi |",
        "|---|---:|",
        *(f"| `{key}` | {n} |" for key, n in sorted(counts.items())),
        "",
        "## Chi tiết (details)",
        "",
        "| Tệp | Dòng | Cột | Khóa (key) | Giá trị | Lỗi | Cần (expected) | Gợi ý (nearest) |",
        "|---|---:|---|---|---|---|---|---|",
    ]
    for p in items:
        cells = [
            p.file,
            "" if p.row is None else str(p.row),
            p.column or "",
            f"`{p.key}`",
            p.value or "",
            p.message_vi,
            p.expected or "",
            p.suggestion or "",
        ]
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    # A pipe or a line break would split the Markdown table row.
    return text.replace("|", "\\|").replace("\r", " ").replace("\n", " ")
