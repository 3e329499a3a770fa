"""Loading, cleaning, comparing and reporting a page full of remote references opens no
socket and fetches nothing; nothing remote ends up referenced from what we write.

Every way out is made to raise — socket creation, connections, name look-ups, urllib and
http.client — both in this process (for the pipeline called directly) and in a fresh
interpreter patched before anything is imported (for the command line).

Creating a socket is allowed (a library may probe for IPv6 at import by binding a
throw-away one); connecting or sending is not.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import textwrap
import urllib.request
from pathlib import Path

import pytest

from core.clean import clean
from core.compare import compare
from core.export import to_html, to_json, to_markdown, to_text
from core.load import load_path
from core.report import to_report

sys.path.insert(0, str(Path(__file__).parent))
from make_bad_inputs import REMOTE, make_corpus

HOST = REMOTE.split("//", 1)[1]


class NetworkUsed(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []

    def refuse(what: str):
        def raising(*args, **kwargs):
            calls.append(what)
            raise NetworkUsed(f"{what} called")
        return raising

    import http.client

    class NoSocket(socket.socket):
        """Still a type (modules annotate with socket.socket), but it cannot reach out."""

        connect = connect_ex = sendto = sendall = send = staticmethod(
            refuse("socket.connect/send"))

    monkeypatch.setattr(socket, "socket", NoSocket)
    for owner, name in (
        (socket, "create_connection"), (socket, "getaddrinfo"),
        (socket, "gethostbyname"), (socket, "socketpair"),
        (urllib.request, "urlopen"), (urllib.request, "urlretrieve"),
    ):
        monkeypatch.setattr(owner, name, refuse(f"{owner.__name__}.{name}"))
    monkeypatch.setattr(http.client.HTTPConnection, "connect", refuse("HTTPConnection.connect"))
    try:
        import urllib3

        monkeypatch.setattr(urllib3.PoolManager, "urlopen", refuse("urllib3.urlopen"))
    except ImportError:
        pass
    return calls


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return make_corpus(tmp_path_factory.mktemp("net"))


def test_pipeline_on_a_remote_heavy_page_opens_no_socket(
    corpus: dict[str, Path], no_network: list[str]
) -> None:
    remote = load_path(corpus["remote_refs"])
    payloads = load_path(corpus["script_payloads"])
    markdown = load_path(corpus["markdown_payloads"])
    good = load_path(corpus["good_html"])
    assert any("city council approved" in b.text for b in remote.blocks)
    cleaned = clean(remote)
    assert cleaned.verdicts
    comparison = compare([good, remote, payloads, markdown])
    page = to_report(comparison)
    article = comparison.consensus.article
    outputs = [page, to_html(article), to_text(article), to_markdown(article), to_json(article)]
    for output in outputs[:2]:
        assert HOST not in output
    for block in remote.blocks:
        assert HOST not in block.text
    assert no_network == []


def test_command_line_with_network_refused_before_any_import(
    corpus: dict[str, Path], tmp_path: Path
) -> None:
    out = tmp_path / "report.html"
    files = [str(corpus[k]) for k in ("good_html", "remote_refs", "script_payloads")]
    script = textwrap.dedent(f"""
        import socket, sys, urllib.request
        def refuse(*args, **kwargs):
            sys.stderr.write("NETWORK USED\\n")
            raise OSError("network refused by the test")
        class NoSocket(socket.socket):
            def connect(self, *args):
                refuse()
            connect_ex = sendto = sendall = send = connect
        socket.socket = NoSocket
        for name in ("create_connection", "getaddrinfo", "gethostbyname"):
            setattr(socket, name, refuse)
        urllib.request.urlopen = refuse
        from gui.launcher import main
        codes = [
            main(["report", *{files!r}, "-o", {str(out)!r}]),
            main(["clean", "--format", "html", {files[1]!r}]),
            main(["align", *{files!r}]),
        ]
        sys.exit(max(codes))
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert "NETWORK USED" not in result.stderr
    assert "Traceback" not in result.stderr
    page = out.read_text(encoding="utf-8")
    clean_page = result.stdout.split("</html>")[0]
    for html in (page, clean_page):
        assert HOST not in html
        assert "<script" not in html and "<img" not in html and "<iframe" not in html


def test_refusing_fixture_really_refuses(no_network: list[str]) -> None:
    with pytest.raises(NetworkUsed):
        socket.create_connection(("127.0.0.1", 9))
    with pytest.raises(NetworkUsed):
        urllib.request.urlopen("http://127.0.0.1:9/")
    with socket.socket() as sock, pytest.raises(NetworkUsed):
        sock.connect(("127.0.0.1", 9))
    assert no_network
