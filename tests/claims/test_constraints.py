"""The claim → parameter table of docs/calibration.md is built from Claim.parameters, which must name real parameters."""

from __future__ import annotations

from osteoimmune.claims.constraints import END, START, claims_by_parameter, markdown_table, updated


def test_every_listed_parameter_exists_and_is_constrained_by_some_claim():
    table = claims_by_parameter()
    assert table and all(ids for ids in table.values())


def test_table_replaces_only_the_marked_block():
    text = f"intro\n{START}\nSTALE-TABLE-SENTINEL\n{END}\noutro\n"
    new = updated(text)
    assert new.startswith("intro\n") and new.endswith(f"{END}\noutro\n")
    assert markdown_table() in new and "STALE-TABLE-SENTINEL" not in new
