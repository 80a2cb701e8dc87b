"""``osteoimmune export-omex``: SBML + SED-ML time course + manifest as a COMBINE archive."""

from __future__ import annotations

from pathlib import Path

import click

from osteoimmune.cli.commands.export_sbml import check_out_file
from osteoimmune.cli.commands.run import _check_set, load


@click.command("export-omex")
@click.argument("name_or_file", metavar="SCENARIO")
@click.option("--out", "out", required=True, type=click.Path(path_type=Path), help="Archive to write (e.g. run.omex).")
@click.option("--set", "overrides", multiple=True, callback=_check_set, metavar="KEY=VALUE",
              help="Override a scenario field (repeatable), as for `osteoimmune run`.")
@click.option("--execute", is_flag=True,
              help="Run the archive's SED-ML task in libroadrunner and compare with osteoimmune.")
@click.option("--force", is_flag=True, help="Replace --out if it exists.")
def export_omex(name_or_file: str, out: Path, overrides: tuple[str, ...], execute: bool, force: bool) -> None:
    """Write a COMBINE archive for SCENARIO: model.xml (as export-sbml), a SED-ML
    L1V4 uniform time course over the scenario's horizon and output interval
    (CVODE, KISAO:0000019, rtol 1e-10, atol 1e-14) with a report of every state,
    and the manifest. Example: ``osteoimmune export-omex fracture-healing --out run.omex --execute``
    """
    from osteoimmune.api import prepare
    from osteoimmune.interchange.omex import execute_omex, export_omex as _export

    check_out_file(out, force)
    run = prepare(load(name_or_file, overrides))
    _export(run, out)
    click.echo(f"scenario  {run.scenario.name}: {run.schedule.t1:g} days, every {run.scenario.output_interval_days:g} day")
    click.echo(f"wrote     {out} (model.xml, simulation.sedml, manifest.xml)")
    if execute:
        import numpy as np

        from osteoimmune.solve.integrate import SolverOptions, simulate_compiled

        data = execute_omex(out)
        t = data["time"]
        ours = simulate_compiled(run.compiled, run.y0, run.parameters, run.schedule, t,
                                 SolverOptions(rtol=1e-10, atol_scale=1e-18))
        worst, name = 0.0, ""
        for s in run.compiled.species_ids:
            r = float(np.max(np.abs(ours[s] - data[s]) / (1e-4 * np.abs(data[s]) + 1e-9)))
            if r > worst:
                worst, name = r, s
        click.echo(f"executed  SED-ML task in libroadrunner: {t.size} times x {len(data) - 1} states; worst {name} at "
                   f"{worst:.3g} of the tolerance (1e-4 rel, 1e-9 abs): {'PASS' if worst <= 1 else 'FAIL'}")
        if worst > 1:
            raise click.exceptions.Exit(1)
