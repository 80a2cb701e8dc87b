"""The claims registry, the tests and the table agree: one test per claim id, named after it, calling check(id)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from osteoimmune.claims import load_all

CLAIMS_DIR = Path(__file__).parent
_NAME = re.compile(r"^test_(C\d{3})_\w+$")


def _claim_tests() -> dict[str, list[tuple[str, str, ast.FunctionDef]]]:
    found: dict[str, list[tuple[str, str, ast.FunctionDef]]] = {}
    for path in sorted(CLAIMS_DIR.glob("test_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_C"):
                m = _NAME.match(node.name)
                assert m, f"{path.name}: {node.name} is not named test_<ID>_<short_name>"
                found.setdefault(m.group(1), []).append((path.name, node.name, node))
    return found


def _normalise(text: str) -> str:
    return " ".join(text.split())


def test_every_claim_has_exactly_one_test_and_every_test_a_claim():
    claims = load_all()
    tests = _claim_tests()
    missing = sorted(set(claims) - set(tests))
    orphans = sorted(set(tests) - set(claims))
    duplicated = {cid: [f"{f}::{n}" for f, n, _ in v] for cid, v in tests.items() if len(v) > 1}
    assert not missing, f"registered claims without a test: {missing}"
    assert not orphans, f"tests for unregistered claims: {orphans}"
    assert not duplicated, f"more than one test per claim: {duplicated}"


def test_each_claim_test_documents_the_claim_and_calls_check_with_its_own_id():
    claims = load_all()
    for cid, entries in _claim_tests().items():
        for fname, name, node in entries:
            doc = _normalise(ast.get_docstring(node) or "")
            if cid in claims:
                assert _normalise(claims[cid].title) in doc, f"{fname}::{name}: docstring lacks the claim text"
            calls = [n for n in ast.walk(node) if isinstance(n, ast.Call) and getattr(n.func, "id", None) == "check"]
            assert len(calls) == 1, f"{fname}::{name}: body must be one check({cid!r}) call"
            arg = calls[0].args[0]
            assert isinstance(arg, ast.Constant) and arg.value == cid, f"{fname}::{name}: checks {ast.dump(arg)}, not {cid}"


def test_registry_entries_are_complete():
    for cid, c in load_all().items():
        assert re.fullmatch(r"C\d{3}", cid)
        assert c.grade in ("A", "B", "C", "I")
        assert c.title and c.section and c.expected and c.quote, cid
        assert "«" in c.quote or '"' in c.quote, f"{cid}: the quote must be copied from the seed"
        if c.xfail is not None:
            assert len(c.xfail) > 20, f"{cid}: xfail must give the reason and the missing mechanism"
