"""The house's layering, checked on the source: no module reaches into another module's
private names, and no module imports another at run time in a cycle.

import-linter (run by ``.ci/run``, contracts in ``pyproject.toml``) checks which module may
import which; it does not look at names, so this test does: ``from .tally import
_group_codes`` is refused, ``from ._grouping import group_codes`` (a public name of a
private module) is fine.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import satisfy

PACKAGE = Path(satisfy.__file__).parent
ROOT = PACKAGE.parent


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_package(path: Path) -> bool:
    return path.name == "__init__.py"


def _resolve(module: str, is_package: bool, level: int, target: str | None) -> str:
    """The absolute name of ``from <level dots><target> import ...`` written in ``module``."""
    if level == 0:
        return target or ""
    base = module.split(".")
    if not is_package:
        base = base[:-1]
    if level > 1:
        base = base[: len(base) - (level - 1)]
    return ".".join(base + ([target] if target else []))


def _is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


SOURCES = sorted(PACKAGE.rglob("*.py"))


def _imports(path: Path) -> tuple[ast.Module, list[tuple[int, str, str | None, bool]]]:
    """(tree, [(line, imported module, imported name or None, at run time)]) of one file.
    Imports under ``if TYPE_CHECKING:`` are not at run time."""
    module = _module_name(path)
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    typing_only: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for inner in node.body:
                typing_only.update(id(n) for n in ast.walk(inner))
    found: list[tuple[int, str, str | None, bool]] = []
    for node in ast.walk(tree):
        runtime = id(node) not in typing_only
        if isinstance(node, ast.ImportFrom):
            source = _resolve(module, _is_package(path), node.level, node.module)
            for alias in node.names:
                found.append((node.lineno, source, alias.name, runtime))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                found.append((node.lineno, alias.name, None, runtime))
    return tree, found


def _own(module: str) -> bool:
    return module == "satisfy" or module.startswith("satisfy.")


def _private_name_uses(path: Path) -> list[str]:
    module = _module_name(path)
    tree, found = _imports(path)
    where = path.relative_to(ROOT)
    bad: list[str] = []
    # module objects bound by this file: a name -> the satisfy module it stands for
    bound: dict[str, str] = {}
    for line, source, name, _ in found:
        if not _own(source) or name is None:
            continue
        submodule = f"{source}.{name}"
        if (PACKAGE.parent / (submodule.replace(".", "/") + ".py")).exists() or (
            PACKAGE.parent / submodule.replace(".", "/") / "__init__.py"
        ).exists():
            continue  # `from . import _coding` imports a module, checked by its uses below
        if source != module and _is_private(name):
            bad.append(f"{where}:{line}: from {source} import {name}")
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            source = _resolve(module, _is_package(path), node.level, node.module)
            for alias in node.names:
                submodule = f"{source}.{alias.name}"
                if _own(submodule) and (
                    (ROOT / (submodule.replace(".", "/") + ".py")).exists()
                    or (ROOT / submodule.replace(".", "/") / "__init__.py").exists()
                ):
                    bound[alias.asname or alias.name] = submodule
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if _own(alias.name) and alias.asname:
                    bound[alias.asname] = alias.name
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in bound
            and bound[node.value.id] != module
            and _is_private(node.attr)
        ):
            bad.append(f"{where}:{node.lineno}: {node.value.id}.{node.attr}")
    return bad


def test_no_module_imports_a_private_name_of_another() -> None:
    bad = [entry for path in SOURCES for entry in _private_name_uses(path)]
    assert not bad, "private names reached from another module:\n" + "\n".join(bad)


def _graph(*, top_level_only: bool) -> dict[str, set[str]]:
    """Which satisfy module imports which at run time (all imports, or only those at a
    module's top level, which run when it is imported)."""
    graph: dict[str, set[str]] = {}
    for path in SOURCES:
        module = _module_name(path)
        tree, found = _imports(path)
        top = {id(n) for n in tree.body}
        top_lines = {n.lineno for n in tree.body if id(n) in top}
        edges = graph.setdefault(module, set())
        for line, source, name, runtime in found:
            if not runtime or not _own(source) or source == module:
                continue
            if top_level_only and line not in top_lines:
                continue
            target = source
            if name is not None:
                submodule = f"{source}.{name}"
                if (ROOT / (submodule.replace(".", "/") + ".py")).exists() or (
                    ROOT / submodule.replace(".", "/") / "__init__.py"
                ).exists():
                    target = submodule
            if target in ("satisfy", module):
                continue
            edges.add(target)
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def test_no_import_cycle() -> None:
    """No cycle among the run-time imports, counting those inside functions (the package
    ``satisfy`` itself, which re-exports everything, is left out)."""
    graph = _graph(top_level_only=False)
    graph.pop("satisfy", None)
    cycle = _cycle(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from .tally import _group_codes\n", True),
        ("from ._grouping import group_codes\n", False),
        ("from . import _coding\n_coding.encode\n", False),
        ("from . import tally\ntally._group_codes\n", True),
        ("from . import tally as t\nt._group_codes\n", True),
    ],
)
def test_the_checker_sees_private_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source: str, expected: bool
) -> None:
    """The checker itself: a private name of another module is caught, a public name of a
    private module is not."""
    fake = PACKAGE / "_layering_probe_does_not_exist.py"
    monkeypatch.setattr(Path, "read_text", lambda self, encoding=None: source)
    assert bool(_private_name_uses(fake)) is expected
