"""Compiled text matching: phrases and gated regexes on normalised text → Findings.

Phrases are matched on characters, so no segmentation can hide them: Aho-Corasick over the whole
text (the page's one keyword pass, `textscan.Keywords`) picks the candidate lines, and spaCy
(`poscheck.nlp`) reads those lines — their sentences and phrase hits. A rule's regexes run only
inside the scopes where one of its phrases hit, or over the whole text when it has no phrases, so the
cost per page stays a fraction of a crawl (research/performance.md). Context — negation, warning,
question, general explanation, advisory article — is judged by `poscheck.rules.context`; evidence
maps back to the original text.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from poscheck.models import Document, Evidence, Finding
from poscheck.normalize import Normalized, normalize, normalize_document
from poscheck.rules import context
from poscheck.rules.model import Rule
from poscheck.rules.validators import VALIDATORS
from poscheck.textscan import Keywords, bounds_in, sentence_ends

MAX_EVIDENCE = 3
MAX_QUOTE = 160
_CLAUSE_END = re.compile(r"[。!?;\n,，]")
_LINE_END = re.compile(r"\n")


@dataclass
class _Compiled:
    rule: Rule
    regexes: list[tuple[str, re.Pattern[str], str | None]]
    near: list[list[str]]
    near_regex: list[re.Pattern[str]]
    not_near: list[str]


@dataclass
class Hit:
    """One place where a rule's trigger matched, in normalised offsets."""

    start: int
    end: int
    how: str
    groups: dict[str, Any] = field(default_factory=dict)


class _Bounds:
    """Sentence / clause / line boundaries of one normalised text, computed lazily.

    Sentences read by spaCy (for the candidate lines) take precedence over the punctuation split.
    """

    def __init__(self, text: str, sentences: list[tuple[int, int]] | None = None):
        self.text = text
        self._cache: dict[str, list[int]] = {}
        self._sents = sorted(sentences or [])
        self._sent_starts = [s for s, _ in self._sents]

    def _ends(self, scope: str) -> Sequence[int]:
        if scope == "sentence":
            return sentence_ends(self.text)
        if scope not in self._cache:
            pat = {"clause": _CLAUSE_END, "line": _LINE_END}[scope]
            self._cache[scope] = [m.end() for m in pat.finditer(self.text)]
        return self._cache[scope]

    def scope(self, scope: str, start: int, end: int, window: int) -> tuple[int, int]:
        if scope == "window":
            return max(0, start - window), min(len(self.text), end + window)
        if scope == "sentence" and self._sents:
            i = bisect.bisect_right(self._sent_starts, start) - 1
            if i >= 0 and self._sents[i][0] <= start and end <= self._sents[i][1]:
                return self._sents[i]
        ends = self._ends(scope)
        i = bisect.bisect_right(ends, start)
        lo = ends[i - 1] if i > 0 else 0
        j = bisect.bisect_left(ends, end)
        hi = ends[j] if j < len(ends) else len(self.text)
        return lo, hi


def _norm(s: str) -> str:
    return normalize(s).text


