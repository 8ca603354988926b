"""Licence and site checks on documents built here, target-level judgement, and every example of our rules."""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from poscheck.checks import CHECKS, Analysis, Target
from poscheck.checks import licence as _licence  # noqa: F401  (importing registers the checks)
from poscheck.checks import sensitive as _sensitive  # noqa: F401
from poscheck.checks import site as _site  # noqa: F401
from poscheck.models import Document, Finding
from poscheck.pipeline import Engine, check_text
from poscheck.rules.model import Rule, RuleSet, RuleSpec

RULES = Path(__file__).resolve().parents[1] / "rules"
AREAS = ("licence", "site")


def _rules() -> RuleSet:
    loaded = []
    for area in AREAS:
        for path in sorted((RULES / area).glob("*.yaml")):
            loaded.append(
                Rule(RuleSpec.model_validate(yaml.safe_load(path.read_text(encoding="utf-8"))), path)
            )
    return RuleSet(loaded, "test")


RULESET = _rules()


@pytest.fixture(autouse=True)
def _no_user_import(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POSCHECK_DATA_DIR", str(tmp_path / "data"))


def doc(text: str, url: str | None = None, kind: str = "txt") -> Document:
    sha = hashlib.sha256((text + (url or "")).encode()).hexdigest()
    return Document(id=sha[:12], source=url or "doc.txt", kind=kind, text=text, sha256=sha, url=url)  # type: ignore[arg-type]


def run(*docs: Document, url: str | None = None) -> tuple[Analysis, list[Finding]]:
    analysis = Analysis(Target("t", url=url), list(docs), RULESET)
    found: list[Finding] = []
    for rule in RULESET.check_rules():
        assert rule.spec.check is not None
        found += list(CHECKS[rule.spec.check](analysis))
    for f in found:
        for ev in f.evidence:
            # (views of one page share its id: the quote is in one of them)
            assert any(x.text[ev.start : ev.end] == ev.quote for x in docs if x.id == ev.document)
    return analysis, found


def cats(found: list[Finding]) -> set[str]:
    return {f.category for f in found if f.severity != "info"}


AGENT_OK = (
    "杭州某某商务 拉卡拉授权服务商\n"
    "收单服务由拉卡拉支付股份有限公司（支付业务许可证号Z2002511000017）提供，资金直接结算到商户本人账户。\n"
    "信用卡0.6%，借记卡0.5%封顶20元。立即申请。\n"
    "杭州某某商务信息咨询有限公司 浙ICP备2020031542号-1\n"
)


def test_clean_agent_page_has_no_finding() -> None:
    analysis, found = run(doc(AGENT_OK, "https://www.hz-pos-example.cn/"))
    assert cats(found) == set()
    acquirers = analysis.identity["acquirers"]
    assert isinstance(acquirers, list) and acquirers[0]["licence_no"] == "Z2002511000017"  # type: ignore[index]
    assert acquirers[0]["acquiring"] is True  # type: ignore[index]


def test_not_found_unverified_wording() -> None:
    _, found = run(
        doc("速收宝电签POS 在线申请，信用卡费率0.55%，平台统一运营结算。", "https://susb.example.cn/")
    )
    nf = [f for f in found if f.category == "licence.not_found"]
    assert nf and "unverified" in nf[0].message_en and "unlicensed" not in nf[0].message_en
    assert "未核实" in nf[0].message and "无牌" not in nf[0].message


def test_not_found_judged_over_the_target() -> None:
    home = doc("速收宝电签POS 在线申请，信用卡费率0.55%。", "https://susb.example.cn/")
    about = doc("关于我们：本产品收单机构为通联支付网络服务股份有限公司。", "https://susb.example.cn/about")
    _, found = run(home, about)
    assert "licence.not_found" not in cats(found)


def test_a_complaint_titled_as_one_offers_nothing() -> None:
    from dataclasses import replace

    text = "速收宝电签POS 在线申请，信用卡费率0.55%，平台统一运营结算。"
    _, found = run(replace(doc(text), title="办POS机被坑了300块"))
    assert "licence.not_found" not in cats(found)
    _, found = run(replace(doc(text), title="速收宝电签POS办理"))
    assert "licence.not_found" in cats(found)


def test_an_agents_pitch_in_a_chat_record_is_an_offer() -> None:
    """A chat record is filed like a complaint and a sales script like a leak, but what the agent offers in either
    is an offer; an SMS record still offers nothing."""
    from dataclasses import replace
    chat = ("2025/04/09 19:44  火锅店-杨\n你们公司正规不嘛，有没有牌照\n2025/04/09 19:46  业务经理\n"
            "绝对正规，我们走的是成都支付通新信息技术服务有限公司的通道，央行牌照Z2020651000019，刷卡费率0.6%，"
            "明天就能给你装机。\n")
    _, found = run(replace(doc(chat), title="微信聊天记录导出（与业务经理的聊天）"))
    assert "licence.inactive" in cats(found)
    _, found = run(replace(doc(chat), title="短信记录导出"))
    assert cats(found) == set()
    script = ("【开场】X总您好，我们这台智能收款机刷卡费率千分之六，今天就能寄到。\n"
              "问：你们是哪家支付公司的？答：跟多家支付公司都有合作，通道都是持牌的，您放心。\n")
    _, found = run(replace(doc(script), title="某某金服 · 电销话术 V3.2（内部资料）"))
    assert "licence.not_found" in cats(found)


def test_a_chat_among_merchants_offers_nothing_but_one_with_an_agent_does() -> None:
    chat = ("群聊：东街商户交流群\n"
            "2025-03-02 09:10 阿珍面馆：大家的电签刷卡多少钱一笔\n"
            "2025-03-02 09:12 老何副食：我那台信用卡0.6%，流量费一年48元，办的时候写清楚了\n"
            "2025-03-02 09:13 阿珍面馆：我那台押金99元，说刷满三万退\n"
            "2025-03-02 09:15 小罗早点：先问清楚收单机构是哪家再办\n")
    _, found = run(doc(chat))
    assert "licence.not_found" not in cats(found)
    with_agent = chat + "2025-03-02 09:20 小吴-电签办理：我这边信用卡0.55%，押金99元，刷满三万就退，私聊\n"
    _, found = run(doc(with_agent))
    assert "licence.not_found" in cats(found)


def test_a_two_character_brand_named_as_the_channel() -> None:
    pitch = "语音转文字：刷卡手续费千分之八，通道走的是海科的，大POS那种，办理加我微信。"
    _, found = run(doc(pitch))
    assert "licence.not_found" not in cats(found)
    _, found = run(doc(pitch.replace("通道走的是海科的", "通道很安全")))
    assert "licence.not_found" in cats(found)


def test_a_regulators_notice_and_a_law_firms_note_offer_nothing() -> None:
    notice = ("中 国 人 民 银 行 某 市 分 行\n关于防范POS机二清风险的公告\n收单机构应将商户资金结算至商户同名账户，"
              "不得以押金、激活费等名义收费。商户办理POS机请认准持牌机构，信用卡费率一般0.6%左右。\n")
    _, found = run(doc(notice))
    assert "licence.not_found" not in cats(found)
    note = ("收单协议审查要点\n某某律师事务所 金融业务组\n反例：“乙方有权随时调整费率，无需另行通知甲方。”"
            "反例：“首刷服务费299元，未达标不予退还。”签约前请逐条核对。\n")
    _, found = run(doc(note))
    assert "licence.not_found" not in cats(found)


def test_a_notice_of_terms_to_merchants_is_an_offer() -> None:
    notice = ("特约商户服务告知书\n尊敬的商户：欢迎使用我司代理推广的收款终端。现将收单机构信息及收费项目告知如下。\n"
              "收单机构名称 | 北京银联商务有限公司\n支付业务许可证编号 | Z2001611000018\n贷记卡 | 0.60%\n")
    _, found = run(doc(notice))
    assert "licence.inactive" in cats(found)


def test_a_how_to_for_a_shops_staff_offers_no_terminal() -> None:
    guide = ("酒店前台如何用POS机收押金？预授权操作全流程\n适用岗位：前台接待、收银\n"
             "在POS主菜单选择“预授权”，输入押金金额。预授权完成后按本店约定的贷记卡费率（0.6%）计收手续费。\n")
    _, found = run(doc(guide, "https://hotel-wiki.example.cn/pos"))
    assert "licence.not_found" not in cats(found)
    agent = "电签POS机办理流程及操作指南\n在线申请，信用卡费率0.6%，三天内寄到。\n"
    _, found = run(doc(agent, "https://pos-apply.example.cn/"))
    assert "licence.not_found" in cats(found)


def test_a_payment_method_beside_a_clause_about_the_parties_is_not_the_acquirer() -> None:
    contract = (
        "智能收款服务合同\n甲方（商户）：某某五金店\n乙方（服务方）：深圳市某某通信息科技有限公司\n"
        "1.1 乙方向甲方提供智能POS终端及收款服务，支持刷卡、插卡及微信、支付宝扫码收款。\n"
        "1.2 机具由乙方提供，所有权归乙方。\n2.1 贷记卡交易按0.60%收取手续费。\n"
    )
    _, found = run(doc(contract))
    nf = [f for f in found if f.category == "licence.not_found"]
    assert nf and "某某通信息科技" in nf[0].evidence[0].quote
    # named as the party itself, the same brand is the acquirer
    named = contract.replace("深圳市某某通信息科技有限公司", "支付宝（中国）网络技术有限公司")
    _, found = run(doc(named))
    assert "licence.not_found" not in cats(found)


def test_a_refund_lure_posing_as_unionpay_is_no_offer_of_its_own() -> None:
    lure = ("POS机押金退还官方平台\n各机构收取的POS机押金统一由银联清退，押金可申请全额退还。\n"
            "本平台为银联官方退款通道。请填写商户姓名、银行卡号，立即申请退还。\n")
    _, found = run(doc(lure, "https://pos-refund.example.top/"))
    assert "licence.not_found" not in cats(found)
    offer = "速收宝电签POS 立即申请，信用卡费率0.55%，押金99元刷满退还。\n"
    _, found = run(doc(offer, "https://pos-refund.example.top/"))
    assert "licence.not_found" in cats(found)
    # …but a lure that names its acquirer shows that acquirer's licence
    swap = ("【重要通知】旧款POS机已于本月底全面停用，老用户请尽快登记升级换机，逾期将无法收款！\n"
            "收单机构：北京银联商务有限公司（支付业务许可证：Z2001611000018）。旧机押金在换机后原路退回。"
            "新机费率：贷记卡0.6%，立即办理。\n")
    _, found = run(doc(swap, "https://bj-pos-center.example.com/"))
    assert "licence.inactive" in cats(found)


def test_an_article_that_ends_in_an_application_offers_what_it_writes_about() -> None:
    article = "公众号：刷卡小课堂\n作者：阿强\n电签POS怎么选？今天讲讲费率和到账时间。\n"
    _, found = run(doc(article))
    assert "licence.not_found" not in cats(found)  # an article, no invitation to apply
    _, found = run(doc(article + "文末福利：回复“领机”免费申请快收宝电签一台，信用卡0.55%。"))
    assert "licence.not_found" in cats(found)


def test_licence_checks_skip_complaints_and_guides() -> None:
    complaint = "投诉编号 A-1\n我办了通联商务服务有限公司的收款机，刷卡费率0.6%，被多扣了年费。"
    guide = "作者：某律师\n只有互联网支付牌照的东方付通信息技术有限公司不能做POS机收单，办理前请核实。"
    question = "业务员说免押金、信用卡0.6%，正常吗？\n提问者：小林\n最佳答案 回答者：老兵\n签约方要是持牌机构。"
    for text in (complaint, guide, question):
        _, found = run(doc(text, "https://news.example.cn/a.html"))
        assert not {c for c in cats(found) if c.startswith("licence.")}


def test_number_mismatch_and_scope() -> None:
    page = "收单资质：上海盛付通电子支付服务有限公司，支付业务许可证编号Z2002511000017。刷卡0.6%，在线申请。"
    _, found = run(doc(page))
    mm = [f for f in found if f.category == "licence.number_mismatch"]
    assert mm and "北京拉卡拉网络技术有限公司" in mm[0].message
    _, found = run(doc("本产品由连连银通电子支付有限公司提供清算，电签POS刷卡0.6%，免费领取。"))
    assert "licence.no_acquiring" in cats(found)


def test_inactive_and_under_review() -> None:
    _, found = run(
        doc("收单方：通联商务服务有限公司，《支付业务许可证》编号Z2009031000013。刷卡0.6%，当天安装。")
    )
    assert {"licence.inactive", "licence.no_acquiring"} <= cats(found)
    _, found = run(
        doc("甲方：深圳市腾付通电子支付科技有限公司，乙方为特约商户，甲方提供POS终端受理银行卡，费率0.6%。")
    )
    assert "licence.inactive" not in cats(found)
    notes = [f for f in found if f.rule == "licence.renewal-under-review"]
    assert notes and notes[0].severity == "info" and "verify" in notes[0].message_en
    assert "核实" in notes[0].message


def test_impersonation_names_the_lookalike_only_when_it_fits_the_claim() -> None:
    page = "银联商务POS官方直营网点\n在线申请，刷卡0.6%。上海某某商贸有限公司 沪ICP备2021034518号-2"
    _, found = run(doc(page, "https://www.yinshang-pos365.com/"))
    imp = [f for f in found if f.rule == "site.impersonation"]
    assert imp and "仿照银联商务" in imp[0].message
    # kuaiqiam is a near spelling of kuaiqian (快钱), not of anything 银联商务 is called: no look-alike note.
    _, found = run(doc(page, "https://www.kuaiqiam-pos.com/"))
    imp = [f for f in found if f.rule == "site.impersonation"]
    assert imp and "仿照" not in imp[0].message


def test_number_without_a_name_near_is_the_one_named_acquirers() -> None:
    page = "银联商务POS申请\n我们是银联商务授权服务商，费率0.6%，在线申请。\n许可证编号：Z2000231000019"
    _, found = run(doc(page))
    mis = [f for f in found if f.rule == "licence.number-mismatch"]
    assert mis and "Z2000231000010" in mis[0].message
    _, found = run(doc(page.replace("Z2000231000019", "Z2000231000010")))
    assert "licence.number_mismatch" not in cats(found)
    lakala_number = page.replace("Z2000231000019", "Z2002511000017")  # 拉卡拉's number on a 银联商务 page
    mis = [f for f in run(doc(lakala_number))[1] if f.rule == "licence.number-mismatch"]
    assert mis and "拉卡拉" in mis[0].message
    two = page.replace("银联商务授权服务商", "银联商务和拉卡拉的授权服务商")  # two acquirers: whose number?
    _, found = run(doc(two))
    assert "licence.number_mismatch" not in cats(found)


def test_impersonation_not_read_from_a_question_the_page_answers() -> None:
    faq = "常见问题\n问：你们是拉卡拉官方吗？\n答：我们是拉卡拉授权的本地服务商，资金由拉卡拉直接结算。"
    _, found = run(doc(faq, "https://www.lkl-fuwu-demo.cn/faq.html"))
    assert "site.impersonation" not in cats(found)
    _, found = run(doc("拉卡拉官方办理中心\n" + faq, "https://www.lkl-fuwu-demo.cn/faq.html"))
    assert "site.impersonation" in cats(found)


def test_impersonation_both_forms() -> None:
    page = "拉卡拉POS机办理官网\n免费领取。深圳某某科技有限公司 粤ICP备2022071835号-1"
    _, found = run(doc(page, "https://www.lakala-pos-banli.cn/"))
    imp = [f for f in found if f.rule == "site.impersonation"]
    assert imp and imp[0].quote == "拉卡拉POS机办理官网" and "look-alike" in imp[0].message_en
    assert "仿照" in imp[0].message
    _, found = run(doc(page, "https://www.lakala.com/pos/"))  # the institution's own domain
    assert "site.impersonation" not in cats(found)
    seed_like = "拉卡拉个人POS机办理官网,https://www.pos-shenqing-demo.cn#pos机,点击网址进入申请页面。"
    _, found = run(doc(seed_like))  # no url: the text itself names the domain
    assert "site.impersonation" in cats(found)
    _, found = run(doc("免费pos机怎么办理,https://www.pos-shenqing-demo.cn,点击网址进入申请页面。"))
    assert "site.impersonation" not in cats(found)


def test_impersonation_not_for_reported_speech() -> None:
    text = "被「拉卡拉總部客服」騙換機，新機首刷扣了三百九十八\n他說他是拉卡拉總部客服。"
    _, found = run(doc(text, "https://bbs.example-forum.net/thread-1.html"))
    assert "site.impersonation" not in cats(found)


def test_no_operator_target_level() -> None:
    home = doc("速收宝电签POS\n刷卡0.6%。\n咨询微信：susb8866", "https://susb.example.cn/")
    _, found = run(home)
    assert "site.no_operator" in cats(found)
    about = doc("关于我们\n成都速收商务服务有限公司 蜀ICP备2021012345号-1", "https://susb.example.cn/about")
    _, found = run(home, about)
    assert "site.no_operator" not in cats(found)
    _, found = run(doc("速收宝电签POS\n刷卡0.6%。"))  # no url: not a site
    assert "site.no_operator" not in cats(found)


def test_invalid_uscc_and_malformed_icp() -> None:
    _, found = run(
        doc(
            "广州某某商务服务有限公司 统一社会信用代码：91440106MA9Y2L5E9Q 粤ICP备2021150233号-1",
            "https://a.example.cn/",
        )
    )
    assert [f for f in found if f.rule == "site.invalid-uscc"]
    _, found = run(doc("石家庄某某商贸有限公司 ICP备案号：ICP备20231187号", "http://b.example.net/"))
    assert [f for f in found if f.rule == "site.malformed-icp"]
    _, found = run(
        doc(
            "统一社会信用代码：91310000132200821A 上海某某有限公司 沪ICP备05011398号", "https://c.example.cn/"
        )
    )
    # a possible pilot-region code warns (low), it is not rejected as invalid (medium)
    assert not [f for f in found if f.rule == "site.invalid-uscc"]
    assert [f for f in found if f.rule == "site.uscc-pilot" and f.severity == "low"]


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("卡背面末三位安全码（CVN2）：\n短信验证码：", True),
        ("麻烦您把储蓄卡卡号和取款密码报一下，钱会退到这张卡上。", True),
        ("系统会给您手机发一条验证码，您收到后念给我听一下。", True),
        ("我们不会向您索要银行卡密码、短信验证码或信用卡背面的三位数字。", False),
        ("身份证号：\n营业执照：\n结算账户：", False),
        ("骗子会说：“请把收到的验证码告诉我。”遇到请挂断，这是诈骗。", False),
        ("商户不得留存持卡人的卡片验证码及密码。", False),
    ],
)
def test_sensitive_data(text: str, flag: bool) -> None:
    _, found = run(doc(text))
    assert ("site.sensitive_data" in cats(found)) is flag


