"""The stages import one way (README, "How it works"): no module imports one of a later stage,
and no modules import each other in a circle. Read from the source with `ast`: every import
counts, at the top of a module or inside a function, typing-only ones too."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "onrecord"
# Stages in data-flow order: a module may import its own stage or an earlier one. A stage is a
# subpackage or a top-level module; `onrecord` itself (the public API) comes last.
STAGES = [
    {"types", "errors"},
    {"read"},
    {"extract"},
    {"attribute"},
    {"model"},
    {"combine"},
    {"settings"},
    {"pipeline"},
    {"evaluate"},
    {"training"},
    {"store"},
    {"run"},
    {"web"},
    {"cli"},
    {""},
]
RANK = {stage: k for k, names in enumerate(STAGES) for stage in names}


def modules() -> dict[str, Path]:
    """Dotted name -> file, for every module of the package."""
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def _is_main_block(node: ast.stmt) -> bool:
    """`if __name__ == "__main__":`: a script's entry point, not an import of the module."""
    return (isinstance(node, ast.If) and isinstance(node.test, ast.Compare)
            and isinstance(node.test.left, ast.Name) and node.test.left.id == "__name__")


def imports(path: Path, known: dict[str, Path]) -> set[str]:
    """The package's modules `path` imports (`from a.b import c` is a.b.c when c is a module)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    tree.body = [n for n in tree.body if not _is_main_block(n)]
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name.startswith("onrecord")}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0 \
                and node.module.startswith("onrecord"):
            subs = {f"{node.module}.{a.name}" for a in node.names} & known.keys()
            out |= subs or {node.module}
            if len(subs) < len(node.names):
                out.add(node.module)
    return {m for m in out if m in known}


def stage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def graph() -> dict[str, set[str]]:
    known = modules()
    return {m: imports(p, known) - {m} for m, p in known.items()}


def test_every_module_belongs_to_a_stage():
    assert {stage(m) for m in modules()} <= RANK.keys()


def test_no_module_imports_a_later_stage():
    later = sorted(f"{m} imports {d}" for m, deps in graph().items() for d in deps
                   if RANK[stage(d)] > RANK[stage(m)])
    assert later == []


def test_no_import_cycles():
    g = graph()
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []
    cycles: list[list[str]] = []

    def visit(m: str) -> None:
        state[m] = 1
        path.append(m)
        for d in sorted(g[m]):
            if state.get(d) == 1:
                cycles.append(path[path.index(d):] + [d])
            elif d not in state:
                visit(d)
        path.pop()
        state[m] = 2

    for m in sorted(g):
        if m not in state:
            visit(m)
    assert cycles == []


def test_the_check_sees_what_it_checks():
    """The graph is the package's: a few arrows known to be there are found."""
    g = graph()
    assert "onrecord.extract.engine" in g["onrecord.pipeline"]
    assert "onrecord.store.merge" in g["onrecord.store.ingest"]  # `from onrecord.store import merge`
    assert "onrecord.pipeline" in g["onrecord.run.local"]  # imported inside a function
    assert "onrecord.cli" not in g["onrecord.run.spark"]  # only its __main__ block calls the CLI
