"""The analysis commands end to end (tiny runs) and their bad-input exits."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from click.testing import CliRunner

from osteoimmune.cli.main import main

EXAMPLES = Path(__file__).parent / "examples"


def test_sensitivity_command_writes_tables_and_figure_and_resumes(tmp_path):
    spec = tmp_path / "s.yaml"
    spec.write_text("schema_version: 1\nscenario: fracture-healing\nset: ['days=30', 'output_interval_days=0.5']\n"
                    "parameters: {k_bmsc_rec: {}, d_tnf: {}}\noutcomes: [bone_fraction_day_28]\nmethod: morris\n"
                    "N: 2\nseed: 0\nnum_resamples: 50\n")
    out = tmp_path / "out"
    r = CliRunner().invoke(main, ["sensitivity", str(spec), "--out", str(out), "--scheduler", "serial", "--quiet"])
    assert r.exit_code == 0, r.output
    for f in ("indices.csv", "convergence.csv", "samples.csv", "summary.md", "sensitivity.png", "parameters.csv"):
        assert (out / f).is_file(), f
    idx = pd.read_csv(out / "indices.csv")
    assert set(idx["parameter"]) == {"k_bmsc_rec", "d_tnf"}
    n_chunks = len(list((out / "chunks").iterdir()))
    r2 = CliRunner().invoke(main, ["sensitivity", str(spec), "--out", str(out), "--scheduler", "serial", "--quiet"])
    assert r2.exit_code == 0 and len(list((out / "chunks").iterdir())) == n_chunks
    pd.testing.assert_frame_equal(pd.read_csv(out / "indices.csv"), idx)


def test_bad_sensitivity_specs_exit_2_naming_the_field(tmp_path):
    cases = {
        "parameters: [k_nonexistent]\noutcomes: [bone_fraction_day_56]\nN: 2\n": "k_nonexistent",
        "parameters: [k01]\noutcomes: [bone_at_56]\nN: 2\n": "unknown outcome 'bone_at_56'; allowed:",
        "parameters: [k01]\noutcomes: [bone_fraction_day_56]\nN: 6\nmethod: sobol\n": "power of two",
        "parameters: [k01]\noutcomes: [bone_fraction_day_56]\nN: 2\nmethod: fast\n": "method",
        "parameters: {k01: {low: 2, high: 1}}\noutcomes: [bone_fraction_day_56]\nN: 2\n": "parameters.k01",
    }
    for body, needle in cases.items():
        spec = tmp_path / "bad.yaml"
        spec.write_text("schema_version: 1\nscenario: fracture-healing\n" + body)
        r = CliRunner().invoke(main, ["sensitivity", str(spec), "--out", str(tmp_path / "o"), "--quiet"])
        assert r.exit_code == 2, (body, r.output)
        assert needle in r.output, (needle, r.output)
        assert not (tmp_path / "o").exists()


def test_calibrate_command_on_the_example(tmp_path):
    out = tmp_path / "cal"
    r = CliRunner().invoke(main, ["calibrate", str(EXAMPLES / "calibrate-lemaire.yaml"), "--out", str(out),
                                  "--scheduler", "serial", "--starts", "2", "--quiet"])
    assert r.exit_code == 0, r.output
    t = pd.read_csv(out / "parameters.csv").set_index("parameter")
    # the example data were generated with k_B = 0.189 x 1.3 and D_A = 0.7 x 0.8 (5 % noise)
    assert t.loc["k_B", "ci_low"] <= 0.189 * 1.3 <= t.loc["k_B", "ci_high"]
    assert t.loc["D_A", "ci_low"] <= 0.7 * 0.8 <= t.loc["D_A", "ci_high"]
    assert (out / "fit.png").is_file() and (out / "profiles.png").is_file()
