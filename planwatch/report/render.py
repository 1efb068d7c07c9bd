"""Render a .qmd without Quarto: execute the cells, then pandoc → Typst (Quarto's template partials) → PDF,
and pandoc → one self-contained HTML file. The subset of Quarto this accepts is in reports/README.md.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pypandoc
import typst
import yaml

from planwatch.report.fonts import FontMissing, font_settings
from planwatch.report.qmd import Document, parse_qmd

# Files of the built-in path that stand in for what Quarto ships: the skeleton of Quarto's template.typ
# and the definitions pandoc's Typst output needs. They sit beside the shared partials.
PANDOC_TEMPLATE = "pandoc-template.typ"
DEFINITIONS = "definitions.typ"
# Front-matter keys that steer rendering and are not document metadata for the templates.
ENGINE_KEYS = {"format", "params", "execute", "jupyter", "engine", "knitr"}
TYPST_ENGINE_KEYS = {"template-partials", "template", "keep-typ", "keep-md", "output-file", "output-ext"}


class RenderFailed(Exception):
    """A step of the render failed; the message says which and why."""


def pandoc_path() -> str:
    """The pandoc binary shipped by pypandoc-binary (works offline), else one on PATH."""
    try:
        return pypandoc.get_pandoc_path()
    except OSError:
        found = shutil.which("pandoc")
        if not found:
            raise RenderFailed("không tìm thấy pandoc (pandoc not found): cài pypandoc-binary") from None
        return found


def _run(command: Sequence[str], cwd: Path, what: str) -> None:
    result = subprocess.run(list(command), cwd=cwd, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RenderFailed(f"{what} thất bại (failed, exit {result.returncode}):\n{result.stderr.strip()}")


def execute_cells(qmd: Path, params: dict[str, Any], work: Path) -> str:
    """Execute the document's cells in a child Python with `work` as working directory; the markdown body."""
    body = work / "body.md"
    command = [
        sys.executable,
        "-m",
        "planwatch.report.execute",
        str(qmd),
        str(body),
        "--params",
        json.dumps(params),
    ]
    _run(command, work, f"chạy các ô lệnh của {qmd.name} (executing the cells)")
    return body.read_text(encoding="utf-8")


def _format_options(doc: Document, fmt: str) -> dict[str, Any]:
    formats = doc.meta.get("format") or {}
    options = formats.get(fmt) if isinstance(formats, dict) else None
    return dict(options) if isinstance(options, dict) else {}


def _with_front_matter(meta: dict[str, Any], body: str) -> str:
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n" + body


def to_pdf(doc: Document, body: str, work: Path, out: Path) -> Path:
    """pandoc → Typst with the document's template partials inside Quarto's template skeleton → PDF."""
    options = _format_options(doc, "typst")
    partials = options.get("template-partials") or []
    template_dir = work / "_template"
    template_dir.mkdir(exist_ok=True)
    shared = doc.path.parent / "templates"
    for name in (PANDOC_TEMPLATE, DEFINITIONS):
        shutil.copy(shared / name, template_dir / name)
    for partial in partials:
        shutil.copy(doc.path.parent / partial, template_dir / Path(partial).name)
    try:
        fonts = font_settings()
    except FontMissing as exc:
        raise RenderFailed(str(exc)) from exc
    meta = {k: v for k, v in doc.meta.items() if k not in ENGINE_KEYS}
    meta.update({k: v for k, v in options.items() if k not in TYPST_ENGINE_KEYS})
    if fonts.mainfont:
        meta["mainfont"] = fonts.mainfont
    source = work / "document-typst.md"
    source.write_text(_with_front_matter(meta, body), encoding="utf-8")
    typ = work / "document.typ"
    _run(
        [
            pandoc_path(),
            str(source),
            "-f",
            "markdown",
            "-t",
            "typst",
            "--template",
            str(template_dir / PANDOC_TEMPLATE),
            "-o",
            str(typ),
        ],
        work,
        "pandoc → typst",
    )
    try:
        # Only the bundled font (and Typst's embedded ones) unless a setting asks for an installed font:
        # the same input gives the same PDF on every machine.
        typst.compile(
            str(typ),
            output=str(out),
            root=str(work),
            font_paths=list(fonts.font_paths),
            ignore_system_fonts=fonts.ignore_system_fonts,
        )
    except Exception as exc:  # typst raises its own error types; the message is what the user needs
        raise RenderFailed(f"typst → PDF thất bại (failed): {exc}") from exc
    return out


def to_html(doc: Document, body: str, work: Path, out: Path) -> Path:
    """pandoc → one standalone HTML file with every image and stylesheet embedded as data: URIs."""
    options = _format_options(doc, "html")
    meta = {k: v for k, v in doc.meta.items() if k not in ENGINE_KEYS}
    source = work / "document-html.md"
    source.write_text(_with_front_matter(meta, body), encoding="utf-8")
    command = [
        pandoc_path(),
        str(source),
        "-f",
        "markdown",
        "-t",
        "html5",
        "--standalone",
        "--embed-resources",
    ]
    css = options.get("css") or []
    for sheet in [css] if isinstance(css, str) else css:
        copied = work / Path(sheet).name
        shutil.copy(doc.path.parent / sheet, copied)
        command += ["--css", copied.name]
    _run([*command, "-o", str(out)], work, "pandoc → html")
    return out


def render_builtin(
    qmd: Path,
    params: dict[str, Any],
    out_dir: Path,
    stem: str,
    formats: Sequence[str] = ("pdf", "html"),
    *,
    keep_work: bool = False,
) -> dict[str, Path]:
    """Render the .qmd to `out_dir/stem.pdf` and/or `.html` without Quarto; returns the paths by format."""
    doc = parse_qmd(qmd.resolve())
    out_dir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="planwatch-render-"))
    try:
        body = execute_cells(doc.path, params, work)
        written: dict[str, Path] = {}
        for fmt in formats:
            target = out_dir / f"{stem}.{fmt}"
            if fmt == "pdf":
                written[fmt] = to_pdf(doc, body, work, target)
            elif fmt == "html":
                written[fmt] = to_html(doc, body, work, target)
            else:
                raise RenderFailed(f"định dạng không hỗ trợ (unsupported format): {fmt}; dùng pdf, html")
        return written
    finally:
        if not keep_work:
            shutil.rmtree(work, ignore_errors=True)
