"""``article-compare`` subcommands that need no window: clean (and, later, align/diff/report)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from core.article import Article, article_from_cleaned
from core.clean import clean
from core.export import SUFFIXES, WRITERS, to_json
from core.load import load_path
from core.merge import PREFER
from core.model import InputError, Version
from core.output import descriptor_of, reason_of, write_output
from core.sanitize import shown_name
from core.save import InputFiles, SaveRefused, sync_files

FORMATS = tuple(WRITERS)


class _Parser(argparse.ArgumentParser):
    """argparse that exits with status 2 and one ``error:`` line, as for bad input."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, f"error: {printable(message)}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="article-compare",
        description="Compare versions of one news article and get one clean text.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    clean_cmd = commands.add_parser(
        "clean",
        help="print the clean article of a file",
        description="Remove repeated headlines, captions, photo credits, tag lines and site "
        "clutter from an article file and print the clean article.",
    )
    clean_cmd.add_argument("files", nargs="+", metavar="FILE")
    clean_cmd.add_argument("-o", "--output", metavar="OUT",
                           help="write to OUT (a folder with --each) instead of stdout")
    clean_cmd.add_argument("--format", choices=FORMATS, default="text")
    clean_cmd.add_argument("--explain", action="store_true",
                           help="list every removed block with its reason on stderr")
    clean_cmd.add_argument("--each", action="store_true",
                           help="clean each file on its own into the folder given by -o")
    clean_cmd.add_argument("--force", action="store_true",
                           help="replace output files that already exist")
    for name, help_text, description in (
        ("align", "print the aligned rows of several versions",
         "Align the paragraphs of several versions into rows and diff each row's words "
         "against the base version."),
        ("diff", "show the word differences between two versions",
         "Show what changed between two versions, paragraph by paragraph and word by word."),
        ("report", "write the comparison of several versions as one HTML file",
         "Write a self-contained HTML report: versions side by side, rows aligned, changed "
         "words marked, the similarity matrix and the clean consensus article."),
    ):
        cmd = commands.add_parser(name, help=help_text, description=description)
        cmd.add_argument("files", nargs="+", metavar="FILE")
        cmd.add_argument("--base", type=int, default=0, metavar="N",
                         help="index of the version the others are compared with: 0 is the "
                         "first file given, as in the JSON output (default 0)")
        _add_ignore_options(cmd)
        if name == "align":
            cmd.add_argument("--format", choices=("json", "text"), default="json")
        elif name == "diff":
            cmd.add_argument("--format", choices=("text", "unified", "json", "html"),
                             default="text")
            cmd.add_argument("--color", choices=("auto", "always", "never"), default="auto")
        if name in ("report", "diff"):
            cmd.add_argument("-o", "--output", metavar="OUT", required=name == "report",
                             help="write to OUT" + ("" if name == "report"
                                                    else " instead of stdout"))
            cmd.add_argument("--force", action="store_true",
                             help="replace OUT if it already exists")
    clean_cmd.add_argument("--base", type=int, default=0, metavar="N",
                           help="with several files: index of the version that breaks ties "
                           "(0 = the first file; default 0)")
    _add_ignore_options(clean_cmd)
    return parser


