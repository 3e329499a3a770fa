"""The comparing subcommands: ``align``, ``diff``, ``report`` (and ``clean`` of several files)."""

from __future__ import annotations

import argparse
import difflib
import sys
from collections.abc import Iterable, Sequence
from json.encoder import encode_basestring as _encode_string

from core.align import Row
from core.clean import Verdict
from core.cli import printable
from core.compare import Comparison, DiffOptions, compare
from core.highlight import row_status
from core.load import load_path
from core.model import Block, InputError, Version
from core.output import STDOUT, write_output
from core.sanitize import shown_name
from core.wordiff import segments

_RED, _GREEN, _CYAN, _DIM, _RESET = "\033[31m", "\033[32m", "\033[36m", "\033[2m", "\033[0m"


def options_from(args: argparse.Namespace) -> DiffOptions:
    return DiffOptions(
        ignore_case=args.ignore_case,
        ignore_punctuation=args.ignore_punctuation,
        ignore_quotes=args.ignore_quotes,
        ignore_whitespace=args.ignore_whitespace,
    )


def compare_files(versions: Sequence[Version], args: argparse.Namespace) -> Comparison:
    if not 0 <= args.base < len(versions):
        raise InputError(f"--base {args.base}",
                         f"no such version (give 0 to {len(versions) - 1})")
    return compare(versions, base=args.base, options=options_from(args),
                   prefer=getattr(args, "prefer", "majority"),
                   similarity=_wants_report(args))  # only the report shows the matrix


def _wants_report(args: argparse.Namespace) -> bool:
    """``report``, or ``diff --format html``: the output is the HTML report."""
    return args.command == "report" or getattr(args, "format", "") == "html"


def run(args: argparse.Namespace) -> int:
    if args.command == "diff" and len(args.files) != 2:
        print("error: diff compares exactly two files (use report or align for more)",
              file=sys.stderr)
        return 2
    if args.command in ("align", "report") and len(args.files) < 2:
        print(f"error: {args.command} needs at least two files", file=sys.stderr)
        return 2
    versions = [load_path(name) for name in args.files]
    if args.command == "diff" and args.format == "unified":
        return _emit(args, _unified(versions))
    comparison = compare_files(versions, args)
    if args.command == "align":
        return _emit(args, align_json(comparison) if args.format == "json"
                     else _align_text(comparison))
    if _wants_report(args):
        from core.report import to_report  # the HTML report's colours: only when asked for

        return _emit(args, to_report(comparison, title=_title(comparison)))
    if args.format == "json":
        return _emit(args, align_json(comparison))
    to_stdout = getattr(args, "output", None) in (None, STDOUT)
    color = args.color == "always" or (args.color == "auto" and to_stdout
                                       and sys.stdout is not None and sys.stdout.isatty())
    return _emit(args, diff_text(comparison, color=color))


def _emit(args: argparse.Namespace, text: str) -> int:
    write_output(getattr(args, "output", None), text, inputs=args.files,
                 overwrite=getattr(args, "force", False))
    return 0


def _title(comparison: Comparison) -> str:
    title = comparison.consensus.article.title
    return f"Comparison: {title}" if title else "Comparison of " + ", ".join(
        v.name for v in comparison.versions)


def align_json(comparison: Comparison) -> str:
    """The alignment as the JSON the README documents: one block or row to a line.

    The same data as ``json.dumps(indent=1)`` down to the blocks and rows, each block and
    row written compactly by hand around the C string encoder (a ``json.dumps`` per block
    and row was a tenth of the run on a shuffled book)."""
    blocks = (zip(v.blocks, c.verdicts, strict=True)
              for v, c in zip(comparison.versions, comparison.cleaned, strict=True))
    versions = (
        "{\n"
        f'   "path": {_string(shown_name(v.path))},\n'
        f'   "title": {_string(cleaned.title)},\n'
        f'   "blocks": {_lines(_block(b, verdict) for b, verdict in pairs)}\n'
        "  }"
        for v, cleaned, pairs in zip(comparison.versions, comparison.cleaned, blocks,
                                     strict=True)
    )
    base = comparison.base
    rows = (_row(comparison, r, row, base) for r, row in enumerate(comparison.alignment.rows))
    return (f'{{\n "versions": {_lines(versions, " ")},\n'
            f' "base": {base},\n "rows": {_lines(rows, " ")}\n}}\n')


