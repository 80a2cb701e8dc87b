"""``osteoimmune calibrate SPEC``: fit parameters to time-course data (CSV or PEtab) with confidence intervals."""

from __future__ import annotations

from pathlib import Path

import click

from osteoimmune.cli.commands.sensitivity import engine_options
from osteoimmune.cli.errors import InputError


@click.command("calibrate")
@click.argument("spec_file", metavar="SPEC", type=click.Path(path_type=Path))
@click.option("--out", required=True, type=click.Path(path_type=Path, file_okay=False), help="Output directory.")
@engine_options
@click.option("--starts", type=click.IntRange(min=1), default=None, help="Override the number of starts.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def calibrate(spec_file: Path, out: Path, scheduler: str | None, workers: int | None, starts: int | None,
              quiet: bool) -> None:
    """Fit the parameters of SPEC (YAML: scenario, data CSV or petab tables, parameters with ranges, starts, ci
    profile|bootstrap) by multi-start least squares in log-parameter space; writes parameters.csv, starts.csv,
    summary.md, fit.png and profiles.png (profile CIs) to --out."""
    import numpy as np

    from osteoimmune.analysis.calibration import calibrate as run_calibration
    from osteoimmune.analysis.calibration import load_calibration, problem_from_spec
    from osteoimmune.analysis.output import claim_output, markdown_table, write_figure, write_table, write_text
    from osteoimmune.engine import ChunkStore, Engine
    from osteoimmune.plot.analysis import fit_figure, profiles_figure

    if not spec_file.is_file():
        raise InputError(f"calibration file {str(spec_file)!r} does not exist")
    spec, base_dir = load_calibration(spec_file, {"starts": starts} if starts else None)
    problem = problem_from_spec(spec, base_dir)
    out = claim_output(out, "calibration", spec.model_dump(mode="json"))
    with Engine(scheduler or spec.scheduler, workers) as engine:
        res = run_calibration(problem, spec.starts, spec.seed, spec.ci, spec.conf_level, engine=engine,
                              store=ChunkStore(out / "chunks"), n_bootstrap=spec.n_bootstrap,
                              progress=not quiet, include_nominal=spec.include_nominal)
    table = res.table()
    write_table(out / "parameters.csv", table)
    write_table(out / "starts.csv", res.starts_table())
    pct = int(round(spec.conf_level * 100))
    write_text(out / "summary.md", "\n".join([
        f"# Calibration: {spec.name}", "",
        f"{len(problem.times)} measurements, {spec.starts} starts, best chi2 = {res.chi2_min:.4g}, {pct} % "
        f"{spec.ci} confidence intervals.", "", markdown_table(table), ""]))
    write_figure(out / "fit.png", fit_figure(problem, res.theta_hat))
    files = ["parameters.csv", "starts.csv", "summary.md", "fit.png"]
    if res.profiles:
        write_figure(out / "profiles.png", profiles_figure(res))
        files.append("profiles.png")
    for r in table.itertuples():
        flag = "" if r.ci_low_identified and r.ci_high_identified else "  (CI reaches the range: not identifiable)"
        click.echo(f"{r.parameter} = {r.estimate:.5g} {r.unit}  {pct}% CI [{r.ci_low:.5g}, {r.ci_high:.5g}]{flag}")
    click.echo(f"chi2 = {res.chi2_min:.4g} ({len(problem.times)} data); best of {spec.starts} starts: "
               f"{int(np.sum(np.isclose([f['chi2'] for f in res.fits], res.chi2_min, rtol=1e-3)))} reached it")
    click.echo(f"wrote     {out}/ ({', '.join(files)})")
