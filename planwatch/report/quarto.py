"""Render with real Quarto (>= 1.8) when it is on PATH: `quarto render` of a copy of reports/, per format."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from planwatch.report.fonts import FontMissing, font_settings
from planwatch.report.render import RenderFailed

MINIMUM = (1, 8)
QUARTO_FORMAT = {"pdf": ("typst", ".pdf"), "html": ("html", ".html")}


def quarto_version(executable: str) -> tuple[int, ...] | None:
    """The version `quarto --version` prints, as a tuple; None when it cannot be read."""
    try:
        out = subprocess.run(
            [executable, "--version"], capture_output=True, text=True, check=False, timeout=60
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    found = re.match(r"(\d+)\.(\d+)(?:\.(\d+))?", out.stdout.strip())
    return tuple(int(g) for g in found.groups() if g is not None) if found else None


def find_quarto() -> str | None:
    """The `quarto` on PATH if it is 1.8 or later, else None."""
    executable = shutil.which("quarto")
    if executable is None:
        return None
    version = quarto_version(executable)
    return executable if version is not None and version[:2] >= MINIMUM else None


def render_quarto(
    qmd: Path,
    params: dict[str, Any],
    out_dir: Path,
    stem: str,
    formats: Sequence[str] = ("pdf", "html"),
    *,
    executable: str | None = None,
) -> dict[str, Path]:
    """`quarto render` in a copy of the document's folder: figures and caches stay out of the repo."""
    quarto = executable or find_quarto()
    if quarto is None:
        raise RenderFailed("không tìm thấy Quarto >= 1.8 (Quarto 1.8 or later not found on PATH)")
    out_dir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="planwatch-quarto-"))
    try:
        fonts = font_settings()
    except FontMissing as exc:
        raise RenderFailed(str(exc)) from exc
    # The Jupyter kernel Quarto starts must be this environment's Python, where planwatch is installed.
    # Quarto passes TYPST_FONT_PATHS to typst (no `font-paths:` in the documents): the bundled font,
    # first in the template's list, is then the one used (Quarto's typst also sees the machine's fonts).
    env = {
        **os.environ,
        "QUARTO_PYTHON": os.environ.get("QUARTO_PYTHON", sys.executable),
        "DO_NOT_TRACK": "1",
        "TYPST_FONT_PATHS": os.pathsep.join(fonts.font_paths),
    }
    try:
        project = work / qmd.parent.name
        shutil.copytree(
            qmd.parent, project, ignore=shutil.ignore_patterns("_output", "_figures", "*_files", ".quarto")
        )
        written: dict[str, Path] = {}
        for fmt in formats:
            if fmt not in QUARTO_FORMAT:
                raise RenderFailed(f"định dạng không hỗ trợ (unsupported format): {fmt}; dùng pdf, html")
            to, ext = QUARTO_FORMAT[fmt]
            command = [quarto, "render", qmd.name, "--to", to, "--output", f"{stem}{ext}"]
            for name, value in params.items():
                if value is not None:
                    command += ["-P", f"{name}:{value}"]
            if fonts.mainfont and to == "typst":
                command += ["-M", f"mainfont:{fonts.mainfont}"]
            result = subprocess.run(
                command, cwd=project, env=env, capture_output=True, text=True, check=False
            )
            if result.returncode != 0:
                raise RenderFailed(
                    f"quarto render --to {to} thất bại (failed):\n{result.stderr.strip()[-4000:]}"
                )
            produced = project / f"{stem}{ext}"
            if not produced.exists():
                raise RenderFailed(f"quarto render không tạo ra {produced.name} (did not produce the file)")
            written[fmt] = Path(shutil.move(produced, out_dir / produced.name))
        return written
    finally:
        shutil.rmtree(work, ignore_errors=True)
