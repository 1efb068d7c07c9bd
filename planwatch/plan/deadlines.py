"""Parse the free-text deadlines of PHỤ LỤC 2 ("Thời gian thực hiện/hoàn thành").

A deadline names periods ("Quý II/2026", "Tháng 12/2025", "Năm 2027", "Giai đoạn 2026 - 2030",
"Quý I/2026 đến quý IV/2027"), recurrences ("Quý IV hàng năm", "Thực hiện thường xuyên"),
steps ("Xây dựng Kế hoạch quý I/2026; triển khai giai đoạn 2026-2030") and completion
("Năm 2025 (đã hoàn thành)"). The rules, in order:

1. Markup is removed; ``<p>``/``<li>`` blocks, ``;``, ``- `` bullets, sentence ends and
   ", "/" và " before a new action ("triển khai", "thực hiện", "tổ chức", "đưa vào",
   "thường xuyên") cut the text into segments. A segment that names no date, no
   recurrence and no completion is text of its neighbour and is joined to it; a bare
   "Thời gian thực hiện: <date>" is joined to the "Hoàn thành <date>" after it (start, end).
2. A period's end is its due date: a quarter ends on its last day, a month on its last
   day, a year on 31 December. A range ("A đến B", "A - B", "Quý I, II/2026", "Năm 2025,
   2026") or two periods in one step ("Quý I năm 2026, hoàn thành trong quý IV năm 2026")
   also give a start: the first day of the first period. A single period gives no start.
3. Recurrence: "Quý X hàng/hằng năm" → ``yearly:QX``; "tháng M hằng năm" → ``yearly:MM-DD``
   (the month's last day); other "hàng/hằng năm", "các năm tiếp theo" → ``yearly:12-31``;
   "hàng quý" → ``quarterly``; "thường xuyên", "liên tục" → ``continuous``. Yearly wins
   over continuous ("thường xuyên, hằng năm" is checked every year).
4. Kind: two or more steps → ``multi_milestone`` (one milestone per step); one step that
   says "đã hoàn thành"/"đã ban hành" → ``completed``; one recurring step → ``yearly`` or
   ``continuous`` (a quarterly one is ``continuous`` with recurrence ``quarterly``); a
   recurring step from a single period ("Năm 2025 và các năm tiếp theo") starts then and
   has no due date; one dated step → ``one_off``; anything else → ``unparsed`` with every
   date None. No date is ever guessed: a year missing from "Quý III" is taken only from a
   later date in the same text, and said so in ``parse_note``.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from planwatch.plan.document import strip_markup

KINDS: tuple[str, ...] = (
    "one_off",
    "yearly",
    "continuous",
    "multi_milestone",
    "completed",
    "unparsed",
)
RECURRENCES: tuple[str, ...] = ("none", "yearly", "quarterly", "continuous")

PLAN_START = date(2026, 1, 1)
PLAN_END = date(2030, 12, 31)


@dataclass(frozen=True)
class Milestone:
    """One dated (or recurring, or already completed) step of a deadline."""

    description: str
    due: date | None
    start: date | None = None
    already_completed: bool = False
    recurrence: str = "none"


@dataclass(frozen=True)
class Deadline:
    """A parsed deadline cell; ``text`` is the cell verbatim."""

    text: str
    kind: str
    start: date | None = None
    due: date | None = None
    recurrence: str = "none"
    recurrence_rule: str = ""
    milestones: tuple[Milestone, ...] = ()
    already_completed: bool = False
    parse_note: str = ""


# --- tokens -----------------------------------------------------------------------------

_Q = r"(?:IV|III|II|I|[1-4])(?!\w)"
_YEARLY = r"\s+h[aàằ]ng\s+năm"
_TOKEN = re.compile(
    rf"(?P<quarter>quý\s+(?P<qs>{_Q}(?:\s*,\s*{_Q})*)"
    rf"(?:\s*/\s*(?P<qy1>\d{{4}})|\s+năm\s+(?P<qy2>\d{{4}})|\s+(?P<qy3>\d{{4}}))?"
    rf"(?P<qyearly>{_YEARLY})?)"
    rf"|(?P<month>tháng\s+(?P<m>\d{{1,2}})(?!\d)"
    rf"(?:\s*/\s*(?P<my1>\d{{4}})|\s+năm\s+(?P<my2>\d{{4}}))?"
    rf"(?P<myearly>{_YEARLY})?)"
    rf"|(?P<year>(?:năm\s+)?(?<![\d/])(?P<y>(?:19|20)\d{{2}})(?!\d))"
    rf"|(?P<term>cả\s+nhiệm\s+kỳ)",
    re.IGNORECASE,
)
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_RANGE_GAP = re.compile(r"^\s*(?:-|–|—|đến)\s*$", re.IGNORECASE)
_LIST_GAP = re.compile(r"^\s*,\s*$")
# Words printed right before a date that belong to it, not to the step's description.
_LEAD_IN = re.compile(r"(?:\b(?:giai đoạn|trong|vào|từ|chậm nhất là)\s+)+$", re.IGNORECASE)
_DOC_DATE = re.compile(r"(?:ngày\s+)?\b\d{1,2}/\d{1,2}/\d{4}\b", re.IGNORECASE)
_AMBIGUOUS = re.compile(r"\d{4}\s*/\s*quý", re.IGNORECASE)
_DATE_WORD = re.compile(r"(?:quý|năm|tháng|\d)", re.IGNORECASE)

_COMPLETED = re.compile(r"đã\s+(?:hoàn\s+thành|ban\s+hành)", re.IGNORECASE)
_YEARLY_WORDS = re.compile(r"h[aàằ]ng\s+năm|các\s+năm\s+tiếp\s+theo", re.IGNORECASE)
_QUARTERLY_WORDS = re.compile(r"h[aàằ]ng\s+quý", re.IGNORECASE)
_CONTINUOUS_WORDS = re.compile(r"thường\s+xuyên|liên\s+tục", re.IGNORECASE)

# Cuts between segments (rule 1). A dash is a bullet only when the next word is not a date.
_CUT_TRIGGERS = r"(?:triển\s+khai|thực\s+hiện|tổ\s+chức|đưa\s+vào|thường\s+xuyên)"
_CUTS = (
    re.compile(r"[\n;]"),
    re.compile(r"(?:^|(?<=\s)|(?<=\d))[-–](?=\s*[^\W\d])", re.IGNORECASE),
    re.compile(r"\.(?=\s+\w)"),  # a sentence end: kept only before a capital (_cut_points)
    re.compile(r"(?<=\d{4})(?=\s+\w)"),  # "…quý IV năm 2026 Tổ chức triển khai: …"
    re.compile(rf"(?:,|\s+và)(?=\s+{_CUT_TRIGGERS}\b)", re.IGNORECASE),
)
_STARTS_WITH_FINISH = re.compile(r"^\W*(?:thời\s+gian\s+)?hoàn\s+thành", re.IGNORECASE)
_ROLE_WORDS = re.compile(r"\bthời\s+gian\s+thực\s+hiện\s*:?\s*", re.IGNORECASE)
_FINISH_ROLE = re.compile(r"\bthời\s+gian\s+hoàn\s+thành", re.IGNORECASE)


@dataclass
class _Token:
    start: int
    end: int
    kind: str  # quarter | month | year | term
    first: int = 0  # quarter or month number (first of a list)
    last: int = 0
    year: int | None = None
    yearly: bool = False
    borrowed: bool = False


@dataclass
class _Span:
    """A period named by one token or by a range/list of tokens."""

    start: date
    end: date
    is_range: bool
    pos: int


@dataclass
class _Step:
    text: str
    spans: list[_Span] = field(default_factory=list)
    rule: str = ""
    recurrence: str = "none"
    completed: bool = False
    lo: int = 0
    hi: int = 0
    tokens: list[_Token] = field(default_factory=list)


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    return strip_markup(text, keep_breaks=True)


def _tokens(text: str) -> list[_Token]:
    out: list[_Token] = []
    for m in _TOKEN.finditer(text):
        if m.group("quarter"):
            qs = [_ROMAN[q.strip().upper()] for q in m.group("qs").split(",")]
            year = m.group("qy1") or m.group("qy2") or m.group("qy3")
            out.append(
                _Token(
                    m.start(),
                    m.end(),
                    "quarter",
                    qs[0],
                    qs[-1],
                    int(year) if year else None,
                    bool(m.group("qyearly")),
                )
            )
        elif m.group("month"):
            month = int(m.group("m"))
            if not 1 <= month <= 12:
                continue
            year = m.group("my1") or m.group("my2")
            out.append(
                _Token(
                    m.start(),
                    m.end(),
                    "month",
                    month,
                    month,
                    int(year) if year else None,
                    bool(m.group("myearly")),
                )
            )
        elif m.group("year"):
            y = int(m.group("y"))
            out.append(_Token(m.start(), m.end(), "year", year=y))
        else:
            out.append(_Token(m.start(), m.end(), "term"))
    return out


def _resolve_years(tokens: list[_Token]) -> None:
    """Give a year-less quarter/month the year of the next dated token (rule 4)."""
    for i, tok in enumerate(tokens):
        if tok.kind in ("quarter", "month") and tok.year is None and not tok.yearly:
            for later in tokens[i + 1 :]:
                if later.year is not None and not later.yearly:
                    tok.year = later.year
                    tok.borrowed = True
                    break


def _token_bounds(tok: _Token, plan_start: date, plan_end: date) -> tuple[date, date] | None:
    if tok.kind == "term":
        return plan_start, plan_end
    if tok.year is None or tok.yearly:
        return None
    if tok.kind == "year":
        return date(tok.year, 1, 1), date(tok.year, 12, 31)
    if tok.kind == "month":
        return date(tok.year, tok.first, 1), _last_day(tok.year, tok.first)
    return date(tok.year, 3 * tok.first - 2, 1), _last_day(tok.year, 3 * tok.last)


def _spans(text: str, tokens: list[_Token], plan_start: date, plan_end: date) -> list[_Span]:
    """Join tokens linked by "-", "đến" (ranges) or "," between years (lists) into spans."""
    spans: list[_Span] = []
    prev: _Token | None = None
    for tok in tokens:
        bounds = _token_bounds(tok, plan_start, plan_end)
        if bounds is None:
            prev = None
            continue
        gap = text[prev.end : tok.start] if prev is not None else None
        linked = gap is not None and (
            _RANGE_GAP.match(gap) or (_LIST_GAP.match(gap) and prev.kind == tok.kind == "year")
        )
        if linked and spans:
            spans[-1] = _Span(spans[-1].start, bounds[1], True, spans[-1].pos)
        else:
            multi = tok.kind == "term" or (tok.kind == "quarter" and tok.first != tok.last)
            spans.append(_Span(bounds[0], bounds[1], multi, tok.start))
        prev = tok
    return spans


def _cut_points(text: str) -> list[tuple[int, int]]:
    """Character ranges removed between segments (rule 1)."""
    cuts: list[tuple[int, int]] = []
    for pattern in _CUTS:
        for m in pattern.finditer(text):
            after = text[m.end() :].lstrip()
            if pattern is _CUTS[1] and _DATE_WORD.match(after):
                # A dash before a date word is a range ("Năm 2025 - Quý IV 2026").
                continue
            if pattern in (_CUTS[2], _CUTS[3]) and not (after[:1].isupper() and not _DATE_WORD.match(after)):
                continue
            cuts.append((m.start(), m.end()))
    return sorted(cuts)


def _segments(text: str) -> list[tuple[int, int]]:
    bounds: list[tuple[int, int]] = []
    pos = 0
    for lo, hi in _cut_points(text):
        if lo < pos:
            continue
        bounds.append((pos, lo))
        pos = hi
    bounds.append((pos, len(text)))
    return [(lo, hi) for lo, hi in bounds if text[lo:hi].strip(" ,.;:-–\n")]


def _analyse(text: str, lo: int, hi: int, tokens: list[_Token], spans: list[_Span]) -> _Step:
    piece = text[lo:hi]
    step = _Step(text=piece.strip(), lo=lo, hi=hi)
    step.tokens = [t for t in tokens if lo <= t.start < hi]
    step.spans = [s for s in spans if lo <= s.pos < hi]
    step.completed = bool(_COMPLETED.search(piece))
    yearly_tokens = [t for t in step.tokens if t.yearly]
    if yearly_tokens:
        t = yearly_tokens[-1]
        step.recurrence = "yearly"
        if t.kind == "quarter":
            step.rule = f"yearly:Q{t.last}"
        else:
            step.rule = f"yearly:{t.first:02d}-{_last_day(2001, t.first).day:02d}"
    elif _YEARLY_WORDS.search(piece):
        step.recurrence, step.rule = "yearly", "yearly:12-31"
    elif _QUARTERLY_WORDS.search(piece):
        step.recurrence, step.rule = "quarterly", "quarterly"
    elif _CONTINUOUS_WORDS.search(piece):
        step.recurrence, step.rule = "continuous", "continuous"
    return step


def _has_info(step: _Step) -> bool:
    return bool(step.spans) or step.completed or step.recurrence != "none"


def _words(step: _Step, text: str) -> str:
    """The step's words without its dates: "Xây dựng Kế hoạch quý I/2026" → "Xây dựng Kế hoạch"."""
    parts: list[str] = []
    pos = step.lo
    for tok in step.tokens:
        before = text[pos : tok.start]
        if tok.kind == "term":
            # "trong cả nhiệm kỳ" is words, not a printed date: keep it.
            parts.append(text[pos : tok.end])
        else:
            parts.append(_LEAD_IN.sub("", before))
        pos = tok.end
    parts.append(text[pos : step.hi])
    words = re.sub(r"\s+", " ", " ".join(parts))
    words = re.sub(r"\s+([,.;:)])", r"\1", words)
    words = re.sub(r"\(\s*\)", "", words)
    words = _ROLE_WORDS.sub("", words)
    words = _FINISH_ROLE.sub("Hoàn thành", words).strip(" -–,.;:\n")
    words = re.sub(r"\s*[,:]\s*hoàn\s+thành$", "", words, flags=re.IGNORECASE)
    return re.sub(r"(?:\s*\b(?:đến|-|–)\s*)+$", "", words).strip(" -–,.;:\n")


