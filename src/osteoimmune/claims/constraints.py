"""Which claims constrain which model parameters (from ``Claim.parameters``), for ``docs/calibration.md``.

``python -m osteoimmune.claims.constraints --update docs/calibration.md`` rewrites the table between the markers
``<!-- constraints:start -->`` and ``<!-- constraints:end -->`` (the rest of the file is untouched; the file is
replaced atomically).  ``--check`` exits 1 if the table in the file is stale.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import Sequence

from . import load_all

START, END = "<!-- constraints:start -->", "<!-- constraints:end -->"


def claims_by_parameter() -> dict[str, list[str]]:
    """Parameter id -> sorted ids of the claims that list it (every listed parameter must exist in the model)."""
    from ..errors import UnknownNameError
    from ..model.build import build_model

    known = build_model().parameters
    out: dict[str, list[str]] = {}
    for cid, c in load_all().items():
        for p in c.parameters:
            if p not in known:
                raise UnknownNameError("parameter", p, sorted(known))
            out.setdefault(p, []).append(cid)
    return {p: sorted(v) for p, v in sorted(out.items())}


def markdown_table() -> str:
    """The parameter → claims table (value, unit, source from the model declaration)."""
    from ..model.build import build_model

    params = build_model().parameters
    lines = ["| parameter | value | unit | constrained by | source |", "| --- | --- | --- | --- | --- |"]
    for p, ids in claims_by_parameter().items():
        rec = params[p]
        source = str(rec.source).replace("|", "/")
        lines.append(f"| `{p}` | {rec.value:g} | {rec.unit} | {', '.join(ids)} | {source} |")
    return "\n".join(lines)


def updated(text: str) -> str:
    """``text`` with the table between the markers replaced."""
    if START not in text or END not in text:
        raise ValueError(f"markers {START} / {END} not found")
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n\n{markdown_table()}\n\n{END}{tail}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m osteoimmune.claims.constraints", description=__doc__.splitlines()[0])
    parser.add_argument("--update", metavar="FILE", help="rewrite the table in FILE")
    parser.add_argument("--check", metavar="FILE", help="exit 1 if the table in FILE is stale")
    args = parser.parse_args(argv)
    if args.check:
        text = Path(args.check).read_text(encoding="utf-8")
        return 0 if updated(text) == text else 1
    if args.update:
        path = Path(args.update)
        new = updated(path.read_text(encoding="utf-8"))
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(new)
        os.replace(tmp, path)
        return 0
    sys.stdout.write(markdown_table() + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