class Matcher:
    """All text rules compiled once per process; `match(doc)` returns the document's findings."""

    def __init__(self, rules: list[Rule]):
        self.rules = [r for r in rules if r.spec.match is not None]
        self._compiled: list[_Compiled] = []
        phrase_rules: dict[str, list[int]] = defaultdict(list)
        self._regex_only: list[int] = []
        for idx, rule in enumerate(self.rules):
            m = rule.spec.match
            assert m is not None
            self._compiled.append(_Compiled(
                rule=rule,
                regexes=[(r.name, re.compile(r.pattern), r.validator) for r in m.regex],
                near=[[_norm(w) for w in group] for group in m.near],
                near_regex=[re.compile(p) for p in m.near_regex],
                not_near=[_norm(w) for w in m.not_near],
            ))
            for phrase in m.phrases:
                key = _norm(phrase)
                if key and idx not in phrase_rules[key]:
                    phrase_rules[key].append(idx)
            if not m.phrases:
                self._regex_only.append(idx)
        self._automaton = Keywords(dict.fromkeys(phrase_rules, True))
        self._phrase_rules = {k: tuple(v) for k, v in phrase_rules.items()}
        self._has_phrases = bool(phrase_rules)
        self._phrases = tuple(sorted(phrase_rules))

    def _read_candidates(self, text: str) -> tuple[dict[int, list[Hit]], list[tuple[int, int]]]:
        """Aho-Corasick finds the sentences with a phrase; `nlp.Reader` reads those (sentences, phrase
        hits), with spaCy where a line needs its tokenizer and sentencizer.

        The pre-split is on the same punctuation as spaCy's sentencizer plus line breaks, so a phrase
        never straddles two candidates; the reader then sees a small share of a long page.
        """
        from poscheck.nlp import reader_for

        ends, n = sentence_ends(text), len(text)
        chosen: dict[int, tuple[int, int]] = {}  # by first sentence: the candidate span reaching furthest
        for start, end, _ in self._automaton.iter(text):
            lo, hi = bounds_in(ends, n, start, end)
            if lo not in chosen or chosen[lo][1] < hi:
                chosen[lo] = (lo, hi)
        spans = _merge(sorted(chosen.values()))
        candidates: dict[int, list[Hit]] = defaultdict(list)
        sentences: list[tuple[int, int]] = []
        readings = reader_for(self._phrases).read([text[lo:hi] for lo, hi in spans])
        for (lo, _hi), reading in zip(spans, readings, strict=True):
            sentences.extend((lo + s, lo + e) for s, e in reading.sentences)
            for s, e, key in reading.phrases:
                for idx in self._phrase_rules.get(key, ()):
                    candidates[idx].append(Hit(lo + s, lo + e, f"phrase '{key}'"))
        return candidates, sentences

    def match(self, doc: Document, norm: Normalized | None = None) -> list[Finding]:
        norm = norm or normalize_document(doc.text, doc.kind)
        text = norm.text
        doc_genre = context.document_genre(normalize(doc.title).text, text)
        candidates: dict[int, list[Hit]] = defaultdict(list)
        sentences: list[tuple[int, int]] = []
        if self._has_phrases:
            candidates, sentences = self._read_candidates(text)
        bounds = _Bounds(text, sentences)
        for idx in self._regex_only:
            for name, pat, val in self._compiled[idx].regexes:
                for m in pat.finditer(text):
                    if val is None or VALIDATORS[val](m):
                        candidates[idx].append(Hit(m.start(), m.end(), f"regex '{name}'", m.groupdict()))
        findings: list[Finding] = []
        for idx in sorted(candidates):
            comp = self._compiled[idx]
            if doc.kind not in comp.rule.spec.applies_to:
                continue
            finding = self._judge(comp, doc, norm, bounds, candidates[idx], doc_genre)
            if finding is not None:
                findings.append(finding)
        return findings

    def _judge(
        self, comp: _Compiled, doc: Document, norm: Normalized, bounds: _Bounds, hits: list[Hit],
        doc_genre: context.Genre,
    ) -> Finding | None:
        m = comp.rule.spec.match
        assert m is not None
        text = norm.text
        asserted: list[tuple[Hit, int, int]] = []
        warned: list[tuple[Hit, int, int, str]] = []
        # Scopes already asserted, or rejected for a reason that depends on the scope alone (words near or
        # not near, a gated regex with no valid match in it): another hit in the same scope ends the same way.
        done_scopes: set[tuple[int, int]] = set()
        for hit in sorted(hits, key=lambda h: h.start):
            lo, hi = bounds.scope(m.scope, hit.start, hit.end, m.window)
            if (lo, hi) in done_scopes:
                continue
            scope = text[lo:hi]
            reach = text[max(0, lo - m.not_near_reach):hi + m.not_near_reach] if m.not_near_reach else scope
            if (any(w in reach for w in comp.not_near)
                    or not all(any(w in scope for w in group) for group in comp.near)
                    or not all(p.search(scope) for p in comp.near_regex)):
                done_scopes.add((lo, hi))
                continue
            start = hit.start
            if comp.regexes and m.phrases:  # gated regexes refine a phrase hit
                refined = self._refine(comp, scope, lo, hit)
                if refined is None:  # no match in the scope at all, whatever the hit
                    done_scopes.add((lo, hi))
                    continue
                hit = Hit(min(hit.start, refined.start), max(hit.end, refined.end),
                          f"{hit.how} + {refined.how}", refined.groups)
            # Judged after the refinement (a pure function of the text: the order changes nothing), so
            # the many phrase hits a gated regex turns down cost no context reading.
            verdict = context.judge(text, start, lo, hi, negation=m.negation, doc_genre=doc_genre)
            if verdict.verdict == "assert" and (intro := context.list_intro_warning(text, lo)):
                verdict = context.Context("warning", intro)  # an item of a list its intro warns of
            if verdict.verdict == "assert":
                asserted.append((hit, lo, hi))
                done_scopes.add((lo, hi))
            elif verdict.verdict == "warning":
                warned.append((hit, lo, hi, verdict.cue))
        if asserted:
            evidence = tuple(_evidence(doc, norm, h, lo, hi) for h, lo, hi in asserted[:MAX_EVIDENCE])
            first = asserted[0][0]
            why = "; ".join(sorted({h.how for h, _, _ in asserted[:MAX_EVIDENCE]}))
            return comp.rule.make_finding(evidence, explanation=f"matched {why}", fmt=_fmt(first.groups))
        if warned:
            hit, lo, hi, cue = warned[0]
            return comp.rule.make_finding(
                (_evidence(doc, norm, hit, lo, hi),),
                message=f"文中以警示或说明的口吻提到（“{cue}”），不是在提供这种做法：{{quote}}",
                explanation=f"matched {hit.how}, but the sentence warns against it (cue '{cue}')",
                severity="info",
            )
        return None

    @staticmethod
    def _refine(comp: _Compiled, scope: str, offset: int, near: Hit) -> Hit | None:
        """The regex match in the scope nearest to the phrase hit, if any passes its validator."""
        best: Hit | None = None
        for name, pat, val in comp.regexes:
            for rm in pat.finditer(scope):
                if val is None or VALIDATORS[val](rm):
                    cand = Hit(offset + rm.start(), offset + rm.end(), f"regex '{name}'", rm.groupdict())
                    if best is None or _distance(cand, near) < _distance(best, near):
                        best = cand
        return best


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for lo, hi in spans:
        if out and lo < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def _distance(a: Hit, b: Hit) -> int:
    return max(0, a.start - b.end, b.start - a.end)


def _fmt(groups: dict[str, Any]) -> dict[str, object]:
    return {k: v for k, v in groups.items() if v is not None}


def _evidence(doc: Document, norm: Normalized, hit: Hit, lo: int, hi: int) -> Evidence:
    """Quote the scope around the hit (trimmed, bounded), mapped back to the original text."""
    text = norm.text
    while lo < hi and text[lo] in " \t\n|,;:。":
        lo += 1
    while hi > lo and text[hi - 1] in " \t\n|":
        hi -= 1
    if hi - lo > MAX_QUOTE:  # keep the hit, centred, inside a bounded quote
        centre = (hit.start + hit.end) // 2
        lo = max(lo, min(hit.start, centre - MAX_QUOTE // 2))
        hi = min(hi, max(hit.end, lo + MAX_QUOTE))
    from poscheck.checks import evidence_for

    return evidence_for(doc, *norm.orig_span(lo, hi))
