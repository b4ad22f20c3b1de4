"""Every command with each of its output options, on the example assessments (issue 16.11).

The commands are found in the parser itself (sub-commands and the review commands' verbs),
so a new command is covered the day it is registered:

- a command with `--json`, `-o/--output` or `--format` needs a sample invocation in
  ``SAMPLES`` below, and is then run with each option: `--json` (a JSON document with
  `schema_version`), every `--format`, `-o FILE` and `-o -` (standard output, the same bytes
  as the file);
- a command without any of them must be listed in ``ACTIONS`` (it changes a file or opens
  the app); anything else that prints data needs `--json`.

The runs are in-process (``ncsi_tui.cli.main``) to keep the suite fast; the pipes a script
would use are tried in a subprocess at the end.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from ncsi_tui.cli import build_parser, main
from ncsi_tui.cli.commands._review_common import VerbParser
from tests.conftest import ROOT

EXAMPLES = ROOT / "ncsi_tui" / "examples"

#: A working invocation of each command that prints data, without its output options.
#: Placeholders: {ncsi} {cmm} (copies of the examples), {ncsi_old} (the NCSI example with one
#: status less), {catalogue} {sheet} {page} (bundled or test files), {tmp} (a fresh folder).
SAMPLES: dict[str, list[list[str]]] = {
    "frameworks": [[]],
    "catalogue check": [["{catalogue}"]],
    "catalogue from-csv": [["{sheet}", "--id", "nat-1.0", "--title", "National catalogue"]],
    "show": [["{ncsi}", "1.1"], ["{cmm}", "D1.1.1"]],
    "import ncsi-page": [["{page}", "--country", "XE", "--country-name", "Examplia"]],
    "summary": [["{ncsi}"], ["{cmm}"]],
    "check": [["{ncsi}"], ["{cmm}"]],
    "export": [["{ncsi}"], ["{cmm}"]],
    "diff": [["{ncsi_old}", "{ncsi}"]],
    "plan show": [["{cmm}"]],
    "gap": [["{cmm}"]],
    "history": [["{ncsi}"]],
    "recs list": [["{cmm}"]],
    "trend": [["{ncsi_old}", "{ncsi}"]],
    "follow-up": [["{cmm}", "{cmm}"]],
    "overview": [["{ncsi}", "{cmm}"]],
    "merge": [["{ncsi_old}", "{ncsi}", "{ncsi_old}"]],
}

#: Commands that print no data: they change or make a file, open the app or print a script.
ACTIONS = {
    "open", "example", "new", "record", "completion", "finding",
    "catalogue from-csv", "import ncsi-page", "import sheet",
    "plan cluster", "plan session", "plan remove", "plan context",
    "recs add", "recs set", "recs remove", "git-setup", "merge", "resolve",
}

OUTPUT_OPTIONS = ("--json", "-o", "--format")
#: Formats that start another program (a headless browser): tried on the first sample only.
SLOW_FORMATS = {"pdf"}


def _leaves(parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()
            ) -> Iterator[tuple[str, argparse.ArgumentParser]]:
    """(command words, parser) of every runnable command, verbs included."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _leaves(sub, (*prefix, name))
            return
    verbs = parser.get_default("verbs")
    if verbs:
        for verb, (_, build, _) in verbs.items():
            vp = VerbParser(prog=" ".join((*prefix, verb)))
            build(vp)
            yield " ".join((*prefix, verb)), vp
        return
    yield " ".join(prefix), parser


COMMANDS = dict(_leaves(build_parser()))


def _options(parser: argparse.ArgumentParser) -> dict[str, argparse.Action]:
    return {o: a for a in parser._actions for o in a.option_strings if o in OUTPUT_OPTIONS}


def _cases() -> Iterator[tuple[str, int, str, str | None]]:
    """(command, sample index, option, format) for every output option of every command."""
    for name, parser in COMMANDS.items():
        opts = _options(parser)
        if not opts:
            continue
        for i, _ in enumerate(SAMPLES.get(name, [None])):
            if "--json" in opts:
                yield name, i, "--json", None
            formats = list(opts["--format"].choices or []) if "--format" in opts else [None]
            for fmt in formats:
                if fmt in SLOW_FORMATS and i > 0:
                    continue
                yield name, i, "-o" if "-o" in opts else "stdout", fmt


def test_the_parser_walk_finds_commands_and_verbs() -> None:
    assert {"summary", "export", "catalogue check", "plan show", "recs list"} <= set(COMMANDS)
    assert len(COMMANDS) >= 20


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_prints_data_with_json_or_is_an_action(name: str) -> None:
    opts = _options(COMMANDS[name])
    formats = opts["--format"].choices if "--format" in opts else ()
    if name in ACTIONS:
        return
    assert "--json" in opts or "json" in (formats or ()), (
        f"`ncsi {name}` has no --json: give it one (cli/_common.py print_json), or, if it "
        "prints no data, add it to ACTIONS in tests/cli/test_output_matrix.py")
    assert name in SAMPLES, (
        f"`ncsi {name}` has output options {sorted(opts)}: add a working invocation to SAMPLES "
        "in tests/cli/test_output_matrix.py so that each of them is run")


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Copies of the examples in a git repository (for history), made once: only read."""
    work = tmp_path_factory.mktemp("work")
    for p in EXAMPLES.glob("*.toml"):
        shutil.copyfile(p, work / p.name)
    text = (EXAMPLES / "example.toml").read_text(encoding="utf-8")
    head, rest = text.split('[indicators."1.1"]', 1)
    (work / "old.toml").write_text(  # the same file with 1.1 not met: a difference to show
        head + '[indicators."1.1"]' + rest.replace('status = "met"', 'status = "not-met"', 1),
        encoding="utf-8")
    if shutil.which("git"):
        env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
               "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
               "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_SYSTEM": "/dev/null",
               "PATH": "/usr/bin:/bin"}
        for cmd in (["init", "-q"], ["add", "example.toml"], ["commit", "-qm", "first"]):
            subprocess.run(["git", *cmd], cwd=work, check=True, capture_output=True, env=env)
    return work


@pytest.fixture
def files(inputs: Path, tmp_path: Path) -> dict[str, str]:
    """The inputs' names for the SAMPLES placeholders, and a fresh output folder."""
    work, old = inputs, inputs / "old.toml"
    out = tmp_path / "out"
    out.mkdir()
    return {
        "ncsi": str(work / "example.toml"), "cmm": str(work / "example-cmm.toml"),
        "ncsi_old": str(old), "catalogue": str(ROOT / "ncsi_tui" / "catalogue" / "ncsi-2.0.toml"),
        "sheet": str(ROOT / "docs" / "catalogue-sheet-example.csv"),
        "page": str(ROOT / "tests" / "data" / "ncsi-pages" / "ncsi-2.0-examplia.txt"),
        "tmp": str(out),
    }


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    capsys.readouterr()
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(("name", "sample", "option", "fmt"), list(_cases()),
                         ids=lambda v: str(v) if v is not None else "-")
