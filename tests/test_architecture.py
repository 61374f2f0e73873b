"""Every import points down the layers of the house (README, "Layers"), and no two
files import each other, directly or round a circle. Read from the source with `ast`, so
an import inside a function counts as much as one at the top."""

import ast
from pathlib import Path

from tests.conftest import BASE_DIR

# Top to bottom. An app may import from its own layer only within itself, and from any
# layer below it. Content apps sit side by side and never import each other.
LAYERS = [
    ["portal"],
    ["search", "alerts"],
    ["home", "cases", "events", "reports", "indicators", "news"],
    ["network"],
    ["documents"],
    ["core"],
]
LAYER_OF = {app: depth for depth, apps in enumerate(LAYERS) for app in apps}
# Imports that run back up a layer on purpose, as (importer, imported), each with its
# reason in a comment. At most four; none today.
ALLOWED_UPWARD = set()


def project_modules():
    for path in sorted(BASE_DIR.glob("*/**/*.py")):
        parts = path.relative_to(BASE_DIR).with_suffix("").parts
        if parts[0] in LAYER_OF and "migrations" not in parts:
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            yield name, path


MODULES = dict(project_modules())


def imported_modules(name, path):
    """The project modules `name` imports, wherever in the file the import is."""
    found = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(Path(path).read_text())):
        if isinstance(node, ast.Import):
            candidates = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parent + ([node.module] if node.module else []))
            candidates = [base] + [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        for candidate in candidates:
            while candidate and candidate not in MODULES:
                candidate = candidate.rpartition(".")[0]
            if candidate and candidate != name:
                found.add(candidate)
    return found


GRAPH = {name: imported_modules(name, path) for name, path in MODULES.items()}


def test_the_walk_sees_the_project():
    assert len(MODULES) > 50
    assert "core.models" in GRAPH["cases.models"]


def test_imports_point_down_the_layers():
    upward = []
    for name, imports in GRAPH.items():
        app = name.split(".")[0]
        for imported in imports:
            other = imported.split(".")[0]
            if other != app and LAYER_OF[other] <= LAYER_OF[app]:
                if (name, imported) not in ALLOWED_UPWARD:
                    upward.append(f"{name} imports {imported}")
    assert not upward, "\n".join(sorted(upward))
    assert len(ALLOWED_UPWARD) <= 4


def test_no_two_files_import_each_other_round_a_circle():
    circles, index, low, stack, on_stack = [], {}, {}, [], set()

    def visit(node):  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in GRAPH[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for node in GRAPH:
        if node not in index:
            visit(node)
    assert not circles, circles
