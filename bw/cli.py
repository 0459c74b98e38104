"""The command line, ``python -m bw VERB``: exit 0 ok, 1 data or validation error, 2 usage."""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Callable, Sequence
from contextlib import closing
from pathlib import Path

from bw import bootstrap, cbs_store, config, store
from bw.auth import cli_actor

EXIT_OK = 0
EXIT_DATA_ERROR = 1
EXIT_USAGE = 2

#: What a command says when another process holds the store (in English, like the whole CLI;
#: the app says "bezig, probeer het zo opnieuw").
BUSY_MESSAGE = "busy, try again shortly"


_LEVEL_ORDER = ("NL", "LD", "PV", "CR", "GM", "WK", "BU", "group")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every verb; later verbs join here."""
    parser = argparse.ArgumentParser(
        prog="python -m bw",
        description="bw: het brede welvaart dashboard (store, demo monitor, command line).",
    )
    parser.add_argument(
        "--db",
        type=Path,
        default=None,
        help=f"store file (default: BW_DB or {config.store_path()})",
    )
    verbs = parser.add_subparsers(dest="verb", required=True, metavar="VERB")

    init = verbs.add_parser("init", help="create the store (real CBS figures by default)")
    kind = init.add_mutually_exclusive_group()
    kind.add_argument(
        "--demo", action="store_true", help="the fictional demo monitor (tests, training, wijken)"
    )
    kind.add_argument(
        "--empty", action="store_true", help="only the catalogue and the NL/province frame"
    )
    init.add_argument(
        "--force", action="store_true", help="recreate an existing store, keeping a backup"
    )
    init.set_defaults(run=run_init)

    info = verbs.add_parser("info", help="counts of what the store holds")
    info.add_argument("--json", action="store_true", help="print JSON instead of a table")
    info.set_defaults(run=run_info)

    assess = verbs.add_parser(
        "assess", help="judge every indicator of a region (status, trend, position, progress)"
    )
    assess.add_argument("region", metavar="REGION", help="region code: GM0363, PV27, NL01, a group")
    assess.add_argument("--period", type=_year, default=None, help="judge as of this year")
    assess.add_argument("--json", action="store_true", help="print JSON records")
    assess.set_defaults(run=run_assess)

    check = verbs.add_parser("check", help="validate a file without loading it")
    check.add_argument("file", type=Path, metavar="FILE")
    check.add_argument("--format", choices=_formats(), default="auto", help="input format (auto)")
    check.add_argument("--json", action="store_true", help="print the report as JSON")
    check.add_argument("--mapping", type=Path, metavar="FILE", default=None,
                       help="mapping file (source_key,indicator_id) for topics/columns/labels")
    check.set_defaults(run=run_check)

    load = verbs.add_parser("load", help="validate a file and load it as one undoable load")
    load.add_argument("file", type=Path, metavar="FILE")
    load.add_argument("--format", choices=_formats(), default="auto", help="input format (auto)")
    load.add_argument("--dry-run", action="store_true", help="validate and count, write nothing")
    load.add_argument(
        "--new-indicators", choices=("error", "create"), default="error",
        help="unmapped topics: an error (default), or new indicators marked 'te classificeren'",
    )
    load.add_argument("--by", default=os.environ.get("USER") or "cli", help="who loads it")
    load.add_argument("--json", action="store_true", help="print the report as JSON")
    load.add_argument("--mapping", type=Path, metavar="FILE", default=None,
                      help="mapping file (source_key,indicator_id) for topics/columns/labels")
    load.add_argument("--progress", action="store_true",
                      help="print each phase to stderr (default when stderr is a terminal)")
    load.set_defaults(run=run_load)

    loads = verbs.add_parser("loads", help="the history of loads, newest first")
    loads.add_argument("--json", action="store_true", help="print JSON")
    loads.set_defaults(run=run_loads)

    export = verbs.add_parser("export", help="write observations as the long CSV")
    export.add_argument("file", type=Path, metavar="FILE")
    export.add_argument("--indicator", default=None, help="only this indicator id")
    export.add_argument("--region", default=None, help="only this region code")
    export.set_defaults(run=run_export)

    indicators = verbs.add_parser("indicators", help="export or import the indicator catalogue")
    indicator_verbs = indicators.add_subparsers(dest="indicators_verb", required=True,
                                                metavar="export|import")
    indicators_export = indicator_verbs.add_parser("export", help="write the catalogue as CSV")
    indicators_export.add_argument("file", type=Path, metavar="FILE")
    indicators_export.set_defaults(run=run_indicators_export)
    indicators_import = indicator_verbs.add_parser(
        "import", help="add or update indicators from CSV (nothing written on any error)"
    )
    indicators_import.add_argument("file", type=Path, metavar="FILE")
    indicators_import.add_argument("--by", default=os.environ.get("USER") or "cli",
                                   help="who imports them")
    indicators_import.set_defaults(run=run_indicators_import)

    targets = verbs.add_parser("targets", help="export or import the streefwaarden as CSV")
    target_verbs = targets.add_subparsers(dest="targets_verb", required=True,
                                          metavar="export|import")
    targets_export = target_verbs.add_parser("export", help="write the current targets as CSV")
    targets_export.add_argument("file", type=Path, metavar="FILE")
    targets_export.set_defaults(run=run_targets_export)
    targets_import = target_verbs.add_parser(
        "import", help="add changed targets from CSV as new versions (nothing written on any error)"
    )
    targets_import.add_argument("file", type=Path, metavar="FILE")
    targets_import.add_argument("--by", default=os.environ.get("USER") or "cli",
                                help="who sets the targets")
    targets_import.set_defaults(run=run_targets_import)

    undo = verbs.add_parser("undo", help="restore exactly the state before a load")
    undo.add_argument("load_id", type=_positive_int, metavar="LOAD_ID")
    undo.add_argument("--by", default=os.environ.get("USER") or "cli", help="who undoes it")
    undo.set_defaults(run=run_undo)

    factsheet = verbs.add_parser("factsheet", help="write a one-page printable factsheet (HTML)")
    factsheet.add_argument("region", metavar="REGION", help="region code: GM0363, PV27, a group")
    factsheet.add_argument("--out", type=Path, required=True, help="the HTML file to write")
    factsheet.add_argument("--lang", choices=("nl", "en"), default="nl", help="language (nl)")
    factsheet.set_defaults(run=run_factsheet)

    programme = verbs.add_parser(
        "programme", help="programmes and their indicatorenplan: list, progress report"
    )
    programme_verbs = programme.add_subparsers(dest="programme_verb", required=True,
                                               metavar="list|report")
    programme_list = programme_verbs.add_parser("list", help="every programme with its id")
    programme_list.set_defaults(run=run_programme)
    programme_report = programme_verbs.add_parser(
        "report", help="write the progress report (voortgangsrapportage) as printable HTML"
    )
    programme_report.add_argument("programme_id", type=_positive_int, metavar="ID")
    programme_report.add_argument("--out", type=Path, required=True, help="the HTML file")
    programme_report.add_argument("--csv", type=Path, default=None,
                                  help="also write the report as a CSV table")
    programme_report.add_argument("--lang", choices=("nl", "en"), default="nl",
                                  help="language (nl)")
    programme_report.set_defaults(run=run_programme)

    options = verbs.add_parser(
        "options", help="beleidsopties: option sets and their effect report")
    options_verbs = options.add_subparsers(dest="options_verb", required=True,
                                           metavar="list|report")
    options_list = options_verbs.add_parser("list", help="every option set with its id")
    options_list.add_argument("--json", action="store_true", help="print JSON records")
    options_list.set_defaults(run=run_options)
    options_report = options_verbs.add_parser(
        "report", help="write the effect report (effectrapport) as printable HTML")
    options_report.add_argument("set_id", type=_positive_int, metavar="SET_ID")
    options_report.add_argument("--out", type=Path, required=True, help="the HTML file")
    options_report.add_argument("--csv", type=Path, default=None,
                                help="also write the effects as a CSV table")
    options_report.add_argument("--lang", choices=("nl", "en"), default="nl",
                                help="language (nl)")
    options_report.add_argument("--by", default=os.environ.get("USER") or "cli",
                                help="who makes the report (shown in it)")
    options_report.set_defaults(run=run_options)

    from bw.workshop_cli import add_workshop_verb  # workshop list | report CODE --out F.html

    add_workshop_verb(verbs)

    fetch = verbs.add_parser(
        "fetch", help="download a CBS table or boundary GeoJSON (saved as files; --load loads)")
    fetch_verbs = fetch.add_subparsers(dest="fetch_verb", required=True, metavar="WHAT")
    fetch_cbs = fetch_verbs.add_parser(
        "cbs", help="download a CBS OData table into a folder the cbs_odata loaders read")
    fetch_cbs.add_argument("table", type=_table_id, metavar="TABLE", help="such as 83625NED")
    fetch_cbs.add_argument("--v3", action="store_true",
                           help="use OData v3 (opendata.cbs.nl ODataFeed) instead of v4")
    fetch_cbs.add_argument("--regions", type=_code_list, default=None,
                           help="only these regions, comma separated (GM0363,PV27)")
    fetch_cbs.add_argument("--periods", type=_code_list, default=None,
                           help="only these periods, comma separated (2022JJ00,2023JJ00)")
    fetch_cbs.add_argument("--topics", type=_code_list, default=None,
                           help="only these measures/topics, comma separated (M001534)")
    fetch_cbs.add_argument("--out", type=Path, default=None,
                           help="folder to save into (default: <data dir>/downloads/TABLE)")
    fetch_cbs.add_argument("--base-url", default=None,
                           help="table URL template with {table} (a mirror; default CBS)")
    fetch_cbs.add_argument("--load", action="store_true",
                           help="then validate and load the saved folder as one load")
    fetch_cbs.add_argument(
        "--new-indicators", choices=("error", "create"), default="error",
        help="with --load, unmapped topics: an error (default) or new indicators",
    )
    fetch_cbs.add_argument("--by", default=os.environ.get("USER") or "cli",
                           help="with --load: who loads it")
    fetch_cbs.set_defaults(run=run_fetch_cbs)
    fetch_boundaries = fetch_verbs.add_parser(
        "boundaries", help="download (or install with --file) a checked boundary GeoJSON")
    fetch_boundaries.add_argument("year", type=_year, metavar="YEAR")
    fetch_boundaries.add_argument("--level", choices=("gemeente", "provincie"),
                                  default="gemeente", help="region level (gemeente)")
    fetch_boundaries.add_argument("--file", type=Path, default=None,
                                  help="install this local GeoJSON instead of downloading")
    fetch_boundaries.add_argument(
        "--url", default=None,
        help="URL template with {level} and {year} (default: cartomap's WGS84 copy of the "
        "CBS/PDOK gebiedsindelingen; not verified offline, check it)",
    )
    fetch_boundaries.set_defaults(run=run_fetch_boundaries)

    # Backups and published snapshots (docs/deploy.md): whole-store copies, renamed into place.
    backup = verbs.add_parser("backup", help="write a consistent copy of the store")
    backup.add_argument("--out", type=Path, default=None,
                        help="the copy to write (default: STORE.backup-TIMESTAMP.duckdb beside it)")
    backup.set_defaults(run=run_backup)
    restore = verbs.add_parser(
        "restore", help="replace the store by a backup (the current store is kept beside it)")
    restore.add_argument("file", type=Path, metavar="FILE", help="a backup written by `backup`")
    restore.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    restore.set_defaults(run=run_restore)
    publish = verbs.add_parser(
        "publish", help="replace the snapshot read-only replicas open by a copy of the store")
    publish.add_argument("snapshot", type=Path, metavar="SNAPSHOT_PATH")
    publish.set_defaults(run=run_publish)

    bench = verbs.add_parser(
        "bench",
        help="time every page's queries on a synthetic store (in a temporary folder) "
        "against a pandas baseline",
    )
    bench.add_argument(
        "--observations", type=_positive_int, default=10_000_000,
        help="size of the synthetic store (default 10000000)",
    )
    bench.add_argument(
        "--repeat", type=_positive_int, default=20, help="timed runs per query (default 20)"
    )
    bench.add_argument("--json", action="store_true", help="print JSON instead of lines")
    bench.add_argument(
        "--ingest", action="store_true",
        help="time intake instead: a long CSV through load_file against a pandas + row-by-row "
        "INSERT baseline, and a waarstaatjegemeente delivery",
    )
    bench.add_argument(
        "--rows", type=_positive_int, default=10_000_000,
        help="with --ingest: rows of the long CSV (default 10000000)",
    )
    bench.add_argument("--wide-gemeenten", type=_positive_int, default=400,
                       help="with --ingest: gemeenten in the delivery (default 400)")
    bench.add_argument("--wide-columns", type=_positive_int, default=400,
                       help="with --ingest: indicator columns in the delivery (default 400)")
    bench.add_argument("--baseline-rows", type=_positive_int, default=50_000,
                       help="with --ingest: rows the row-by-row baseline inserts (default 50000)")
    bench.set_defaults(run=run_bench)

    # Accounts and roles (issue 7): the command line acts as admin on the store it can write.
    user = verbs.add_parser("user", help="add, list or remove accounts (roles and login)")
    user_verbs = user.add_subparsers(dest="user_verb", required=True, metavar="add|list|remove")
    user_add = user_verbs.add_parser("add", help="add an account (password asked on the terminal)")
    user_add.add_argument("name", metavar="NAME", help="login name or e-mail address (OIDC)")
    user_add.add_argument("--role", required=True,
                          choices=("viewer", "analyst", "facilitator", "admin"))
    secret = user_add.add_mutually_exclusive_group()
    secret.add_argument("--password-stdin", action="store_true",
                        help="read the password from the first line of standard input")
    secret.add_argument("--no-password", action="store_true",
                        help="no password: the account logs in only through OIDC")
    user_add.add_argument("--by", default=os.environ.get("USER") or "cli", help="who adds it")
    user_add.set_defaults(run=run_user)
    user_list = user_verbs.add_parser("list", help="every account with its role")
    user_list.add_argument("--json", action="store_true", help="print JSON records")
    user_list.set_defaults(run=run_user)
    user_remove = user_verbs.add_parser("remove", help="remove an account")
    user_remove.add_argument("name", metavar="NAME")
    user_remove.add_argument("--by", default=os.environ.get("USER") or "cli",
                             help="who removes it")
    user_remove.set_defaults(run=run_user)
    return parser


def _formats() -> tuple[str, ...]:
    from bw.intake import FORMATS

    return FORMATS


def _year(text: str) -> int:
    if not (text.isdigit() and len(text) == 4):
        raise argparse.ArgumentTypeError(f"expected a year such as 2023, got {text!r}")
    return int(text)


def _positive_int(text: str) -> int:
    value = int(text.replace("_", ""))
    if value <= 0:
        raise argparse.ArgumentTypeError(f"expected a positive whole number, got {text}")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    """Run one verb and return its exit code; never a traceback (``BW_DEBUG=1`` shows one)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse exits 2 on usage errors and 0 on --help
        return int(exit_.code or 0)
    run: Callable[[argparse.Namespace], int] = args.run
    try:
        code = run(args)
        sys.stdout.flush()  # a closed pipe shows here, inside the handler below
        return code
    except BrokenPipeError:  # `check … --json | head`: the reader has what it wanted
        _discard_stdout()
        return EXIT_DATA_ERROR
    except store.StoreInUseError as error:  # another process writes: the same words as the app
        print(f"error: {BUSY_MESSAGE}: {terminal_safe(str(error))}", file=sys.stderr)
        return EXIT_DATA_ERROR
    except store.StoreError as error:
        print(f"error: {terminal_safe(str(error))}", file=sys.stderr)
        return EXIT_DATA_ERROR
    except Exception as error:  # a bug or an input no check foresaw: one line, not a traceback
        if config.debug():
            raise
        print(f"error: internal error ({type(error).__name__}): "
              f"{terminal_safe(' '.join(str(error).split()))[:500]}; nothing was written. Please "
              "report it (BW_DEBUG=1 shows the traceback)", file=sys.stderr)
        return EXIT_DATA_ERROR


