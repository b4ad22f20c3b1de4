"""The app uses Textual's public API only (issue 18.3): a Textual release inside the range in
pyproject.toml may rename anything private. Fails on an import from a private Textual
module and on any `_name` the app uses but does not define itself."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "ncsi_tui"


#: The one known exception, kept small and named: the terminal driver (issue 17.3) must end
#: the app when the terminal goes, which Textual 8's Linux driver does not offer publicly;
#: it subclasses that driver and reuses its key parser. Re-check it on every Textual upgrade.
EXCEPTIONS = {Path("app/terminal.py")}


def _trees() -> dict[Path, ast.AST]:
    return {p: ast.parse(p.read_text("utf-8")) for p in sorted(PACKAGE.rglob("*.py"))
            if p.relative_to(PACKAGE) not in EXCEPTIONS}


def _defined(trees: dict[Path, ast.AST]) -> set[str]:
    """Private names the package defines: functions, classes, attributes it assigns."""
    names: set[str] = set()
    for tree in trees.values():
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                names.add(node.name)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                names.add(node.attr)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                names.add(node.target.id)
    return names


def test_no_private_textual_module_is_imported() -> None:
    found = []
    for path, tree in _trees().items():
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith(
                    "textual") and any(part.startswith("_") for part in node.module.split(".")):
                found.append(f"{path.relative_to(PACKAGE)}: from {node.module}")
    assert not found, "private Textual modules: " + "; ".join(found)


def test_no_private_name_that_the_package_does_not_define() -> None:
    """In the app (the part that talks to Textual); `os._exit` is the standard library's."""
    trees = _trees()
    ours = _defined(trees)
    used = []
    for path, tree in trees.items():
        if PACKAGE / "app" not in path.parents:
            continue
        for node in ast.walk(tree):
            if (isinstance(node, ast.Attribute) and node.attr.startswith("_")
                    and not node.attr.startswith("__") and node.attr not in ours
                    and not (isinstance(node.value, ast.Name) and node.value.id == "os")):
                used.append(f"{path.relative_to(PACKAGE)}:{node.lineno} .{node.attr}")
    assert not used, "names private to a library: " + "; ".join(used)