def _description(step: _Step, text: str) -> str:
    """A milestone's description: its words, or its whole text when only a date is printed."""
    return _words(step, text) or re.sub(r"\s+", " ", step.text).strip(" -–,.;:")


def _step_dates(step: _Step) -> tuple[date | None, date | None]:
    """(start, due) of one step (rule 2); a recurring step from one period has no due date."""
    if not step.spans:
        return None, None
    first, last = step.spans[0], step.spans[-1]
    ranged = len(step.spans) > 1 or first.is_range
    if step.recurrence != "none" and not ranged and not step.completed:
        return first.start, None
    return (first.start if ranged else None), last.end


def _merge(text: str, steps: list[_Step], tokens: list[_Token], spans: list[_Span]) -> list[_Step]:
    """Join segments that are not steps of their own (rule 1)."""
    merged: list[_Step] = []
    pending_lo: int | None = None
    for step in steps:
        lo = step.lo if pending_lo is None else pending_lo
        if not _has_info(step):
            if merged:
                prev = merged.pop()
                merged.append(_analyse(text, prev.lo, step.hi, tokens, spans))
            else:
                pending_lo = lo
            continue
        pending_lo = None
        cur = _analyse(text, lo, step.hi, tokens, spans)
        if merged:
            prev = merged[-1]
            only_recurring = not prev.spans and not prev.completed and not cur.spans and not cur.completed
            bare_start = (
                prev.spans
                and re.search(r"thực\s+hiện", prev.text, re.IGNORECASE)
                and not _words(prev, text)
                and _STARTS_WITH_FINISH.match(cur.text)
            )
            yearly_pair = (
                all(t.yearly for t in prev.tokens)
                and prev.tokens
                and all(t.yearly for t in cur.tokens)
                and cur.tokens
            )
            if only_recurring or bare_start or yearly_pair:
                merged[-1] = _analyse(text, prev.lo, cur.hi, tokens, spans)
                continue
        merged.append(cur)
    if pending_lo is not None:
        # Nothing in the text carried information: keep it as one step without any.
        merged.append(_analyse(text, pending_lo, len(text), tokens, spans))
    return merged


