"""The claims runner, table writers and CLI plumbing (fast: synthetic claims, no simulation)."""

from __future__ import annotations

import csv
import io

import pytest

from osteoimmune.claims import report, runner
from osteoimmune.claims.registry import Claim, Measurement
from osteoimmune.errors import UnknownNameError


def _claim(cid: str, passed: bool, xfail: str | None = None, boom: bool = False) -> Claim:
    def evaluate() -> Measurement:
        if boom:
            raise RuntimeError("exploded")
        return Measurement(effect=0.25 if passed else 0.01, threshold=0.1, passed=passed,
                           summary=f"effect {'0.25' if passed else '0.01'} vs 0.1 | pipe")
    return Claim(cid, f"title {cid}", "A", "X. test", "expected | shape", "«quote»", evaluate, xfail)


def test_statuses_and_suite_verdict():
    rows = [runner.row_for(c) for c in (_claim("C900", True), _claim("C901", False), _claim("C902", False, "gap because X is missing"),
                                        _claim("C903", True, "stale xfail reason here"), _claim("C904", True, boom=True))]
    assert [r.status for r in rows] == ["pass", "fail", "xfail", "xpass", "error"]
    assert "RuntimeError: exploded" in rows[-1].summary
    assert not runner.suite_ok(rows)
    assert runner.suite_ok(rows[:1] + rows[2:3])
    assert runner.counts(rows) == {"pass": 1, "fail": 1, "xfail": 1, "xpass": 1, "error": 1}


def test_csv_and_markdown_hold_every_row(tmp_path):
    rows = [runner.row_for(_claim("C900", True)), runner.row_for(_claim("C902", False, "gap because X is missing"))]
    parsed = list(csv.DictReader(io.StringIO(report.to_csv(rows))))
    assert [r["id"] for r in parsed] == ["C900", "C902"]
    assert float(parsed[0]["effect"]) == 0.25 and parsed[1]["status"] == "xfail"
    md = report.to_markdown(rows)
    assert md.count("\n| C9") == 2 and "\\|" in md and "xfail: gap because X" in md
    csv_path, md_path = report.write_report(tmp_path / "out", rows)
    assert csv_path.read_text() == report.to_csv(rows) and md_path.read_text() == md
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["claims.csv", "claims.md"]  # no temporaries left


def test_doc_table_is_replaced_between_markers_only(tmp_path):
    rows = [runner.row_for(_claim("C900", True))]
    doc = tmp_path / "claims.md"
    doc.write_text(f"# Claims\nintro\n{report.TABLE_START}\nold table\n{report.TABLE_END}\n## Figures\nkept\n")
    report.update_doc_table(doc, rows)
    text = doc.read_text()
    assert "old table" not in text and "| C900 |" in text and text.endswith("## Figures\nkept\n") and "intro" in text
    bare = tmp_path / "bare.md"
    bare.write_text("no markers\n")
    with pytest.raises(ValueError, match="markers"):
        report.update_doc_table(bare, rows)
    assert bare.read_text() == "no markers\n"


def test_unknown_claim_ids_are_rejected_with_the_allowed_ids():
    with pytest.raises(UnknownNameError, match="C999"):
        runner.select(["C999"])
    with pytest.raises(UnknownNameError):
        runner.evaluate("C999")


def test_cli_rejects_unknown_ids_with_exit_2():
    from click.testing import CliRunner

    from osteoimmune.cli.main import main

    res = CliRunner().invoke(main, ["claims", "--only", "C999", "--no-progress"])
    assert res.exit_code == 2 and "unknown claim 'C999'" in res.output
