"""The ``osteoimmune`` command group.

Commands come from :data:`osteoimmune.cli.registry.COMMANDS`; errors from the
package (:class:`~osteoimmune.errors.OsteoimmuneError`) are turned into exit
statuses and one message on stderr (:mod:`osteoimmune.cli.errors`).
"""

from __future__ import annotations

import click

from osteoimmune.cli.errors import report
from osteoimmune.cli.registry import COMMANDS, load_command


def _version() -> str:
    from osteoimmune.io.provenance import package_version

    return package_version()


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(f"osteoimmune {_version()}")
        ctx.exit()


class OsteoimmuneGroup(click.Group):
    """Lazily loads registered commands and maps package errors to exit statuses."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS) + [c for c in super().list_commands(ctx) if c not in COMMANDS]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in COMMANDS:
            return load_command(cmd_name)
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except Exception as exc:  # noqa: BLE001 - re-raised unless it is a known input/solver error
            status = report(exc)
            if status is None:
                raise
            ctx.exit(status)


@click.group(cls=OsteoimmuneGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_print_version,
              help="Show the version and exit.")
def main() -> None:
    """Osteoimmunology of bone regeneration and homeostasis: simulate scenarios,
    explain the model and its evidence, check scenario files.

    Exit status: 0 success, 2 bad input, 3 solver failure, 1 internal error.
    """
