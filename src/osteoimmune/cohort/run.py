"""Run a virtual cohort through the execution engine, streaming chunks to disk, and summarise it.

Output directory (``run_cohort(spec, out_dir)``)::

    cohort.json        the validated spec (with its resolved base scenario) and its digest
    chunks/            one Parquet file per finished chunk (chunk-000000.parquet, ...): covariates, sampled
                       parameters, status and outcomes of its patients -- a Parquet dataset on its own
    patients.parquet   all patients in one file (written chunk by chunk, never all in memory)
    summary.csv        non-union fraction (Wilson CI), time to union, by subgroup
    summary.md         the same as a Markdown table

A re-run into the same directory (``resume=True``) computes only the missing chunks; finished chunk files are
never rewritten.  The directory is tied to the spec and the model: resuming with a different spec (other seed,
size, distributions, base scenario) or after a change of the model (:func:`model_fingerprint`) is refused.  Every summary file is written to a temporary name
and renamed into place.
"""

from __future__ import annotations

import json
import math
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..engine import ChunkStore, Engine
from ..errors import Issue, SolverFailure, UnknownNameError
from .sampling import sample_chunk
from .scenarios import scenarios_for
from .spec import CohortError, CohortSpec
from .summary import summarize, summary_columns, summary_markdown

#: outcome columns of the patient table (float; ``union`` is boolean), from osteoimmune.outcomes.METRICS
OUTCOME_COLUMNS: tuple[str, ...] = (
    "union", "time_to_union_days", "bone_fraction_day_28", "bone_fraction_day_56", "bone_fraction_initial",
    "bone_fraction_final", "bone_change_percent", "peak_m1", "peak_m1_day", "peak_m2_day", "m1_m2_crossover_day",
    "inflammation_auc", "cartilage_peak", "cartilage_peak_day", "fibrous_fraction_final", "debris_cleared_day",
)
CHUNK_KEY = "chunk-{:06d}"


def _simulate_all(scenarios: list[Any], backend: str) -> list[Any]:
    """One result (or the SolverFailure) per scenario: :func:`osteoimmune.batch.simulate_each`."""
    from ..batch import simulate_each

    return simulate_each(scenarios, backend=backend)


def outcome_rows(results: list[Any], union_threshold: float) -> pd.DataFrame:
    """Status, message and outcome columns, one row per result (NaN outcomes where the solver failed)."""
    from ..outcomes import compute_outcomes

    rows = []
    for r in results:
        if isinstance(r, SolverFailure) or not getattr(r, "success", True):
            rows.append({"status": "failed", "message": str(r) if isinstance(r, SolverFailure) else r.message})
            continue
        o = compute_outcomes(r, union_threshold=union_threshold)
        rows.append({"status": "ok", "message": "", **{k: o.get(k) for k in OUTCOME_COLUMNS}})
    df = pd.DataFrame(rows, columns=["status", "message", *OUTCOME_COLUMNS])
    df["status"] = df["status"].astype("str")
    df["message"] = df["message"].fillna("").astype("str")
    df["union"] = df["union"].astype("boolean")
    for c in OUTCOME_COLUMNS[1:]:
        df[c] = pd.to_numeric(df[c], errors="coerce").astype("float64")
    return df


def simulate_chunk(task: tuple[CohortSpec, int, str]) -> pd.DataFrame:
    """Sample, simulate and score one chunk: covariates + sampled parameters + status + outcomes per patient.

    The engine's task function (top level, so process pools and Dask workers can import it).
    """
    spec, chunk_index, backend = task
    cov = sample_chunk(spec, chunk_index)
    results = _simulate_all(scenarios_for(spec, cov), backend)
    out = pd.concat([cov.reset_index(drop=True), outcome_rows(results, spec.union_threshold)], axis=1)
    out.insert(1, "chunk", np.int64(chunk_index))
    return out


