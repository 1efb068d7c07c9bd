"""The report font: TeX Gyre Termes (Times metrics, every Vietnamese diacritic), installed by `make setup`.

Typst is given the bundled font's folder with the machine's own fonts ignored, so the same input gives the
same PDF on every machine (a machine with Liberation or Times New Roman would otherwise typeset in it, and
the text order of the page changes with the metrics). `PLANWATCH_REPORT_FONT="Times New Roman"` asks for
an installed font by its family name instead: the machine's fonts are then searched, the bundled font
still stands behind it.
"""

from __future__ import annotations

import importlib.metadata
import os
from dataclasses import dataclass
from pathlib import Path

# The PyPI package that ships TeX Gyre Termes 2.004 (GUST Font License: redistribution allowed) as OTF.
# Installed with --no-deps (Makefile): it declares rinohtype, a typesetter planwatch does not use.
FONT_PACKAGE = "rinoh-typeface-texgyretermes"
FONT_FAMILY = "TeX Gyre Termes"
FONT_SETTING = "PLANWATCH_REPORT_FONT"


class FontMissing(Exception):
    """The bundled report font is not installed (make setup installs it)."""


def bundled_font_dir() -> Path:
    """The folder holding the bundled OTF files (read from the installed package's file list)."""
    try:
        dist = importlib.metadata.distribution(FONT_PACKAGE)
    except importlib.metadata.PackageNotFoundError:
        raise FontMissing(
            f"chưa cài phông chữ báo cáo {FONT_FAMILY} (the report font is not installed): chạy `make setup` "
            f"hoặc `.venv/bin/pip install --no-deps {FONT_PACKAGE}`"
        ) from None
    otf = [f for f in dist.files or [] if f.suffix == ".otf"]
    if not otf:
        raise FontMissing(f"gói {FONT_PACKAGE} không có tệp .otf (the font package has no OTF files)")
    return Path(str(dist.locate_file(otf[0]))).parent


@dataclass(frozen=True)
class FontSettings:
    """What Typst is given: the font folders, whether the machine's fonts are searched, the first family."""

    font_paths: tuple[str, ...]
    ignore_system_fonts: bool
    mainfont: str | None  # None: the template's own list, led by the bundled font


def font_settings() -> FontSettings:
    """The bundled font alone by default; PLANWATCH_REPORT_FONT set: that family first, system fonts on."""
    folder = str(bundled_font_dir())
    wanted = os.environ.get(FONT_SETTING, "").strip()
    if not wanted or wanted == FONT_FAMILY:
        return FontSettings((folder,), True, None)
    return FontSettings((folder,), False, wanted)


def main() -> None:
    """`python -m planwatch.report.fonts` prints the font folder (TYPST_FONT_PATHS for `quarto render`)."""
    print(bundled_font_dir())


if __name__ == "__main__":
    main()
