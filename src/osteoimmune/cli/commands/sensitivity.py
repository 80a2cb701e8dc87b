"""``osteoimmune sensitivity FILE``: Morris or Sobol indices of named outcomes, with CIs and convergence."""

from __future__ import annotations

from pathlib import Path

import click

from osteoimmune.cli.errors import InputError

SCHEDULER_HELP = ("serial | processes | tcp://HOST:PORT of a running Dask scheduler (default: the spec's "
                  "scheduler, else local processes, one per core)")


def engine_options(command):
    """``--scheduler`` and ``--workers``: where the execution engine runs a command's work (shared by sensitivity,
    targets, calibrate and optimize)."""
    command = click.option("--workers", type=click.IntRange(min=1), default=None, help="Local worker processes.")(command)
    return click.option("--scheduler", default=None, metavar="SCHEDULER", help=SCHEDULER_HELP)(command)


@click.command("sensitivity")
@click.argument("spec_file", metavar="FILE", type=click.Path(path_type=Path))
@click.option("--out", required=True, type=click.Path(path_type=Path, file_okay=False),
              help="Output directory (an interrupted run resumes into the same directory).")
@engine_options
@click.option("--n", "n", type=click.IntRange(min=2), default=None, help="Override N (trajectories / base samples).")
@click.option("--seed", type=click.IntRange(min=0), default=None, help="Override the seed.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def sensitivity(spec_file: Path, out: Path, scheduler: str | None, workers: int | None, n: int | None,
                seed: int | None, quiet: bool) -> None:
    """Global sensitivity of the outcomes in FILE (YAML: scenario or cohort, parameters with ranges, outcomes,
    method morris|sobol, N, seed) — writes indices.csv, convergence.csv, samples.csv, summary.md and
    sensitivity.png (indices with CIs, convergence) to --out.  See docs/analysis.md."""
    from osteoimmune.analysis.output import claim_output, markdown_table, write_figure, write_table, write_text
    from osteoimmune.analysis.sensitivity import load_sensitivity, model_problem, run_sensitivity
    from osteoimmune.engine import ChunkStore, Engine
    from osteoimmune.plot.analysis import sensitivity_figure

    if not spec_file.is_file():
        raise InputError(f"sensitivity file {str(spec_file)!r} does not exist")
    updates = {k: v for k, v in (("N", n), ("seed", seed)) if v is not None}
    spec, base_dir = load_sensitivity(spec_file, updates)
    space, ev = model_problem(spec, base_dir)
    out = claim_output(out, "sensitivity", spec.model_dump(mode="json"))
    with Engine(scheduler or spec.scheduler, workers) as engine:
        res = run_sensitivity(space, ev, ev.outcomes, spec.method, spec.N, spec.seed, engine=engine,
                              store=ChunkStore(out / "chunks"), chunk_size=spec.chunk_size, levels=spec.levels,
                              second_order=spec.second_order, num_resamples=spec.num_resamples,
                              conf_level=spec.conf_level, progress=not quiet)
    write_table(out / "indices.csv", res.indices)
    write_table(out / "convergence.csv", res.convergence)
    write_table(out / "samples.csv", res.samples())
    write_table(out / "parameters.csv", __import__("pandas").DataFrame(space.table()))
    key = "mu_star" if spec.method == "morris" else "ST"
    lines = [f"# Sensitivity: {spec.name} ({spec.method}, N = {spec.N}, {res.evaluations} evaluations"
             f"{f', {ev.n_patients} patients each' if ev.n_patients > 1 else ''})", ""]
    for o in ev.outcomes:
        t = res.indices[res.indices["outcome"] == o].pivot(index="parameter", columns="index", values="value")
        c = res.indices[res.indices["outcome"] == o].pivot(index="parameter", columns="index", values="conf")
        t = t.sort_values(key, ascending=False)
        for col in list(t.columns):
            if c[col].notna().any():
                t[f"{col}_conf"] = c.loc[t.index, col]
        lines += [f"## {o}", "", markdown_table(t.reset_index()), ""]
    write_text(out / "summary.md", "\n".join(lines))
    write_figure(out / "sensitivity.png", sensitivity_figure(res.indices, res.convergence, list(ev.outcomes),
                                                             spec.method))
    for o in ev.outcomes:
        top = res.ranking(o).head(5)
        click.echo(f"{o}: " + ", ".join(f"{r.parameter} {key}={r.value:.3g}±{r.conf:.2g}" for r in top.itertuples()))
    click.echo(f"wrote     {out}/ (indices.csv, convergence.csv, samples.csv, parameters.csv, summary.md, "
               "sensitivity.png)")