_RANK = {"yearly": 3, "quarterly": 2, "continuous": 1, "none": 0}


def _notes(
    clean: str,
    tokens: list[_Token],
    due: date | None,
    start: date | None,
    plan_start: date,
    plan_end: date,
) -> list[str]:
    notes: list[str] = []
    for tok in tokens:
        if tok.borrowed:
            notes.append(f"year {tok.year} of a period printed without one taken from a later date")
    if due is not None and due < plan_start:
        notes.append(f"due before the plan period (starts {plan_start.isoformat()})")
    if due is not None and due > plan_end:
        notes.append(f"due after the plan period (ends {plan_end.isoformat()})")
    if start is not None and start < plan_start and (due is None or due >= plan_start):
        notes.append("starts before the plan period")
    for m in re.finditer(r"sau khi[^;,.)]*", clean, re.IGNORECASE):
        notes.append(f"conditional: “{m.group(0).strip()}”")
    if re.search(r"sau\s+\d+\s+tháng", clean, re.IGNORECASE):
        notes.append("relative deadline (a number of months after a future act), no date")
    if re.search(r"khi\s+cần\s+thiết", clean, re.IGNORECASE):
        notes.append("then as needed (no date)")
    if re.search(r"dự\s+kiến", clean, re.IGNORECASE):
        notes.append("provisional (dự kiến)")
    if any(t.kind == "term" for t in tokens):
        notes.append("“cả nhiệm kỳ” read as the plan period")
    if re.search(r"phần\s+đầu", clean, re.IGNORECASE):
        notes.append("“Phần đầu” read as “Phấn đấu” (aim to)")
    return notes