def _lines(items: Iterable[str], indent: str = "   ") -> str:
    """A JSON list of already encoded items, one to a line (``[]`` when empty)."""
    body = f",\n{indent} ".join(items)
    return f"[\n{indent} {body}\n{indent}]" if body else "[]"


def _string(value: str | None) -> str:
    return "null" if value is None else _encode_string(value)


def _block(block: Block, verdict: Verdict) -> str:
    dropped = "null" if verdict.keep else _string(verdict.reason)
    return (f'{{"kind": {_encode_string(block.kind.value)}, "text": {_encode_string(block.text)}, '
            f'"dropped": {dropped}}}')


def _row(comparison: Comparison, r: int, row: Row, base: int) -> str:
    cells = ", ".join("null" if not cell else str(cell[0]) if len(cell) == 1
                      else "[" + ", ".join(map(str, cell)) + "]" for cell in row.cells)
    words = ""
    if row.cells[base]:
        words = ", ".join(
            f'"{v}": [' + ", ".join(f"[{_encode_string(tag)}, {_encode_string(old)}, "
                                    f"{_encode_string(new)}]" for tag, old, new in segments(diff))
            + "]" for v, diff in comparison.diffs[r].items())
    moved = ", ".join(map(str, sorted(row.moved)))
    return (f'{{"cells": [{cells}], "status": {_encode_string(row_status(comparison, r))}, '
            f'"moved": [{moved}], "words": {{{words}}}}}')


def _align_text(comparison: Comparison) -> str:
    lines = []
    for r, row in enumerate(comparison.alignment.rows):
        cells = " ".join(
            "-" if not cell else ",".join(str(b + 1) for b in cell) for cell in row.cells
        )
        moved = f" moved in {sorted(row.moved)}" if row.moved else ""
        ref = comparison.references[r]
        text = " ".join(comparison.cell_text(r, ref).split())[:60] if ref is not None else ""
        lines.append(f"{r + 1:4} {row_status(comparison, r):8} [{cells}]{moved}  {text}")
    return "\n".join(lines) + "\n"


def diff_text(comparison: Comparison, *, color: bool) -> str:
    """Row by row: unchanged paragraphs dimmed, changes as [-old-]{+new+} or in colour."""
    def deleted(text: str) -> str:
        return f"{_RED}{text}{_RESET}" if color else f"[-{text}-]"

    def inserted(text: str) -> str:
        return f"{_GREEN}{text}{_RESET}" if color else f"{{+{text}+}}"

    a, b = comparison.base, 1 - comparison.base
    names = [printable(v.name) for v in comparison.versions]
    out = [f"--- {names[a]}", f"+++ {names[b]}", ""]
    for r, row in enumerate(comparison.alignment.rows):
        moved = " (moved)" if row.moved else ""
        if row.cells[a] and row.cells[b]:
            diff = comparison.diffs[r].get(b)
            if diff is None or diff.is_equal:
                text = comparison.cell_text(r, a)
                out.append(f"{_DIM}{text}{_RESET}" if color else f"  {text}")
            else:
                pieces = []
                for tag, old, new in segments(diff):
                    if tag == "equal":
                        pieces.append(new)
                        continue
                    pieces.append(deleted(old) if old else "")
                    pieces.append(inserted(new) if new else "")
                mark = f"{_CYAN}~{_RESET}" if color else "~"
                out.append(f"{mark} {''.join(pieces)}{moved}")
        elif row.cells[a]:
            out.append(f"- {deleted(comparison.cell_text(r, a))}")
        else:
            out.append(f"+ {inserted(comparison.cell_text(r, b))}")
        out.append("")
    return "\n".join(out)


def _unified(versions: Sequence[Version]) -> str:
    a, b = versions
    lines = difflib.unified_diff(
        [block.text + "\n" for block in a.blocks],
        [block.text + "\n" for block in b.blocks],
        fromfile=printable(a.path), tofile=printable(b.path),
    )
    return "".join(lines)
