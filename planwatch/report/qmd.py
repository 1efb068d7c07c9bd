"""Read a Quarto document (.qmd): YAML front matter, markdown, and ```{python} cells with `#|` options."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml


class QmdError(Exception):
    """The document is not in the subset of Quarto that planwatch renders (reports/README.md)."""


@dataclass(frozen=True)
class Markdown:
    """A run of markdown between cells, passed through as it is."""

    text: str


@dataclass(frozen=True)
class Cell:
    """A ```{python} cell: its code without the `#|` option lines, the options, where it starts (the line
    in `source`: the document itself, or the file it includes the cell from)."""

    code: str
    options: dict[str, Any] = field(default_factory=dict)
    line: int = 0
    source: Path | None = None

    @property
    def tags(self) -> list[str]:
        tags = self.options.get("tags") or []
        return [tags] if isinstance(tags, str) else list(tags)


@dataclass(frozen=True)
class Document:
    """A parsed .qmd: front matter and the body as markdown runs and cells in order."""

    path: Path
    meta: dict[str, Any]
    parts: list[Markdown | Cell]

    @property
    def cells(self) -> list[Cell]:
        return [p for p in self.parts if isinstance(p, Cell)]


_CELL_START = re.compile(r"^(?P<fence>`{3,})\s*\{(?P<lang>[A-Za-z0-9_]+)(?P<rest>[^}]*)\}\s*$")
_FENCE = re.compile(r"^(?P<fence>`{3,}|~{3,})")
_OPTION = re.compile(r"^#\|\s?(?P<yaml>.*)$")


@dataclass(frozen=True)
class Line:
    """One line of the document after includes are expanded, with the file and line it comes from."""

    text: str
    source: Path
    number: int

    @property
    def where(self) -> str:
        return f"{self.source}:{self.number}"


# Quarto's include shortcode on a line of its own: `{{< include _appendix.qmd >}}`.
_INCLUDE = re.compile(r"^\s*\{\{<\s*include\s+(?P<file>\S+)\s*>\}\}\s*$")


def expand_includes(
    lines: list[str], source: Path, first: int = 1, within: tuple[Path, ...] = ()
) -> list[Line]:
    """The lines with every `{{< include file >}}` replaced by that file's lines, as Quarto does before it
    runs anything: the path is relative to the including file, includes may nest, a cycle is refused."""
    out: list[Line] = []
    for number, text in enumerate(lines, start=first):
        found = _INCLUDE.match(text)
        if not found:
            out.append(Line(text, source, number))
            continue
        included = (source.parent / found["file"]).resolve()
        if included in within or included == source:
            raise QmdError(f"{source}:{number}: {found['file']} includes itself (include cycle)")
        if not included.is_file():
            raise QmdError(f"{source}:{number}: the included file {found['file']} does not exist")
        body = included.read_text(encoding="utf-8").splitlines()
        out.extend(expand_includes(body, included, 1, (*within, source)))
    return out


def _split_front_matter(text: str, path: Path) -> tuple[dict[str, Any], list[str], int]:
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        return {}, lines, 0
    for end in range(1, len(lines)):
        if lines[end].strip() in {"---", "..."}:
            meta = yaml.safe_load("\n".join(lines[1:end])) or {}
            if not isinstance(meta, dict):
                raise QmdError(f"{path}: the front matter is not a YAML mapping")
            return meta, lines[end + 1 :], end + 1
    raise QmdError(f"{path}: the front matter (---) is never closed")


def _cell(body: list[str], start: Line, path: Path) -> Cell:
    option_lines: list[str] = []
    rest = list(body)
    while rest and (m := _OPTION.match(rest[0])):
        option_lines.append(m["yaml"])
        rest.pop(0)
    try:
        options = yaml.safe_load("\n".join(option_lines)) or {} if option_lines else {}
    except yaml.YAMLError as exc:
        raise QmdError(f"{start.where}: cell options (#|) are not valid YAML: {exc}") from exc
    return Cell("\n".join(rest), options, start.number, None if start.source == path else start.source)


def parse_qmd(path: Path) -> Document:
    """Parse a .qmd file, its includes expanded; fenced code that is not ```{python} stays markdown."""
    meta, body, offset = _split_front_matter(path.read_text(encoding="utf-8"), path)
    lines = expand_includes(body, path, offset + 1)
    parts: list[Markdown | Cell] = []
    buffer: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i].text
        start = _CELL_START.match(line)
        fence = _FENCE.match(line)
        if start:
            if start["lang"] != "python":
                raise QmdError(f"{lines[i].where}: only python cells are supported, not {{{start['lang']}}}")
            closing = start["fence"]
            j = i + 1
            while j < len(lines) and lines[j].text.strip() != closing:
                j += 1
            if j == len(lines):
                raise QmdError(f"{lines[i].where}: the python cell is never closed ({closing})")
            if buffer:
                parts.append(Markdown("\n".join(buffer)))
                buffer = []
            parts.append(_cell([x.text for x in lines[i + 1 : j]], lines[i], path))
            i = j + 1
            continue
        if fence:
            # Plain fenced code (```sql, ```{=typst}) is markdown: copy it whole; no cell starts inside.
            closing = fence["fence"]
            j = i + 1
            while j < len(lines) and not lines[j].text.strip().startswith(closing):
                j += 1
            buffer.extend(x.text for x in lines[i : j + 1])
            i = j + 1
            continue
        buffer.append(line)
        i += 1
    if buffer:
        parts.append(Markdown("\n".join(buffer)))
    return Document(path, meta, parts)
