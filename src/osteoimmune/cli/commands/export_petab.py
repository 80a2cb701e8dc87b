"""``osteoimmune export-petab``: a PEtab v1 calibration problem for a scenario."""

from __future__ import annotations

from pathlib import Path

import click

from osteoimmune.cli.commands.run import _check_set, load
from osteoimmune.cli.errors import InputError


def _conditions(values: tuple[str, ...]) -> dict[str, dict[str, float]] | None:
    if not values:
        return None
    out: dict[str, dict[str, float]] = {}
    for item in values:
        cid, _, rest = item.partition(":")
        over: dict[str, float] = {}
        for part in filter(None, rest.split(",")):
            key, sep, val = part.partition("=")
            try:
                over[key.strip()] = float(val)
            except ValueError:
                raise InputError(f"--condition {item!r}: expected ID[:param=number,...]") from None
            if not sep:
                raise InputError(f"--condition {item!r}: expected ID[:param=number,...]")
        out[cid.strip()] = over
    return out


@click.command("export-petab")
@click.argument("name_or_file", metavar="SCENARIO")
@click.option("--out", "out", required=True, type=click.Path(path_type=Path, file_okay=False),
              help="Directory to write the problem into.")
@click.option("--set", "overrides", multiple=True, callback=_check_set, metavar="KEY=VALUE",
              help="Override a scenario field (repeatable), as for `osteoimmune run`.")
@click.option("--condition", "conditions", multiple=True, metavar="ID[:PARAM=VALUE,...]",
              help="A simulation condition (repeatable), e.g. defect_5mm:gap_mm=5. Default: the scenario itself.")
@click.option("--observable", "observables", multiple=True, metavar="ID",
              help="Species or assignment to observe (repeatable; default bone_fraction, m1/m2_macrophage, cartilage).")
@click.option("--estimate", "estimate", multiple=True, metavar="PARAM", help="Parameter to estimate (repeatable).")
@click.option("--data", type=click.Path(path_type=Path, dir_okay=False, exists=True), default=None,
              help="Measurements CSV (observableId, simulationConditionId, time, measurement[, noiseParameters]); "
                   "default: synthetic data from the model.")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the synthetic measurement noise.")
@click.option("--force", is_flag=True, help="Replace --out if it exists and is not empty.")
def export_petab(name_or_file: str, out: Path, overrides: tuple[str, ...], conditions: tuple[str, ...],
                 observables: tuple[str, ...], estimate: tuple[str, ...], data: Path | None, seed: int,
                 force: bool) -> None:
    """Write a PEtab v1 problem for SCENARIO into --out (SBML model, conditions,
    observables, measurements, parameters, problem.yaml), then load it back with
    petab and lint it. Example:
    ``osteoimmune export-petab fracture-healing --out petab/ --condition fracture:gap_mm=1 --condition defect_5mm:gap_mm=5``
    """
    from osteoimmune.api import prepare
    from osteoimmune.interchange.petab_problem import DEFAULT_ESTIMATE, DEFAULT_OBSERVABLES, check_petab
    from osteoimmune.interchange.petab_problem import export_petab as _export

    if out.exists() and any(out.iterdir()) and not force:
        raise InputError(f"--out {str(out)!r} exists and is not empty; add --force to replace it")
    run = prepare(load(name_or_file, overrides))
    res = _export(run, out, conditions=_conditions(conditions), observables=observables or DEFAULT_OBSERVABLES,
                  estimate=estimate or DEFAULT_ESTIMATE, data=data, seed=seed, force=force)
    _, has_errors = check_petab(res.yaml)
    click.echo(f"scenario  {run.scenario.name}: conditions {', '.join(res.conditions)}")
    click.echo(f"problem   {len(res.observables)} observables, {res.n_measurements} measurements "
               f"({'synthetic, seed ' + str(seed) if res.synthetic else 'from ' + str(data)}), "
               f"{len(res.estimated)} estimated parameters")
    click.echo(f"petab     loaded with petab.v1; lint: {'errors (see above)' if has_errors else 'no errors'}")
    click.echo(f"wrote     {res.directory}/ ({', '.join(sorted(p.name for p in res.directory.iterdir()))})")
    if has_errors:
        raise click.exceptions.Exit(1)
