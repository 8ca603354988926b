"""Findings → grade A–E with the reasons kept: each category weighs once, blockers cap the grade."""

from __future__ import annotations

from poscheck.models import Finding, Grade, GradeReason

#: Points taken off 100 for the worst finding of each category, by severity.
WEIGHTS: dict[str, int] = {"critical": 45, "high": 25, "medium": 12, "low": 5, "info": 0}
#: Categories whose presence caps the grade, whatever the score: the money itself is at risk.
BLOCKERS: dict[str, str] = {
    "promo.cash_out": "D",
    "clearing.second_clearing": "E",
    "site.sensitive_data": "E",
    "licence.inactive": "D",
    "licence.no_acquiring": "D",
    "site.impersonation": "D",
    "promo.fake_service": "E",
}
BANDS: tuple[tuple[int, str], ...] = ((90, "A"), (75, "B"), (55, "C"), (35, "D"), (0, "E"))
VERDICTS: dict[str, str] = {
    "A": "未发现明显风险，签约前仍请核对合同与费率。",
    "B": "有少量需要问清楚的条款或费用，问清后再签。",
    "C": "存在多项费用或条款风险，签约前务必逐条确认。",
    "D": "风险较高：存在严重的费用、资质或推广问题，不建议直接签约。",
    "E": "高危：有资金安全或违法违规迹象，建议不要签约并向监管举报。",
    "?": "没有读到任何可检查的内容，无法评级。",
}
_ORDER = "ABCDE"


def grade(findings: list[Finding], *, documents_read: int, unchecked: tuple[str, ...] = ()) -> Grade:
    """Score = 100 − the weight of the worst finding in each category; blockers cap the letter."""
    if documents_read == 0:
        return Grade("?", 0, VERDICTS["?"], unchecked=unchecked)
    worst: dict[str, Finding] = {}
    rank = list(WEIGHTS)
    for f in findings:
        if f.severity == "info":
            continue
        cur = worst.get(f.category)
        if cur is None or rank.index(f.severity) < rank.index(cur.severity):
            worst[f.category] = f
    reasons = tuple(
        GradeReason(c, f.severity, WEIGHTS[f.severity], f.title)
        for c, f in sorted(worst.items(), key=lambda kv: (-WEIGHTS[kv[1].severity], kv[0]))
    )
    score = max(0, 100 - sum(r.points for r in reasons))
    letter = next(band for floor, band in BANDS if score >= floor)
    cap = None
    for r in reasons:
        limit = BLOCKERS.get(r.category)
        if limit and _ORDER.index(letter) < _ORDER.index(limit):
            letter, cap = limit, f"{r.category} caps the grade at {limit}"
    return Grade(letter, score, VERDICTS[letter], reasons, cap, unchecked)
