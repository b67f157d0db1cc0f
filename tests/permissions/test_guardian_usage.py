"""Guardian is used in one module, and always without model-level fall-backs: every call that
accepts `accept_global_perms` passes False, and `with_superuser` is always explicit."""

import ast
import inspect
from pathlib import Path

import guardian.shortcuts  # noqa: TID251 (the test inspects guardian's signatures)
from django.conf import settings

from agreements import permissions

ROOT = Path(__file__).resolve().parents[2]
ALLOWED_IMPORTERS = {
    ROOT / "agreements" / "permissions.py",
    ROOT / "agreements" / "models" / "object_permissions.py",
}


def guardian_calls(tree: ast.AST):
    imported = {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("guardian")
        for alias in node.names
    }
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in imported
        ):
            yield node.func.id, {keyword.arg: keyword.value for keyword in node.keywords}


def test_guardian_calls_refuse_global_permissions_when_made_in_permissions_module():
    tree = ast.parse(Path(inspect.getfile(permissions)).read_text())
    checked = []
    for name, keywords in guardian_calls(tree):
        function = getattr(guardian.shortcuts, name, None)
        parameters = inspect.signature(function).parameters if function else {}
        for flag in ("accept_global_perms", "with_superuser"):
            if flag in parameters:
                assert flag in keywords, f"{name} without explicit {flag}"
        if "accept_global_perms" in parameters:
            assert ast.literal_eval(keywords["accept_global_perms"]) is False
        checked.append(name)
    assert "get_objects_for_user" in checked


def test_no_other_module_imports_guardian_when_project_is_scanned():
    offenders = []
    for path in ROOT.glob("[a-z]*/**/*.py"):
        if (
            path.parts[len(ROOT.parts)] in {".venv", "tests", "node_modules"}
            or "migrations" in path.parts
        ):
            continue
        if path in ALLOWED_IMPORTERS:
            continue
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            if any(name == "guardian" or name.startswith("guardian.") for name in names):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_guardian_caches_nothing_on_the_user_when_settings_are_loaded():
    """Auto-prefetch would keep a user's permissions on the user object for its lifetime."""
    assert getattr(settings, "GUARDIAN_AUTO_PREFETCH", False) is False
