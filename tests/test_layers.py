"""The package's shape, read from its source with `ast`: imports run one way down the pipeline's
stages, nothing goes round in a circle (not even through an import inside a function), no module
imports its own package's `__init__`, and every module can be read in one sitting.

Imports under `if TYPE_CHECKING:` are left out: they are for the type checker and never run.
"""

import ast
from pathlib import Path

from .conftest import ROOT

#: The stages from the top down: a module may import its own stage and the ones below it.
LAYERS = (
    ("briefing", "briefing.__main__"),
    ("briefing.cli",),
    ("briefing.pipeline", "briefing.batch", "briefing.daily", "briefing.show_config",
     "briefing.options", "briefing.rebuild", "briefing.preview", "briefing.result"),
    ("briefing.listen",),
    ("briefing.hearing",),
    ("briefing.publish",),
    ("briefing.audio",),
    ("briefing.speech",),
    ("briefing.script",),
    ("briefing.desk",),
    ("briefing.sources",),
    ("briefing.version", "briefing.errors", "briefing.atomic", "briefing.ffmpeg",
     "briefing.language", "briefing.progress"),
)
MAX_LINES = 400


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def imported(path: Path, name: str, modules: set[str]) -> list[tuple[int, str, bool]]:
    """(line, module, whether it takes names from a package's `__init__`) for every import of
    the package's own modules in the file, at any depth, outside `if TYPE_CHECKING:`."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: list[tuple[int, str, bool]] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name, False) for alias in node.names
                         if alias.name in modules)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                source = ".".join([*base, *([node.module] if node.module else [])])
            else:
                source = node.module or ""
            if source in modules:
                for alias in node.names:
                    child = f"{source}.{alias.name}"
                    if child in modules:
                        found.append((node.lineno, child, False))
                    else:  # a name defined in `source` itself, perhaps a package's __init__
                        found.append((node.lineno, source, source in packages_of(modules)))
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return found


def packages_of(modules: set[str]) -> set[str]:
    return {m.rpartition(".")[0] for m in modules if "." in m}


def layer(name: str, layers: tuple[tuple[str, ...], ...]) -> int:
    """The stage of a module: the most specific prefix that names it."""
    best, depth = None, -1
    for index, prefixes in enumerate(layers):
        for prefix in prefixes:
            if (name == prefix or name.startswith(prefix + ".")) and prefix.count(".") > depth:
                best, depth = index, prefix.count(".")
    assert best is not None, f"{name} is in no stage: add it to LAYERS"
    return best


def problems(package: Path, layers: tuple[tuple[str, ...], ...]) -> list[str]:
    """Everything wrong with the shape of the package in the folder `package`. Modules are named
    from the folder above it (`briefing.pipeline`), as its imports name them: named from the
    package's own folder (`pipeline`), no import matched one and only the lengths were checked."""
    files = {module_name(path, package.parent): path for path in sorted(package.rglob("*.py"))}
    modules = set(files)
    found: list[str] = []
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_LINES:
            found.append(f"{name}: {lines} lines, more than {MAX_LINES}")
        own_package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        graph[name] = set()
        for line, target, from_init in imported(path, name, modules):
            if target == name:
                continue
            if from_init and target == own_package:
                found.append(f"{name}:{line}: imports names from its own package's __init__")
            if layer(target, layers) < layer(name, layers):
                found.append(f"{name}:{line}: imports {target}, a stage above it")
            graph[name].add(target)
    found.extend(f"import cycle: {' -> '.join(cycle)}" for cycle in cycles(graph))
    return found


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One circle per group of modules that import each other (Tarjan's strongly connected
    components), each written out from its first module back to it."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                connect(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            connect(node)
    return [[*group, group[0]] for group in groups]


def test_briefing_imports_run_one_way_without_cycles_in_small_modules():
    found = problems(ROOT / "briefing", LAYERS)
    assert not found, "\n".join(found)


def test_the_check_reads_briefing_by_the_names_its_imports_use():
    """An import the check can see: the pipeline imports its sources (when the names did not
    match, every import was missed and the check could not fail)."""
    pipeline = ROOT / "briefing" / "pipeline.py"
    modules = {module_name(path, ROOT) for path in (ROOT / "briefing").rglob("*.py")}
    found = {target for _, target, _ in imported(pipeline, "briefing.pipeline", modules)}
    assert "briefing.sources.read" in found


def test_the_check_catches_a_cycle_an_upward_import_and_a_long_module(tmp_path):
    """The check itself can fail: a made-up package with each fault."""
    root = tmp_path / "pkg_root"
    (root / "pkg" / "low").mkdir(parents=True)
    (root / "pkg" / "__init__.py").write_text("VERSION = 1\n")
    (root / "pkg" / "top.py").write_text("import pkg.low.a\n")
    (root / "pkg" / "low" / "__init__.py").write_text("THING = 2\n")
    (root / "pkg" / "low" / "d.py").write_text("from pkg.low import THING\n")
    (root / "pkg" / "low" / "a.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import pkg.top\n"
        "def f():\n    from pkg.low import b\n")
    (root / "pkg" / "low" / "b.py").write_text("from pkg.low.a import f\nfrom pkg import VERSION\n")
    (root / "pkg" / "low" / "c.py").write_text("from pkg import top\n" + "x = 1\n" * MAX_LINES)
    layers = (("pkg", "pkg.top"), ("pkg.low",))
    assert problems(root / "pkg", layers) == [
        "pkg.low.b:2: imports pkg, a stage above it",
        f"pkg.low.c: {MAX_LINES + 1} lines, more than {MAX_LINES}",
        "pkg.low.c:1: imports pkg.top, a stage above it",
        "pkg.low.d:1: imports names from its own package's __init__",
        "import cycle: pkg.low.a -> pkg.low.b -> pkg.low.a",
    ]


def test_the_public_api_is_unchanged():
    import briefing

    assert sorted(briefing.__all__) == sorted([
        "Article", "BriefingError", "BuildOptions", "BuildResult", "Pauses", "Script",
        "__version__", "build", "build_script", "read_sources"])
    for name in briefing.__all__:
        assert getattr(briefing, name) is not None
    from briefing import BuildOptions, build

    assert BuildOptions().loudness == "podcast" and callable(build)
