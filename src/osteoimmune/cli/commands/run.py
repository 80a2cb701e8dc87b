"""``osteoimmune run``: simulate one scenario and write its output directory."""

from __future__ import annotations

import time
import warnings
from pathlib import Path
from typing import Any, Sequence

import click

from osteoimmune.cli.errors import InputError
from osteoimmune.solve import METHODS  # the solver methods osteoimmune.SolverOptions accepts


def _check_set(_ctx: click.Context, _param: click.Parameter, values: Sequence[str]) -> tuple[str, ...]:
    for v in values:
        key, sep, _ = v.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"{v!r} is not of the form dotted.key=value (e.g. patient.age_years=70)")
    return tuple(values)


def _looks_like_file(name_or_file: str) -> bool:
    return name_or_file.endswith((".yaml", ".yml")) or "/" in name_or_file or Path(name_or_file).is_file()


def load(name_or_file: str, overrides: Sequence[str]) -> Any:
    """Load a built-in scenario or a scenario file with overrides; bad input -> exit 2."""
    import yaml

    import osteoimmune as oi
    from osteoimmune.errors import OsteoimmuneError

    target: str | Path = Path(name_or_file) if _looks_like_file(name_or_file) else name_or_file
    if isinstance(target, Path) and not target.is_file():
        raise InputError(f"scenario file {name_or_file!r} does not exist (built-in names: see `osteoimmune scenarios`)")
    try:
        return oi.load_scenario(target, overrides=list(overrides))
    except OsteoimmuneError:
        raise
    except (OSError, yaml.YAMLError, ValueError, TypeError, KeyError) as exc:
        if hasattr(exc, "errors") and callable(exc.errors):  # pydantic: reported field by field
            raise
        raise InputError(f"invalid scenario {name_or_file!r}: {exc}") from exc


def _fmt(value: Any, unit: str = "", digits: int = 3) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return f"{value:.{digits}g}" + (f" {unit}" if unit else "")


def summary_lines(scenario: Any, result: Any, outcomes: dict[str, Any], out: Path) -> list[str]:
    """The short outcome summary printed after a run."""
    stats = result.stats.as_dict() if hasattr(result, "stats") else {}
    o = outcomes
    union = _fmt(o.get("union"))
    if o.get("bone_fraction_final") is not None:
        cmp = ">=" if o.get("union") else "<"
        union += f" (bone fraction {o['bone_fraction_final']:.3g} {cmp} {o['union_threshold']:g} at day {result.time[-1]:g})"
    if o.get("time_to_union_days") is not None:
        union += f"; reached on day {o['time_to_union_days']:.1f}"
    files = ", ".join(sorted(p.name for p in out.iterdir()))
    return [
        f"scenario  {getattr(scenario, 'name', '?')}: {result.time[-1] - result.time[0]:g} days",
        f"solver    {stats.get('method', '?')}: {result.status}, {stats.get('n_steps', '?')} steps, "
        f"{stats.get('wall_seconds', float('nan')):.2f} s",
        f"union     {union}",
        f"bone      day 28: {_fmt(o.get('bone_fraction_day_28'))}   day 56: {_fmt(o.get('bone_fraction_day_56'))}   "
        f"final: {_fmt(o.get('bone_fraction_final'))}   change: {_fmt(o.get('bone_change_percent'), '%')}",
        f"immune    M1 peak day {_fmt(o.get('peak_m1_day'))}; M1->M2 crossover day {_fmt(o.get('m1_m2_crossover_day'))}; "
        f"inflammation AUC {_fmt(o.get('inflammation_auc'), 'ng/mL*day')}",
        f"matrix    cartilage peak {_fmt(o.get('cartilage_peak'))} on day {_fmt(o.get('cartilage_peak_day'))}; "
        f"fibrous final {_fmt(o.get('fibrous_fraction_final'))}; debris cleared day {_fmt(o.get('debris_cleared_day'))}",
        f"wrote     {out}/ ({files})",
    ]