def test_identity_summary_is_json_able() -> None:
    import json

    page = AGENT_OK + "终端型号：新大陆ME31，通过银联认证。官方信息请以 www.lakala.com 为准。"
    analysis, _ = run(doc(page, "https://www.hz-pos-example.cn/"))
    ident = analysis.identity
    json.dumps(ident, ensure_ascii=False)
    assert ident["terminal_models"] and ident["unionpay_claims"]
    assert any("95516" in v for v in ident["verify"])  # type: ignore[union-attr]
    assert ident["verify"][0].startswith("到人民银行网站")  # type: ignore[index]
    assert ident["verify_en"][0].startswith("Check the acquirer")  # type: ignore[index]
    assert ident["operator"]["icp"][0]["value"] == "浙ICP备2020031542号-1"  # type: ignore[index]


def _examples() -> list[tuple[str, str, str, str | None]]:
    out = []
    for rule in RULESET:
        for want, examples in (
            ("match", rule.spec.examples.match),
            ("no_match", rule.spec.examples.no_match),
        ):
            out += [(rule.id, want, ex.text, ex.url) for ex in examples]
    return out


_ENGLISH_WORD = re.compile(r"(?<![a-z])(?:the|is|of|and|not|as|on|for|with|registry|unverified)(?![a-z])", re.I)


