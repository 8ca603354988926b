"""Run every rule's examples through the whole pipeline (`poscheck rules test` and the test suite)."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from poscheck.rules.model import Example, Rule

if TYPE_CHECKING:
    from poscheck.pipeline import Engine


@dataclass(frozen=True)
class ExampleResult:
    label: str  # rule-id::match[0]
    ok: bool
    problem: str = ""


def examples_of(rule: Rule) -> Iterator[tuple[str, Example, bool]]:
    for i, ex in enumerate(rule.spec.examples.match):
        yield f"{rule.id}::match[{i}]", ex, True
    for i, ex in enumerate(rule.spec.examples.no_match):
        yield f"{rule.id}::no_match[{i}]", ex, False


def run_example(engine: Engine, rule: Rule, ex: Example, must_match: bool) -> str:
    """'' when the example behaves as declared, else what went wrong."""
    from poscheck.pipeline import check_text

    if ex.kind == "statement":
        from poscheck.statements import analyse_folder

        with tempfile.TemporaryDirectory() as tmp:
            for name, content in ex.files.items():
                (Path(tmp) / name).write_text(content, encoding="utf-8")
            report = analyse_folder(Path(tmp), engine.rules)
    else:
        report = check_text(engine, ex.text, url=ex.url, kind=ex.kind)
    # An info rule's examples count its info notes; other rules count only real findings
    # (a warned-about hit is downgraded to info and must not pass as a match).
    hits = [f for f in report.findings
            if f.rule == rule.id and (f.severity != "info" or rule.spec.severity == "info")]
    if must_match and not hits:
        others = sorted({f.rule for f in report.findings})
        return f"did not fire (fired instead: {', '.join(others) or 'nothing'})"
    if not must_match and hits:
        return f"fired on a must-not-match example: 「{hits[0].quote}」"
    if must_match and ex.quote and not any(ex.quote in e.quote for f in hits for e in f.evidence):
        return f"fired, but no quote contains {ex.quote!r} (got 「{hits[0].quote}」)"
    return ""


def run_examples(rules_dirs: list[Path] | None = None) -> Iterator[ExampleResult]:
    from poscheck.pipeline import Engine

    engine = Engine.build(rules_dirs)
    for rule in engine.rules:
        for label, ex, must in examples_of(rule):
            problem = run_example(engine, rule, ex, must)
            yield ExampleResult(label, not problem, problem)
