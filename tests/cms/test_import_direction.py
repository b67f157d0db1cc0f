"""`cms/` imports in one direction: no module imports another that (directly or not) imports it
back, counting imports inside functions too (a lazy import is still an arrow), and template tag
modules are libraries for templates only, never imported by other modules."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CMS = ROOT / "cms"
FIRST_PARTY = ("accounts", "agreements", "cms", "jurisdictions", "opendata", "registry")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules(package: Path) -> dict[str, Path]:
    return {
        _module_name(path): path
        for path in package.rglob("*.py")
        if "migrations" not in path.parts and "__pycache__" not in path.parts
    }


def _imports(path: Path, known: set[str]) -> set[str]:
    """Every module of `known` that `path` imports, at the top or inside a function."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # `from cms import views` imports the module cms.views.
            names = [base] + [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            while name and name not in known:
                name = name.rpartition(".")[0]
            if name and name != module:
                found.add(name)
    return found


def _graph() -> dict[str, set[str]]:
    modules = _modules(CMS)
    known = set(modules)
    return {name: _imports(path, known) - {"cms"} for name, path in modules.items()}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    cycles, state, stack = [], {}, []

    def visit(node: str) -> None:
        state[node] = "open"
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == "open":
                cycles.append([*stack[stack.index(target) :], target])
            elif target not in state:
                visit(target)
        stack.pop()
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node)
    return cycles


def test_no_import_cycle_when_every_cms_module_is_parsed():
    graph = _graph()

    assert "cms.views" in graph["cms.models"]  # the pages call the views (lazily) ...
    assert "cms.links" in graph["cms.views"]  # ... the views use the links ...
    assert _cycles(graph) == []  # ... and nothing comes back


def test_cycle_found_when_one_is_planted():
    # The detector itself: models → views → links → models, as the code once was.
    graph = {"cms.models": {"cms.views"}, "cms.views": {"cms.links"}, "cms.links": {"cms.models"}}

    assert _cycles(graph) == [["cms.links", "cms.models", "cms.views", "cms.links"]]


def test_no_module_imports_a_template_tag_library_when_the_project_is_parsed():
    modules = {}
    for package in FIRST_PARTY:
        modules |= _modules(ROOT / package)
    known = set(modules)
    importers = {
        name: sorted(target for target in _imports(path, known) if ".templatetags" in target)
        for name, path in modules.items()
        if ".templatetags." not in name
    }

    assert {name: found for name, found in importers.items() if found} == {}