def test_each_output_option_works(name: str, sample: int, option: str, fmt: str | None,
                                  files: dict[str, str], capsys) -> None:
    assert name in SAMPLES, f"no sample invocation of `ncsi {name}` (see SAMPLES)"
    argv = [*name.split(), *(a.format(**files) for a in SAMPLES[name][sample])]
    if fmt is not None:
        argv += ["--format", fmt]
    if option == "--json":
        code, out, err = _run([*argv, "--json"], capsys)
        assert code in (0, 1), err
        doc = json.loads(out)
        assert doc["schema_version"] == 1 and len(doc) > 1
        return
    if option == "stdout":
        code, out, err = _run(argv, capsys)
        assert code in (0, 1), err
        assert out.strip(), f"`ncsi {' '.join(argv)}` printed nothing"
        return
    target = Path(files["tmp"]) / f"out-{fmt or 'doc'}"
    code, out, err = _run([*argv, "-o", str(target)], capsys)
    assert code in (0, 1), err
    raw = target.read_bytes()
    assert raw.strip(), "the file is empty"
    assert str(target) in err + out, "say which file was written"
    if name not in ACTIONS:  # a document, not a new file of record: a later -o replaces it
        again, _, err_again = _run([*argv, "-o", str(target)], capsys)
        assert again == code, f"the same output again is refused (no export mark): {err_again}"
    try:
        written = raw.decode("utf-8")
    except UnicodeDecodeError:  # a binary format (a workbook): -o - in a real pipe
        r = subprocess.run([sys.executable, "-m", "ncsi_tui", *argv, "-o", "-"],
                           capture_output=True, timeout=120, cwd=ROOT)
        assert r.returncode == code, r.stderr
        assert len(r.stdout) > 0 and b"Traceback" not in r.stderr
        return
    assert written not in out, "the document went to standard output as well as to the file"
    code2, out2, err2 = _run([*argv, "-o", "-"], capsys)
    assert code2 == code, err2
    assert _timeless(out2) == _timeless(written), "-o - prints exactly what -o FILE writes"
    if fmt == "json":
        json.loads(out2)


def _timeless(text: str) -> str:
    """Without the creation stamps of a new file (two runs may fall in different seconds)."""
    return re.sub(r"(?m)^(created|updated|updated_at) = .*$", "", text)


@pytest.mark.parametrize("name", ["summary", "check", "show", "export", "gap"])
def test_a_dash_reads_the_assessment_from_standard_input(
        name: str, files: dict[str, str], capsys, monkeypatch) -> None:
    extra = {"show": ["1.1"], "export": ["--format", "json"]}.get(name, [])
    json_opt = [] if name == "export" else ["--json"]
    code, from_file, err = _run([name, files["ncsi"], *extra, *json_opt], capsys)
    assert code in (0, 1), err
    raw = Path(files["ncsi"]).read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8"))
    code2, from_stdin, err2 = _run([name, "-", *extra, *json_opt], capsys)
    assert (code2, err2) == (code, "")
    doc, doc2 = json.loads(from_file), json.loads(from_stdin)
    doc.pop("path", None), doc2.pop("path", None)
    assert doc2 == doc


def test_a_bad_assessment_on_standard_input_is_named_so(capsys, monkeypatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"schema = [\n")))
    code, out, err = _run(["summary", "-"], capsys)
    assert code == 2 and out == ""
    assert "<standard input>" in err and "ncsi-stdin" not in err and "Traceback" not in err


def test_standard_input_is_never_written_to(files: dict[str, str], capsys, monkeypatch) -> None:
    raw = Path(files["ncsi"]).read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8"))
    code, _, err = _run(["record", "-", "1.1", "--status", "met"], capsys)
    assert code == 2 and "standard input" in err


def test_a_script_pipes_the_csv_header(files: dict[str, str]) -> None:
    """`ncsi export F --format csv -o - | head -1` prints the header (a real pipe)."""
    cmd = f'"{sys.executable}" -m ncsi_tui export "{files["ncsi"]}" --format csv -o - | head -1'
    r = subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=60, cwd=ROOT)
    header = r.stdout.removeprefix("\ufeff")  # the byte-order mark Excel needs
    assert header.startswith("id,section,name,points,status") and r.stdout.count("\n") == 1
    assert "Traceback" not in r.stderr
