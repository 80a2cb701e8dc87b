"""The small, cheap cohort of the cohort tests: 4 patients in 4 chunks, 30-day runs with daily output."""

SMALL = {
    "schema_version": 1,
    "name": "small",
    "base": "fracture-healing",
    "set": ["days=30", "output_interval_days=1"],
    "size": 4,
    "seed": 7,
    "chunk_size": 1,
    "covariates": {
        "age_years": {"dist": "uniform", "low": 20, "high": 90},
        "sex": {"dist": "categorical", "values": ["female", "male"]},
        "gap_mm": {"dist": "lognormal", "median": 1.0, "cv": 0.4, "low": 0.3, "high": 4.0},
    },
    "parameters": {"k_diff": {"dist": "lognormal", "cv": 0.2}},
    "subgroups": [{"name": "sex", "by": "sex"}, {"name": "age", "by": "age_years", "bins": [20, 50, 90]}],
}
