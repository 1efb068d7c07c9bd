"""Nearest valid codes for a mistyped one: hidden and look-alike characters, repaired forms, difflib."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Sequence
from typing import Any

from planwatch.ingest.columns import fold

# --- hidden and look-alike characters ----------------------------------------------------------------

# Letters of other scripts that look like the Latin letters of a code (I, V, X, a, b, c, d …).
_LOOKALIKES = str.maketrans(
    {
        "А": "A", "В": "B", "С": "C", "Е": "E", "І": "I", "К": "K", "М": "M", "Н": "H", "О": "O",
        "Р": "P", "Т": "T", "Х": "X", "а": "a", "в": "b", "с": "c", "ԁ": "d", "е": "e", "і": "i",
        "о": "o", "р": "p", "х": "x", "Ι": "I", "Α": "A", "Β": "B", "Ε": "E", "Κ": "K", "Μ": "M",
        "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Χ": "X", "ι": "i", "α": "a", "ο": "o",
        "Ⅰ": "I", "Ⅱ": "II", "Ⅲ": "III", "Ⅳ": "IV", "Ⅴ": "V", "Ⅹ": "X",
    }
)  # fmt: skip


def foreign_characters(code: str) -> list[str]:
    """Each hidden or non-Latin character of a code, named with its position (1-based)."""
    found = []
    for i, ch in enumerate(code, start=1):
        if ch.isascii() and ch.isprintable():
            continue
        name = unicodedata.name(ch, "")
        category = unicodedata.category(ch)
        if category[0] in "CZ" or not name:
            what = "ký tự ẩn"
        elif name.startswith("CYRILLIC"):
            what = "chữ Kirin (Cyrillic)"
        elif name.startswith("GREEK"):
            what = "chữ Hy Lạp (Greek)"
        else:
            what = "ký tự không phải chữ Latin"
        found.append(f"{what} U+{ord(ch):04X}{f' ({name})' if name else ''} ở vị trí {i}")
    return found


def strip_lookalikes(code: str) -> str:
    """The code with hidden characters removed and look-alike letters replaced by their Latin twins."""
    mapped = unicodedata.normalize("NFKC", code.translate(_LOOKALIKES))
    return "".join(ch for ch in mapped if ch.isascii() and ch.isprintable()).strip()


# --- suggestions ------------------------------------------------------------------------------------

_ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


def code_repairs(code: str) -> list[str]:
    """Plausible intended forms of a mistyped code: missing dots (`II4a` → `II.4.a`), case, Arabic for
    Roman section numbers (`2.4` → `II.4`)."""
    tokens = re.findall(r"[A-Za-z]+|\d+", code)
    if not tokens:
        return []
    head, rest = tokens[0], tokens[1:]
    heads = []
    if head.isdigit() and 1 <= int(head) <= len(_ROMAN):
        heads.append(_ROMAN[int(head) - 1])
    elif head.upper() in _ROMAN or head.upper() == "N":
        heads.append(head.upper())
    else:
        # A Roman head glued to a letter suffix ("IIa") cannot be split without guessing.
        heads.append(head)
    tail = [t.lower() if t.isalpha() else str(int(t)) for t in rest]
    return [".".join([h, *tail]) for h in heads]


def nearest_codes(code: str, known: Sequence[str] | dict[str, Any], n: int = 3) -> list[str]:
    """The closest catalogue codes to `code`: repaired forms first, then difflib's nearest."""
    codes = list(known)
    found = [c for c in code_repairs(code) if c in codes]
    for candidate in difflib.get_close_matches(code, codes, n=n, cutoff=0.6):
        if candidate not in found:
            found.append(candidate)
    return found[:n]


def nearest_label(text: str, labels: Sequence[str]) -> str | None:
    """The choice closest to `text` (a status, a task state), compared without accents or case."""
    folded = [fold(label) for label in labels]
    near = difflib.get_close_matches(fold(text), folded, n=1, cutoff=0.5)
    return labels[folded.index(near[0])] if near else None
