"""Run a cohort of SIZE patients through run_cohort with the ODE replaced by a cheap stand-in; print peak RSS.

Used by test_cohort_scale.py (slow) to check that a 10^6-patient cohort streams through the engine, the chunk
store, the combined Parquet file and the summary with bounded memory.  Usage: python scale_probe.py SIZE OUT_DIR
"""

from __future__ import annotations

import json
import resource
import sys
import time

import numpy as np
import pandas as pd

import osteoimmune.cohort.run as cohort_run
from osteoimmune.cohort import load_cohort, run_cohort, sample_chunk
from osteoimmune.engine import Engine


def fake_chunk(task):
    """Covariates sampled as usual; outcomes from a closed-form stand-in (no ODE) with the real columns."""
    spec, chunk_index, _backend = task
    cov = sample_chunk(spec, chunk_index)
    n = len(cov)
    gap = cov["gap_mm"].to_numpy()
    age = cov["age_years"].to_numpy()
    union = gap + age / 40 < 3.0
    out = {"status": pd.array(["ok"] * n, dtype="str"), "message": pd.array([""] * n, dtype="str"),
           "union": pd.array(union, dtype="boolean")}
    for c in cohort_run.OUTCOME_COLUMNS[1:]:
        out[c] = np.full(n, np.nan)
    out["time_to_union_days"] = np.where(union, 30 * gap + age, np.nan)
    out["bone_fraction_final"] = 0.8 - 0.1 * gap
    df = pd.concat([cov, pd.DataFrame(out)], axis=1)
    df.insert(1, "chunk", np.int64(chunk_index))
    return df


if __name__ == "__main__":
    size, out = int(sys.argv[1]), sys.argv[2]
    cohort_run.simulate_chunk = fake_chunk
    spec = load_cohort("aged-fracture", {"size": size, "chunk_size": 10_000})
    t = time.perf_counter()
    res = run_cohort(spec, out, engine=Engine("serial"), progress=False)
    print(json.dumps({"size": size, "rows": res.n_patients, "seconds": time.perf_counter() - t,
                      "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                      "nonunion": float(res.overall()["nonunion_fraction"]),
                      "chunk_files": len(list(res.chunk_dir.iterdir()))}))
