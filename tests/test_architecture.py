"""Dependencies run one way inside each app: forms, views and feeds import the models, never the
reverse. A model that needs one of them names it by dotted path (import_string), and that path must
resolve."""

import ast
import re
from pathlib import Path

import pytest
from django.utils.module_loading import import_string

BASE_DIR = Path(__file__).resolve().parents[1]
APPS = ["site_home", "surveys", "consultations", "stories", "events"]
VIEW_LAYER = {"views", "forms", "feeds", "document", "exports", "admin_views", "wagtail_hooks"}
# Imports inside a models function, each with its reason written beside it.
ALLOWED_INLINE = {("surveys/feedback/models/comments.py", "surveys.feedback.discussions")}


def models_modules():
    for app in APPS:
        for path in sorted((BASE_DIR / app).rglob("*.py")):
            relative = path.relative_to(BASE_DIR).as_posix()
            if "/models/" in relative or relative.endswith("/models.py"):
                yield relative, ast.parse(path.read_text())


MODULES = list(models_modules())
IDS = [module_path for module_path, _ in MODULES]


def imported_modules(node, module_path):
    """The absolute names a node imports (relative imports resolved against the module's package)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    package = module_path.removesuffix(".py").replace("/", ".").rsplit(".", node.level)[0]
    base = f"{package}.{node.module}" if node.level and node.module else (node.module or package)
    return [base] + [f"{base}.{alias.name}" for alias in node.names]


@pytest.mark.parametrize("module_path,tree", MODULES, ids=IDS)
def test_models_import_no_forms_views_or_feeds(module_path, tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            for name in imported_modules(node, module_path):
                if name.split(".")[0] in APPS:
                    assert not VIEW_LAYER & set(name.split(".")[1:]), f"{module_path} imports {name}"


@pytest.mark.parametrize("module_path,tree", MODULES, ids=IDS)
def test_models_import_at_the_top(module_path, tree):
    for function in ast.walk(tree):
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            for node in ast.walk(function):
                if isinstance(node, ast.Import | ast.ImportFrom):
                    name = imported_modules(node, module_path)[0]
                    where = f"{module_path}: {function.name}"
                    assert (module_path, name) in ALLOWED_INLINE, f"{where} imports {name}"


def test_every_dotted_path_in_the_models_resolves():
    paths = set()
    for module_path, _ in MODULES:
        source = (BASE_DIR / module_path).read_text()
        paths |= set(re.findall(r'import_string\(\s*"([\w.]+)"', source))
    assert paths, "no dotted paths found: the pattern above no longer matches the models"
    for dotted in sorted(paths):
        assert callable(import_string(dotted)), dotted