@click.command("run")
@click.argument("name_or_file", metavar="NAME_OR_FILE")
@click.option("--out", "out", required=True, type=click.Path(path_type=Path),
              help="Output directory (must not exist or be empty, unless --force).")
@click.option("--set", "overrides", multiple=True, callback=_check_set, metavar="KEY=VALUE",
              help="Override a scenario field, e.g. --set days=120 --set patient.age_years=70 "
                   "--set parameters.k_fib=0.03 (repeatable).")
@click.option("--method", type=click.Choice(METHODS), default=None, help="ODE solver (default: lsoda).")
@click.option("--rtol", type=click.FloatRange(0.0, 1.0, min_open=True, max_open=True), default=None,
              help="Relative tolerance of the solver, in (0, 1) (default 1e-7).")
@click.option("--union-threshold", type=click.FloatRange(0.0, 1.0, min_open=True), default=None,
              help="Bone fraction counted as union (default 0.6).")
@click.option("--force", is_flag=True, help="Replace --out if it exists and is not empty.")
@click.option("--no-figure", is_flag=True, help="Do not draw summary.png.")
def run(name_or_file: str, out: Path, overrides: tuple[str, ...], method: str | None, rtol: float | None,
        union_threshold: float | None, force: bool, no_figure: bool) -> None:
    """Simulate a built-in scenario (NAME, see `osteoimmune scenarios`) or a
    scenario FILE (YAML) and write time courses (CSV, NetCDF), outcomes.json,
    provenance.json and summary.png into --out.

    Nothing is written to --out unless the whole run succeeds.
    """
    from osteoimmune.io import check_output_dir, write_run
    from osteoimmune.outcomes import DEFAULT_UNION_THRESHOLD, compute_outcomes

    check_output_dir(out, force=force)  # fail before a long run
    from osteoimmune.spatial.scenario import is_spatial  # spatial scenarios (issue 8): fields on a grid

    if is_spatial(name_or_file):
        from osteoimmune.plot.spatial import FIGURES
        from osteoimmune.spatial.runner import run_to_directory

        extra = [f"spatial.numerics.rtol={rtol}"] if rtol is not None else []
        for line in run_to_directory(name_or_file, [*overrides, *extra], out, force, {} if no_figure else FIGURES):
            click.echo(line)
        return
    scenario = load(name_or_file, overrides)

    import osteoimmune as oi

    opts: dict[str, Any] = {}
    if method is not None:
        opts["method"] = method
    if rtol is not None:
        opts["rtol"] = rtol
    options = oi.SolverOptions(**opts) if opts else None
    t0 = time.perf_counter()
    result = oi.simulate(scenario, options)
    outcomes = compute_outcomes(result, union_threshold=union_threshold or DEFAULT_UNION_THRESHOLD)
    reference_lines: list[str] = []
    if getattr(scenario, "model", "osteoimmune") != "osteoimmune":  # a published reference model: its benchmarks
        from osteoimmune.reference.metrics import reference_outcomes

        extra = reference_outcomes(scenario.model, result)
        outcomes.update(extra)
        reference_lines = [f"reference {scenario.model}: " + "; ".join(f"{k} {_fmt(v, digits=5)}" for k, v in extra.items())]

    figure_fn = None
    if not no_figure:
        from osteoimmune.plot import plot_summary

        figure_fn = plot_summary
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", RuntimeWarning)
        try:
            path = write_run(out, result, scenario, outcomes, figure_fn, force=force,
                             extra_provenance={"command": "run", "name_or_file": name_or_file,
                                               "overrides": list(overrides), "method": method, "rtol": rtol,
                                               "wall_seconds": time.perf_counter() - t0})
        except OSError as exc:
            where = f" ({exc.filename})" if getattr(exc, "filename", None) else ""
            raise InputError(f"cannot write --out {str(out)!r}: {exc.strerror or exc}{where}") from exc
    for w in caught:
        click.echo(f"Warning: {w.message}", err=True)
    for line in summary_lines(scenario, result, outcomes, path) + reference_lines:
        click.echo(line)
