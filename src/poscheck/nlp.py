"""The spaCy reader: a blank `zh` pipeline (character segmenter), Chinese sentence boundaries, and a
PhraseMatcher over every rule phrase — built once per process.

Why this shape (measured, see bench/bench_reader.py and research/performance.md): jieba segmentation
made a PhraseMatcher miss about 6 % of phrase hits (its token boundaries cut through phrases) and
runs 4× slower than a local crawl; spaCy's character segmenter finds every hit. Even so, spaCy over
a whole page costs about as much CPU as crawling it, so the engine first finds candidate lines with
Aho-Corasick (about 100× cheaper) and spaCy reads only those lines: their sentences and phrase hits.
Most candidate lines are one sentence without whitespace, which spaCy would read as one token per
character and one sentence: those are read without it (same sentences, same phrase hits, same
order — tests/test_nlp.py compares them with the whole pipeline), so a run whose pages have no
other kind of candidate line never imports spaCy (about 0.7 s of CPU).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

from poscheck.textscan import Keywords

SENTENCE_PUNCT = ["。", "！", "？", "；", "!", "?", ";", "…"]


@dataclass(frozen=True)
class LineReading:
    """What spaCy read in one line: its sentence spans and phrase hits, as line-relative offsets."""

    sentences: tuple[tuple[int, int], ...]
    phrases: tuple[tuple[int, int, str], ...]


class Reader:
    """spaCy blank zh + sentencizer + PhraseMatcher; `read(lines)` yields one LineReading per line.

    spaCy is imported and its pipeline built on the first line that needs it (see `read`): most
    candidate lines are read without it, and importing spaCy costs more CPU than a crawl process
    spends on a one-page site.
    """

    def __init__(self, phrases: Iterable[str]):
        self.phrases: tuple[str, ...] = tuple(sorted({p for p in phrases if p}))
        # One-sentence lines have one token per character; a whitespace-free phrase is one token per
        # character too, so the PhraseMatcher hits in such a line are exactly the phrase's occurrences
        # in the string. (A phrase with whitespace loses it to the tokenizer: those go through spaCy.)
        self._automaton: Keywords[bool] | None = None
        if self.phrases and not any(_SPACE.search(p) for p in self.phrases):
            self._automaton = Keywords(dict.fromkeys(self.phrases, True))

    @cached_property
    def nlp(self) -> Any:
        import spacy

        nlp = spacy.blank("zh")  # default segmenter: one token per character, no downloads
        nlp.add_pipe("sentencizer", config={"punct_chars": SENTENCE_PUNCT})
        return nlp

    @cached_property
    def matcher(self) -> Any:
        from spacy.matcher import PhraseMatcher

        matcher = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        if self.phrases:
            matcher.add("RULE_PHRASE", [self.nlp.make_doc(p) for p in self.phrases])
        return matcher

    def read(self, lines: list[str]) -> Iterator[LineReading]:
        for line in lines:
            if not _one_sentence(line):
                doc = self.nlp(line)
                sents = tuple((s.start_char, s.end_char) for s in doc.sents)
                hits = tuple(
                    (doc[s:e].start_char, doc[s:e].end_char, doc[s:e].text) for _, s, e in self.matcher(doc)
                )
                yield LineReading(sents, hits)
                continue
            # The char segmenter makes one token per character of a line without inner whitespace and
            # the sentencizer finds one sentence in it: token i = character i.
            n = len(line)
            # A final line break after sentence punctuation is a sentence of its own (it is not punctuation).
            sents = ((0, n - 1), (n - 1, n)) if n > 1 and line[-1] == "\n" and line[-2] in _PUNCT else ((0, n),)
            yield LineReading(sents, self._phrase_hits(line))

    def _phrase_hits(self, line: str) -> tuple[tuple[int, int, str], ...]:
        """The PhraseMatcher's hits in a one-sentence `line`, in its order: by start, then by end."""
        if not self.phrases:
            return ()
        if self._automaton is None:  # some phrase has whitespace: let spaCy tokenize the phrases
            from spacy.tokens import Doc

            doc = Doc(self.nlp.vocab, words=list(line), spaces=[False] * len(line))
            return tuple((s, e, line[s:e]) for _, s, e in self.matcher(doc))
        return tuple(sorted((start, end, line[start:end]) for start, end, _ in self._automaton.iter(line)))


_PUNCT = frozenset(SENTENCE_PUNCT)
_PUNCT_CHARS = "".join(SENTENCE_PUNCT)
_SPACE = re.compile(r"\s")


def _one_sentence(line: str) -> bool:
    """True when spaCy reads `line` as one-character tokens and at most one sentence boundary, before
    a final line break: no other whitespace, and sentence punctuation only in a run at the end (the
    sentencizer splits only before a token that follows such punctuation). The engine cuts candidate
    lines at sentence ends, so most of them are of this kind."""
    body = line[:-1] if line.endswith("\n") else line
    core = body.rstrip(_PUNCT_CHARS)
    return bool(core) and _PUNCT.isdisjoint(core) and not _SPACE.search(body)


@lru_cache(maxsize=8)
def reader_for(phrases: tuple[str, ...]) -> Reader:
    """One Reader per phrase set per process (spaCy's vocab and matcher are costly to rebuild)."""
    return Reader(phrases)
