"""Data flows one way: no import cycle between reviewer's modules, nor between its packages.

The graph is read from the source with ``ast`` (imports inside functions count: they run too);
imports under ``if TYPE_CHECKING:`` are annotations only and do not count. At package level a
node is ``reviewer.<name>`` — a subpackage (archive, audit, laws, rules …) or a top-level module
(citations, engine, pipeline …) — so "archive imports audit and audit imports archive" fails
even when no single pair of files forms a loop.
"""

from __future__ import annotations

import ast
import functools
from collections.abc import Iterator
from pathlib import Path

import reviewer

ROOT = Path(reviewer.__file__).resolve().parent


def _modules() -> dict[str, Path]:
    found = {}
    for path in ROOT.rglob("*.py"):
        parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and _is_type_checking(node):
            for other in node.orelse:
                yield from _imports(ast.Module(body=[other], type_ignores=[]))
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        yield from _imports(node)


def _edges(modules: dict[str, Path]) -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            else:
                base = node.module or ""
                if node.level:
                    base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names]
            edges[name] |= {t for t in targets if t in modules and t != name}
    return edges


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one node (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


@functools.lru_cache(maxsize=1)
def _graph() -> dict[str, set[str]]:
    """The module graph, read once per test session."""
    return _edges(_modules())


def _package(name: str) -> str:
    return ".".join(name.split(".")[:2])


def test_no_import_cycle_between_modules():
    assert _cycles(_graph()) == []


def test_no_import_cycle_between_packages():
    packages: dict[str, set[str]] = {}
    for name, targets in _graph().items():
        packages.setdefault(_package(name), set()).update(
            _package(t) for t in targets if _package(t) != _package(name))
    assert _cycles(packages) == []


def test_the_checker_finds_a_cycle():
    # The test above could pass by reading nothing; this one proves the detector works.
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_archive_and_audit_depend_on_laws_not_on_each_other():
    edges = _graph()

    def uses(package: str, other: str) -> bool:
        return any(_package(t) == other for name, ts in edges.items() if _package(name) == package for t in ts)

    assert not uses("reviewer.archive", "reviewer.audit")
    assert not uses("reviewer.laws", "reviewer.archive") and not uses("reviewer.laws", "reviewer.audit")
    assert uses("reviewer.archive", "reviewer.laws") and uses("reviewer.audit", "reviewer.laws")


def test_the_cli_holds_no_sql():
    for path in (ROOT / "cli").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        for word in ("SELECT ", "INSERT ", "UPDATE ", ".execute(", ".conn"):
            assert word not in text, f"{path.name}: {word.strip()}"


def test_migrations_import_no_domain_code():
    # An upgrade must give the same file whatever today's parsing does: schema.py changes the
    # schema only; data work it asks for runs on opening (reviewer/archive/backfill.py).
    assert _graph()["reviewer.archive.schema"] <= {"reviewer.errors"}
