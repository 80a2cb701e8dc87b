"""``osteoimmune scenarios``: the built-in scenarios, one line each."""

from __future__ import annotations

import click


@click.command("scenarios")
def scenarios() -> None:
    """List the built-in scenarios (name and one-line description); spatial ones are marked [spatial].

    Run one with ``osteoimmune run NAME --out DIR``.
    """
    import osteoimmune as oi
    from osteoimmune.spatial.scenario import list_spatial_scenarios

    items = list(oi.list_scenarios()) + [(name, f"[spatial] {text}") for name, text in list_spatial_scenarios()]
    width = max((len(name) for name, _ in items), default=0)
    for name, description in items:
        click.echo(f"{name:<{width}}  {description}".rstrip())
