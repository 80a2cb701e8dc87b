"""``osteoimmune check FILE``: every problem of a scenario file at once."""

from __future__ import annotations

import click

from osteoimmune.cli.errors import EXIT_BAD_INPUT


@click.command("check")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, readable=True))
def check(file: str) -> None:
    """Validate a scenario FILE and print every problem, one per line
    (``location: message``).

    Exit status 0 if the file is valid (warnings are printed but do not fail),
    2 if there is any error.
    """
    import osteoimmune as oi

    issues = list(oi.check_scenario(file))
    errors = [i for i in issues if getattr(i, "severity", "error") == "error"]
    for issue in issues:
        severity = getattr(issue, "severity", "error")
        suffix = "" if severity == "error" else f" [{severity}]"
        click.echo(f"{issue.location}: {issue.message}{suffix}")
    if errors:
        click.echo(f"{file}: {len(errors)} error(s)", err=True)
        click.get_current_context().exit(EXIT_BAD_INPUT)
    click.echo(f"{file}: OK" + (f" ({len(issues)} warning(s))" if issues else ""))
