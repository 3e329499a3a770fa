"""The ``article-compare`` entry point.

Subcommands (clean, align, diff, report) run in core's command line without importing
Qt; anything else opens the window, on the given files or folders.
"""

from __future__ import annotations

import sys

COMMANDS = {"clean", "align", "diff", "report"}
USAGE = """usage: article-compare [--demo] [FILE_OR_FOLDER ...]
       article-compare --version   (the version and every component, and whether it works)
       article-compare {clean,align,diff,report} ...   (see article-compare COMMAND --help)

Opens the window on the given versions (or the bundled samples with --demo).
"""


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    if args and args[0] in COMMANDS:
        try:
            from core.cli import main as cli_main

            return cli_main(args)
        except KeyboardInterrupt:  # before the command's own handler is in place
            print("error: interrupted", file=sys.stderr)
            return 130
    if args and args[0] == "--version":
        from gui.about import version_lines

        print("\n".join(version_lines()))
        return 0
    if args and args[0] in ("-h", "--help"):
        from core.cli import build_parser

        print(USAGE)
        build_parser().print_help()
        return 0
    demo = "--demo" in args
    paths = [a for a in args if a != "--demo"]
    unknown = [a for a in paths if a.startswith("-")]
    if unknown:
        print(f"error: unknown option {unknown[0]}\n{USAGE}", file=sys.stderr)
        return 2
    from gui.app import run_window

    return run_window(paths, demo=demo)


if __name__ == "__main__":
    sys.exit(main())
