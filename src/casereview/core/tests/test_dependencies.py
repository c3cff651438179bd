"""What the service imports when it runs is installed with it: every package its own code
imports (outside its tests and their fixtures) is one of the project's dependencies, or one
they bring, never one only the development extra installs. A production install
(`pip install casereview`) would otherwise fail at start, as the PDF reader once would have."""

from __future__ import annotations

import ast
import importlib.metadata as metadata
import re
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

import casereview

SOURCE = Path(casereview.__file__).parent
PYPROJECT = SOURCE.parent.parent / "pyproject.toml"
NOT_SHIPPED_WITH_IT = ("tests", "testing")  # the suite and its fixtures: the dev extra's


def distribution_name(requirement: str) -> str:
    return re.split(r"[\s\[<>=!~;]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def installed_with_the_service() -> set[str]:
    """The project's dependencies and its extras but dev, with all they require in turn."""
    project = tomllib.loads(PYPROJECT.read_text())["project"]
    wanted = [distribution_name(r) for r in project["dependencies"]]
    for extra, requirements in project.get("optional-dependencies", {}).items():
        if extra != "dev":
            wanted += [distribution_name(r) for r in requirements]
    found: set[str] = set()
    while wanted:
        name = wanted.pop()
        if name in found:
            continue
        found.add(name)
        try:
            requires = metadata.requires(name) or []
        except metadata.PackageNotFoundError:
            continue  # an extra not installed here (s3): its name is enough
        wanted += [distribution_name(r) for r in requires if "extra ==" not in r]
    return found


def top_level_imports(tree: ast.Module) -> Iterator[tuple[str, int]]:
    """The top-level packages a module imports when it runs (not for type checking alone)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING":
            node.body = []  # read no further into what only mypy reads
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name.split(".")[0], node.lineno
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module.split(".")[0], node.lineno


def test_every_package_the_service_imports_is_installed_with_it() -> None:
    shipped = installed_with_the_service()
    providers = metadata.packages_distributions()
    missing = []
    for path in sorted(SOURCE.rglob("*.py")):
        if any(part in NOT_SHIPPED_WITH_IT for part in path.relative_to(SOURCE).parts):
            continue
        for module, line in top_level_imports(ast.parse(path.read_text(), str(path))):
            if module in sys.stdlib_module_names or module in {"casereview", "__future__"}:
                continue
            names = {distribution_name(d) for d in providers.get(module, [module])}
            if not names & shipped:
                missing.append(f"{path.relative_to(SOURCE)}:{line} imports {module} ({names})")
    assert not missing, "not installed with the service:\n" + "\n".join(missing)