def _add_ignore_options(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("--ignore-case", action="store_true", help="treat upper and lower case alike")
    cmd.add_argument("--ignore-punctuation", action="store_true",
                     help="ignore punctuation in word diffs")
    cmd.add_argument("--no-ignore-quotes", dest="ignore_quotes", action="store_false",
                     help="count curly versus straight quotes as a change")
    cmd.add_argument("--no-ignore-whitespace", dest="ignore_whitespace", action="store_false",
                     help="count changes in spacing as a change")
    cmd.add_argument("--prefer", choices=PREFER, default="majority",
                     help="the clean article of several versions takes the wording most "
                     "share (majority, for copies of one story), the newest version's (newest: "
                     "the last file given, or by date where every version has one; for "
                     "revisions) or the base's (default majority)")


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    try:
        if args.command == "clean":
            return _clean_command(args)
        if args.command in ("align", "diff", "report"):
            from core import cli_compare

            return cli_compare.run(args)
    except InputError as error:
        return _fail(str(error))
    except SaveRefused as error:
        return _fail(str(error))
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return interrupted()
    except Exception as error:  # a bug: still one line, the traceback only on request
        if os.environ.get("ARTICLE_COMPARE_DEBUG"):
            raise
        return _fail(f"internal error ({type(error).__name__}: {error}); "
                     "set ARTICLE_COMPARE_DEBUG=1 for details")
    parser.error(f"unknown command {args.command}")
    return 2


def interrupted() -> int:
    """Ctrl+C: one line and the shell's status for SIGINT (128 + 2), no traceback."""
    print("error: interrupted", file=sys.stderr)
    return 130


def _fail(message: str) -> int:
    print(f"error: {printable(message)}", file=sys.stderr)
    return 2


printable = shown_name
"""``text`` on one line with nothing that steers a terminal: a file name may hold a line
break, an escape sequence or a bidi override; they are shown as ``\\n``, ``\\x1b``."""


def _render(article: Article, fmt: str, *, with_sources: bool = False) -> str:
    if fmt == "json":
        return to_json(article, with_sources=with_sources)
    return WRITERS[fmt](article)


def _explain(article: Article, names: Sequence[str]) -> None:
    for removal in article.removed:
        snippet = " ".join(removal.text.split())
        snippet = snippet if len(snippet) <= 70 else snippet[:67] + "..."
        print(printable(f"{names[removal.version]}: block {removal.block + 1} removed "
                        f"({removal.reason}): {snippet}"), file=sys.stderr)


def _clean_one(version: Version) -> Article:
    return article_from_cleaned(clean(version))


def _clean_command(args: argparse.Namespace) -> int:
    if args.each:
        return _clean_each(args)
    versions = [load_path(name) for name in args.files]
    if len(versions) == 1:
        article = _clean_one(versions[0])
    else:
        from core.cli_compare import compare_files

        article = compare_files(versions, args).consensus.article
    if args.explain:
        _explain(article, [v.name for v in versions])
    output = _render(article, args.format, with_sources=len(versions) > 1)
    write_output(args.output, output, inputs=args.files, overwrite=args.force)
    return 0


def _clean_each(args: argparse.Namespace) -> int:
    if not args.output or descriptor_of(args.output) is not None:
        return _fail("--each needs -o DIR, the folder to write the clean files to")
    folder = Path(args.output)
    if folder.exists() and not folder.is_dir():
        return _fail(f"{folder}: is not a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        return _fail(f"{folder}: {reason_of(error)}")
    status = 0
    used: set[str] = set()
    written: list[str] = []
    inputs = InputFiles(args.files)
    try:
        for name in args.files:
            try:
                written.append(_clean_each_file(args, name, folder, used, inputs))
            except (InputError, SaveRefused) as error:
                status = _fail(str(error))
            except Exception as error:  # a bug: named, and the other files still cleaned
                if os.environ.get("ARTICLE_COMPARE_DEBUG"):
                    raise
                status = _fail(f"{name}: internal error ({type(error).__name__}: {error})")
    finally:  # one flush to disk for all the files (one each took 3 ms a file)
        sync_files(written)
    return status


def _clean_each_file(
    args: argparse.Namespace, name: str, folder: Path, used: set[str], inputs: InputFiles
) -> str:
    """Clean one file into ``folder``; the name of the file written."""
    version = load_path(name)
    article = _clean_one(version)
    if args.explain:
        _explain(article, [version.name])
    target = folder / _unique_name(Path(name).stem, SUFFIXES[args.format], used)
    write_output(str(target), _render(article, args.format), inputs=inputs,
                 overwrite=args.force, sync=False)
    return str(target)


def _unique_name(stem: str, suffix: str, used: set[str]) -> str:
    name, counter = f"{stem}{suffix}", 2
    while name in used:
        name, counter = f"{stem}-{counter}{suffix}", counter + 1
    used.add(name)
    return name