def _discard_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's last flush cannot fail on a closed pipe."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # no real file descriptor (a test's capture)
        pass


# Characters a terminal acts on instead of showing: C0 and C1 controls (escape sequences,
# carriage returns that overwrite a line, newlines that forge one), DEL, bidirectional
# overrides that reorder text, and lone surrogates (undecodable bytes in a file name).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e"
                     "\u2066-\u2069\ud800-\udfff]")
# The same inside JSON text, where json.dumps has escaped C0 already.
_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e"
                             "\u2066-\u2069\ud800-\udfff]")


def terminal_safe(text: str) -> str:
    r"""Text with every character a terminal would act on shown as an escape.

    >>> terminal_safe("regio \x1b[31mrood\x1b[0m\r\nx\u202e")
    'regio \\x1b[31mrood\\x1b[0m\\r\\nx\\u202e'
    """
    return _UNSAFE.sub(_escape, text)


def _escape(found: re.Match) -> str:
    code = ord(found.group())
    named = {0x09: "\\t", 0x0A: "\\n", 0x0D: "\\r"}
    return named.get(code) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def _json_safe(text: str) -> str:
    """JSON text whose strings escape what a terminal would act on (valid JSON still)."""
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def run_init(args: argparse.Namespace) -> int:
    """``init [--demo | --empty] [--force]``: real CBS figures unless a flag says otherwise."""
    kind = "demo" if args.demo else "empty" if args.empty else bootstrap.DEFAULT_KIND
    result = bootstrap.init_store(
        args.db,
        kind=kind,
        force=args.force,
        progress=lambda message: print(message, file=sys.stderr),
    )
    described = {
        "cbs": f"store of real CBS figures ({cbs_store.ATTRIBUTION_NL})",
        "demo": "demo monitor (demodata, fictief)",
        "empty": "empty store",
    }[kind]
    print(f"created {described}: {result.path}")
    if result.backup:
        print(f"previous store kept as {result.backup}")
    return EXIT_OK


