"""The shared keyword pass (textscan._SharedKeywords) gives every Keywords the hits its own automaton gives, in its
order: on the demo sites, the corpus, the seeds, bench pages, rule examples and texts packed with overlapping words."""

from __future__ import annotations

import random

import pytest

from conftest import real_texts
from poscheck.normalize import normalize, normalize_document
from poscheck.pipeline import Engine
from poscheck.textscan import Keywords, _find, _SharedKeywords


@pytest.fixture(scope="module")
def texts(engine: Engine, tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """Normalised texts of the demo sites, corpus, seeds and bench pages, and the rule examples."""
    docs, examples = real_texts(engine, tmp_path_factory.mktemp("bench"))
    return [normalize_document(d.text, d.kind).text for d in docs] + [normalize(t).text for t in examples]


def _instances(engine: Engine, texts: list[str]) -> list[Keywords[object]]:
    """Every Keywords the pipeline makes (some are made on first use: analyse a page first)."""
    from poscheck.checks import Target
    from poscheck.pipeline import check_text

    check_text(engine, texts[0])
    engine.analyse(Target("t"), [], [])
    return [k for k in Keywords.instances if k.words]


def test_each_keywords_gets_its_own_hits_from_the_shared_pass(engine: Engine, texts: list[str]) -> None:
    assert len(texts) > 400
    instances = _instances(engine, texts)
    assert len(instances) >= 5  # rule phrases, fee labels, gates, Q&A markers, anchors (and the registry's names)
    words = sorted({w for k in instances for w in k.words})
    rng = random.Random(1)
    packed = ["".join(rng.choice(words)[rng.randint(0, 1):] for _ in range(40)) for _ in range(200)]
    shared = _SharedKeywords()
    for text in texts + packed:
        for k in instances:
            assert shared.hits(k, text) == _find(k._auto, text), (k.words[:3], text[:60])


def test_iter_is_the_same_above_and_below_the_shared_length(engine: Engine, texts: list[str]) -> None:
    long = next(t for t in texts if len(t) >= Keywords.SHARED_MIN_CHARS)
    for k in _instances(engine, texts):
        assert list(k.iter(long)) == [(s, e, k._values[i]) for i, s, e in _find(k._auto, long)]


def test_a_keywords_made_after_the_shared_pass_is_held_from_the_next_text_on() -> None:
    shared = _SharedKeywords()
    first = Keywords({"押金": 1})
    text = "押金299元，流量费99元/年，押金可退"
    again, data = text.rindex("押金"), text.index("流量费")
    assert shared.hits(first, text) == [(0, 0, 2), (0, again, again + 2)]
    late = Keywords({"流量费": "data", "押金": "deposit"})
    assert shared.hits(late, text) is None  # its own pass for this text (Keywords.iter)
    want = [(0, 2, "deposit"), (data, data + 3, "data"), (again, again + 2, "deposit")]
    assert list(late.iter(text * 40))[:3] == want
    other = "又" + text
    assert shared.hits(late, other) == [(1, 1, 3), (0, data + 1, data + 4), (1, again + 1, again + 3)]
    assert shared.hits(first, other) == [(0, 1, 3), (0, again + 1, again + 3)]


def test_a_lone_surrogate_is_read_as_one_character() -> None:
    shared = _SharedKeywords()
    k = Keywords({"押金": 1})
    text = "a\udcff押金" * 400
    assert shared.hits(k, text) == _find(k._auto, text)
    assert shared.hits(k, text)[:1] == [(0, 2, 4)]
