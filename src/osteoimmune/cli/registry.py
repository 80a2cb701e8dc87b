"""The one list of CLI commands.

Each entry maps a command name to ``"module:attribute"`` of a click command.
Commands are imported only when used (or when ``--help`` lists them), so a
new command (``export-sbml``, ``cohort``, ``claims``, ...) plugs in by adding
one module under :mod:`osteoimmune.cli.commands` and one line here.
"""

from __future__ import annotations

import importlib

import click

#: command name -> "module:attribute" of its click command, in the order ``--help`` lists them
COMMANDS: dict[str, str] = {
    "scenarios": "osteoimmune.cli.commands.scenarios:scenarios",
    "run": "osteoimmune.cli.commands.run:run",
    "check": "osteoimmune.cli.commands.check:check",
    "explain": "osteoimmune.cli.commands.explain:explain",
    "claims": "osteoimmune.cli.commands.claims:claims",
    "cohort": "osteoimmune.cli.commands.cohort:cohort",
    "sensitivity": "osteoimmune.cli.commands.sensitivity:sensitivity",
    "targets": "osteoimmune.cli.commands.targets:targets",
    "calibrate": "osteoimmune.cli.commands.calibrate:calibrate",
    "optimize": "osteoimmune.cli.commands.optimize:optimize",
    "export-sbml": "osteoimmune.cli.commands.export_sbml:export_sbml",
    "import-sbml": "osteoimmune.cli.commands.import_sbml:import_sbml",
    "export-omex": "osteoimmune.cli.commands.export_omex:export_omex",
    "export-petab": "osteoimmune.cli.commands.export_petab:export_petab",
}


def load_command(name: str) -> click.Command:
    """Import the click command registered as ``name``."""
    target = COMMANDS[name]
    module_name, _, attr = target.partition(":")
    command = getattr(importlib.import_module(module_name), attr)
    if not isinstance(command, click.Command):
        raise TypeError(f"registry entry {name!r} -> {target!r} is not a click command")
    return command
