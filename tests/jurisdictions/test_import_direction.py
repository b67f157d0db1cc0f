"""Imports flow one way: cms/workspace/opendata → agreements → jurisdictions → registry.

An AST walk over every module of jurisdictions/ and registry/ (function bodies included, so a
late `import` inside a function is caught too). The one exception is the root URLconf
(registry/urls.py), which wires every app's URLs together by design.
See docs/decisions/0015-import-direction.md.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
UPPER_APPS = {"agreements", "cms", "opendata", "workspace"}
#: Wiring that must know every app: the root URLconf.
WIRING = {Path("registry/urls.py")}


def imported_modules(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, dotted name) of every absolute import in `tree`, at any depth, including
    `importlib.import_module("…")` / `__import__("…")` calls with a literal name."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
        elif (
            isinstance(node, ast.Call)
            and (
                (isinstance(node.func, ast.Attribute) and node.func.attr == "import_module")
                or (
                    isinstance(node.func, ast.Name)
                    and node.func.id in {"__import__", "import_module"}
                )
            )
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.append((node.lineno, node.args[0].value))
    return found


def upward_imports(package: str) -> list[str]:
    offences = []
    for path in sorted((ROOT / package).rglob("*.py")):
        relative = path.relative_to(ROOT)
        if relative in WIRING:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(relative))
        for line, module in imported_modules(tree):
            if module.split(".")[0] in UPPER_APPS:
                offences.append(f"{relative}:{line} imports {module}")
    return offences


@pytest.mark.parametrize("package", ["jurisdictions", "registry"])
def test_no_import_of_an_upper_app_when_walking_the_package(package):
    assert upward_imports(package) == []


def test_every_import_form_found_when_walking_a_module():
    source = (
        "import agreements\n"
        "import os, cms.models\n"
        "from agreements.views.base import RegistryModelViewSet\n"
        "from . import models\n"
        "def later():\n"
        "    from opendata import shapes\n"
        "    class Inner:\n"
        "        import workspace.models as wm\n"
        "    return importlib.import_module('agreements.permissions')\n"
    )
    modules = imported_modules(ast.parse(source))
    assert modules == [
        (1, "agreements"),
        (2, "os"),
        (2, "cms.models"),
        (3, "agreements.views.base"),
        (6, "opendata"),
        (8, "workspace.models"),
        (9, "agreements.permissions"),
    ]


def test_upward_import_reported_when_a_module_has_one(tmp_path, monkeypatch):
    package = tmp_path / "jurisdictions"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "ok.py").write_text("from registry.admin_views import RegistryModelViewSet\n")
    (package / "bad.py").write_text("def hook():\n    from agreements import permissions\n")
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)
    assert upward_imports("jurisdictions") == ["jurisdictions/bad.py:2 imports agreements"]