def assert_bilingual(f: Finding) -> None:
    """Chinese message without English prose, English message without Chinese prose, every field filled."""
    for text in (f.message, f.message_en):
        assert not re.search(r"\{[a-z_]+\}", text), text
    assert f.message_en and f.title_en and f.advice_en
    assert not _ENGLISH_WORD.search(f.message), f.message
    assert not re.search("[，。；]", f.message_en), f.message_en


@pytest.mark.parametrize(("rule_id", "want", "text", "url"), _examples())
def test_rule_examples(rule_id: str, want: str, text: str, url: str | None) -> None:
    _, found = run(doc(text, url))
    fired = any(f.rule == rule_id for f in found)
    assert fired is (want == "match"), [(f.rule, f.quote) for f in found]
    for f in found:
        assert_bilingual(f)


def test_a_court_case_digest_offers_nothing(engine: Engine) -> None:
    """A court's case digest names the convicted company; it offers nothing, so no licence check applies."""
    text = ("典型案例｜搭建“二清”平台推广POS机，非法经营获刑\n某区人民法院 2026年1月\n"
            "被告人李某注册成立某信息科技有限公司，在未取得支付业务许可证的情况下发展代理推广POS机。")
    assert not [f for f in check_text(engine, text).findings if f.category.startswith("licence.")]