@dataclass
class CohortResult:
    """What :func:`run_cohort` produced."""

    spec: CohortSpec
    out_dir: Path
    summary: pd.DataFrame
    n_patients: int
    n_failed: int
    chunks_computed: int
    chunks_reused: int
    wall_seconds: float
    files: dict[str, Path] = field(default_factory=dict)

    @property
    def chunk_dir(self) -> Path:
        return self.out_dir / "chunks"

    def patients(self, columns: list[str] | None = None) -> pd.DataFrame:
        """The patient table (only ``columns`` if given; a 10^6 cohort is best read a few columns at a time)."""
        return pd.read_parquet(self.out_dir / "patients.parquet", columns=columns)

    def overall(self) -> dict[str, Any]:
        """The whole-cohort summary row."""
        return self.summary[self.summary["subgroup"] == "all"].iloc[0].to_dict()


def _write_text_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".tmp-{path.name}-{os.getpid()}")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def model_fingerprint() -> str:
    """SHA-256 (16 hex digits) of the model declaration: parameter values, rate laws, assignments, initial values.

    Part of a cohort directory's identity, so chunks simulated before a model change are never mixed with
    chunks simulated after it.
    """
    import hashlib

    from ..model.build import build_model

    model = build_model()
    h = hashlib.sha256()
    for pid, value in sorted(model.parameter_values().items()):
        h.update(f"{pid}={value!r};".encode())
    for p in model.processes.values():
        h.update(f"{p.id}:{p.rate}:{sorted(p.stoichiometry.items())};".encode())
    for a in model.assignments.values():
        h.update(f"{a.id}:{a.expr};".encode())
    for sp in model.species.values():
        h.update(f"{sp.id}:{sp.initial!r};".encode())
    return h.hexdigest()[:16]


def run_digest(spec: CohortSpec) -> str:
    """Identity of a cohort run: the spec (with its resolved base scenario) and the model it is simulated with."""
    import hashlib

    return hashlib.sha256(f"{spec.digest()}:{model_fingerprint()}".encode()).hexdigest()


