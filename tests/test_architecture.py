"""The house rules, as tests: no import circle anywhere in the package, the core's rooms
import only downwards, no module past ~400 lines, and the core holds only rooms.

Imports inside functions count; imports under ``if TYPE_CHECKING:`` do not (they never run).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "ncsi_tui"
MAX_LINES = 400

#: Which rooms of the core each room may import (besides itself, ``errors`` and the
#: package root's ``__version__``). Lower rooms never import higher ones.
ROOMS: dict[str, set[str]] = {
    "disk": set(),
    "model": {"disk"},
    "judge": {"disk", "model"},
    "files": {"disk", "model", "judge"},
    "compare": {"disk", "model", "judge"},
    "export": {"disk", "model", "judge", "compare"},
    "importers": {"disk", "model", "judge", "files", "compare"},
}


def _module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _is_type_checking(node: ast.If) -> bool:
    t = node.test
    return (isinstance(t, ast.Name) and t.id == "TYPE_CHECKING") or (
        isinstance(t, ast.Attribute) and t.attr == "TYPE_CHECKING"
    )


def _imports(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """Modules of the package that ``name`` imports at run time (any depth of the tree)."""
    found: set[str] = set()
    is_pkg = path.name == "__init__.py"

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = name.split(".") if is_pkg else name.split(".")[:-1]
                parts = parts[: len(parts) - (node.level - 1)]
                base = ".".join([*parts, base] if base else parts)
            for a in node.names:
                full = f"{base}.{a.name}"
                found.add(full if full in known else base)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    out = set()
    for mod in found:
        while mod and mod not in known:
            mod = mod.rpartition(".")[0]
        if mod and mod != name and not name.startswith(mod + "."):
            out.add(mod)
    return out


def _graph() -> dict[str, set[str]]:
    known = _modules()
    return {n: _imports(n, p, known) for n, p in known.items()}


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []
    counter = 0
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            v, children = work[-1]
            for w in children:
                if w not in graph:
                    continue
                if w not in index:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on_stack.add(w)
                    work.append((w, iter(sorted(graph[w]))))
                    break
                if w in on_stack:
                    low[v] = min(low[v], index[w])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[v])
                if low[v] == index[v]:
                    comp = []
                    while True:
                        w = stack.pop()
                        on_stack.discard(w)
                        comp.append(w)
                        if w == v:
                            break
                    if len(comp) > 1:
                        out.append(sorted(comp))
    return out


def test_the_circle_finder_finds_a_circle() -> None:
    assert _circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _circles({"a": {"b"}, "b": set()}) == []


def test_no_import_circle_in_the_package() -> None:
    circles = _circles(_graph())
    assert not circles, "import circles: " + "; ".join(" <-> ".join(c) for c in circles)


def test_core_rooms_import_only_downwards() -> None:
    wrong = []
    for mod, deps in _graph().items():
        parts = mod.split(".")
        if parts[:2] != ["ncsi_tui", "core"] or len(parts) < 3 or parts[2] not in ROOMS:
            continue
        room = parts[2]
        for dep in deps:
            d = dep.split(".")
            if d[0] != "ncsi_tui":
                continue
            if d[:2] != ["ncsi_tui", "core"]:
                if dep != "ncsi_tui":  # the package root: __version__ only
                    wrong.append(f"{mod} imports {dep} (the core imports no front)")
                continue
            if len(d) < 3 or d[2] == "errors" or d[2] == room:
                continue
            if d[2] not in ROOMS[room]:
                wrong.append(f"{mod} ({room}) imports {dep} ({d[2]})")
    assert not wrong, "\n".join(wrong)


def test_core_holds_only_rooms_and_errors() -> None:
    core = PACKAGE / "core"
    loose = sorted(p.name for p in core.glob("*.py") if p.name not in ("__init__.py", "errors.py"))
    assert loose == []
    rooms = sorted(p.name for p in core.iterdir() if p.is_dir() and (p / "__init__.py").exists())
    assert set(ROOMS) <= set(rooms)
    for name in rooms:
        doc = ast.get_docstring(ast.parse((core / name / "__init__.py").read_text("utf-8")))
        assert doc and len(doc) > 20, f"core/{name}/__init__.py says what the room holds"


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.name))
def test_no_module_past_400_lines(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(PACKAGE)} has {lines} lines"
