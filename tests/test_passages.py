"""A page that is no offer but holds one is judged passage by passage (`poscheck.passages`)."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

from poscheck.checks import Target
from poscheck.extract import extract
from poscheck.extract.text import line_blocks
from poscheck.models import Document, RawFile, Report
from poscheck.passages import views
from poscheck.pipeline import Engine

GUIDE = """办POS机最容易踩的4个坑
坑一：押金。很多机器说免费送，第一笔却扣299押金，刷满才退。
坑二：二清。钱先进某个APP钱包，要自己点提现，还收提现费，这就是二清。
———— 文末福利 ————
给大家介绍一下我们的“汇收宝”电签：不收押金，标准费率贷记卡0.60%。
粉丝专享：开通VIP服务包（199元/年），贷记卡费率降至0.50%，到期后系统自动续费，从结算款中扣除。
扫码添加小管家企业微信，备注“汇收宝”即可办理。
"""
NEWS = """利用POS机套现超千万元，两人被判非法经营罪
记者 周敏 法院认为，二被告人以虚构交易方式为他人信用卡套现，构成非法经营罪。
广告
【新款电签POS】0元领机，激活仅刷99元（刷满3万返还），微信：posling-888
推荐阅读
冒充客服“退押金”诈骗又出新花样
"""
QA = """第一次开店，刷卡机办哪家的比较正规？
提问者：童装店小林
最佳回答 做收银系统的老王
看签合同、给你结算的是不是持牌收单机构，比如拉卡拉、通联。押金、流量费都要写进合同。
回答 云收宝-李经理
推荐我们家的云收宝电签，机器免费送，全国包邮到家！激活时扣198元服务费，90天内刷满8万全额返还。需要的加我微信 ysb88。
"""


def _doc(text: str) -> Document:
    """The text as a web page's extracted text (a .txt would join a long line to the short one after it)."""
    sha = hashlib.sha256(text.encode()).hexdigest()
    return Document(id=sha[:12], source=f"https://news.example.cn/{sha[:6]}.html", kind="html", text=text,
                    sha256=sha, blocks=line_blocks(text))


def _run(engine: Engine, doc: Document) -> Report:
    return engine.analyse(Target(id="t", url="https://news.example.cn/"), [doc], [])


def _flagged(report: Report) -> set[str]:
    return {f.category for f in report.findings if f.severity != "info"}


def test_views_keep_offsets_and_part_the_page() -> None:
    doc = _doc(GUIDE)
    rest, ad = views(doc)
    assert (rest.view, ad.view, ad.title) == ("rest", "ad", "")
    assert len(rest.text) == len(ad.text) == len(doc.text)
    for view in (rest, ad):  # every character is the page's own, or blanked; line breaks stay
        assert all(c == o or (c == " " and o != "\n") for c, o in zip(view.text, doc.text, strict=True))
    assert "坑一" in rest.text and "坑一" not in ad.text
    assert "介绍一下我们的" in ad.text and "文末福利" not in ad.text  # the ad mark heads the passage, outside it


def test_a_guide_that_ends_selling_is_judged_passage_by_passage(engine: Engine) -> None:
    report = _run(engine, _doc(GUIDE))
    flagged = _flagged(report)
    assert {"fee.membership", "terms.auto_renewal"} <= flagged  # the tail's own offer
    assert not flagged & {"fee.deposit", "clearing.second_clearing", "fee.withdrawal"}  # what the guide warns of
    assert [d.id for d in report.documents] == [_doc(GUIDE).id]  # the report lists the page once
    for f in report.findings:
        for ev in f.evidence:
            assert GUIDE[ev.start:ev.end] == ev.quote


def test_an_ad_below_a_news_report_is_an_offer_of_its_own(engine: Engine) -> None:
    flagged = _flagged(_run(engine, _doc(NEWS)))
    assert {"fee.deposit", "promo.free_bait", "licence.not_found"} <= flagged