def run_info(args: argparse.Namespace) -> int:
    """``info [--json]``."""
    path = args.db or config.store_path()
    if not Path(path).exists():
        print(f"error: store {path} does not exist; create it with `python -m bw init`",
              file=sys.stderr)
        return EXIT_DATA_ERROR
    con = store.connect_for_reading(path)
    try:
        info = store.read_info(con)
    finally:
        con.close()
    info["regions"] = dict(sorted(info["regions"].items(), key=lambda kv: _level_rank(kv[0])))
    if args.json:
        print(json.dumps(info, indent=2))
    else:
        print(format_info(info, path=Path(path)))
    return EXIT_OK


def run_assess(args: argparse.Namespace) -> int:
    """``assess REGION [--period YEAR] [--json]``."""
    from bw import monitor

    with closing(_open_existing(args.db)) as con:
        assessment = monitor.assess_region(con, args.region.strip(), period=args.period)
    records = monitor.records(assessment)
    if args.json:
        print(json.dumps(records, indent=2, ensure_ascii=False))
    else:
        print(format_assessment(assessment.region.name, assessment.region.code, records))
    return EXIT_OK


def run_check(args: argparse.Namespace) -> int:
    """``check FILE [--format F] [--json]``: compiler-style lines, exit 1 on any error."""
    from bw import intake

    with closing(_open_existing(args.db)) as con:
        staged = intake.check_file(con, args.file, format=args.format, mapping=args.mapping)
    return _print_report(staged.report, args.file, as_json=args.json, extra={})


