"""``osteoimmune export-sbml``: the model as configured by a scenario, as SBML Level 3 Version 2."""

from __future__ import annotations

from pathlib import Path

import click

from osteoimmune.cli.commands.run import _check_set, load
from osteoimmune.cli.errors import InputError


def check_out_file(out: Path, force: bool) -> None:
    """Refuse to overwrite ``out`` unless ``force`` (exit 2), and refuse a directory."""
    if out.is_dir():
        raise InputError(f"--out {str(out)!r} is a directory; give a file name")
    if out.exists() and not force:
        raise InputError(f"--out {str(out)!r} exists; add --force to replace it")


@click.command("export-sbml")
@click.argument("name_or_file", metavar="SCENARIO")
@click.option("--out", "out", required=True, type=click.Path(path_type=Path), help="SBML file to write (e.g. model.xml).")
@click.option("--set", "overrides", multiple=True, callback=_check_set, metavar="KEY=VALUE",
              help="Override a scenario field (repeatable), as for `osteoimmune run`.")
@click.option("--verify", is_flag=True, help="Also simulate the file in libroadrunner and compare with osteoimmune.")
@click.option("--no-annotations", is_flag=True, help="Leave out identifiers.org annotations and notes' evidence links.")
@click.option("--force", is_flag=True, help="Replace --out if it exists.")
def export_sbml(name_or_file: str, out: Path, overrides: tuple[str, ...], verify: bool, no_annotations: bool,
                force: bool) -> None:
    """Write the model as configured by SCENARIO (built-in name or YAML file) as
    SBML L3V2: species with the pre-injury steady state and the injury folded in,
    reactions, assignment rules, units, identifiers.org/SBO annotations, and the
    scenario's inputs and doses as events. libsbml's consistency checks must
    report no error. Example: ``osteoimmune export-sbml fracture-healing --out model.xml --verify``
    """
    import libsbml

    from osteoimmune.api import prepare
    from osteoimmune.interchange.sbml_export import check_document, sbml_document, export_sbml as _export

    check_out_file(out, force)
    run = prepare(load(name_or_file, overrides))
    doc = sbml_document(run, annotate=not no_annotations)
    rep = check_document(doc)
    text = _export(run, out, annotate=not no_annotations)
    m = libsbml.readSBMLFromString(text).getModel()
    click.echo(f"scenario  {run.scenario.name}: {run.declaration.name} model, {run.schedule.t1:g} days")
    click.echo(f"sbml      L3V2: {m.getNumSpecies()} species, {m.getNumParameters()} parameters, {m.getNumReactions()} "
               f"reactions, {m.getNumRules()} assignment rules, {m.getNumEvents()} events, "
               f"{m.getNumUnitDefinitions()} unit definitions")
    click.echo(f"checks    libsbml checkConsistency ({', '.join(rep.categories)}): {len(rep.errors)} errors, "
               f"{len(rep.warnings)} warnings")
    if verify:
        from osteoimmune.interchange.verify import compare_export

        rt = compare_export(run)
        name, ratio = rt.worst
        click.echo(f"verify    libroadrunner vs osteoimmune on {rt.time.size} times: max relative difference "
                   f"{rt.max_relative_difference:.3g}; worst {name} at {ratio:.3g} of the tolerance "
                   f"(1e-4 rel, 1e-9 abs): {'PASS' if rt.passed else 'FAIL'}")
        if not rt.passed:
            raise click.exceptions.Exit(1)
    click.echo(f"wrote     {out}")
