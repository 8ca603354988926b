"""Target-level checks: the interface every check module implements, and the registry of checks.

A check is a function `(Analysis) -> Iterable[Finding]`. Its metadata (category, severity, title,
rationale, advice) lives in a YAML rule under `rules/` with `check: <name>`; the function builds its
findings with `analysis.finding(rule_id, evidence, ...)` so wording stays in data, not code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from poscheck.models import Document, Evidence, Facts, Finding
from poscheck.normalize import Normalized, normalize_document

if TYPE_CHECKING:
    from poscheck.registry import Registry
    from poscheck.rules.model import RuleSet


@dataclass(frozen=True)
class Target:
    """What one report is about: a site, a file set, or a statement folder."""

    id: str
    name: str = ""
    url: str | None = None  # start URL (or --url given with local files)


@dataclass
class Analysis:
    """What checks see: the documents of one target, the text-rule findings so far, and the facts."""

    target: Target
    documents: list[Document]
    rules: RuleSet
    findings: list[Finding] = field(default_factory=list)
    facts: Facts = field(default_factory=Facts)
    identity: dict[str, object] = field(default_factory=dict)
    _norms: dict[Document, Normalized] = field(default_factory=dict, repr=False)  # views share an id
    _registry: Registry | None = field(default=None, repr=False)

    @property
    def registry(self) -> Registry:
        """The licence registry, loaded once: every check of one analysis sees the same list."""
        if self._registry is None:
            from poscheck.registry import load_registry

            self._registry = load_registry()
        return self._registry

    def known(self, docs: Iterable[Document], norms: Iterable[Normalized]) -> None:
        """Normalised texts already made for these documents (by the per-document stage)."""
        self._norms.update(zip(docs, norms, strict=True))

    def normalized(self, doc: Document) -> Normalized:
        """The document's normalised text (computed once per document)."""
        if doc not in self._norms:
            self._norms[doc] = normalize_document(doc.text, doc.kind)
        return self._norms[doc]

    def finding(
        self,
        rule_id: str,
        evidence: Iterable[Evidence],
        *,
        message: str | None = None,
        message_en: str | None = None,
        explanation: str = "",
        severity: str | None = None,
        **fmt: object,
    ) -> Finding:
        """Build a finding for a `check:` rule; `message(_en)` override the rule's, `fmt` fills its fields."""
        return self.rules.get(rule_id).make_finding(
            tuple(evidence), message=message, message_en=message_en, explanation=explanation,
            severity=severity, fmt=dict(fmt)
        )

    def url_of(self, doc: Document) -> str | None:
        return doc.url or self.target.url


CheckFn = Callable[[Analysis], Iterable[Finding]]
CHECKS: dict[str, CheckFn] = {}


def check(name: str) -> Callable[[CheckFn], CheckFn]:
    """Register a check function under the name that YAML rules refer to with `check: name`."""

    def deco(fn: CheckFn) -> CheckFn:
        CHECKS[name] = fn
        return fn

    return deco


def evidence_for(doc: Document, start: int, end: int, *, context: int = 40) -> Evidence:
    """Evidence for `doc.text[start:end]` with a little context on each side."""
    return Evidence(
        document=doc.id,
        source=doc.source,
        quote=doc.text[start:end],
        start=start,
        end=end,
        page=doc.page_of(start),
        context_before=doc.text[max(0, start - context) : start],
        context_after=doc.text[end : end + context],
    )
