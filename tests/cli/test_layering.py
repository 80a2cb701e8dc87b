"""The layering of docs/ARCHITECTURE.md: io/, plot/ and cli/ are edges that nothing inside the package imports,
and outcomes/ is pure numerics (no I/O, no plotting, no solver)."""

from __future__ import annotations

import ast
from pathlib import Path

import osteoimmune

PACKAGE = Path(osteoimmune.__file__).parent
EDGES = ("osteoimmune.io", "osteoimmune.plot", "osteoimmune.cli")


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Absolute names of every osteoimmune module imported anywhere in ``path`` (also inside functions)."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module or ""
            found.add(name)
            found.update(f"{name}.{a.name}" for a in node.names)
    return {n for n in found if n == "osteoimmune" or n.startswith("osteoimmune.")}


def _sources():
    return [p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts]


def test_nothing_inside_the_package_imports_the_edges():
    offenders = []
    for path in _sources():
        module = _module_name(path)
        if module.startswith(EDGES):
            continue
        for name in _imports(path):
            if name.startswith(EDGES):
                offenders.append(f"{module} imports {name}")
    assert offenders == []


def test_outcomes_are_pure_numerics():
    for path in (PACKAGE / "outcomes").rglob("*.py"):
        for name in _imports(path):
            assert name.startswith(("osteoimmune.outcomes", "osteoimmune.errors")), (path.name, name)
        text = path.read_text(encoding="utf-8")
        for forbidden in ("matplotlib", "open(", "print(", "to_csv", "json.dump"):
            assert forbidden not in text, (path.name, forbidden)


def test_io_does_not_import_plot_or_cli():
    for path in (PACKAGE / "io").rglob("*.py"):
        for name in _imports(path):
            assert not name.startswith(("osteoimmune.plot", "osteoimmune.cli")), (path.name, name)
