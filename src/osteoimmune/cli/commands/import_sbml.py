"""``osteoimmune import-sbml``: read an SBML ODE model, summarise it, optionally simulate it."""

from __future__ import annotations

from pathlib import Path

import click

from osteoimmune.cli.errors import InputError
from osteoimmune.solve import METHODS


@click.command("import-sbml")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--t-end", type=click.FloatRange(0.0, min_open=True), default=None,
              help="Simulate from 0 to this time (in the file's time unit) and print the final values.")
@click.option("--points", type=click.IntRange(2), default=101, show_default=True, help="Output times for --t-end.")
@click.option("--method", type=click.Choice(METHODS), default="lsoda", show_default=True, help="ODE solver.")
@click.option("--rtol", type=click.FloatRange(0.0, 1.0, min_open=True, max_open=True), default=1e-8, show_default=True)
@click.option("--set", "overrides", multiple=True, metavar="ID=VALUE",
              help="Change a parameter or initial value (osteoimmune id) before initial assignments are evaluated.")
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Write the simulated time course as CSV (needs --t-end).")
@click.option("--force", is_flag=True, help="Replace --out if it exists.")
def import_sbml(file: Path, t_end: float | None, points: int, method: str, rtol: float, overrides: tuple[str, ...],
                out: Path | None, force: bool) -> None:
    """Import an SBML FILE as an osteoimmune model declaration and print what it
    became (states, parameters, assignments, processes, events, time unit, renamed
    ids). With --t-end, simulate it with osteoimmune's solvers; with --out, write
    the time course as CSV. Unsupported constructs are reported by element id
    (exit 2). Example: ``osteoimmune import-sbml BIOMD0000000148.xml --t-end 1000``
    """
    import numpy as np

    from osteoimmune.interchange.sbml_import import import_sbml as _import
    from osteoimmune.solve.integrate import SolverOptions

    if not file.is_file():
        raise InputError(f"SBML file {str(file)!r} does not exist")
    if out is not None and t_end is None:
        raise InputError("--out needs --t-end (the time course to write)")
    if out is not None and out.exists() and not force:
        raise InputError(f"--out {str(out)!r} exists; add --force to replace it")
    values: dict[str, float] = {}
    for item in overrides:
        key, sep, val = item.partition("=")
        try:
            values[key.strip()] = float(val)
        except ValueError:
            raise InputError(f"--set {item!r}: expected ID=NUMBER") from None
        if not sep:
            raise InputError(f"--set {item!r}: expected ID=NUMBER")
    model = _import(file)
    d = model.declaration
    renamed = {k: v for k, v in model.id_map.items() if k != v}
    click.echo(f"model     {d.name} (SBML L{model.level}V{model.version}), time unit: {model.time_unit}")
    click.echo(f"declared  {len(d.species)} states, {len(d.parameters)} parameters, {len(d.assignments)} assignments, "
               f"{len(d.processes)} processes")
    click.echo(f"events    {len(model.time_events)} time-triggered (scheduled), {len(model.state_events)} state-triggered")
    if renamed:
        shown = ", ".join(f"{v}->{k}" for k, v in list(renamed.items())[:12])
        click.echo(f"renamed   {len(renamed)} ids (SBML->osteoimmune): {shown}{' ...' if len(renamed) > 12 else ''}")
    if t_end is None:
        return
    res = model.simulate(np.linspace(0.0, t_end, points), SolverOptions(method=method, rtol=rtol), overrides=values or None)
    click.echo(f"simulated 0..{t_end:g} {model.time_unit.split(' ')[0]}: {res.stats.n_steps} steps, "
               f"{res.stats.wall_seconds:.2f} s")
    for s in res.species_ids:
        click.echo(f"  {s:24s} {res[s][0]:12.6g} -> {res[s][-1]:12.6g}")
    if out is not None:
        from osteoimmune.interchange._files import write_text_atomic

        df = res.to_dataframe().rename(columns={"time_days": "time"})
        write_text_atomic(out, df.to_csv(index=False, float_format="%.17g"))
        click.echo(f"wrote     {out}")