def test_an_agents_answer_on_a_question_page_is_its_offer(engine: Engine) -> None:
    flagged = _flagged(_run(engine, _doc(QA)))
    assert {"fee.deposit", "promo.free_bait"} <= flagged
    assert "licence.not_found" in flagged  # the other answer's 拉卡拉 is not the agent's acquirer


def test_an_editors_pick_under_a_guide_is_its_offer(engine: Engine) -> None:
    """小编推荐 heads an ad: its licence number, fee and terms are its own, and the guide above stays a guide."""
    page = ("办POS机前必看：押金、流量费、费率这三个坑怎么避\n一、押金：退还条件没写进合同的，就当它不退。\n"
            "小编推荐\n本站合作产品：海科融通大POS（北京海科融通支付服务股份有限公司，支付业务许可证Z2006511000018）。\n"
            "首次刷卡收取99元机具服务费，该费用用于机具成本，不予退还。扫码添加客服微信即可办理。\n")
    titled = replace(_doc(page), title="办POS机前必看：押金、流量费、费率这三个坑怎么避")  # as a web page has one
    flagged = _flagged(_run(engine, titled))
    assert {"fee.deposit", "terms.non_refundable"} <= flagged and "licence.not_found" not in flagged


def test_pages_that_offer_or_complain_are_not_cut() -> None:
    offer = _doc("某某电签POS\n信用卡0.6%，押金99元。\n想办理的朋友，加我微信 pos88。\n")
    complaint = _doc("投诉：被扣了299押金\n博主说“0元包邮领POS机，想办理的朋友私信我”，结果第一笔就扣了299。\n")
    guide = _doc("办POS机最容易踩的4个坑\n坑一：押金。第一笔扣299押金。\n有疑问请拨打收单机构客服。\n")
    for doc in (offer, complaint, guide):
        assert views(doc) == (doc,)


def test_a_forum_post_before_signing_asks_and_a_later_one_tells(engine: Engine) -> None:
    """The first post asks about an offer before signing (nothing happened yet); the writer's later post tells
    what was taken."""
    asked = ("要签POS机了，业务员说押金299，这正常吗？\n1楼 麻辣烫小吕 发表于 2025-03-02 21:14\n"
             "今天来了个业务员，说机器不要钱，但是第一笔刷卡会冻结299押金。还没签，先来问问大家。\n"
             "2楼 老街烟酒 发表于 2025-03-02 21:40\n押金这种东西都是代理商自己加的，让他写进合同。\n")
    assert not _flagged(_run(engine, _doc(asked))) & {"fee.deposit", "promo.free_bait"}
    told = asked + ("9楼 麻辣烫小吕 发表于 2025-05-08 23:51\n"
                    "最后还是签了。第一笔刷了500，结果到账只有201，说299是押金。\n")
    flagged = _flagged(_run(engine, _doc(told)))
    assert "fee.deposit" in flagged and "promo.free_bait" not in flagged


def test_an_answer_ends_at_its_likes(engine: Engine) -> None:
    """Answers on a Q&A page end at their likes (12赞); the agent's answer (我们家这款…加V：…) is its offer."""
    page = ("POS机跳码是什么意思？-收款之家问答\n"
            "开了个火锅店，朋友说我的机器可能跳码了，该怎么查？ —— 提问者：蜀味老板\n"
            "4个回答\n银行卡部老周\n跳码就是交易时上送的商户类别和你真实经营的行业不一致，看签购单上的商户编号。\n12赞\n"
            "卡友小陈\n跳码确实坑，但也要看是谁家的机器。我们家这款可以自选商户，酒店、超市、加油站随便落，"
            "信用卡0.38%，积分照样有。需要的加V：chen_pos88。\n0赞\n开店的阿杰\n楼上这种就是典型的跳码机广告，别信。\n5赞\n")
    rest, ad = views(_doc(page))
    assert "老周" in rest.text and "我们家这款" not in rest.text
    assert "我们家这款" in ad.text and "老周" not in ad.text and "阿杰" not in ad.text
    assert {"clearing.mcc_jumping", "fee.rate_bait"} <= _flagged(_run(engine, _doc(page)))


