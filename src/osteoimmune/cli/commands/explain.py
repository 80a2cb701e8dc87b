"""``osteoimmune explain ID``: what a species, parameter or process is, and its evidence."""

from __future__ import annotations

import click


@click.command("explain")
@click.argument("identifier", metavar="ID")
def explain(identifier: str) -> None:
    """Explain a species, parameter, assignment or process of the model: unit,
    value, source, the rate laws it takes part in and the evidence behind them.

    Example: ``osteoimmune explain m1_macrophage``
    """
    import osteoimmune as oi

    click.echo(oi.explain(identifier).rstrip("\n"))