def run_load(args: argparse.Namespace) -> int:
    """``load FILE [--format F] [--dry-run] [--json]``: nothing is written on any error."""
    from bw import intake

    with closing(_open_existing(args.db, write=True)) as con:
        outcome = intake.load_file(
            con, args.file, format=args.format, dry_run=args.dry_run,
            new_indicators=args.new_indicators, actor=cli_actor(args.by), mapping=args.mapping,
            progress=_print_phase if args.progress or sys.stderr.isatty() else None,
        )
    extra = {"load_id": outcome.load_id, **{k: outcome.counts.get(k, 0) for k in
                                            ("new", "changed", "unchanged", "missing")}}
    code = _print_report(outcome.report, args.file, as_json=args.json, extra=extra)
    if code == EXIT_OK and not args.json:
        if outcome.load_id is not None:
            print(f"loaded as load {outcome.load_id}: {_counts_text(extra)}")
        elif args.dry_run:
            print(f"dry run, nothing written: {_counts_text(extra)}")
    return code


def _print_phase(fraction: float, phase: str) -> None:
    print(f"{fraction:4.0%} {phase}", file=sys.stderr, flush=True)


def _counts_text(counts: dict) -> str:
    return ", ".join(f"{counts[k]} {k}" for k in ("new", "changed", "unchanged", "missing"))


