"""The document's param-dependent parts: the header block, the sample notice and the data-vintage box.

The PDF form lives in reports/templates/typst-template.typ; a raw Typst block hands it the values that
depend on the render parameters (state `pw-meta`). The HTML output gets the same content as raw HTML.
"""

from __future__ import annotations

import html
import json

from planwatch.report.cells.db import Report
from planwatch.report.cells.settings import Signing, load_signing
from planwatch.report.cells.vn import day, num, place_date

ISSUER = "THÀNH ỦY HẢI PHÒNG"
OFFICE = "VĂN PHÒNG THÀNH ỦY"
PARTY = "ĐẢNG CỘNG SẢN VIỆT NAM"
SAMPLE_NOTICE = "DỮ LIỆU MẪU — số liệu tổng hợp, không dùng để ra quyết định"


def _typst_str(text: str) -> str:
    # JSON string escapes (\" \\ \n \uXXXX) are also valid Typst string escapes, except \uXXXX,
    # which json.dumps never emits with ensure_ascii=False.
    return json.dumps(text, ensure_ascii=False)


def raw(typst: str = "", html_text: str = "") -> str:
    """Raw blocks for one output each; pandoc (and Quarto) drop the block that is not for the format."""
    out = ""
    if typst:
        out += f"\n```{{=typst}}\n{typst}\n```\n"
    if html_text:
        out += f"\n```{{=html}}\n{html_text}\n```\n"
    return out + "\n"


def header(
    report: Report,
    title: str,
    *,
    doctype: str = "BÁO CÁO",
    signing: Signing | None = None,
    subject: str | None = None,
) -> str:
    """The page-1 header (issuer, document number, party, place and date, document type and title) and the
    sample flag; the number line ("Số …-BC/VPTU") comes from the report settings (cells/settings.py).
    A letter (công văn) gives its `subject` ("V/v …"), printed under the number instead of a title block."""
    signing = signing or load_signing()
    date_line = place_date(report.as_of)
    letter = f"subject: {_typst_str(subject)}, " if subject else ""
    meta = (
        f"(place_date: {_typst_str(date_line)}, title: {_typst_str(title)}, {letter}"
        f"number: {_typst_str(signing.number_line.removeprefix('Số '))}, "
        f"sample: {'true' if report.sample else 'false'})"
    )
    e = html.escape
    number_html = f'<div class="pw-number">{e(signing.number_line)}</div>'
    if subject:
        number_html += f'<div class="pw-subject">{e(subject)}</div>'
    html_text = (
        f'<div class="pw-header"><div><div>{e(ISSUER)}</div><div class="pw-office">{e(OFFICE)}</div>'
        f'<div class="pw-rule"></div>{number_html}</div>'
        f'<div><div class="pw-party">{e(PARTY)}</div>'
        f'<div class="pw-rule"></div><div class="pw-date">{e(date_line)}</div></div></div>'
        f'<div class="pw-title"><div class="pw-doctype">{e(doctype)}</div><div>{e(title)}</div></div>'
    )
    if report.sample:
        html_text += f'<div class="pw-sample">{e(SAMPLE_NOTICE)}</div>'
    return raw(f"#pw-meta.update({meta})", html_text)


def vintage(report: Report, *, plan_hash: str | None = None) -> str:
    """The data-vintage box: as-of date, which loads the figures include, sample or not."""
    loads = report.loads
    lines = [
        f"**Số liệu tính đến ngày (as of):** {day(report.as_of)}",
        f"**Kỳ báo cáo:** {report.period.code} ({day(report.period.start)}–{day(report.period.end)})",
    ]
    if loads:
        agencies = sorted({row["agency_code"] for row in loads})
        last = loads[-1]
        lines.append(
            f"**Số liệu gồm:** {num(len(loads))} lần nộp (loads) của {num(len(agencies))} cơ quan, "
            f"lần cuối {day(last['received_at'].date())} (`{last['load_id']}`)"
        )
    else:
        lines.append("**Số liệu gồm:** chưa có lần nộp nào (no loads): chỉ có kế hoạch (the plan seeds)")
    if plan_hash:
        lines.append(f"**Phiên bản dữ liệu (vintage):** `{plan_hash}`")
    if report.sample:
        lines.append(f"**{SAMPLE_NOTICE}**")
    body = " \\\n".join(lines)
    typst_open = "#pw-vintage-box["
    return raw(typst_open, '<div class="pw-vintage">') + body + "\n" + raw("]", "</div>")


def landscape(markdown: str) -> str:
    """A wide table on landscape pages (PDF); the HTML shows it in the flow of the text."""
    return raw("#set page(flipped: true)") + markdown + raw("#set page(flipped: false)")


def closing(signing: Signing | None = None) -> str:
    """The end of the report: recipients ("Nơi nhận: … Lưu VP.") at the left, the signature block at the
    right (K/T CHÁNH VĂN PHÒNG, PHÓ CHÁNH VĂN PHÒNG, room to sign, the name), kept on one page."""
    s = signing or load_signing()
    # Each recipient on its own line after a dash, a comma after each, a full stop after the last.
    items = [f"- {r}{'.' if i == len(s.recipients) - 1 else ','}" for i, r in enumerate(s.recipients)]
    name = s.signer_name + (" (mẫu)" if s.sample else "")
    t = _typst_str
    recipients_typst = " \\\n".join(f"#text(size: 11pt, {t(item)})" for item in items)
    typst = (
        "#block(breakable: false, above: 2em, width: 100%)[\n"
        "#set par(first-line-indent: 0pt, justify: false, spacing: 0.35em)\n"
        "#grid(columns: (1fr, 1fr), column-gutter: 1em,\n"
        '  [#text(size: 12pt, style: "italic", weight: "bold")[#underline[Nơi nhận:]] \\\n'
        f"{recipients_typst}],\n"
        f'  align(center)[#text(weight: "bold", {t(s.authority)}) \\\n'
        f'    #text(weight: "bold", {t(s.signer_title)})\n'
        "    #v(2.4cm)\n"
        f'    #text(weight: "bold", {t(name)})],\n'
        ")]"
    )
    e = html.escape
    html_text = (
        '<div class="pw-closing"><div class="pw-recipients"><div class="pw-recipients-title">Nơi nhận:</div>'
        + "".join(f"<div>{e(item)}</div>" for item in items)
        + f'</div><div class="pw-signature"><div>{e(s.authority)}</div><div>{e(s.signer_title)}</div>'
        + f'<div class="pw-sign-space"></div><div>{e(name)}</div></div></div>'
    )
    return raw(typst, html_text)
