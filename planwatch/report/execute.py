"""Execute a .qmd's python cells in order, in one namespace, and turn their outputs into pandoc markdown.

This is what Quarto's Jupyter engine does for `quarto render`, for the subset of cell options listed in
reports/README.md. It runs in a child process (`python -m planwatch.report.execute`), as a kernel would:
the document's code, open connections and matplotlib state end with it.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import io
import json
import os
import sys
import traceback
import warnings
from pathlib import Path
from typing import Any

from planwatch.report.qmd import Cell, Document, Markdown, QmdError, parse_qmd


class CellFailed(Exception):
    """A cell raised: the message names the document line and carries the traceback."""


def _option(cell: Cell, meta: dict[str, Any], name: str, default: Any) -> Any:
    if name in cell.options:
        return cell.options[name]
    return (meta.get("execute") or {}).get(name, default)


def _run(code: str, namespace: dict[str, Any], filename: str) -> Any:
    """Run the code; return the value of a final bare expression, as a Jupyter cell would display it."""
    tree = ast.parse(code, filename=filename)
    last = None
    if tree.body and isinstance(tree.body[-1], ast.Expr):
        last = ast.Expression(tree.body.pop().value)
    exec(compile(tree, filename, "exec"), namespace)
    if last is not None:
        return eval(compile(last, filename, "eval"), namespace)
    return None


def parameter_assignments(doc: Document, params: dict[str, Any]) -> str:
    """The code papermill injects after the parameters cell; names must be declared in `params:`."""
    declared = doc.meta.get("params")
    if isinstance(declared, dict):
        unknown = sorted(set(params) - set(declared))
        if unknown:
            raise QmdError(
                f"{doc.path}: unknown parameter(s) {', '.join(unknown)}; declared: {', '.join(declared)}"
            )
    return "\n".join(f"{name} = {value!r}" for name, value in params.items())


def _fenced(text: str, cls: str) -> str:
    fence = "````" if "```" in text else "```"
    return f"\n{fence} {{{cls}}}\n{text.rstrip()}\n{fence}\n\n"


def execute(doc: Document, params: dict[str, Any]) -> str:
    """Run every cell (parameters cell first, then the given params) and return the markdown body."""
    namespace: dict[str, Any] = {"__name__": "__main__"}
    out: list[str] = []
    injected = parameter_assignments(doc, params)
    has_parameters_cell = any("parameters" in c.tags for c in doc.cells)
    if injected and not has_parameters_cell:
        raise QmdError(f"{doc.path}: parameters given but no cell is tagged `parameters`")
    for part in doc.parts:
        if isinstance(part, Markdown):
            out.append(part.text + "\n")
            continue
        cell = part
        source = cell.source or doc.path  # an included file's cell is named by that file
        filename = f"{source.name}:{cell.line}"
        if _option(cell, doc.meta, "echo", True) is True and _option(cell, doc.meta, "include", True):
            out.append(f"\n```python\n{cell.code.strip()}\n```\n\n")
        if not _option(cell, doc.meta, "eval", True):
            continue
        stdout = io.StringIO()
        try:
            with contextlib.redirect_stdout(stdout), warnings.catch_warnings():
                if not _option(cell, doc.meta, "warning", True):
                    warnings.simplefilter("ignore")
                value = _run(cell.code, namespace, filename)
                if "parameters" in cell.tags and injected:
                    _run(injected, namespace, f"{doc.path.name}:injected-parameters")
        except Exception as exc:
            raise CellFailed(
                f"{source}: ô lệnh ở dòng {cell.line} lỗi (the cell at line {cell.line} failed):\n"
                + "".join(traceback.format_exception(exc))
            ) from exc
        output = _option(cell, doc.meta, "output", True)
        if output is False or not _option(cell, doc.meta, "include", True):
            continue
        if output == "asis":
            if value is not None:
                raise CellFailed(
                    f"{source}:{cell.line}: an `output: asis` cell must print() its markdown, "
                    "not end in an expression (Quarto would print its repr with quotes)"
                )
            out.append("\n" + stdout.getvalue() + "\n")
            continue
        if stdout.getvalue():
            out.append(_fenced(stdout.getvalue(), ".cell-output"))
        if value is not None:
            out.append(_fenced(repr(value), ".cell-output"))
    return "".join(out)


def main(argv: list[str] | None = None) -> int:
    """Child-process entry: execute the document in the work folder and write the markdown body."""
    parser = argparse.ArgumentParser(prog="python -m planwatch.report.execute")
    parser.add_argument("qmd", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--params", default="{}", help="JSON object of parameter values")
    args = parser.parse_args(argv)
    doc = parse_qmd(args.qmd.resolve())
    # As under Quarto: the document's folder is importable; relative files such as figures are written in
    # the working directory, which the caller sets to the work folder.
    sys.path.insert(0, str(doc.path.parent))
    os.environ.setdefault("MPLBACKEND", "Agg")
    try:
        body = execute(doc, json.loads(args.params))
    except (CellFailed, QmdError) as exc:
        print(exc, file=sys.stderr)
        return 1
    args.out.write_text(body, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
