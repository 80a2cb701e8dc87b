"""``osteoimmune targets SCENARIO``: rank druggable nodes by the improvement of an outcome over a virtual cohort."""

from __future__ import annotations

from pathlib import Path

import click

from osteoimmune.cli.commands.sensitivity import engine_options


@click.command("targets")
@click.argument("scenario", metavar="SCENARIO")
@click.option("--out", required=True, type=click.Path(path_type=Path, file_okay=False), help="Output directory.")
@click.option("--outcome", default="bone_fraction_day_56", show_default=True,
              help="Outcome to improve (union_probability, time_to_union_days, bone_fraction_day_56, "
                   "bone_loss_5y_percent, ...).")
@click.option("--cohort", default="young-fracture", show_default=True,
              help="Cohort (built-in or YAML) whose patients' covariates and parameters are applied to SCENARIO "
                   "... or 'none' for SCENARIO alone.")
@click.option("--patients", type=click.IntRange(min=1), default=20, show_default=True, help="Patients of the cohort.")
@click.option("--inhibit", type=float, default=0.5, show_default=True, help="Multiplier of an inhibition.")
@click.option("--enhance", type=float, default=2.0, show_default=True, help="Multiplier of an enhancement.")
@click.option("--target", "targets", multiple=True, help="Only these targets (repeatable; default: all).")
@click.option("--set", "overrides", multiple=True, metavar="KEY=VALUE", help="Scenario override (e.g. days=70).")
@click.option("--seed", type=click.IntRange(min=0), default=0, show_default=True, help="Bootstrap seed.")
@engine_options
@click.option("--quiet", is_flag=True, help="No progress bar.")
def targets(scenario: str, out: Path, outcome: str, cohort: str, patients: int, inhibit: float, enhance: float,
            targets: tuple[str, ...], overrides: tuple[str, ...], seed: int, scheduler: str | None,
            workers: int | None, quiet: bool) -> None:
    """Rank the model's druggable nodes (cytokines, receptors, recruitment and polarisation rates, RANKL/OPG, ROS,
    iron) by the paired improvement of --outcome when each is inhibited or enhanced, over the patients of
    --cohort placed in SCENARIO; writes ranking.csv, report.md (top five with evidence) and targets.png."""
    from osteoimmune.analysis.output import claim_output, write_figure, write_table, write_text
    from osteoimmune.analysis.outcomes_of import OUTCOMES, cohort_scenarios
    from osteoimmune.analysis.targets import rank_targets, report_markdown
    from osteoimmune.engine import ChunkStore, Engine
    from osteoimmune.plot.analysis import targets_figure
    from osteoimmune.scenario.resolve import load_scenario

    base = load_scenario(scenario, overrides=list(overrides))
    if cohort == "none":
        scenarios = [base]
    else:
        # the cohort's patients (covariates, sampled parameters) on SCENARIO instead of the cohort's own base
        sets = [f"{k}={v}" for k, v in (("days", base.days), ("output_interval_days", base.output_interval_days))]
        scenarios = cohort_scenarios(cohort, size=patients, overrides=sets)
        scenarios = [base.model_copy(update={"patient": s.patient, "injury": s.injury.model_copy(
            update={"kind": base.injury.kind}) if base.injury.kind != "none" else base.injury,
            "parameters": {**base.parameters, **s.parameters}, "name": s.name}) for s in scenarios]
    spec = {"scenario": scenario, "set": list(overrides), "outcome": outcome, "cohort": cohort, "patients": patients,
            "inhibit": inhibit, "enhance": enhance, "targets": list(targets), "seed": seed}
    out = claim_output(out, "targets", spec)
    with Engine(scheduler, workers) as engine:
        ranking = rank_targets(scenarios, outcome, inhibit, enhance, list(targets) or None, engine=engine,
                               store=ChunkStore(out / "chunks"), seed=seed, progress=not quiet)
    write_table(out / "ranking.csv", ranking.table)
    label = scenario if cohort == "none" else f"{scenario}, {len(scenarios)} patients of {cohort}"
    write_text(out / "report.md", report_markdown(ranking, label))
    write_figure(out / "targets.png", targets_figure(ranking.table, outcome, OUTCOMES[outcome].unit))
    for r in ranking.top(5).itertuples():
        click.echo(f"{r.rank}. {r.action} {r.label} x{r.factor:g}: {r.improvement:+.4g} [{r.ci_low:.4g}, {r.ci_high:.4g}]")
    click.echo(f"wrote     {out}/ (ranking.csv, report.md, targets.png)")