def parse_deadline(text: str, *, plan_start: date = PLAN_START, plan_end: date = PLAN_END) -> Deadline:
    """Parse one "Thời gian thực hiện/hoàn thành" cell; never guesses a date (see module doc)."""
    clean = _clean(text)
    if not clean.strip():
        return Deadline(text=text, kind="unparsed", parse_note="empty cell: no deadline given")
    if _AMBIGUOUS.search(clean):
        return Deadline(
            text=text,
            kind="unparsed",
            parse_note="ambiguous: a year and a quarter joined by “/”; not guessed",
        )
    notes: list[str] = []
    if _DOC_DATE.search(clean):
        notes.append("date of a cited document ignored")
        clean = _DOC_DATE.sub(lambda m: " " * len(m.group(0)), clean)
    tokens = _tokens(clean)
    _resolve_years(tokens)
    spans = _spans(clean, tokens, plan_start, plan_end)
    segments = [_analyse(clean, lo, hi, tokens, spans) for lo, hi in _segments(clean)]
    steps = _merge(clean, segments, tokens, spans)

    if len(steps) >= 2:
        return _multi_step(text, clean, steps, tokens, notes, plan_start, plan_end)
    return _single_step(text, clean, steps[0], tokens, notes, plan_start, plan_end)


def _multi_step(
    text: str,
    clean: str,
    steps: list[_Step],
    tokens: list[_Token],
    notes: list[str],
    plan_start: date,
    plan_end: date,
) -> Deadline:
    """Several steps: one milestone each; the deadline spans them all."""
    milestones = tuple(
        Milestone(
            description=_description(s, clean),
            start=_step_dates(s)[0],
            due=_step_dates(s)[1],
            already_completed=s.completed,
            recurrence=s.recurrence,
        )
        for s in steps
    )
    starts = [m.start for m in milestones if m.start]
    dues = [m.due for m in milestones if m.due]
    start, due = (min(starts) if starts else None), (max(dues) if dues else None)
    lead = max(steps, key=lambda s: _RANK[s.recurrence])
    notes = notes + _notes(clean, tokens, due, start, plan_start, plan_end)
    if lead.recurrence != "none" and due is not None:
        notes.append("recurs after its dated steps")
    return Deadline(
        text=text,
        kind="multi_milestone",
        start=start,
        due=due,
        recurrence=lead.recurrence,
        recurrence_rule=lead.rule,
        milestones=milestones,
        already_completed=all(m.already_completed for m in milestones),
        parse_note="; ".join(notes),
    )


def _single_step(
    text: str,
    clean: str,
    step: _Step,
    tokens: list[_Token],
    notes: list[str],
    plan_start: date,
    plan_end: date,
) -> Deadline:
    """One step: completed, recurring, one-off, or nothing readable (rule 4)."""
    start, due = _step_dates(step)
    notes = notes + _notes(clean, tokens, due, start, plan_start, plan_end)
    if not _has_info(step):
        notes.append("no date named")
        return Deadline(text=text, kind="unparsed", parse_note="; ".join(notes))
    if step.completed and step.recurrence == "none":
        kind = "completed"
    elif step.recurrence == "yearly":
        kind = "yearly"
    elif step.recurrence in ("continuous", "quarterly"):
        kind = "continuous"
    else:
        kind = "one_off"
    if kind in ("yearly", "continuous"):
        if due is None:
            notes.append("recurring: no end date named")
        if step.completed:
            notes.append("a first part is reported done")
    return Deadline(
        text=text,
        kind=kind,
        start=start,
        due=due,
        recurrence=step.recurrence,
        recurrence_rule=step.rule,
        already_completed=kind == "completed",
        parse_note="; ".join(notes),
    )
