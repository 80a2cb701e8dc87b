"""``osteoimmune cohort``: simulate a virtual cohort in resumable chunks and write its tables and figures."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import click

from osteoimmune.cli.errors import InputError


def _check_set(_ctx: click.Context, _param: click.Parameter, values: tuple[str, ...]) -> tuple[str, ...]:
    for v in values:
        key, sep, _ = v.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"{v!r} is not of the form dotted.key=value (e.g. days=120)")
    return values


def write_figures(result: Any, out: Path) -> list[Path]:
    """Draw the cohort figures into ``out/figures`` (each PNG written to a temporary name, then renamed)."""
    from osteoimmune.plot.cohort import cohort_figures, figure_columns

    columns = [c for c in figure_columns(result.spec)]
    import pyarrow.parquet as pq

    available = set(pq.read_schema(result.files["patients"]).names)
    patients = result.patients([c for c in dict.fromkeys(columns) if c in available])
    folder = out / "figures"
    folder.mkdir(exist_ok=True)
    written = []
    for name, fig in cohort_figures(patients, result.spec).items():
        path = folder / f"{name}.png"
        tmp = folder / f".tmp-{name}-{os.getpid()}.png"
        fig.savefig(tmp, dpi=110)
        os.replace(tmp, path)
        written.append(path)
    return written


@click.command("cohort")
@click.argument("cohort_file", metavar="FILE")
@click.option("--out", "out", required=True, type=click.Path(path_type=Path, file_okay=False),
              help="Output directory (created; an existing one of the same cohort is resumed).")
@click.option("--scheduler", default=None, metavar="SCHEDULER",
              help="serial | processes | tcp://HOST:PORT of a running Dask scheduler (default: local processes, "
                   "one per core).")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Local worker processes (default: the cores).")
@click.option("--backend", default="auto", show_default=True,
              help="Simulation backend of osteoimmune.batch.simulate_many (reference, a batched one, or auto).")
@click.option("--resume/--no-resume", default=True, show_default=True,
              help="Reuse the finished chunks in --out (--no-resume deletes them and starts over).")
@click.option("--size", type=click.IntRange(min=1), default=None, help="Override the number of patients.")
@click.option("--seed", type=click.IntRange(min=0), default=None, help="Override the seed.")
@click.option("--chunk-size", type=click.IntRange(min=1), default=None, help="Override patients per chunk.")
@click.option("--set", "overrides", multiple=True, callback=_check_set, metavar="KEY=VALUE",
              help="Scenario override applied to the base scenario of every patient, e.g. --set days=120 "
                   "(repeatable; appended to the spec's own `set`).")
@click.option("--retries", type=click.IntRange(min=0), default=2, show_default=True,
              help="Extra attempts of a failing chunk.")
@click.option("--no-figures", is_flag=True, help="Do not draw the figures.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def cohort(cohort_file: str, out: Path, scheduler: str | None, workers: int | None, backend: str, resume: bool,
           size: int | None, seed: int | None, chunk_size: int | None, overrides: tuple[str, ...], retries: int,
           no_figures: bool, quiet: bool) -> None:
    """Simulate the virtual cohort of FILE (a cohort YAML, or a built-in: young-fracture, aged-fracture,
    scaffold-benefit) chunk by chunk and write per-patient covariates and outcomes (Parquet), the non-union
    fraction with its 95 % Wilson interval and time to union by subgroup (summary.csv, summary.md) and figures.

    Each finished chunk is stored at once; an interrupted run started again with the same --out resumes from
    the finished chunks.
    """
    from osteoimmune.cohort import describe, load_cohort, run_cohort
    from osteoimmune.engine import Engine

    updates: dict[str, Any] = {k: v for k, v in (("size", size), ("seed", seed), ("chunk_size", chunk_size))
                               if v is not None}
    if overrides:
        updates["set"] = list(overrides)
    looks_like_file = cohort_file.endswith((".yaml", ".yml")) or "/" in cohort_file
    if looks_like_file and not Path(cohort_file).is_file():
        raise InputError(f"cohort file {cohort_file!r} does not exist (built-in cohorts: young-fracture, "
                         "aged-fracture, scaffold-benefit)")
    spec = load_cohort(cohort_file, updates)
    if out.exists() and not out.is_dir():
        raise InputError(f"--out {str(out)!r} exists and is not a directory")
    with Engine(scheduler, workers) as engine:
        result = run_cohort(spec, out, engine=engine, backend=backend, resume=resume, progress=not quiet,
                            retries=retries)
    figures = [] if no_figures else write_figures(result, out)
    for line in describe(result):
        click.echo(line)
    names = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    click.echo(f"wrote     {out}/ ({', '.join(names)}{'; figures: ' + ', '.join(p.name for p in figures) if figures else ''})")
