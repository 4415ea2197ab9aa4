"""Command line: ``python -m anis_viz validate PATH``.

``validate`` prints every problem (file, row, column, value, what to do) and exits 1, or
prints the row count of each file and exits 0.
"""

from __future__ import annotations

import argparse
import sys

from anis_viz.data import DataValidationError, default_data_path, load_dataset, problems_table


def _validate(args: argparse.Namespace) -> int:
    path = args.path or default_data_path()
    try:
        ds = load_dataset(path)
    except DataValidationError as err:
        table = problems_table(err.problems, args.lang)
        errors = int((table["severity"] == "error").sum())
        print(f"{path}: {errors} problem(s)" if args.lang == "en"
              else f"{path} : {errors} problème(s)")
        for row in table.itertuples():
            where = ":".join(str(p) for p in (row.file, row.row, row.column)
                             if p is not None and str(p) not in ("", "<NA>"))
            value = f" [{row.value}]" if row.value else ""
            print(f"  {row.severity.upper():7} {where}{value} — {row.message}")
        return 1
    print(f"{path}: OK ({ds.title}, version {ds.version})")
    for name, frame in ds.tables.items():
        print(f"  {ds.file_of(name):24} {len(frame):6d}")
    for problem in ds.warnings:
        print(f"  WARNING {problem.file}:{problem.column or ''} — {problem.message(args.lang)}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m anis_viz", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check a data package")
    validate.add_argument("path", nargs="?", help="package folder (default: ANIS_VIZ_DATA or "
                                                   "data/anis)")
    validate.add_argument("--lang", choices=("fr", "en"), default="fr")
    validate.set_defaults(run=_validate)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
