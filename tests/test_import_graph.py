"""The svclint package imports without cycles (issue 12 item 4).

The graph is read from the source with `ast`, not from a running interpreter: an
import at module level, or under `if TYPE_CHECKING:` (a type checker follows
those, and a cycle there is still two modules that need each other), is an edge
from the importing module to the module it names. `from svclint.x import y` is
an edge to `svclint.x.y` when that is a module of the package, else to
`svclint.x`; relative imports are resolved from the importing module's package.
Imports inside functions are left out: they are how a module defers a costly or
optional dependency, and they run after every module involved has loaded.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Collection, Iterator
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent / "svclint"

Graph = dict[str, set[str]]


def module_name(path: Path, root: Path) -> str:
    """`svclint/checks/base.py` -> `svclint.checks.base`; a package's `__init__.py` is the package."""
    parts = [root.name, *path.relative_to(root).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or \
        (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _loaded_imports(body: list[ast.stmt]) -> Iterator[ast.Import | ast.ImportFrom]:
    """The import statements run when the module loads (a `try:` block's included),
    and those under `if TYPE_CHECKING:`; not those inside functions or classes."""
    for statement in body:
        if isinstance(statement, (ast.Import, ast.ImportFrom)):
            yield statement
        elif isinstance(statement, ast.If) and _is_type_checking(statement.test):
            yield from _loaded_imports(statement.body)
        elif isinstance(statement, ast.Try):
            yield from _loaded_imports(statement.body)


def _source_module(statement: ast.ImportFrom, importer: str, is_package: bool) -> str:
    """The absolute name of the module a `from … import` reads from."""
    if not statement.level:
        return statement.module or ""
    parts = importer.split(".")
    # `from . import x` in a package's __init__ means the package itself; in a module, its package.
    keep = len(parts) - statement.level + (1 if is_package else 0)
    return ".".join([*parts[:keep], *([statement.module] if statement.module else [])])


def imported_modules(tree: ast.Module, importer: str, is_package: bool, modules: Collection[str]) -> set[str]:
    """The package's own modules that a module imports when loaded."""
    named: set[str] = set()
    for statement in _loaded_imports(tree.body):
        if isinstance(statement, ast.Import):
            named.update(alias.name for alias in statement.names)
            continue
        source = _source_module(statement, importer, is_package)
        for alias in statement.names:
            submodule = f"{source}.{alias.name}"
            named.add(submodule if submodule in modules else source)
    return {name for name in named if name in modules and name != importer}


def import_graph(root: Path = PACKAGE_DIR) -> Graph:
    """Each module of the package under `root` -> the package's modules it imports."""
    paths = {module_name(path, root): path for path in sorted(root.rglob("*.py"))}
    return {name: imported_modules(ast.parse(path.read_text(encoding="utf-8"), str(path)), name,
                                   path.name == "__init__.py", paths.keys())
            for name, path in paths.items()}


def find_cycle(graph: Graph) -> list[str] | None:
    """One cycle as the path that walks it (its first module repeated at the end), or None."""
    cleared: set[str] = set()  # modules from which no cycle can be reached

    def visit(module: str, path: list[str]) -> list[str] | None:
        if module in path:
            return [*path[path.index(module):], module]
        if module in cleared:
            return None
        for imported in sorted(graph[module]):
            cycle = visit(imported, [*path, module])
            if cycle:
                return cycle
        cleared.add(module)
        return None

    return next((cycle for module in sorted(graph) if (cycle := visit(module, []))), None)


def test_the_svclint_package_has_no_import_cycle() -> None:
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle or ())


def _write_package(root: Path, files: dict[str, str]) -> Path:
    for relative, text in files.items():
        path = root / "pkg" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root / "pkg"


def test_imports_are_resolved_to_the_modules_they_load(tmp_path: Path) -> None:
    package = _write_package(tmp_path, {
        "__init__.py": "from pkg.sub import helper\n",
        "sub/__init__.py": "from . import helper\nfrom .helper import name\n",
        "sub/helper.py": "import json\nfrom ..core import thing\n\ndef later():\n    import pkg\n",
        "core.py": "from pkg import sub\n",
    })
    assert import_graph(package) == {
        "pkg": {"pkg.sub.helper"},
        "pkg.sub": {"pkg.sub.helper"},
        "pkg.sub.helper": {"pkg.core"},  # not json (outside), not pkg (inside a function)
        "pkg.core": {"pkg.sub"},
    }


def test_a_cycle_through_type_checking_imports_is_found_with_its_path(tmp_path: Path) -> None:
    package = _write_package(tmp_path, {
        "__init__.py": "",
        "model.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg.source import Source\n",
        "source.py": "from pkg.model import Position\n",
        "user.py": "from pkg import model\n",
    })
    assert find_cycle(import_graph(package)) == ["pkg.model", "pkg.source", "pkg.model"]
    (package / "model.py").write_text("from pkg.source import Position\n", encoding="utf-8")
    (package / "source.py").write_text("Position = tuple\n", encoding="utf-8")
    assert find_cycle(import_graph(package)) is None


def test_the_library_lints_without_the_command_line_modules() -> None:
    """svclint.api is for servers and workers: linting through it loads none of the
    command line's modules (spaCy itself brings click, so click is no measure)."""
    script = ("import sys\nfrom svclint.api import lint_text\n"
              "assert lint_text('Cálmese, por favor.', lang='es')\n"
              "print(sorted(m for m in sys.modules if m in ('svclint.cli', 'svclint.runner', 'svclint.report.text')))\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout == "[]\n"
