"""The comparison as one self-contained HTML file: versions side by side, rows aligned.

Every piece of text from the inputs is escaped, and the page carries a Content-Security-
Policy that forbids scripts and any external resource.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from core.colours import DARK, LIGHT, MARK_NAMES, STATUS_NAMES, Colours
from core.compare import Comparison
from core.export import CSP
from core.highlight import cell_spans, row_status

_LAYOUT = """
body{font:14px/1.45 system-ui,sans-serif;margin:1.5em}
h1{font-size:1.4em} h2{font-size:1.15em;margin-top:2em}
table.cmp{border-collapse:collapse;table-layout:fixed;width:100%}
table.cmp th,table.cmp td{border:1px solid var(--line);padding:.45em .6em;vertical-align:top;
  overflow-wrap:anywhere}
table.cmp th{background:var(--head);position:sticky;top:0;text-align:left}
td.gap{background:repeating-linear-gradient(135deg,var(--bg),var(--bg) 6px,var(--head) 6px,
  var(--head) 12px)}
td.dropped{color:var(--dim)} td.dropped s{text-decoration:line-through}
td.rowno{width:3em;color:var(--dim);text-align:right}
tr.changed td.rowno{background:var(--tint-changed)}
tr.partial td.rowno{background:var(--tint-partial)}
tr.moved td.rowno{background:var(--tint-moved)}
ins,del,mark{color:inherit;text-decoration:none}
ins{background:var(--ins)} mark.chg{background:var(--chg)} mark.char{background:var(--char)}
del{background:var(--del);text-decoration:line-through}
.moved{display:inline-block;font-size:.8em;background:var(--badge-bg);color:var(--badge-fg);
  border-radius:3px;padding:0 .35em;margin-right:.3em}
.reason{display:block;font-size:.8em;color:var(--dim);text-decoration:none}
.legend span{display:inline-block;margin-right:1em;padding:0 .35em;border-radius:3px}
table.sim td{padding:.3em .6em;text-align:right;border:1px solid var(--line)}
article p{max-width:46em}
"""


def _variables(c: Colours) -> str:
    values = {
        "bg": c.base, "fg": c.text, "dim": c.dim, "line": c.fold_bg if c.dark else "#d0d0d7",
        "head": c.fold_bg, "ins": c.ins, "chg": c.chg, "del": c.delete, "char": c.detail,
        "badge-bg": c.badge_bg, "badge-fg": c.badge_fg, "tint-changed": c.tint_changed,
        "tint-partial": c.tint_partial, "tint-moved": c.tint_moved,
    }
    return ";".join(f"--{k}:{v}" for k, v in values.items())


_STYLE = (
    f":root{{{_variables(LIGHT)}}}\n"
    f"@media (prefers-color-scheme: dark){{:root{{{_variables(DARK)}}}}}\n"
    "body{background:var(--bg);color:var(--fg)}" + _LAYOUT
)

_TAGS = {"ins": ("<ins>", "</ins>"), "del": ("<del>", "</del>"),
         "chg": ('<mark class="chg">', "</mark>"), "char": ('<mark class="char">', "</mark>")}


def _legend() -> str:
    marks = "".join(f"{_TAGS[m][0]}{_esc(MARK_NAMES[m])}{_TAGS[m][1]} " for m in MARK_NAMES)
    return (f'<p class="legend">{marks}<mark class="char">changed letters</mark> '
            f'<span class="moved">moved</span></p>')


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
        opening, closing = _TAGS.get(span.mark, ("", ""))
        parts.append(f"{opening}{text}{closing}")
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
    counts = {status: 0 for status in ("same", "changed", "partial")}
    moved = 0
    for r, row in enumerate(comparison.alignment.rows):
        cells = "".join(_cell(comparison, r, v) for v in range(len(names)))
        status = row_status(comparison, r)  # the same name the window's legend uses
        counts[status] += 1
        moved += bool(row.moved)
        classes = status + (" moved" if row.moved else "")
        tip = _esc(STATUS_NAMES[status])
        body_rows.append(f'<tr class="{classes}"><td class="rowno" title="{tip}">'
                         f"{r + 1}</td>{cells}</tr>")
    summary = (f"{len(names)} versions, {len(comparison.alignment.rows)} rows: "
               f"{counts['same']} same, {counts['changed']} changed, "
               f"{counts['partial']} missing in some versions, {moved} moved.")
    return (
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        f"<title>{_esc(title)}</title><style>{_STYLE}</style></head><body>\n"
        f"<h1>{_esc(title)}</h1><p>{_esc(summary)}</p>{_legend()}\n"
        f'<table class="cmp"><colgroup><col style="width:3em"></colgroup>'
        f'<thead><tr><th>#</th>{header}</tr></thead>\n<tbody>{"".join(body_rows)}</tbody></table>\n'
        f"<h2>Similarity (0–100)</h2>{_similarity(comparison, names)}\n"
        f"<h2>Clean article (consensus)</h2>{_article(comparison)}\n"
        "</body></html>\n"
    )
