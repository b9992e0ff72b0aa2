"""The library's layering: the lower core imports no feature, and only analytics/ui.py imports Streamlit.

Imports are read from the source with `ast`: every `import` and `from ... import` node, those inside
functions included, relative ones resolved against their package, and `importlib.import_module` or
`__import__` called with a literal name. Nothing is imported or matched as text, so a comment or a
string that mentions a package is not an import, and an import hidden in a function still is.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

from tests.helpers import ROOT

ANALYTICS = ROOT / "analytics"
CORE = ("db", "format", "metrics", "columns", "export", "urlstate", "plot", "validation", "quality", "access")
FEATURES = ("roles", "levels", "paymix", "careers", "market", "offers", "sources", "realterms", "yourdata", "paygap")
# The core sits below everything; ui.py and build.py sit on top of the features.
ABOVE_CORE = tuple(f"analytics.{name}" for name in (*FEATURES, "ui", "build"))


def imports(path: Path) -> Iterator[tuple[int, str]]:
    """(line, dotted module name) for every module the file imports, wherever the import statement is."""
    package = path.relative_to(ROOT).with_suffix("").parts[:-1]  # analytics/realterms/tax.py -> (analytics, realterms)
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            yield from ((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = [*package[: len(package) - node.level + 1]] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            yield node.lineno, module
            # `from analytics import roles` imports the package analytics.roles
            yield from ((node.lineno, f"{module}.{alias.name}") for alias in node.names if alias.name != "*")
        elif (
            isinstance(node, ast.Call)
            and (ast.unparse(node.func) in ("__import__", "import_module", "importlib.import_module"))
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            yield node.lineno, node.args[0].value


def imports_from(path: Path, packages: tuple[str, ...]) -> list[tuple[int, str]]:
    """(line, module) for each import statement of the file that reaches into one of `packages`."""
    found: dict[int, str] = {}
    for line, module in imports(path):
        if any(module == p or module.startswith(p + ".") for p in packages):
            found.setdefault(line, module)  # the statement's module first, then what it imports from it
    return sorted(found.items())


def test_the_core_imports_no_feature_and_only_ui_imports_streamlit():
    core = [ANALYTICS / f"{name}.py" for name in CORE]
    assert all(path.is_file() for path in core), [str(p) for p in core if not p.is_file()]
    problems = [
        f"{path.relative_to(ROOT)}:{line} imports {module}: the lower core imports no feature, nor ui or build"
        for path in core
        for line, module in imports_from(path, ABOVE_CORE)
    ]
    problems += [
        f"{path.relative_to(ROOT)}:{line} imports {module}: only analytics/ui.py may import Streamlit"
        for path in sorted(ANALYTICS.rglob("*.py"))
        if path != ANALYTICS / "ui.py"
        for line, module in imports_from(path, ("streamlit",))
    ]
    assert not problems, "\n".join(problems)


PAGE_FORBIDDEN = {"session_state", "query_params", "cache_data", "cache_resource"}
SQL = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE|CREATE)\b.+\b(FROM|INTO|SET|TABLE)\b", re.DOTALL)


def test_pages_only_describe_the_screen():
    """Pages keep no state, cache or SQL of their own: st.session_state, st.query_params and caches are
    reached through analytics/ui.py, and queries live in the features' queries.py."""
    found = []
    for path in sorted((ROOT / "pages").glob("*.py")) + [ROOT / "dashboard.py"]:
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in PAGE_FORBIDDEN:
                found.append(f"{path.name}:{node.lineno}: {ast.unparse(node)}")
            elif isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL.search(node.value):
                found.append(f"{path.name}:{node.lineno}: SQL {node.value[:40]!r}")
        found += [
            f"{path.name}:{line}: imports {name}" for line, name in imports(path) if name.split(".")[0] == "duckdb"
        ]
    assert found == [], "\n".join(found)
