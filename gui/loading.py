"""Loading work that runs on a worker thread: files and folders, or dropped text."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from core.collect import collect_files
from core.load import load_path, load_text
from core.model import Format, InputError, Version
from gui.worker_process import CancelToken


@dataclass(frozen=True)
class LoadResult:
    """Versions that loaded, and one line for each input that did not.

    ``words`` counts each version's words here, off the UI thread (a book's take ~50 ms).
    """

    versions: tuple[Version, ...]
    problems: tuple[str, ...]
    words: tuple[int, ...] = ()


def load_paths(paths: Sequence[str], token: CancelToken,
               report: Callable[[int, int, str], None]) -> LoadResult:
    files, notes = collect_files(paths)
    versions: list[Version] = []
    problems: list[str] = list(notes)
    for index, name in enumerate(files):
        report(index, len(files), f"loading {name}")
        try:
            versions.append(load_path(name))
        except InputError as error:
            problems.append(str(error))
        except Exception as error:  # a bug must not lose the other files
            problems.append(f"{name}: could not be read ({type(error).__name__}: {error})")
    report(len(files), len(files), "loaded")
    return LoadResult(tuple(versions), tuple(problems), tuple(v.word_count for v in versions))


def load_dropped_text(text: str, name: str, fmt: Format) -> LoadResult:
    try:
        version = load_text(text, name=name, format=fmt)
        return LoadResult((version,), (), (version.word_count,))
    except InputError as error:
        return LoadResult((), (str(error),))