def test_an_ad_passage_speaks_with_a_page_whose_rest_offers_too() -> None:
    """passages.views cuts an ad out of a page that reads as no offer; when the rest offers card acceptance as
    well (a help page of an agent's own product), the acquirer the ad names is the page's acquirer."""
    rest = ("快收宝电签POS - 常见问题\n快收宝电签POS 刷卡扫码一机搞定，立即申请。\n"
            "退货的手续费退不退，各家规定不同，可以查看协议。\n快收宝商贸有限公司 京ICP备2020031877号-1\n")
    ad = "支付服务由拉卡拉支付股份有限公司（支付业务许可证号Z2002511000017）提供。信用卡0.6%，借记卡0.5%封顶20元。\n"
    text = rest + ad
    own = doc(text, "https://www.kuaishoubao-pos.example.com/")
    at = text.index(ad)
    views = [replace(own, text=text[:at] + " " * len(ad), view="rest"),
             replace(own, text=" " * at + ad, title="", view="ad")]
    _, found = run(*views, url=own.url)
    assert "licence.not_found" not in cats(found)
    # …but a rest that offers nothing (an article) leaves its ad to speak alone: a nameless ad is still unverified
    article = "公众号：刷卡小课堂\n作者：阿强\n电签POS怎么选？今天讲讲费率和到账时间。\n"
    pitch = "文末福利：回复“领机”免费申请快收宝电签一台，信用卡0.55%。\n"
    text = article + pitch + ad.replace("拉卡拉支付股份有限公司（支付业务许可证号Z2002511000017）", "我司")
    own = doc(text, "https://mp.example.com/s/abc")
    at = len(article)
    views = [replace(own, text=article + " " * (len(text) - at), view="rest"),
             replace(own, text=" " * at + text[at:], title="", view="ad")]
    _, found = run(*views, url=own.url)
    assert "licence.not_found" in cats(found)


def test_an_agreements_clause_on_fake_calls_does_not_make_it_a_lure() -> None:
    """A lure offers nothing of its own, so its naming no acquirer says nothing; an agreement that tells the merchant
    how to treat such calls is still the offer it is."""
    agreement = ("收款服务合作协议\n甲方（商户）：某某餐馆\n乙方（服务方）：杭州速汇达信息科技有限公司\n"
                 "第一条 乙方通过其合作的支付通道为甲方提供银行卡刷卡及扫码收款服务，并提供收款终端一台。\n"
                 "第二条 甲方按借记卡0.55%、贷记卡0.60%向乙方支付服务费。\n"
                 "第三条 甲方收到自称“银联”“客服中心”的电话，称终端即将停用、需要升级换机的，应直接拨打乙方的服务电话"
                 "核实，不得向对方透露银行卡密码及验证码。\n")
    _, found = run(doc(agreement))
    assert "licence.not_found" in cats(found)
    assert "promo.fake_service" not in cats(found)
