"""`osteoimmune claims`: table on stdout, claims.csv + claims.md written atomically, exit status 0 / 1 / 2."""

from __future__ import annotations

import csv
import io

from click.testing import CliRunner

from osteoimmune.claims import report
from osteoimmune.claims.registry import CLAIMS, Claim, Measurement
from osteoimmune.cli.main import main


def test_claims_command_runs_selected_claims_and_writes_the_table(tmp_path):
    out = tmp_path / "claims"
    res = CliRunner().invoke(main, ["claims", "--only", "c005", "--out", str(out), "--no-progress"])
    assert res.exit_code == 0, res.output
    assert "C005" in res.output and "1 claims: 1 pass" in res.output
    rows = list(csv.DictReader(io.StringIO((out / "claims.csv").read_text(encoding="utf-8"))))
    assert [(r["id"], r["status"]) for r in rows] == [("C005", "pass")]
    assert float(rows[0]["effect"]) >= float(rows[0]["threshold"])
    assert "| C005 | A |" in (out / "claims.md").read_text(encoding="utf-8")


def test_claims_command_updates_only_the_generated_part_of_a_doc(tmp_path):
    doc = tmp_path / "claims.md"
    doc.write_text(f"# Claims\n\n{report.TABLE_START}\nSTALE-SENTINEL\n{report.TABLE_END}\n\n## Figures\nkept\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["claims", "--only", "C005", "--update-doc", str(doc), "--no-progress"])
    assert res.exit_code == 0, res.output
    text = doc.read_text(encoding="utf-8")
    assert "| C005 |" in text and "STALE-SENTINEL" not in text and text.endswith("## Figures\nkept\n")


def test_claims_command_exits_1_when_a_claim_fails(monkeypatch):
    def failing() -> Measurement:
        return Measurement(effect=0.0, threshold=0.1, passed=False, summary="effect 0 < 0.1")

    monkeypatch.setitem(CLAIMS, "C999", Claim("C999", "a failing test claim", "A", "Z. test", "effect ≥ 0.1", "«q»", failing))
    res = CliRunner().invoke(main, ["claims", "--only", "C999", "--no-progress"])
    assert res.exit_code == 1
    assert "fail" in res.output and "FAILING" in res.output
