"""``osteoimmune claims``: run the seed-claims validation suite and print/write its table."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from osteoimmune.cli.errors import InputError

#: exit status when at least one claim not marked xfail fails (or an xfail claim unexpectedly passes, or errors)
EXIT_CLAIMS_FAILING = 1


def _split_ids(_ctx: click.Context, _param: click.Parameter, value: str | None) -> list[str] | None:
    if value is None:
        return None
    ids = [v.strip().upper() for v in value.split(",") if v.strip()]
    if not ids:
        raise click.BadParameter("expected a comma-separated list of claim ids, e.g. C001,C025")
    return ids


@click.command("claims")
@click.option("--only", callback=_split_ids, metavar="IDS", default=None,
              help="Comma-separated claim ids to run (e.g. C001,C025); default: every registered claim.")
@click.option("--out", "out", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Directory to write claims.csv and claims.md into (created if needed; files replaced atomically).")
@click.option("--update-doc", "update_doc", type=click.Path(path_type=Path, dir_okay=False, exists=True), default=None,
              help="Also replace the generated table inside this Markdown file (e.g. docs/claims.md), between its "
                   "claims-table markers.")
@click.option("--progress/--no-progress", default=True, help="Show a progress bar on stderr (default: on).")
def claims(only: list[str] | None, out: Path | None, update_doc: Path | None, progress: bool) -> None:
    """Run the seed claims (tests/claims) on the model and print the table:
    id, grade, status (pass / fail / xfail / xpass / error), measured effect,
    threshold, claim and what was measured.

    Exit status: 0 when every claim not marked xfail passes (known gaps are
    xfail and do not fail the suite), 1 when any such claim fails, an xfail
    claim unexpectedly passes or a claim errors; 2 for bad input (unknown
    claim id).
    """
    from osteoimmune.claims.report import to_terminal, update_doc_table, write_report
    from osteoimmune.claims.runner import run_claims, select, suite_ok

    selected = select(only)  # unknown ids -> UnknownNameError -> exit 2 with the allowed ids
    wrap = None
    if progress and len(selected) > 1:
        from tqdm import tqdm

        def wrap(items):  # noqa: E306 - tiny adapter
            return tqdm(items, desc="claims", unit="claim", file=sys.stderr, leave=False)

    rows = run_claims([c.id for c in selected] if only else None, progress=wrap)
    click.echo(to_terminal(rows))
    if out is not None:
        try:
            csv_path, md_path = write_report(out, rows)
        except OSError as exc:
            raise InputError(f"cannot write --out {str(out)!r}: {exc.strerror or exc}") from exc
        click.echo(f"wrote {csv_path} and {md_path}")
    if update_doc is not None:
        try:
            update_doc_table(update_doc, rows)
        except ValueError as exc:
            raise InputError(f"--update-doc {str(update_doc)!r}: {exc}") from exc
        click.echo(f"updated the table in {update_doc}")
    if not suite_ok(rows):
        click.get_current_context().exit(EXIT_CLAIMS_FAILING)
