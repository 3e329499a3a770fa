"""The comparison as one self-contained HTML file: versions side by side, rows aligned.

Every piece of text from the inputs is escaped, and the page carries a Content-Security-
Policy that forbids scripts and any external resource.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from core.compare import Comparison
from core.export import CSP
from core.highlight import cell_spans

_STYLE = """
body{font:14px/1.45 system-ui,sans-serif;margin:1.5em;color:#1d1d1f;background:#fff}
h1{font-size:1.4em} h2{font-size:1.15em;margin-top:2em}
table.cmp{border-collapse:collapse;table-layout:fixed;width:100%}
table.cmp th,table.cmp td{border:1px solid #d0d0d7;padding:.45em .6em;vertical-align:top;
  overflow-wrap:anywhere}
table.cmp th{background:#f2f2f7;position:sticky;top:0;text-align:left}
td.gap{background:repeating-linear-gradient(135deg,#fafafa,#fafafa 6px,#f0f0f0 6px,#f0f0f0 12px)}
td.dropped{color:#8a8a8e} td.dropped s{text-decoration:line-through}
tr.same td{color:#444} td.rowno{width:3em;color:#888;text-align:right}
ins{background:#c9f2d0;text-decoration:none} del{background:#ffd3d3}
mark.chg{background:#ffe9a8}
.moved{display:inline-block;font-size:.8em;background:#d9e8ff;color:#123;
  border-radius:3px;padding:0 .35em;margin-right:.3em}
.reason{display:block;font-size:.8em;color:#8a8a8e;text-decoration:none}
table.sim td{padding:.3em .6em;text-align:right;border:1px solid #e0e0e0}
article p{max-width:46em}
@media (prefers-color-scheme: dark){
 body{background:#1e1e1e;color:#ddd} table.cmp th{background:#2b2b2e}
 table.cmp th,table.cmp td{border-color:#444} td.gap{background:#262626}
 ins{background:#1f5130;color:#e8ffe8} del{background:#6a2525;color:#ffe8e8}
 mark.chg{background:#6a5a1a;color:#fff}}
"""


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _cell(comparison: Comparison, row: int, version: int) -> str:
    cells = comparison.alignment.rows[row].cells
    if not cells[version]:
        return '<td class="gap"></td>'
    parts: list[str] = []
    if version in comparison.alignment.rows[row].moved:
        parts.append('<span class="moved">moved</span>')
    for span in cell_spans(comparison, row, version):
        text = _esc(span.text)
        if span.mark == "ins":
            parts.append(f"<ins>{text}</ins>")
        elif span.mark == "del":
            parts.append(f"<del>{text}</del>")
        elif span.mark == "chg":
            parts.append(f'<mark class="chg">{text}</mark>')
        else:
            parts.append(text)
    verdicts = comparison.cleaned[version].verdicts
    reasons = [verdicts[b].reason for b in cells[version] if not verdicts[b].keep]
    if reasons and len(reasons) == len(cells[version]):
        reason = _esc(reasons[0] or "")
        return (f'<td class="dropped" title="removed: {reason}"><s>{"".join(parts)}</s>'
                f'<span class="reason">removed: {reason}</span></td>')
    return f"<td>{''.join(parts)}</td>"


def _similarity(comparison: Comparison, names: Sequence[str]) -> str:
    head = "".join(f"<th>{i + 1}</th>" for i in range(len(names)))
    rows = []
    for i, values in enumerate(comparison.similarity):
        cells = "".join(f"<td>{value:.0f}</td>" for value in values)
        rows.append(f"<tr><th>{i + 1}. {_esc(names[i])}</th>{cells}</tr>")
    return f'<table class="sim"><tr><th></th>{head}</tr>{"".join(rows)}</table>'


def _article(comparison: Comparison) -> str:
    article = comparison.consensus.article
    parts = []
    if article.title:
        parts.append(f"<h3>{_esc(article.title)}</h3>")
    for line in (article.subtitle, article.byline):
        if line:
            parts.append(f"<p><em>{_esc(line)}</em></p>")
    parts.extend(f"<p>{_esc(block.text)}</p>" for block in article.body)
    return "<article>" + "\n".join(parts) + "</article>"


def to_report(comparison: Comparison, *, title: str = "Comparison") -> str:
    """The N-way comparison, the similarity matrix and the consensus article as HTML."""
    names = [v.name for v in comparison.versions]
    base = comparison.base
    header = "".join(
        f"<th>{i + 1}. {_esc(name)}{' (base)' if i == base else ''}</th>"
        for i, name in enumerate(names)
    )
    body_rows = []
    for r, row in enumerate(comparison.alignment.rows):
        cells = "".join(_cell(comparison, r, v) for v in range(len(names)))
        body_rows.append(f'<tr class="{row.status.value}"><td class="rowno">{r + 1}</td>'
                         f"{cells}</tr>")
    counts = {status: 0 for status in ("same", "changed", "partial")}
    for row in comparison.alignment.rows:
        counts[row.status.value] += 1
    summary = (f"{len(names)} versions, {len(comparison.alignment.rows)} rows: "
               f"{counts['same']} same, {counts['changed']} changed, "
               f"{counts['partial']} missing in some versions.")
    return (
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        f"<title>{_esc(title)}</title><style>{_STYLE}</style></head><body>\n"
        f"<h1>{_esc(title)}</h1><p>{_esc(summary)}</p>\n"
        f'<table class="cmp"><colgroup><col style="width:3em"></colgroup>'
        f'<thead><tr><th>#</th>{header}</tr></thead>\n<tbody>{"".join(body_rows)}</tbody></table>\n'
        f"<h2>Similarity (0–100)</h2>{_similarity(comparison, names)}\n"
        f"<h2>Clean article (consensus)</h2>{_article(comparison)}\n"
        "</body></html>\n"
    )
