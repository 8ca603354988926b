"""The spaCy reader: a blank `zh` pipeline (character segmenter), Chinese sentence boundaries, and a
PhraseMatcher over every rule phrase — built once per process.

Why this shape (measured, see bench/bench_reader.py and research/performance.md): jieba segmentation
made a PhraseMatcher miss about 6 % of phrase hits (its token boundaries cut through phrases) and
runs 4× slower than a local crawl; spaCy's character segmenter finds every hit. Even so, spaCy over
a whole page costs about as much CPU as crawling it, so the engine first finds candidate lines with
Aho-Corasick (about 100× cheaper) and spaCy reads only those lines: their sentences and phrase hits.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

SENTENCE_PUNCT = ["。", "！", "？", "；", "!", "?", ";", "…"]


@dataclass(frozen=True)
class LineReading:
    """What spaCy read in one line: its sentence spans and phrase hits, as line-relative offsets."""

    sentences: tuple[tuple[int, int], ...]
    phrases: tuple[tuple[int, int, str], ...]


class Reader:
    """spaCy blank zh + sentencizer + PhraseMatcher; `read(lines)` yields one LineReading per line."""

    def __init__(self, phrases: Iterable[str]):
        import spacy
        from spacy.matcher import PhraseMatcher

        self.nlp: Any = spacy.blank("zh")  # default segmenter: one token per character, no downloads
        self.nlp.add_pipe("sentencizer", config={"punct_chars": SENTENCE_PUNCT})
        self.matcher: Any = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        unique = sorted({p for p in phrases if p})
        if unique:
            self.matcher.add("RULE_PHRASE", [self.nlp.make_doc(p) for p in unique])

    def read(self, lines: list[str]) -> Iterator[LineReading]:
        from spacy.tokens import Doc

        vocab = self.nlp.vocab
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
            # the sentencizer finds one sentence in it: build that Doc directly, token i = character i.
            doc = Doc(vocab, words=list(line), spaces=[False] * len(line))
            n = len(line)
            # A final line break after sentence punctuation is a sentence of its own (it is not punctuation).
            sents = ((0, n - 1), (n - 1, n)) if n > 1 and line[-1] == "\n" and line[-2] in _PUNCT else ((0, n),)
            yield LineReading(sents, tuple((s, e, line[s:e]) for _, s, e in self.matcher(doc)))


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