def _print_report(report, file: Path, *, as_json: bool, extra: dict) -> int:
    # Messages quote a file's cells and the file's own name: never hand their raw bytes or
    # escape sequences to the terminal.
    if as_json:
        print(_json_safe(json.dumps({**report.to_dict(), **extra}, ensure_ascii=False,
                                    indent=2)))
    else:
        name = str(file)
        for issue in report.sorted_issues():
            print(terminal_safe(issue.render(name)),
                  file=sys.stderr if issue.severity == "error" else sys.stdout)
        detected = ", ".join(f"{k}: {v}" for k, v in report.detected.items())
        if detected:
            print(terminal_safe(f"{file}: detected {detected}"))
    return EXIT_OK if report.ok else EXIT_DATA_ERROR


def run_loads(args: argparse.Namespace) -> int:
    """``loads [--json]``: provenance of every load."""
    with closing(_open_existing(args.db)) as con:
        frame = store.read_loads(con)
    if args.json:
        print(frame.to_json(orient="records", date_format="iso", indent=2))
        return EXIT_OK
    for row in frame.itertuples(index=False):
        state = f"undone {row.undone_at:%Y-%m-%d %H:%M}" if row.undone_at is not None and \
            str(row.undone_at) != "NaT" else "active"
        print(f"{row.id:>5}  {row.loaded_at:%Y-%m-%d %H:%M}  {row.loaded_by:<10}  "
              f"{row.format:<12}  {row.n_inserted:>9} new  {row.n_superseded:>9} changed  "
              f"{state}  {row.file_name if isinstance(row.file_name, str) else row.source}")
    return EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    """``export FILE [--indicator ID] [--region CODE]``: the long CSV the loader reads."""
    from bw.export import export_long_csv

    with closing(_open_existing(args.db)) as con:
        rows = export_long_csv(con, args.file, indicator=args.indicator, region=args.region)
    print(f"{rows} observations written to {args.file}")
    return EXIT_OK


def run_indicators_export(args: argparse.Namespace) -> int:
    """``indicators export FILE``."""
    from bw.indicator_csv import export_indicators

    with closing(_open_existing(args.db)) as con:
        count = export_indicators(con, args.file)
    print(f"{count} indicators written to {args.file}")
    return EXIT_OK


def run_indicators_import(args: argparse.Namespace) -> int:
    """``indicators import FILE``: validated whole; exit 1 and nothing written on any error."""
    from bw.indicator_csv import import_indicators, read_indicator_file

    with closing(_open_existing(args.db, write=True)) as con:
        indicators, report = read_indicator_file(con, args.file)
        if report.ok:
            with store.transaction(con):
                import_indicators(con, indicators, actor=cli_actor(args.by))
    code = _print_report(report, args.file, as_json=False, extra={})
    if code == EXIT_OK:
        print(f"{report.counts['new']} new and {report.counts['existing']} updated indicators")
    return code


def run_targets_export(args: argparse.Namespace) -> int:
    """``targets export FILE``: the current targets as CSV (';' and decimal comma)."""
    from bw.targets import export_targets

    with closing(_open_existing(args.db)) as con:
        count = export_targets(con, args.file)
    print(f"{count} targets written to {args.file}")
    return EXIT_OK


def run_targets_import(args: argparse.Namespace) -> int:
    """``targets import FILE [--by NAME]``: validated whole; exit 1 and nothing written on error."""
    from bw.targets import import_targets, read_targets_file

    con = _open_existing(args.db, write=True)
    written = 0
    try:
        targets, report = read_targets_file(con, args.file)
        if report.ok:
            with store.transaction(con):
                written = import_targets(con, targets, actor=cli_actor(args.by))
    finally:
        con.close()
    code = _print_report(report, args.file, as_json=False, extra={})
    if code == EXIT_OK:
        print(f"{written} targets changed (new versions), {len(targets) - written} unchanged")
    return code


