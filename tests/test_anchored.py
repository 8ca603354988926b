"""Every anchored pattern (textscan.Anchored) and every led one (textscan.led) finds exactly what its plain
regex finds, on real texts.

Anchored patterns are tried only just before hand-kept anchor words; a pattern edited without its
anchors would silently miss matches. This holds each one to `pattern.finditer` on the corpus, the seeds,
the demo sites, every rule example, and texts made to sit right at the anchors' edges.
"""

from __future__ import annotations

import pytest

from conftest import real_texts
from poscheck.normalize import normalize
from poscheck.pipeline import Engine
from poscheck.textscan import LED, Anchored, led


@pytest.fixture(scope="module")
def texts(engine: Engine, tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """Extracted texts of the demo sites, corpus, seeds and bench pages, rule examples; raw and normalised."""
    docs, examples = real_texts(engine, tmp_path_factory.mktemp("bench"))
    out = [d.text for d in docs] + examples
    return out + [normalize(t).text for t in out]


def _edges(anchored: Anchored) -> list[str]:
    """Each anchor with spaces, letters and digits of several widths in front, as a match may start there."""
    out = []
    for a in anchored.anchors:
        for before in ("", " ", "  ", "粤", "京 ", "a-", "12", "中国", "通过中国", "abcdefgh", "\n"):
            out.append(f"见{before}{a}备12345678号-1 {before}{a}认证 {a}{a}")
    return out


def test_every_anchored_pattern_is_registered(engine: Engine) -> None:
    assert len(Anchored.instances) >= 8  # identity (6), sensitive, identity_facts, contradictions


def test_anchored_finds_what_the_plain_pattern_finds(engine: Engine, texts: list[str]) -> None:
    assert len(texts) > 400
    for anchored in Anchored.instances:
        for text in texts + _edges(anchored):
            got = [m.span() for m in anchored.finditer(text)]
            want = [m.span() for m in anchored.pattern.finditer(text)]
            assert got == want, (anchored.pattern.pattern[:60], text[:80])


def test_a_stale_anchor_list_is_caught() -> None:
    """The check above can fail: an anchor list that misses a word the pattern matches loses that match."""
    import re

    stale = Anchored(re.compile(r"(?:押金|保证金)\d+元"), ("押金",), 0)
    try:
        text = "押金99元，保证金50元"
        assert [m.span() for m in stale.finditer(text)] != [m.span() for m in stale.pattern.finditer(text)]
    finally:
        Anchored.instances.remove(stale)


def test_domain_search_by_runs_finds_what_the_plain_pattern_finds(texts: list[str]) -> None:
    """identity searches domains only inside runs of domain characters that hold '.<letter>'."""
    from poscheck.identity import _PATTERNS, _domain_matches

    edges = ["官网www.lakala.com。", "邮箱kefu@pos-help.cn，网址：https://a.b-c.com.cn/x", "v1.2版本", "a..b.com",
             "见http://127.0.0.1:8080/index.html", "-pos.cn- 与 .cn 和 pos.", "lakala.com.lakala-pos.cn"]
    for text in texts + edges:
        got = [m.span() for m in _domain_matches(text)]
        assert got == [m.span() for m in _PATTERNS["domain"].finditer(text)], text[:80]


def test_led_patterns_find_what_the_plain_patterns_find(engine: Engine, texts: list[str]) -> None:
    """The look-ahead of a pattern's first characters (textscan.led) keeps every match, its groups and its span."""
    import poscheck.checks.practices  # noqa: F401  (its patterns are led)

    assert len(LED) >= 4
    edges = ["养卡代还", "钱包余额提现", "自选商户", "应到账4970元,实际到账4925元", "\n银联商务客户服务中心\n"]
    for plain, led_pattern in LED:
        for text in texts + edges:
            got = [(m.span(), m.lastgroup, m.groups()) for m in led_pattern.finditer(text)]
            want = [(m.span(), m.lastgroup, m.groups()) for m in plain.finditer(text)]
            assert got == want, (plain.pattern[:60], text[:80])


def test_led_reads_the_first_characters_or_leaves_the_pattern() -> None:
    import re

    before = len(LED)
    try:
        p = led(re.compile(r"(?<![^\n])(?P<a>甲|乙[方]?)|[1-3]x*|(?:戊|己)?庚"))
        assert p.pattern.startswith("(?=[") and p.groupindex == {"a": 1}
        starts = {c for c in "甲乙1234戊己庚辛" if p.match(c + "庚") is not None}
        assert starts == {"甲", "乙", "1", "2", "3", "戊", "己", "庚"}
        flagged = led(re.compile(r"(?m)^(?:甲|乙)方"))  # a leading global flag stays a flag
        assert [m.span() for m in flagged.finditer("甲方\n乙方 丙方")] == [(0, 2), (3, 5)]
        for unknown in (r".押金", r"[^。]押金", r"\d+元", r"(?:押金)?", "押金", r"(?i)pos"):
            plain = re.compile(unknown)
            assert led(plain) is plain or unknown == "押金", unknown
    finally:
        del LED[before:]
