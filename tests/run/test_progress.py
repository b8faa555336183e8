"""The progress bar: counts on a terminal, nothing at all otherwise."""

from __future__ import annotations

import io

from onrecord.cli import main
from onrecord.run.progress import CLEAR, Progress, track
from onrecord.types import Article, Attribution, Failure, Result


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def items() -> list[Result | Failure]:
    article = Article(id="a", text='"Yes," she said.')
    quote = Attribution(kind="direct", content=[(0, 6)])
    return [Result(article, [quote, quote]), Failure("b.txt", "empty file"), Result(article, [])]


def test_quiet_when_not_a_terminal() -> None:
    stream = io.StringIO()
    assert list(track(items(), Progress(stream, interval=0))) == items()
    assert stream.getvalue() == ""


def test_counts_articles_quotes_and_errors_on_a_terminal() -> None:
    stream = Terminal()
    progress = Progress(stream, interval=0)
    list(track(items(), progress))
    last = stream.getvalue().rstrip("\n").rsplit(CLEAR, 1)[-1]
    assert last.startswith("2 articles") and "2 quotes  1 errors" in last and "/s" in last


def test_messages_never_share_the_bar_line() -> None:
    stream = Terminal()
    progress = Progress(stream, interval=0)
    progress.update(items()[0])
    progress.message("onrecord: b.txt: empty file")
    assert f"{CLEAR}onrecord: b.txt: empty file\n{CLEAR}1 articles" in stream.getvalue()


def test_cli_output_has_no_bar_when_piped(tmp_path, capsys) -> None:
    (tmp_path / "a.txt").write_text('"We will rebuild," said Mayor Ruth Okafor.\n')
    assert main(["extract", str(tmp_path / "a.txt"), "--processes", "1"]) == 0
    captured = capsys.readouterr()
    assert captured.err == "" and captured.out.startswith('{"id": "a"')