def run_undo(args: argparse.Namespace) -> int:
    """``undo LOAD_ID``: restore exactly the state before that load."""
    from bw import intake

    with closing(_open_existing(args.db, write=True)) as con, store.transaction(con):
        touched = intake.undo_load(con, args.load_id, actor=cli_actor(args.by))
    print(f"load {args.load_id} undone; indicators restored: {', '.join(touched) or 'none'}")
    return EXIT_OK


def run_factsheet(args: argparse.Namespace) -> int:
    """``factsheet REGION --out FILE.html [--lang nl|en]``."""
    from bw import factsheet, monitor

    with closing(_open_existing(args.db)) as con:
        assessment = monitor.assess_region(con, args.region.strip())
        html = factsheet.build_factsheet(
            assessment, lang=args.lang, demo=store.is_demo(con),
            cbs=store.read_source(con) == "cbs",
        )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(html, encoding="utf-8")
    print(f"factsheet of {assessment.region.name} written to {args.out}")
    return EXIT_OK


def run_programme(args: argparse.Namespace) -> int:
    """``programme list`` and ``programme report ID --out FILE.html [--csv FILE] [--lang]``."""
    from bw import export, programmes, progress_report

    with closing(_open_existing(args.db)) as con:
        if args.programme_verb == "list":
            for p in programmes.read_programmes(con):
                years = f"{p.start_year or '…'}-{p.end_year or '…'}"
                print(f"{p.id}\t{p.kind}\t{years}\t{', '.join(p.region_codes)}\t{p.name}")
            return EXIT_OK
        if programmes.read_programme(con, args.programme_id) is None:
            print(f"error: unknown programme {args.programme_id}; see `python -m bw programme "
                  "list`", file=sys.stderr)
            return EXIT_DATA_ERROR
        html, table = progress_report.build_progress_report(
            con, args.programme_id, lang=args.lang, demo=store.is_demo(con)
        )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(html, encoding="utf-8")
    print(f"progress report of programme {args.programme_id} written to {args.out}")
    if args.csv:
        args.csv.parent.mkdir(parents=True, exist_ok=True)
        args.csv.write_bytes(export.to_csv_bytes(table, lang=args.lang))
        print(f"table written to {args.csv}")
    return EXIT_OK


def run_options(args: argparse.Namespace) -> int:
    """``options list [--json]`` and ``options report SET_ID --out F.html [--csv F.csv]``."""
    from bw import effect_report, export, policy_options

    with closing(_open_existing(args.db)) as con:
        if args.options_verb == "list":
            sets = policy_options.read_option_sets(con)
            if args.json:
                print(json.dumps([
                    {"id": s.id, "region": s.region_code, "title": s.title,
                     "question": s.question, "options": [o.name for o in s.options],
                     "updated_by": s.updated_by, "updated_at": s.updated_at.isoformat()}
                    for s in sets], ensure_ascii=False, indent=2))
                return EXIT_OK
            for s in sets:
                print(f"{s.id}\t{s.region_code}\t{len(s.options)} options\t{s.title}")
            return EXIT_OK
        if policy_options.read_option_set(con, args.set_id) is None:
            print(f"error: unknown option set {args.set_id}; see `python -m bw options list`",
                  file=sys.stderr)
            return EXIT_DATA_ERROR
        html, table = effect_report.build_effect_report(
            con, args.set_id, lang=args.lang, demo=store.is_demo(con), made_by=args.by)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(html, encoding="utf-8")
    print(f"effect report of option set {args.set_id} written to {args.out}")
    if args.csv:
        args.csv.parent.mkdir(parents=True, exist_ok=True)
        args.csv.write_bytes(export.to_csv_bytes(table, lang=args.lang))
        print(f"table written to {args.csv}")
    return EXIT_OK


def _table_id(text: str) -> str:
    value = text.strip()
    if not (value.isascii() and value.isalnum() and 5 <= len(value) <= 20):
        raise argparse.ArgumentTypeError(f"expected a CBS table number such as 83625NED, "
                                         f"got {text!r}")
    return value


def _code_list(text: str) -> list[str]:
    codes = [part.strip() for part in text.split(",") if part.strip()]
    if not codes:
        raise argparse.ArgumentTypeError("expected codes separated by commas, such as GM0363,PV27")
    return codes


def _fetch_progress(text: str, counts: dict) -> None:
    rows = counts.get("total_rows")
    print(f"{text}: {rows} rijen" if rows is not None else text, file=sys.stderr, flush=True)


