"""The layers of the planwatch package (docs/architecture.md): every import points down or sideways, never
up, and no modules or packages import each other in a circle.

The import graph is read from the source with `ast`, every import counted: one inside a function is
still an import, so it cannot hide a cycle or an upward reference.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from pathlib import Path

import pytest

PACKAGE_DIR = Path(__file__).resolve().parent.parent / "planwatch"

# Bottom to top; a module belongs to the layer of the longest prefix that names it. The one table of
# the layers: docs/architecture.md shows the same.
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("config", ("planwatch", "planwatch.config")),
    ("plan", ("planwatch.plan",)),
    ("ingest", ("planwatch.ingest",)),
    ("warehouse", ("planwatch.warehouse",)),
    ("sample", ("planwatch.sample",)),
    ("report", ("planwatch.report",)),
    ("cli", ("planwatch.cli", "planwatch.demo", "planwatch.status_summary")),
)

Graph = Mapping[str, set[str]]


def module_name(path: Path, package_dir: Path = PACKAGE_DIR) -> str:
    parts = path.relative_to(package_dir.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(tree: ast.AST, module: str, is_package: bool, known: set[str]) -> set[str]:
    """The planwatch modules a module's source imports, anywhere in it (a function body too)."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = module.split(".")[: len(module.split(".")) - node.level + (1 if is_package else 0)]
                base = ".".join([*anchor, *([base] if base else [])])
            # `from planwatch.warehouse import publish` imports the module planwatch.warehouse.publish
            found.update(f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names)
    return {name for name in found if name in known and name != module}


def import_graph(package_dir: Path = PACKAGE_DIR) -> dict[str, set[str]]:
    """Module → the planwatch modules it imports."""
    names = {path: module_name(path, package_dir) for path in sorted(package_dir.rglob("*.py"))}
    known = set(names.values())
    return {
        name: imported(ast.parse(path.read_text(), str(path)), name, path.name == "__init__.py", known)
        for path, name in names.items()
    }


def layer_of(module: str, layers=LAYERS) -> int:
    """The index of the module's layer (the longest matching prefix wins)."""
    matches = [
        (len(prefix), index)
        for index, (_, prefixes) in enumerate(layers)
        for prefix in prefixes
        if module == prefix or module.startswith(prefix + ".")
    ]
    if not matches:
        raise AssertionError(f"{module} is in no layer: add it to LAYERS (and to docs/architecture.md)")
    return max(matches)[1]


def upward_imports(graph: Graph, layers=LAYERS) -> list[str]:
    """Every import of a module from a higher layer than its own."""
    names = [name for name, _ in layers]
    return [
        f"{source} ({names[layer_of(source, layers)]}) imports {target} ({names[layer_of(target, layers)]})"
        for source, targets in sorted(graph.items())
        for target in sorted(targets)
        if layer_of(target, layers) > layer_of(source, layers)
    ]


