"""The shortcuts in textscan.sentence_at and rules.context.negator_before give what their plain forms give."""

from __future__ import annotations

import random
import re

from poscheck.rules import context
from poscheck.textscan import Keywords, sentence_at

_ALPHABET = "。！？!?\n,，:：;免不收取无需0元2押金费 a"


def _texts() -> list[str]:
    rng = random.Random(11)
    return [
        "".join(rng.choice(_ALPHABET) for _ in range(rng.randint(0, 60))) for _ in range(400)
    ] + ["无押金", "20元押金", "2\n0元押金", "不得不收押金", "免费领取。不收取押金！押金？", "问我要不要押金"]


def test_sentence_at_is_the_sentence_the_plain_regex_gives() -> None:
    for text in _texts():
        spans = [(m.start(), m.end()) for m in re.finditer(r"[^。！？!?\n]+", text)]
        for pos in range(len(text)):
            if text[pos] in "。！？!?\n":
                continue
            assert sentence_at(text, pos) == next(s for s in spans if s[0] <= pos < s[1]), (text, pos)


def _negator_before_plain(text: str, start: int, scope_start: int) -> str:
    """negator_before as first written: the whole clause, every negator tried, the text start copied."""
    breaks = [m.end() for m in re.finditer(r"[,，;；。!?！？\n:：]", text[:start])]
    lo = max([scope_start, *(b for b in breaks if b >= scope_start)])
    head = text[max(lo, start - context.NEGATION_GAP - 4):start]
    for neg in sorted(context.NEGATORS, key=len, reverse=True):
        idx = head.rfind(neg)
        if idx < 0:
            continue
        if neg[0].isdigit() and ((idx > 0 and head[idx - 1].isdigit()) or (idx == 0 and re.search(
                r"\d$", text[:start - len(head)]))):
            continue
        if head[idx:].startswith(context.NOT_NEGATORS):
            continue
        if neg[0] in "不没" and context.a_not_a(text, start - len(head) + idx):
            continue  # 要不要
        if re.match(r"[\u4e00-\u9fff]+[ \t]+", head[idx + len(neg):]):
            continue  # the negator took its object before a space (无需执照 免费送机)
        if len(head) - idx - len(neg) <= context.NEGATION_GAP:
            return neg
    return ""


def test_negator_before_is_the_plain_search() -> None:
    for text in _texts():
        for start in range(len(text) + 1):
            for scope_start in {0, max(0, start - 5), start}:
                want = _negator_before_plain(text, start, scope_start)
                assert context.negator_before(text, start, scope_start) == want, (text, start, scope_start)


def test_keywords_finds_every_occurrence_a_plain_search_finds() -> None:
    """The pass reports exactly the (overlapping) occurrences str.find gives, at character offsets (astral
    characters count one), in order of their ends, whatever else the text holds."""
    words = {"押金": 1, "激活押金": 2, "金额": 3, "d0": 4, "费": 5, "𠀀字": 6}
    kw = Keywords(words)
    rng = random.Random(3)
    alphabet = [*"押金激活额费d0 。a\x00\x01字", "𠀀", "\U0010ffff", "\udcff"]  # a lone surrogate too
    for _ in range(500):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        want = sorted((i, i + len(w), v) for w, v in words.items()
                      for i in range(len(text)) if text.startswith(w, i))
        got = list(kw.iter(text))
        assert sorted(got) == want, text
        assert [e for _, e, _ in got] == sorted(e for _, e, _ in got), text


def test_in_quotes() -> None:
    from poscheck.textscan import in_quotes

    text = "短信：“费率永久0.38%，回复1”。又见「押金99」。"
    assert in_quotes(text, text.index("费率")) and in_quotes(text, text.index("押金"))
    assert not in_quotes(text, text.index("又见")) and not in_quotes(text, 0)
    assert not in_quotes(text, text.index("费率"), lo=text.index("费率"))  # opened before `lo`
    straight = '对方："新机费率0.38，押金全退"，我挂了。再问费率'
    assert in_quotes(straight, straight.index("费率")) and in_quotes(straight, straight.index("押金"))
    assert not in_quotes(straight, straight.rindex("费率"))  # closed again
