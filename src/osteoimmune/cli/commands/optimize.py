"""``osteoimmune optimize SPEC``: search intervention dose, start day and duration to optimise an outcome."""

from __future__ import annotations

from pathlib import Path

import click

from osteoimmune.cli.commands.sensitivity import engine_options
from osteoimmune.cli.errors import InputError


@click.command("optimize")
@click.argument("spec_file", metavar="SPEC", type=click.Path(path_type=Path))
@click.option("--out", required=True, type=click.Path(path_type=Path, file_okay=False), help="Output directory.")
@engine_options
@click.option("--maxiter", type=click.IntRange(min=1), default=None, help="Override the generations.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def optimize(spec_file: Path, out: Path, scheduler: str | None, workers: int | None, maxiter: int | None,
             quiet: bool) -> None:
    """Differential evolution over the interventions of SPEC (YAML: scenario, interventions with [low, high]
    ranges, objective, max_total_dose, maxiter, popsize, robustness_cohort); writes optimum.csv, history.csv,
    robustness.csv, summary.md and robustness.png to --out."""
    from osteoimmune.analysis.optimize import load_optimize, optimize_interventions, robustness
    from osteoimmune.analysis.outcomes_of import OUTCOMES, cohort_scenarios
    from osteoimmune.analysis.output import claim_output, markdown_table, write_figure, write_table, write_text
    from osteoimmune.analysis.sensitivity import base_scenarios
    from osteoimmune.engine import ChunkStore, Engine
    from osteoimmune.plot.analysis import robustness_figure

    if not spec_file.is_file():
        raise InputError(f"optimize file {str(spec_file)!r} does not exist")
    spec, base_dir = load_optimize(spec_file, {"maxiter": maxiter} if maxiter else None)
    base = base_scenarios(spec.scenario, None, spec.set, 1, base_dir)[0]
    sets = [f"days={base.days}", f"output_interval_days={base.output_interval_days}"]
    search = [base] if spec.search_cohort is None else cohort_scenarios(spec.search_cohort, spec.search_cohort_size,
                                                                         overrides=sets)
    out = claim_output(out, "optimize", spec.model_dump(mode="json"))
    unit = OUTCOMES[spec.objective].unit
    with Engine(scheduler or spec.scheduler, workers) as engine:
        store = ChunkStore(out / "chunks")
        res = optimize_interventions(search, spec.interventions, spec.objective, spec.max_total_dose, spec.maxiter,
                                     spec.popsize, spec.tol, spec.seed, spec.polish, engine=engine, store=store,
                                     chunk_size=spec.chunk_size, union_threshold=spec.union_threshold,
                                     backend=spec.backend, progress=not quiet)
        rob = None
        if spec.robustness_cohort is not None:
            cohort = cohort_scenarios(spec.robustness_cohort, spec.robustness_size, overrides=sets)
            rob = robustness(res, cohort, engine=engine, store=store, seed=spec.seed,
                             union_threshold=spec.union_threshold, backend=spec.backend, progress=not quiet)
    write_table(out / "optimum.csv", res.optimum_table())
    write_table(out / "history.csv", res.history)
    files = ["optimum.csv", "history.csv"]
    lines = [f"# Intervention design: {spec.name}", "",
             f"Objective `{spec.objective}` ({unit}, {OUTCOMES[spec.objective].better} is better): "
             f"{res.value:.5g} at the optimum vs {res.baseline_value:.5g} untreated "
             f"({res.nfev} designs over {res.nit} generations; {res.message}).", "",
             markdown_table(res.optimum_table()), "",
             "Total doses: " + ", ".join(f"{a} {v:.4g}" for a, v in res.total_doses.items()), ""]
    if rob is not None:
        write_table(out / "robustness.csv", rob.summary())
        write_figure(out / "robustness.png", robustness_figure(rob, unit))
        files += ["robustness.csv", "robustness.png"]
        lines += [f"## Robustness over {len(rob.baseline)} patients of {spec.robustness_cohort}", "",
                  markdown_table(rob.summary()), "",
                  f"Mean paired improvement {rob.improvement:.4g} {unit}, {int(rob.conf_level * 100)} % bootstrap CI "
                  f"[{rob.ci_low:.4g}, {rob.ci_high:.4g}].", ""]
    write_text(out / "summary.md", "\n".join(lines))
    files.append("summary.md")
    for r in res.optimum_table().itertuples():
        click.echo(f"{r.variable} = {r.optimum:.4g}  (range [{r.low:g}, {r.high:g}])")
    click.echo(f"{spec.objective}: {res.value:.5g} at the optimum vs {res.baseline_value:.5g} untreated")
    if rob is not None:
        click.echo(f"cohort ({len(rob.baseline)} patients): improvement {rob.improvement:+.4g} "
                   f"[{rob.ci_low:.4g}, {rob.ci_high:.4g}]")
    click.echo(f"wrote     {out}/ ({', '.join(files)})")