def find_cycle(graph: Graph) -> list[str] | None:
    """One cycle of the graph as a path [a, b, …, a], or None when it has none."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (cycle := visit(start)):
            return cycle
    return None


def package_graph(graph: Graph) -> dict[str, set[str]]:
    """The graph between packages (planwatch.ingest, planwatch.report, …; a top-level module is its own)."""

    def package(module: str) -> str:
        return ".".join(module.split(".")[:2])

    collapsed: dict[str, set[str]] = {}
    for source, targets in graph.items():
        collapsed.setdefault(package(source), set()).update(
            package(t) for t in targets if package(t) != package(source)
        )
    return collapsed


def test_every_module_is_in_a_layer():
    for module in import_graph():
        layer_of(module)


def test_no_module_imports_from_a_layer_above_it():
    assert upward_imports(import_graph()) == []


def test_no_import_cycle_between_modules():
    assert find_cycle(import_graph()) is None


def test_no_import_cycle_between_packages():
    assert find_cycle(package_graph(import_graph())) is None


def test_the_graph_sees_the_real_imports():
    graph = import_graph()
    assert "planwatch.warehouse.dbt" in graph["planwatch.warehouse.build"]
    assert (
        "planwatch.warehouse.publish" in graph["planwatch.demo"]
    )  # `from planwatch.warehouse import publish`
    assert "planwatch.config" in graph["planwatch.ingest.pipeline"]


_WRITING = {"os.environ.update", "os.environ.setdefault", "os.environ.pop", "os.environ.clear"}


def environment_writes(tree: ast.AST) -> list[str]:
    """The PLANWATCH_* settings a module writes into os.environ (`os.environ[k] = `, update, setdefault…)."""
    keys: list[ast.AST] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            keys += [t.slice for t in node.targets if isinstance(t, ast.Subscript) and _is_environ(t.value)]
        if isinstance(node, ast.Call) and ast.unparse(node.func) in _WRITING:
            keys += [*node.args[:1], *(ast.Constant(k.arg) for k in node.keywords if k.arg)]
    return [ast.unparse(k) for k in keys if "PLANWATCH_" in ast.unparse(k)]


def _is_environ(node: ast.AST) -> bool:
    return ast.unparse(node) == "os.environ"


def test_the_date_and_the_home_never_travel_through_a_changed_environment():
    """PLANWATCH_TODAY and PLANWATCH_HOME are read (planwatch/config.py), never written: the date is passed as
    an argument and as the dbt var, a temporary home through the environment of the dbt child only."""
    written = {
        str(path.relative_to(PACKAGE_DIR.parent)): found
        for path in sorted(PACKAGE_DIR.rglob("*.py"))
        if (found := environment_writes(ast.parse(path.read_text())))
    }
    assert written == {}


@pytest.mark.parametrize(
    ("source", "found"),
    [
        ('os.environ["PLANWATCH_TODAY"] = "2026-10-15"', ["'PLANWATCH_TODAY'"]),
        ('os.environ.update(PLANWATCH_HOME="/tmp")', ["'PLANWATCH_HOME'"]),
        ('os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")', []),
        ('os.environ.get("PLANWATCH_TODAY", "")', []),
        ('env = {**os.environ, "PLANWATCH_HOME": "/tmp"}', []),
    ],
)
def test_an_environment_write_is_found(source, found):
    assert environment_writes(ast.parse(source)) == found


SYNTHETIC_LAYERS = (("low", ("p.low",)), ("high", ("p.high",)))


def _graph(edges: Iterable[tuple[str, str]]) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for source, target in edges:
        graph.setdefault(source, set()).add(target)
        graph.setdefault(target, set())
    return graph


@pytest.mark.parametrize(
    ("edges", "upward", "cycle"),
    [
        ([("p.high.a", "p.low.b")], [], None),
        ([("p.low.b", "p.high.a")], ["p.low.b (low) imports p.high.a (high)"], None),
        ([("p.low.a", "p.low.b"), ("p.low.b", "p.low.a")], [], ["p.low.a", "p.low.b", "p.low.a"]),
        (
            [("p.high.a", "p.low.b"), ("p.low.b", "p.low.c"), ("p.low.c", "p.high.a")],
            ["p.low.c (low) imports p.high.a (high)"],
            ["p.high.a", "p.low.b", "p.low.c", "p.high.a"],
        ),
    ],
    ids=["downward-ok", "upward-import", "cycle-in-a-layer", "cycle-through-layers"],
)
def test_the_checks_catch_a_synthetic_violation(edges, upward, cycle):
    graph = _graph(edges)
    assert upward_imports(graph, SYNTHETIC_LAYERS) == upward
    assert find_cycle(graph) == cycle


def test_a_hidden_import_inside_a_function_is_counted(tmp_path):
    package = tmp_path / "planwatch"
    (package / "ingest").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "cli.py").write_text("")
    (package / "ingest" / "__init__.py").write_text("")
    (package / "ingest" / "x.py").write_text("def f():\n    from planwatch import cli\n")
    assert upward_imports(import_graph(package)) == [
        "planwatch.ingest.x (ingest) imports planwatch.cli (cli)"
    ]