def run_fetch_cbs(args: argparse.Namespace) -> int:
    """``fetch cbs TABLE [--v3] [--regions …] [--periods …] [--topics …] [--out D] [--load]``."""
    from bw import fetch

    con = _open_existing(args.db, write=True) if args.load else None  # fail before downloading
    try:
        dest = args.out or config.data_dir() / "downloads" / args.table
        function = fetch.fetch_cbs_v3 if args.v3 else fetch.fetch_cbs_v4
        options = {"base_url": args.base_url} if args.base_url else {}
        try:
            saved = function(args.table, dest=dest, regions=args.regions, periods=args.periods,
                             measures=args.topics, progress=_fetch_progress, **options)
        except fetch.FetchError as error:
            print(f"error: {error}", file=sys.stderr)
            return EXIT_DATA_ERROR
        print(f"saved {args.table} to {saved}")
        if con is None:
            print(f"load it with: python -m bw load {saved}")
            return EXIT_OK
        from bw import intake

        file = saved / ("DataProperties.json" if args.v3 else "index.json")
        outcome = intake.load_file(
            con, file, format="cbs_odata_v3" if args.v3 else "cbs_odata_v4",
            new_indicators=args.new_indicators, actor=cli_actor(args.by))
    finally:
        if con is not None:
            con.close()
    extra = {"load_id": outcome.load_id, **{k: outcome.counts.get(k, 0) for k in
                                            ("new", "changed", "unchanged", "missing")}}
    code = _print_report(outcome.report, saved, as_json=False, extra=extra)
    if code == EXIT_OK and outcome.load_id is not None:
        print(f"loaded as load {outcome.load_id}: {_counts_text(extra)}")
    return code


def run_fetch_boundaries(args: argparse.Namespace) -> int:
    """``fetch boundaries YEAR [--level gemeente|provincie] [--file PATH] [--url TEMPLATE]``."""
    from bw import fetch

    try:
        if args.file is not None:
            path = fetch.install_boundaries(args.file, level=args.level, year=args.year,
                                            dest_dir=config.data_dir())
        else:
            options = {"url_template": args.url} if args.url else {}
            path = fetch.fetch_boundaries(args.year, level=args.level,
                                          dest_dir=config.data_dir(), **options)
    except fetch.FetchError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_DATA_ERROR
    print(f"boundaries {args.level} {args.year} installed as {path}")
    return EXIT_OK


def run_backup(args: argparse.Namespace) -> int:
    """``backup [--out FILE]``: a consistent copy, written aside and renamed into place."""
    from bw import snapshot

    out = snapshot.backup(args.db or config.store_path(), args.out)
    print(f"backup written: {out} ({out.stat().st_size:,} bytes)")
    return EXIT_OK


def run_restore(args: argparse.Namespace) -> int:
    """``restore FILE [--yes]``: the store becomes the backup; the old one is kept beside it."""
    from bw import snapshot

    target = Path(args.db or config.store_path())
    if not args.yes:
        if not sys.stdin.isatty():
            print(f"error: restoring replaces {target}; add --yes to confirm", file=sys.stderr)
            return EXIT_USAGE
        answer = input(f"Replace {target} by {args.file}? The current store is kept. [y/N] ")
        if answer.strip().lower() not in ("y", "yes", "j", "ja"):
            print("nothing restored")
            return EXIT_OK
    result = snapshot.restore(args.file, target)
    print(f"restored {args.file} into {result.path} (schema version {result.schema_version})")
    if result.previous:
        print(f"previous store kept as {result.previous}")
    return EXIT_OK


def run_publish(args: argparse.Namespace) -> int:
    """``publish SNAPSHOT_PATH``: a new snapshot for the read-only replicas, renamed into place."""
    from bw import snapshot

    out = snapshot.publish(args.db or config.store_path(), args.snapshot)
    print(f"published {out} ({out.stat().st_size:,} bytes); replicas pick it up on their next run")
    return EXIT_OK


def _open_existing(path: Path | None, *, write: bool = False):
    """A connection to an existing store (never a new one), or a StoreError saying why not."""
    path = path or config.store_path()
    if not Path(path).exists():
        raise store.StoreError(f"store {path} does not exist; create it with `python -m bw init`")
    return store.connect(path) if write else store.connect_for_reading(path)


