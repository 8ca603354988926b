"""The rule file schema (validated at load) and the in-memory rule set."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from poscheck.errors import RuleError
from poscheck.models import CATEGORIES, Evidence, Finding

DocKindName = Literal["html", "pdf", "docx", "txt", "image", "statement"]
_DEFAULT_KINDS: tuple[DocKindName, ...] = ("html", "pdf", "docx", "txt", "image")
Scope = Literal["sentence", "clause", "line", "window"]


class Example(BaseModel):
    """A text the rule must (or must not) fire on; `url` pretends the text was served from there."""

    model_config = ConfigDict(extra="forbid")
    text: str
    quote: str | None = None  # for must-match: a substring the finding's quote must contain
    url: str | None = None
    kind: Literal["html", "txt", "pdf", "docx", "statement"] = "txt"
    note: str = ""
    # For statement rules: file name -> content of a small statement folder (slip.txt, *.csv, merchant.yaml).
    files: dict[str, str] = Field(default_factory=dict)


class RegexPattern(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    pattern: str
    validator: str | None = None  # a named Python validator in poscheck.rules.validators

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, v: str) -> str:
        try:
            re.compile(v)
        except re.error as exc:
            raise ValueError(f"regex does not compile: {exc}") from exc
        return v


class Match(BaseModel):
    """Text matching: a trigger (phrase or regex) plus co-occurrence and exclusion in the same scope."""

    model_config = ConfigDict(extra="forbid")
    phrases: list[str] = Field(default_factory=list)
    regex: list[RegexPattern] = Field(default_factory=list)
    near: list[list[str]] = Field(default_factory=list)  # AND of ORs, within scope
    near_regex: list[str] = Field(default_factory=list)  # each must also match within scope
    not_near: list[str] = Field(default_factory=list)  # none may appear within scope
    not_near_reach: int = Field(default=0, ge=0, le=500)  # ... nor this many characters past either end of it
    scope: Scope = "sentence"
    window: int = 40  # characters each side, for scope "window"
    negation: bool = True  # apply the shared negation / warning / question handling (rules/context.py)

    @model_validator(mode="after")
    def _has_trigger(self) -> Match:
        if not self.phrases and not self.regex:
            raise ValueError("match needs at least one of `phrases` or `regex`")
        return self


class Examples(BaseModel):
    model_config = ConfigDict(extra="forbid")
    match: list[Example] = Field(default_factory=list)
    no_match: list[Example] = Field(default_factory=list)

    @field_validator("match", "no_match", mode="before")
    @classmethod
    def _strings_ok(cls, v: object) -> object:
        if isinstance(v, list):
            return [{"text": x} if isinstance(x, str) else x for x in v]
        return v


class English(BaseModel):
    """The English text of a rule, for `--lang en` reports (Chinese is the primary text)."""

    model_config = ConfigDict(extra="forbid")
    title: str
    message: str = ""
    advice: str = ""
    questions: list[str] = Field(default_factory=list)


class RuleSpec(BaseModel):
    """One YAML rule file."""

    model_config = ConfigDict(extra="forbid")
    id: str
    category: str
    severity: Literal["info", "low", "medium", "high", "critical"]
    title: str
    rationale: str
    references: list[str] = Field(min_length=1)
    advice: str
    message: str = ""  # may use {quote} and fields a check passes; defaults to the title
    questions: list[str] = Field(default_factory=list)
    en: English | None = None
    applies_to: list[DocKindName] = Field(default_factory=lambda: list(_DEFAULT_KINDS))
    status: Literal["stable", "draft"] = "stable"
    match: Match | None = None
    check: str | None = None  # name of a Python check in poscheck.checks
    examples: Examples

    @field_validator("id")
    @classmethod
    def _id_shape(cls, v: str) -> str:
        if not re.fullmatch(r"[a-z0-9_]+(\.[a-z0-9_-]+)+", v):
            raise ValueError("id must look like area.rule-name (lowercase, dots and dashes)")
        return v

    @field_validator("category")
    @classmethod
    def _known_category(cls, v: str) -> str:
        if v not in CATEGORIES:
            raise ValueError(f"category {v!r} is not in taxonomy v1 (see ../shared/taxonomy.md)")
        return v

    @model_validator(mode="after")
    def _one_mechanism(self) -> RuleSpec:
        if (self.match is None) == (self.check is None):
            raise ValueError("a rule needs exactly one of `match` (text patterns) or `check` (Python check)")
        if self.status == "stable" and (len(self.examples.match) < 2 or len(self.examples.no_match) < 2):
            raise ValueError("a stable rule needs at least two `match` and two `no_match` examples")
        return self


@dataclass(frozen=True)
class Rule:
    spec: RuleSpec
    path: Path

    @property
    def id(self) -> str:
        return self.spec.id

    def make_finding(
        self,
        evidence: tuple[Evidence, ...],
        *,
        message: str | None = None,
        message_en: str | None = None,
        explanation: str = "",
        severity: str | None = None,
        fmt: dict[str, object] | None = None,
    ) -> Finding:
        """A finding of this rule; `fmt` fills the `{fields}` of its message (and `{quote}`)."""
        fmt = fmt or {}
        s = self.spec
        quote = evidence[0].quote if evidence else ""
        text = _fill(message if message is not None else (s.message or s.title), quote, fmt)
        en = s.en
        text_en = ""
        if en is not None or message_en is not None:
            text_en = _fill(message_en if message_en is not None else (en.message or en.title if en else ""),
                            quote, fmt)
        sev = severity or s.severity
        return Finding(
            rule=s.id,
            category=s.category,
            severity=sev,  # type: ignore[arg-type]
            title=s.title,
            message=text,
            advice=s.advice.strip(),
            evidence=evidence,
            references=tuple(s.references),
            explanation=explanation,
            questions=tuple(s.questions),
            title_en=en.title if en else "",
            message_en=text_en,
            advice_en=en.advice.strip() if en else "",
        )


def _fill(template: str, quote: str, fmt: dict[str, object]) -> str:
    try:
        return template.format(quote=quote, **fmt)
    except (KeyError, IndexError, ValueError):
        return template


class RuleSet:
    """All rules loaded for a run, by id, with a version hash of their files."""

    def __init__(self, rules: list[Rule], version: str):
        self._rules = {r.id: r for r in rules}
        self.version = version

    def __iter__(self) -> Iterator[Rule]:
        return iter(sorted(self._rules.values(), key=lambda r: r.id))

    def __len__(self) -> int:
        return len(self._rules)

    def get(self, rule_id: str) -> Rule:
        try:
            return self._rules[rule_id]
        except KeyError:
            raise RuleError(
                f"no rule with id {rule_id!r}", remedy="Run `poscheck rules list` to see the ids."
            ) from None

    def text_rules(self) -> list[Rule]:
        return [r for r in self if r.spec.match is not None]

    def check_rules(self) -> list[Rule]:
        return [r for r in self if r.spec.check is not None]


def hash_files(paths: list[Path]) -> str:
    h = hashlib.sha256()
    for p in sorted(paths):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:12]
