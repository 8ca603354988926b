"""The spaCy reader: a blank `zh` pipeline (character segmenter), Chinese sentence boundaries, and a
PhraseMatcher over every rule phrase — built once per process.

Why this shape (measured, see bench/bench_reader.py and research/performance.md): jieba segmentation
made a PhraseMatcher miss about 6 % of phrase hits (its token boundaries cut through phrases) and
runs 4× slower than a local crawl; spaCy's character segmenter finds every hit. Even so, spaCy over
a whole page costs about as much CPU as crawling it, so the engine first finds candidate lines with
Aho-Corasick (about 100× cheaper) and spaCy reads only those lines: their sentences and phrase hits.
"""

from __future__ import annotations

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
        for doc in self.nlp.pipe(lines, batch_size=64):
            sents = tuple((s.start_char, s.end_char) for s in doc.sents)
            hits = tuple(
                (doc[s:e].start_char, doc[s:e].end_char, doc[s:e].text) for _, s, e in self.matcher(doc)
            )
            yield LineReading(sents, hits)


@lru_cache(maxsize=8)
def reader_for(phrases: tuple[str, ...]) -> Reader:
    """One Reader per phrase set per process (spaCy's vocab and matcher are costly to rebuild)."""
    return Reader(phrases)