def format_assessment(name: str, code: str, records: list[dict]) -> str:
    """A readable table of assessment records (values in Dutch notation)."""
    from bw.formatting import format_number

    header = ("indicator", "period", "value", "status", "trend", "rank", "vs NL", "progress")
    rows = [header]
    for r in records:
        rank = f"{r['rank']} of {r['n']}" if r["rank"] is not None else "–"
        if r["rank"] is not None and r["comparison_period"] != r["period"]:
            rank += f" (in {r['comparison_period']})"  # methods.md §3: the comparison period
        vs_nl = (
            f"{format_number(100 * r['vs_nl'], 1)}% {r['vs_nl_class']}"
            if r["vs_nl"] is not None else "–"
        )
        rows.append((
            r["indicator"], str(r["period"] or "–"), f"{format_number(r['value'], 2)} {r['unit']}",
            r["status"], r["trend"], rank, vs_nl, r["progress"] or "–",
        ))
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(header))]
    lines = [f"{name} ({code})"]
    lines += ["  ".join(str(cell).ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
              for row in rows]
    return "\n".join(lines)


def run_bench(args: argparse.Namespace) -> int:
    """``bench [--observations N] [--repeat K] [--json]``; exit 1 when store and baseline differ."""
    if args.ingest:
        return run_bench_ingest(args)
    from bench import page_queries as bench  # only this verb needs it

    result = bench.run_bench(
        observations=args.observations,
        repeat=args.repeat,
        progress=lambda message: print(message, file=sys.stderr, flush=True),
    )
    if args.json:
        print(json.dumps(result.summary(), indent=2))
    else:
        for line in bench.format_result(result):
            print(line)
    if result.mismatches:
        print(f"error: the store and the pandas baseline disagree ({len(result.mismatches)} "
              "differences): the derived tables are wrong", file=sys.stderr)
        for mismatch in result.mismatches[:50]:
            print(f"error: mismatch: {mismatch}", file=sys.stderr)
        return EXIT_DATA_ERROR
    return EXIT_OK


def run_bench_ingest(args: argparse.Namespace) -> int:
    """``bench --ingest [--rows N] [--json]``; exit 1 when a file is refused or counts differ."""
    from bench import ingest as bench_ingest  # only this verb needs it

    result = bench_ingest.run_ingest_bench(
        rows=args.rows,
        wide_gemeenten=args.wide_gemeenten,
        wide_columns=args.wide_columns,
        baseline_rows=args.baseline_rows,
        progress=lambda message: print(message, file=sys.stderr, flush=True),
    )
    if args.json:
        print(json.dumps(result.summary(), indent=2))
        if not (result.long_met and result.wide_met):  # the breakdown, off stdout
            for line in bench_ingest.format_result(result):
                print(line, file=sys.stderr)
    else:
        for line in bench_ingest.format_result(result):
            print(line)
    if result.problems:
        for problem in result.problems:
            print(f"error: {problem}", file=sys.stderr)
        return EXIT_DATA_ERROR
    return EXIT_OK


def _level_rank(level: str) -> int:
    return _LEVEL_ORDER.index(level) if level in _LEVEL_ORDER else len(_LEVEL_ORDER)


def format_info(info: dict, *, path: Path) -> str:
    """The human-readable form of :func:`bw.store.read_info`'s counts."""
    lines = [f"store         {path}"]
    if info["demo"]:
        lines.append("data          demodata (fictief) — demo data, fictional")
    elif info.get("source") == "cbs":
        lines.append("data          CBS-cijfers — Bron: CBS (CC BY 4.0), Regionale Monitor Brede "
                     "Welvaart")
    regions = ", ".join(f"{level} {count}" for level, count in info["regions"].items())
    lines.append(f"regions       {regions or 'none'}")
    ind = info["indicators"]
    lines.append(
        f"indicators    {ind['total']} (hier en nu {ind['hier_en_nu']}, later {ind['later']}, "
        f"elders {ind['elders']}; one indicator can count for more than one dimension)"
    )
    for key in ("observations", "targets", "loads"):
        lines.append(f"{key:<13} {info[key]}")
    return "\n".join(lines)


def _read_new_password(args: argparse.Namespace) -> str | None:
    """The new account's password: stdin's first line, or asked twice on a terminal."""
    import getpass

    if args.no_password:
        return None
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        raise ValueError("no terminal to ask the password on; use --password-stdin or "
                         "--no-password")
    first = getpass.getpass(f"password for {args.name}: ")
    if getpass.getpass("again: ") != first:
        raise ValueError("the two passwords differ")
    return first


def run_user(args: argparse.Namespace) -> int:
    """``user add NAME --role ROLE``, ``user list [--json]``, ``user remove NAME``."""
    from bw import auth, users

    if args.user_verb == "list":
        with closing(_open_existing(args.db)) as con:
            accounts = users.read_users(con)
        records = [{"name": u.name, "role": str(u.role), "password": u.has_password,
                    "created_at": u.created_at.isoformat(sep=" ", timespec="seconds"),
                    "created_by": u.created_by} for u in accounts]
        if args.json:
            print(json.dumps(records, indent=2, ensure_ascii=False))
            return EXIT_OK
        if not records:
            print("no accounts: the app runs in lokale modus on localhost, read-only elsewhere")
        for r in records:
            login = "password" if r["password"] else "OIDC only"
            print(f"{r['name']:<32} {r['role']:<12} {login:<10} added {r['created_at']} "
                  f"by {r['created_by']}")
        return EXIT_OK
    actor = auth.cli_actor(args.by)
    try:
        password = _read_new_password(args) if args.user_verb == "add" else None
        with closing(_open_existing(args.db, write=True)) as con, store.transaction(con):
            if args.user_verb == "add":
                added = users.add_user(con, args.name, role=args.role, password=password,
                                       actor=actor)
                print(f"account {added.name} added as {added.role}")
            else:
                users.remove_user(con, args.name, actor=actor)
                print(f"account {users.normalise_name(args.name)} removed")
    except (users.UserError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_DATA_ERROR
    return EXIT_OK
