"""Output directories of the analysis commands: every file written to a temporary name and renamed into place.

``OUT/`` holds ``analysis.json`` (kind, name, spec), the result tables (CSV), a Markdown summary, figures (PNG) and
``chunks/`` (the engine's chunk store, so an interrupted run resumes into the same ``--out``).  A directory that is
not empty and holds no ``analysis.json`` of the same kind is refused (:class:`AnalysisError`).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import Issue
from .space import AnalysisError


def claim_output(out: str | os.PathLike[str], kind: str, spec: dict[str, Any]) -> Path:
    """Create/reuse ``out`` for an analysis of ``kind`` and record the spec; returns the path."""
    out = Path(out)
    meta = out / "analysis.json"
    if out.exists() and not out.is_dir():
        raise AnalysisError("--out", [Issue(str(out), "exists and is not a directory")])
    if out.exists() and any(not p.name.startswith(".") for p in out.iterdir()):
        old = {}
        if meta.exists():
            try:
                old = json.loads(meta.read_text(encoding="utf-8"))
            except (OSError, json.JSONDecodeError):
                old = {}
        if old.get("kind") != kind:
            raise AnalysisError("--out", [Issue(str(out), f"exists and is not a {kind} output directory; use a new "
                                                          "or empty directory")])
    out.mkdir(parents=True, exist_ok=True)
    write_text(meta, json.dumps({"kind": kind, "spec": spec}, indent=1, sort_keys=True, default=str))
    return out


def write_text(path: Path, text: str) -> Path:
    tmp = path.with_name(f".tmp-{path.name}-{os.getpid()}")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
    return path


def write_table(path: Path, df: pd.DataFrame) -> Path:
    tmp = path.with_name(f".tmp-{path.name}-{os.getpid()}")
    df.to_csv(tmp, index=False)
    os.replace(tmp, path)
    return path


def write_figure(path: Path, fig: Any, dpi: int = 110) -> Path:
    tmp = path.with_name(f".tmp-{path.stem}-{os.getpid()}{path.suffix}")
    fig.savefig(tmp, dpi=dpi)
    os.replace(tmp, path)
    return path


def markdown_table(df: pd.DataFrame, floatfmt: str = ".4g") -> str:
    cols = list(df.columns)
    lines = ["| " + " | ".join(cols) + " |", "| " + " | ".join("---" for _ in cols) + " |"]
    for _, r in df.iterrows():
        cells = [format(v, floatfmt) if isinstance(v, float) else str(v) for v in r]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)
