"""How the CLI reports errors: exit statuses and messages on stderr, never a traceback for bad input.

=====  =====================================================================
exit   meaning
=====  =====================================================================
0      success
1      internal error (a bug: the traceback is shown; please report it)
2      bad input: unknown scenario / key / name, invalid value, bad option,
       output directory exists (without ``--force``), problems found by ``check``
3      the solver failed (the message says at which time and why)
=====  =====================================================================
"""

from __future__ import annotations

import click

EXIT_OK = 0
EXIT_BAD_INPUT = 2
EXIT_SOLVER = 3


class InputError(click.ClickException):
    """Bad input detected by the CLI itself (exit 2, ``Error: message`` on stderr)."""

    exit_code = EXIT_BAD_INPUT


def format_pydantic(exc: Exception) -> str:
    """One line per pydantic error: ``location: message (received ...)``."""
    lines = []
    for err in getattr(exc, "errors", lambda: [])():
        loc = ".".join(str(p) for p in err.get("loc", ())) or "(root)"
        received = err.get("input")
        shown = f" (received {received!r})" if received is not None and not isinstance(received, dict) else ""
        lines.append(f"  - {loc}: {err.get('msg', '')}{shown}")
    return f"{getattr(exc, 'title', 'input')}: {len(lines)} problem(s)\n" + "\n".join(lines)


def report(exc: BaseException) -> int | None:
    """Print ``exc`` to stderr and return its exit status, or ``None`` if it is not ours to handle."""
    from pydantic import ValidationError

    from osteoimmune.errors import OsteoimmuneError, SolverFailure

    if isinstance(exc, SolverFailure):
        click.echo(f"Error: {exc}", err=True)
        return EXIT_SOLVER
    if isinstance(exc, OsteoimmuneError):
        click.echo(f"Error: {exc}", err=True)
        return EXIT_BAD_INPUT
    if isinstance(exc, ValidationError):
        click.echo(f"Error: {format_pydantic(exc)}", err=True)
        return EXIT_BAD_INPUT
    return None
