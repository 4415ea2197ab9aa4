"""Command line: ``anis-viz COMMAND`` (installed with the package) or
``python -m anis_viz COMMAND``.

- ``anis-viz run [STREAMLIT OPTIONS]``: serve the dashboard (:mod:`anis_viz.serve`).
- ``anis-viz synth OUT --scale 10``: write a synthetic package (:mod:`anis_viz.synth`).
- ``anis-viz bench``: the benchmark, a development tool (:mod:`anis_viz.bench`).

- ``python -m anis_viz validate [PATH]``: every problem (file, row, column, value, what to
  do) and exit 1, or the row count of each file and exit 0.
- ``python -m anis_viz export --out DIR [--lang fr|en] [--data PATH]``: the offline assembly
  pack (every chart as PNG and SVG, one PDF, one HTML report, the data, a read-me) as one zip.
- ``python -m anis_viz publish --out DIR [--data PATH]``: the history as a static web site
  (every page's charts, interactive, in French and English; the cards; the downloads).
- ``python -m anis_viz loadtest URL [--users N --ramp S …]``: many viewers at once against a
  running server on this machine (:mod:`anis_viz.loadtest`).
"""

from __future__ import annotations

import argparse
import importlib
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


def _dataset(args: argparse.Namespace):
    """The package of ``--data`` (default: the embedded one), or None after printing why it
    cannot be used."""
    try:
        return load_dataset(args.data or default_data_path())
    except DataValidationError as err:
        print(err)
        return None


def _export(args: argparse.Namespace) -> int:
    import time
    from pathlib import Path

    from anis_viz import animation, export, views
    from anis_viz.i18n import t

    ds = _dataset(args)
    if ds is None:
        return 1
    started = time.perf_counter()
    mark = export.stamp(ds, args.lang)
    figures = views.standard(ds, args.lang)
    pack = export.assembly_pack(
        ds, figures, mark,
        progress=lambda share, message: print(f"  [{share:4.0%}] {message}", flush=True),
        extras=lambda: animation.pack_files(ds, mark))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"{mark.prefix}_{t('export.pack.name', args.lang)}_{args.lang}.zip"
    if target.exists() and not args.force:
        print(f"{target} exists: pass --force to replace it, or choose another --out.")
        return 1
    target.write_bytes(pack)
    print(f"{target}: {len(figures)} charts, {len(pack) / 1e6:.1f} MB, "
          f"{time.perf_counter() - started:.1f} s")
    return 0


def _publish(args: argparse.Namespace) -> int:
    import time
    from pathlib import Path

    from anis_viz import publish

    ds = _dataset(args)
    if ds is None:
        return 1
    out = Path(args.out)
    if (out / "index.html").exists() and not args.force:
        print(f"{out} already holds a site: pass --force to replace it, or choose another "
              f"--out.")
        return 1
    started = time.perf_counter()
    if args.force:
        publish.clear(out)
    files = publish.publish(ds, out)
    size = sum((out / f).stat().st_size for f in files)
    print(f"{out / 'index.html'}: {len(files)} files, {size / 1e6:.1f} MB, "
          f"{time.perf_counter() - started:.1f} s")
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["loadtest"]:  # its own options, --help included
        from anis_viz import loadtest

        return loadtest.main(argv[1:])
    parser = argparse.ArgumentParser(prog="python -m anis_viz", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check a data package")
    validate.add_argument("path", nargs="?", help="package folder (default: ANIS_VIZ_DATA or "
                                                   "data/anis)")
    validate.add_argument("--lang", choices=("fr", "en"), default="fr")
    validate.set_defaults(run=_validate)
    pack = commands.add_parser("export", help="write the offline assembly pack (zip)")
    pack.add_argument("--out", required=True, help="folder to write the zip into")
    pack.add_argument("--lang", choices=("fr", "en"), default="fr")
    pack.add_argument("--data", help="package folder (default: ANIS_VIZ_DATA or data/anis)")
    pack.add_argument("--force", action="store_true", help="replace an existing zip")
    pack.set_defaults(run=_export)
    site = commands.add_parser("publish", help="write the history as a static web site")
    site.add_argument("--out", required=True, help="folder to write the site into")
    site.add_argument("--data", help="package folder (default: ANIS_VIZ_DATA or data/anis)")
    site.add_argument("--force", action="store_true", help="replace a site written earlier")
    site.set_defaults(run=_publish)
    commands.add_parser("loadtest", add_help=False,
                        help="many viewers at once against a local server "
                             "(--help for its options)")
    args = parser.parse_args(argv)
    return args.run(args)


# Commands that parse their own options (``--help`` included): name -> (module with
# ``main(argv)``, what it does). Adding one is one line here.
TOOLS = {
    "run": ("anis_viz.serve", "serve the dashboard (Streamlit's options follow)"),
    "synth": ("anis_viz.synth", "write a synthetic data package (benchmarks, scale tests)"),
    "bench": ("anis_viz.bench", "development: the benchmark (docs/PERFORMANCE.md)"),
}


def cli(argv: list[str] | None = None) -> int:
    """The ``anis-viz`` command: :data:`TOOLS`, then the commands of :func:`main`."""
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] and argv[0] in TOOLS:
        return importlib.import_module(TOOLS[argv[0]][0]).main(argv[1:])
    if not argv or argv[0] in ("-h", "--help"):
        print("anis-viz COMMAND …\n\n" + "\n".join(
            f"  {name:10} {about}" for name, (_, about) in TOOLS.items()) + "\n")
    return main(argv)


if __name__ == "__main__":
    sys.exit(cli())
