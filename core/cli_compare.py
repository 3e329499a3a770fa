"""The comparing subcommands: ``align``, ``diff``, ``report`` (and ``clean`` of several files)."""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from collections.abc import Sequence

from core.cli import printable
from core.compare import Comparison, DiffOptions, compare
from core.highlight import row_status
from core.load import load_path
from core.model import InputError, Version
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
                   prefer=getattr(args, "prefer", "majority"))


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
    if args.command == "report":
        from core.report import to_report  # the HTML report's colours: only when asked for

        return _emit(args, to_report(comparison, title=_title(comparison)))
    if args.format == "json":
        return _emit(args, align_json(comparison))
    if args.format == "html":
        from core.report import to_report  # the HTML report's colours: only when asked for

        return _emit(args, to_report(comparison, title=_title(comparison)))
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
    """The alignment as the JSON the README documents."""
    versions = [
        {
            "path": shown_name(v.path),
            "title": cleaned.title,
            "blocks": [
                {"kind": b.kind.value, "text": b.text,
                 "dropped": None if verdict.keep else verdict.reason}
                for b, verdict in zip(v.blocks, cleaned.verdicts, strict=True)
            ],
        }
        for v, cleaned in zip(comparison.versions, comparison.cleaned, strict=True)
    ]
    base = comparison.base
    rows = []
    for r, row in enumerate(comparison.alignment.rows):
        cells = [None if not cell else cell[0] if len(cell) == 1 else list(cell)
                 for cell in row.cells]
        words = {}
        if row.cells[base]:
            for v, diff in comparison.diffs[r].items():
                words[str(v)] = [list(seg) for seg in segments(diff)]
        rows.append({"cells": cells, "status": row_status(comparison, r),
                     "moved": sorted(row.moved), "words": words})
    return (f'{{\n "versions": {_lines_json(versions, " ", 3)},\n "base": {base},\n'
            f' "rows": {_lines_json(rows, " ", 1)}\n}}\n')


def _lines_json(value: object, indent: str, depth: int) -> str:
    """``value`` as JSON laid out over lines to ``depth`` levels (an object's members, a
    list's items; a block or a row to a line), deeper values as compact JSON. The same
    data as ``json.dumps(indent=1)``, written by the C encoder: several times faster on
    a comparison of books."""
    inner = indent + " "
    if depth and isinstance(value, dict) and value:
        members = (f"{inner}{_compact(key)}: {_lines_json(item, inner, depth - 1)}"
                   for key, item in value.items())
        return "{\n" + ",\n".join(members) + f"\n{indent}}}"
    if depth and isinstance(value, list) and value:
        items = (inner + _lines_json(item, inner, depth - 1) for item in value)
        return "[\n" + ",\n".join(items) + f"\n{indent}]"
    return _compact(value)


def _compact(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


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
