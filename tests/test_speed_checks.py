"""The speed-ups of the checks change no result.

Each helper is held to the plain computation it replaces, on real texts (the corpus, seeds, demo sites, bench pages
and rule examples) and on texts made to sit at its edges.
"""

from __future__ import annotations

import pytest

from conftest import real_texts
from poscheck.normalize import normalize
from poscheck.pipeline import Engine


@pytest.fixture(scope="module")
def texts(engine: Engine, tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """Extracted texts of the demo sites, corpus, seeds and bench pages, rule examples; raw and normalised."""
    docs, examples = real_texts(engine, tmp_path_factory.mktemp("bench"))
    out = [d.text for d in docs] + examples
    return out + [normalize(t).text for t in out]


def test_a_trigger_after_its_sentences_first_prohibition_is_never_asserted(texts: list[str]) -> None:
    """What practices.find_signs skips without asking textctx.asserted: every such trigger of every practice, on
    every real text, is one asserted() turns down under every flag."""
    from poscheck.checks import practices, textctx

    skipped = 0
    for text in texts:
        spans = practices._GATE.sentences(text)
        for practice, pattern in practices.PATTERNS.items():
            for m in textctx.gated(pattern, text, spans.get(practice, [])):
                lo, hi = textctx.sentence_bounds(text, m.start(), m.end())
                first = textctx.PROHIBITION.search(text, lo, hi)
                if first is None or first.end() > m.start():
                    continue
                skipped += 1
                for conditional in (False, True):
                    for reported in (False, True):
                        assert not textctx.asserted(text, m.start(), m.end(), conditional=conditional,
                                                    reported=reported, bounds=(lo, hi))[0], text[lo:hi]
    assert skipped > 20


def test_an_item_after_a_negation_of_its_sentence_is_denied_as_before(texts: list[str]) -> None:
    """sensitive.requests skips an item ending after a negation found earlier in its sentence: the plain search
    from the sentence start to the item (or its verb) finds a negation too."""
    from poscheck.checks import sensitive
    from poscheck.textscan import sentence_at

    skipped = 0
    extra = ["请勿透露银行卡密码或短信验证码", "别人问验证码别告诉，密码也别", "验证码别\n密码",
             "不要说验证码、密码和cvv2"]
    for text in texts + extra:
        lo = hi = -1
        denied = len(text) + 1
        for m in sensitive._ITEM.finditer(text):
            if not lo <= m.start() < hi:
                lo, hi = sentence_at(text, m.start())
                denied = len(text) + 1
            verb = sensitive._VERB.search(text, max(lo, m.start() - 18), min(hi, m.end() + 18))
            reach = max(m.end(), verb.end() if verb else m.end())
            neg = sensitive._NEGATION.search(text, lo, reach)
            if m.end() >= denied:
                skipped += 1
                assert neg is not None, text[lo:hi]
            if neg is not None and neg.end() < reach:
                denied = min(denied, neg.end())
    assert skipped > 5
