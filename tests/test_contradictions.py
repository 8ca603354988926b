"""Contradictions across one provider's documents (`poscheck.checks.contradictions`)."""

from __future__ import annotations

import hashlib

from poscheck.checks import Target
from poscheck.extract.text import line_blocks
from poscheck.models import Document, Report
from poscheck.pipeline import Engine

LANDING = (
    "某某电签POS 官方合作服务商\n电签POS免押金，0元领机，正规一清，资金直达本人账户。\n"
    "信用卡费率0.38%永不涨价！\n"
)
AGREEMENT = """终端服务协议
甲方：某某网络科技有限公司
乙方（商户）：
第一条 乙方首笔刷卡交易时，系统扣收机具押金199元，九十日内刷满10万元返还。
第二条 乙方的交易款项由甲方统一归集后代为结算至乙方银行卡。
第三条 甲方有权根据运营成本调整费率，调整后在APP公告即生效。
"""
CLEAN_AGREEMENT = """特约商户受理协议
甲方（特约商户）：某某面馆
乙方（收单机构）：通联支付网络服务股份有限公司
第一条 乙方不收取押金、激活费。
第二条 乙方将交易资金于T+1直接结算至甲方同名账户。
"""


def _doc(text: str, kind: str = "txt", url: str | None = None) -> Document:
    sha = hashlib.sha256(text.encode()).hexdigest()
    return Document(id=sha[:12], source=url or f"{sha[:6]}.{kind}", kind=kind,  # type: ignore[arg-type]
                    text=text, sha256=sha, url=url, blocks=line_blocks(text))


def _run(engine: Engine, *docs: Document) -> Report:
    return engine.analyse(Target(id="provider", url="https://pos.example.cn/"), list(docs), [])


def _by_rule(report: Report, rule: str):  # type: ignore[no-untyped-def]
    return [f for f in report.findings if f.rule == rule]


def test_deposit_promise_against_the_agreement(engine: Engine) -> None:
    landing, agreement = _doc(LANDING, "html", "https://pos.example.cn/"), _doc(AGREEMENT)
    found = _by_rule(_run(engine, landing, agreement), "contradictions.deposit")
    assert len(found) == 1
    f = found[0]
    assert f.category == "fee.deposit"
    assert len(f.evidence) == 2
    promise, practice = f.evidence
    assert promise.document == landing.id and "免押金" in promise.quote
    assert practice.document == agreement.id and "押金199元" in practice.quote
    for ev, doc in ((promise, landing), (practice, agreement)):
        assert doc.text[ev.start:ev.end] == ev.quote
    assert "免押金" in f.message and "199" in f.message


def test_one_clear_banner_against_settlement_by_the_agent(engine: Engine) -> None:
    found = _by_rule(_run(engine, _doc(LANDING, "html"), _doc(AGREEMENT)), "contradictions.one-clear")
    assert len(found) == 1
    assert found[0].category == "clearing.second_clearing"
    assert "一清" in found[0].evidence[0].quote
    assert "代为结算" in found[0].evidence[1].quote


def test_permanent_rate_against_a_change_clause(engine: Engine) -> None:
    found = _by_rule(_run(engine, _doc(LANDING, "html"), _doc(AGREEMENT)), "contradictions.permanent-rate")
    assert len(found) == 1
    assert found[0].category == "fee.rate_bait"
    assert "永不涨价" in found[0].evidence[0].quote
    assert "调整费率" in found[0].evidence[1].quote


def test_exit_promise_against_a_penalty_clause(engine: Engine) -> None:
    faq = _doc("常见问题\n问：不想用了怎么办？\n答：随时退机，不收违约金。\n", "html")
    contract = _doc("服务协议\n甲方（商户）：\n乙方（服务商）：某某商务服务有限公司\n"
                    "第一条 甲方使用未满一年申请注销的，应向乙方支付违约金300元。\n第二条 其他。\n")
    found = _by_rule(_run(engine, faq, contract), "contradictions.penalty")
    assert len(found) == 1 and found[0].category == "terms.penalty"
    assert {e.document for e in found[0].evidence} == {faq.id, contract.id}


def test_an_amount_ending_in_zero_is_no_zero_deposit_promise(engine: Engine) -> None:
    """"300元押金" holds "0元押金": the refund clause that names it promises nothing about a deposit."""
    text = "5. 乙方交纳设备押金300元。\n6. 协议终止后，乙方交还终端的，甲方将300元押金全额无息退还。"
    assert not _by_rule(_run(engine, _doc(text)), "contradictions.deposit")


def test_promises_kept_make_no_contradiction(engine: Engine) -> None:
    report = _run(engine, _doc(LANDING, "html"), _doc(CLEAN_AGREEMENT))
    rules = {f.rule for f in report.findings}
    assert "contradictions.deposit" not in rules
    assert "contradictions.one-clear" not in rules


def test_a_warning_page_is_not_a_promise_or_a_practice(engine: Engine) -> None:
    guide = _doc("警惕免押金陷阱！有的机器嘴上说免押金，首刷却扣299元押金，千万不要办。\n", "html")
    report = _run(engine, guide, _doc(CLEAN_AGREEMENT))
    assert not [f for f in report.findings if f.rule.startswith("contradictions.")]


def test_one_finding_per_pair_even_with_repeated_promises(engine: Engine) -> None:
    landing = _doc(LANDING + "再次承诺：免押金！\n活动期间全部免押金。\n", "html")
    report = _run(engine, landing, _doc(AGREEMENT))
    assert len(_by_rule(report, "contradictions.deposit")) == 1


def test_the_two_quotes_prefer_two_documents(engine: Engine) -> None:
    landing = _doc("免押金领机，押金 | 无\n", "html")
    agreement = _doc(AGREEMENT + "补充：押金199元不予退还。\n")
    f = _by_rule(_run(engine, landing, agreement), "contradictions.deposit")[0]
    assert f.evidence[0].document != f.evidence[1].document


def test_two_scopes_on_one_line_are_not_a_contradiction(engine: Engine) -> None:
    """"不收流量费" for one product and a data fee for another in the same paragraph state two scopes; the
    same promise in a banner and the fee in a table further down disagree."""
    faq = "常见问题\n有流量费吗？\n传统大POS走店内宽带，不收流量费；电签机自带流量卡，第二年起流量费48元/年。\n"
    assert not _by_rule(_run(engine, _doc(faq, "html")), "contradictions.data-fee")
    page = "某某电签POS\n办理就送，不收流量费！\n收费标准\n流量费 | 48元/年 | 次年起收取 |\n"
    assert len(_by_rule(_run(engine, _doc(page, "html")), "contradictions.data-fee")) == 1


def test_two_posts_of_a_forum_thread_are_two_writers(engine: Engine) -> None:
    """An advertiser's "免流量费" in one post and the asker's data fee in another are two people's words; one
    provider's page that says both still contradicts itself."""
    thread = ("标题：电签第二年扣了60流量费，正常吗？\n1楼 楼主 发表于 2026-2-10 09:12\n"
              "单子上写着流量费：第二年起60元/年，激活周年月扣收。\n"
              "3楼 某某POS 发表于 2026-2-11 20:40\n办我家的电签，免押金 免流量费，需要的私信。\n")
    assert not _by_rule(_run(engine, _doc(thread)), "contradictions.data-fee")
    page = "某某电签POS\n办理就送，免押金 免流量费！\n收费标准\n流量费 | 60元/年 | 次年起收取 |\n"
    assert len(_by_rule(_run(engine, _doc(page, "html")), "contradictions.data-fee")) == 1