AGENT_WITH_SIDEBAR = """<html><head><title>鑫付通电签POS机办理</title></head><body>
<nav><a href="/">首页</a> | <a href="/pos">POS机办理</a> | <a href="/news">行业资讯</a></nav>
<h1>鑫付通电签POS机</h1><p>刷卡费率0.6%，扫码0.38%。激活需交押金299元，90天内刷满5万元返还。</p>
<p>办理前请看<a href="/n/9">防骗指南：警惕押金骗局</a>，我们的押金写进合同。</p>
<aside><h3>相关文章</h3><ul>
<li><a href="/n/1">揭秘POS机押金套路，这些坑千万别踩</a></li>
<li><a href="/n/2">央行提醒：POS机跳码的危害</a> <span>03-02</span></li>
<li><a href="/n/3">谨防二清机，一清机才安全</a></li></ul>
<h3>商户课堂</h3><ul><li><a href="/k/1">押金不退怎么维权</a></li><li><a href="/k/2">会员降费率是真是假</a></li></ul>
<h3>合作机构</h3><ul><li><a href="/o/1">拉卡拉支付股份有限公司</a></li>
<li><a href="/o/2">银联商务股份有限公司</a></li></ul>
</aside>
<p>上一篇：<a href="/n/0">POS机流量费是什么？</a></p>
<footer><a href="https://beian.miit.gov.cn">粤ICP备2023012345号</a></footer></body></html>"""


def test_a_list_of_other_articles_is_the_linked_pages_words(tmp_path: Path, engine: Engine) -> None:
    """The items of a list of links (with its short heading) and the 上一篇 line are blanked; a link inside the
    page's own sentence, a one-line menu, the firms the site names and the footer stay."""
    page = tmp_path / "agent.html"
    page.write_text(AGENT_WITH_SIDEBAR, encoding="utf-8")
    doc = extract(RawFile(source=str(page), path=str(page), url="http://www.xinfutong-pos.cn/"))
    (view,) = views(doc)
    assert len(view.text) == len(doc.text)
    for gone in ("相关文章", "揭秘POS机押金套路", "跳码的危害", "03-02", "谨防二清机", "上一篇", "流量费是什么",
                 "商户课堂", "押金不退怎么维权", "是真是假"):
        assert gone in doc.text and gone not in view.text
    for kept in ("防骗指南：警惕押金骗局", "POS机办理", "拉卡拉支付股份有限公司", "银联商务股份有限公司",
                 "粤ICP备2023012345号"):
        assert kept in view.text
    flagged = _flagged(engine.analyse(Target(id="t", url="http://www.xinfutong-pos.cn/"), [doc], []))
    assert "fee.deposit" in flagged and not flagged & {"clearing.mcc_jumping", "terms.non_refundable", "fee.membership"}


def test_the_checks_reuse_the_views_and_texts_a_reading_made_and_judge_alike_without_them(engine: Engine) -> None:
    """An audit reads pages while it crawls and checks them later: a reading hands its views and normalised texts on
    (so they are not cut and normalised again), or, once too much is kept, only its findings and facts."""
    from poscheck.demo import SITES_DIR
    from poscheck.pipeline import read_documents

    paths = sorted((SITES_DIR / "predatory").rglob("*.html"))
    docs, _ = read_documents(RawFile(source=str(p), path=str(p)) for p in paths)
    readings = {d.id: engine.read(d) for d in docs}
    assert all(r.views and len(r.views) == len(r.norms) for r in readings.values())

    def judged(report: Report) -> tuple[object, ...]:
        return (sorted((f.category, f.severity, tuple(e.quote for e in f.evidence)) for f in report.findings),
                report.facts, report.grade)

    fresh = judged(engine.analyse(Target("t"), docs, []))
    assert judged(engine.analyse(Target("t"), docs, [], readings=readings)) == fresh
    bare = {k: r.without_texts() for k, r in readings.items()}
    assert not any(r.views for r in bare.values())
    assert judged(engine.analyse(Target("t"), docs, [], readings=bare)) == fresh
