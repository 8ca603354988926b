"""spaCy reads candidate lines: every Aho-Corasick phrase hit is also a spaCy PhraseMatcher hit."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from poscheck.extract import extract
from poscheck.models import RawFile
from poscheck.nlp import Reader, _one_sentence
from poscheck.normalize import normalize
from poscheck.rules.loader import load_rules

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"

PHRASES = sorted({normalize(p).text for r in load_rules() if r.spec.match for p in r.spec.match.phrases})


def _texts() -> list[str]:
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    out = []
    for f in sorted((CORPUS / "docs").glob("*.*")):
        out.append(normalize(extract(RawFile(source=str(f), path=str(f))).text, join_wraps=f.suffix == ".pdf").text)
    return out


def _occurrences(line: str, phrase: str) -> list[int]:
    """Every start of `phrase` in `line`, overlapping ones too (the plain way, as the oracle)."""
    return [i for i in range(len(line)) if line.startswith(phrase, i)]


def test_nlp_char_segmenter_finds_every_phrase_hit() -> None:
    reader = Reader(PHRASES)
    texts = _texts()
    total = 0
    for text in texts:
        lines = text.split("\n")
        expected = {(i, s, s + len(k), k) for i, ln in enumerate(lines) for k in PHRASES for s in _occurrences(ln, k)}
        got = {(i, s, e, k) for i, r in enumerate(reader.read(lines)) for s, e, k in r.phrases}
        assert got == expected
        total += len(expected)
    assert total > 20  # the corpus exercises the phrases


@pytest.mark.parametrize(
    ("line", "sentences"),
    [("押金299元。刷满返还！真的吗?", ["押金299元。", "刷满返还！", "真的吗?"]), ("无标点的一行", ["无标点的一行"])],
)
def test_nlp_sentences_end_on_chinese_punctuation(line: str, sentences: list[str]) -> None:
    reading = next(Reader(["押金"]).read([line]))
    assert [line[s:e] for s, e in reading.sentences] == sentences


def test_nlp_reader_has_no_model_download(tmp_path: Path) -> None:
    reader = Reader(["流量费"])
    assert reader.nlp.lang == "zh" and reader.nlp.pipe_names == ["sentencizer"]


def _pipe_reading(reader: Reader, line: str) -> tuple[tuple[tuple[int, int], ...], tuple[tuple[int, int, str], ...]]:
    """What spaCy's whole pipeline (tokenizer, sentencizer, PhraseMatcher) reads in `line`."""
    doc = reader.nlp(line)
    hits = tuple((doc[s:e].start_char, doc[s:e].end_char, doc[s:e].text) for _, s, e in reader.matcher(doc))
    return tuple((s.start_char, s.end_char) for s in doc.sents), hits


EDGE_LINES = [
    "押金299元", "押金299元。", "押金299元!!", "押金299元。”", "。押金299元", "押金…299元", "押金299元…",
    "押金 299元。", "押金\u3000299元", " 押金", "押金 ", "。。", "!", "“押金”299元;", "押金;流量费。", "a押金b?c",
    "押金299元\n", "押金299元。\n", "押金299元!!\n", "押金299元。”\n", "押金\n\n", "\n", "押金 \n", "押金299元\r\n",
]


def test_nlp_reader_fast_path_reads_like_the_whole_pipeline() -> None:
    """Lines of one sentence skip the sentencizer; every line must read exactly as the pipeline reads it."""
    reader = Reader(PHRASES)
    lines = EDGE_LINES + [ln for text in _texts() for ln in re.split(r"(?<=[。!?;\n])", text) if ln]
    got = [(r.sentences, r.phrases) for r in reader.read(lines)]
    assert got == [_pipe_reading(reader, ln) for ln in lines]
    assert sum(1 for ln in lines if _one_sentence(ln)) > len(lines) // 3  # the fast path is a common case


def test_nlp_reader_fast_path_keeps_the_phrase_matcher_order() -> None:
    """Overlapping and nested phrases: the fast path (no spaCy) gives the PhraseMatcher's hits in its order."""
    reader = Reader(["手续", "手续费", "手续费率", "续费", "费", "费率", "a", "ab", "b"])
    lines = ["收手续费率ab手续费。", "手续费率", "ab\n", "费费率费", "无关"]
    assert all(_one_sentence(ln) for ln in lines)
    got = [(r.sentences, r.phrases) for r in reader.read(lines)]
    assert got == [_pipe_reading(reader, ln) for ln in lines]
    assert sum(len(p) for _, p in got) > 15


def test_nlp_reader_reads_one_sentence_lines_without_spacy() -> None:
    """spaCy's pipeline is built only when a line needs it (a run of simple lines never imports spaCy)."""
    reader = Reader(["押金"])
    next(reader.read(["押金299元。"]))
    assert "nlp" not in reader.__dict__
    next(reader.read(["押金 299元。"]))
    assert "nlp" in reader.__dict__
