"""A 10^6-patient cohort streams to disk with bounded memory (slow: about a minute; `pytest -m slow`)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

PROBE = Path(__file__).with_name("scale_probe.py")


def _probe(size: int, out: Path) -> dict:
    done = subprocess.run([sys.executable, str(PROBE), str(size), str(out)], capture_output=True, text=True,
                          timeout=900, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.slow
def test_a_million_patients_stream_with_bounded_memory(tmp_path):
    small = _probe(100_000, tmp_path / "small")
    big = _probe(1_000_000, tmp_path / "big")
    assert big["rows"] == 1_000_000 and big["chunk_files"] == 100
    assert big["peak_rss_mib"] < 4096
    # ten times the patients must not mean ten times the memory: growth stays far below one copy of the table
    assert big["peak_rss_mib"] - small["peak_rss_mib"] < 400, (small, big)