def _claim_directory(spec: CohortSpec, out_dir: Path, resume: bool) -> ChunkStore:
    """Check that ``out_dir`` is new, empty or holds this cohort; record the spec; return the chunk store."""
    meta = out_dir / "cohort.json"
    if out_dir.exists() and not meta.exists() and any(not p.name.startswith(".") for p in out_dir.iterdir()):
        raise CohortError("--out", [Issue(str(out_dir), "exists and is not a cohort output directory; use an empty "
                                                        "or new directory")])
    out_dir.mkdir(parents=True, exist_ok=True)
    store = ChunkStore(out_dir / "chunks")
    digest = run_digest(spec)
    if meta.exists() and len(store) and resume:
        try:
            old = json.loads(meta.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            old = {}
        if old.get("digest") != digest:
            why = ("the model changed since" if old.get("spec_digest") == spec.digest()
                   else f"a different cohort ({old.get('name', '?')})")
            raise CohortError("--out", [Issue(str(out_dir), f"holds {len(store)} chunk(s) of {why}; use another "
                                                            "--out, or --no-resume to discard them")])
    if not resume:
        store.clear()
    store.remove_temporary()
    _write_text_atomic(meta, json.dumps({"name": spec.name, "digest": digest, "spec_digest": spec.digest(),
                                         "model_fingerprint": model_fingerprint(),
                                         "spec": spec.model_dump(mode="json")}, indent=1, sort_keys=True))
    return store


def _pandas_metadata_without_index(schema: Any) -> dict[bytes, bytes] | None:
    """The first chunk's pandas metadata (dtypes such as nullable booleans) minus its per-chunk RangeIndex."""
    meta = schema.metadata or {}
    if b"pandas" not in meta:
        return None
    pandas_meta = json.loads(meta[b"pandas"])
    pandas_meta["index_columns"] = []
    return {b"pandas": json.dumps(pandas_meta).encode()}


def combine_chunks(store: ChunkStore, path: Path) -> int:
    """Concatenate the chunk files into one Parquet file, one chunk in memory at a time; return the row count."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    files = store.files()
    tmp = path.with_name(f".tmp-{path.name}-{os.getpid()}")
    rows = 0
    writer = None
    try:
        for f in files:
            table = pq.read_table(f)
            if writer is None:
                schema = table.schema.remove_metadata()
                metadata = _pandas_metadata_without_index(table.schema)
                if metadata is not None:
                    schema = schema.with_metadata(metadata)
                writer = pq.ParquetWriter(tmp, schema)
            table = table.replace_schema_metadata(schema.metadata)
            if not table.schema.equals(schema, check_metadata=True):
                table = table.cast(schema)
            writer.write_table(table)
            rows += table.num_rows
        if writer is None:
            pq.write_table(pa.table({}), tmp)
    finally:
        if writer is not None:
            writer.close()
    os.replace(tmp, path)
    return rows


def run_cohort(spec: CohortSpec, out_dir: str | os.PathLike[str], engine: Engine | None = None, backend: str = "auto",
               resume: bool = True, progress: bool = True, retries: int = 2) -> CohortResult:
    """Simulate every patient of ``spec`` in chunks on ``engine`` (default: local), resumably, and summarise."""
    from ..batch import BACKENDS

    if backend != "auto" and backend not in BACKENDS:
        raise UnknownNameError("backend", backend, [*BACKENDS, "auto"])
    out = Path(out_dir)
    t0 = time.perf_counter()
    store = _claim_directory(spec, out, resume)
    keys = [CHUNK_KEY.format(i) for i in range(spec.n_chunks)]
    reused = len(set(keys) & set(store.keys()))
    own_engine = engine is None
    engine = engine or Engine()
    try:
        engine.map(simulate_chunk, [(spec, i, backend) for i in range(spec.n_chunks)], store=store, keys=keys,
                   progress=progress, retries=retries, desc=f"cohort {spec.name} ({spec.size} patients)",
                   return_results=False)
    finally:
        if own_engine:
            engine.close()
    files = {"cohort": out / "cohort.json", "chunks": store.directory, "patients": out / "patients.parquet",
             "summary_csv": out / "summary.csv", "summary_md": out / "summary.md"}
    n = combine_chunks(store, files["patients"])
    table = pd.read_parquet(files["patients"], columns=summary_columns(spec))
    summary = summarize(table, spec)
    tmp = out / f".tmp-summary.csv-{os.getpid()}"
    summary.to_csv(tmp, index=False)
    os.replace(tmp, files["summary_csv"])
    _write_text_atomic(files["summary_md"], summary_markdown(summary, f"Cohort {spec.name}: {spec.size} patients, "
                                                                     f"seed {spec.seed}"))
    n_failed = int((table["status"] != "ok").sum())
    return CohortResult(spec, out, summary, n, n_failed, spec.n_chunks - reused, reused,
                        time.perf_counter() - t0, files)


def describe(result: CohortResult) -> list[str]:
    """Short text summary of a cohort run (the CLI prints it)."""
    a = result.overall()
    pct = (lambda x: "n/a" if not math.isfinite(x) else f"{100 * x:.1f} %")
    lines = [
        f"cohort    {result.spec.name}: {result.n_patients} patients in {result.spec.n_chunks} chunks "
        f"({result.chunks_computed} computed, {result.chunks_reused} reused) in {result.wall_seconds:.1f} s",
        f"non-union {pct(a['nonunion_fraction'])} (95 % CI {pct(a['nonunion_ci_low'])} - {pct(a['nonunion_ci_high'])}, "
        f"Wilson; {a['n_nonunion']} of {a['n']}; {result.n_failed} failed)",
        f"union day median {a['time_to_union_p50']:.1f} (IQR {a['time_to_union_p25']:.1f} - "
        f"{a['time_to_union_p75']:.1f})" if math.isfinite(a["time_to_union_p50"]) else "union day n/a (no union)",
    ]
    for r in result.summary[result.summary["subgroup"] != "all"].to_dict("records"):
        lines.append(f"  {r['subgroup']}={r['level']}: n={r['n']}, non-union {pct(r['nonunion_fraction'])} "
                     f"({pct(r['nonunion_ci_low'])} - {pct(r['nonunion_ci_high'])})")
    return lines
