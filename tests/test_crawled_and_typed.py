"""Readings that generalise the misses of held-out set 22 (pages as crawled, with their clutter, and text as
people type it: transcripts, voice input, comments), each with what it must leave alone. Texts are our own."""

from __future__ import annotations

from poscheck.checks import practices, textctx
from poscheck.checks.fee_kinds import judge_data
from poscheck.checks.fees import FREE_CLAIM
from poscheck.checks.identity_facts import brand_ok, mentions
from poscheck.facts import extract_fees
from poscheck.identity import extract_entities
from poscheck.models import Document, Evidence, Fee
from poscheck.normalize import normalize, normalize_document
from poscheck.passages import sms_senders
from poscheck.pipeline import Engine, check_text
from poscheck.registry import load_registry
from poscheck.rules import context


def _doc(text: str, kind: str = "txt", title: str = "") -> Document:
    return Document(id="x", source="x", kind=kind, text=text, sha256="x", title=title)  # type: ignore[arg-type]


def _fees(text: str, title: str = "") -> set[tuple[str, float | None]]:
    doc = _doc(text, title=title)
    return {(f.kind, f.amount) for f in extract_fees(doc, normalize_document(text, "txt"))}


def test_a_banks_notice_in_its_own_voice_names_the_acquirer() -> None:
    notice = ("某某银行杭州分行 商户收单业务收费公告\n本行为特约商户提供银行卡受理服务，借记卡0.5%。\n"
              "本行不收取机具押金。\n某某银行股份有限公司杭州分行\n")
    notice = notice.replace("某某银行", "中国银行")
    reg = load_registry()
    banks = [m for m in mentions(_doc(notice), reg) if m.kind == "bank"]
    assert banks and all(m.names_acquirer for m in banks)
    # an agent's page naming the bank where the money lands does not name it as the acquirer
    agent = "秒到电签，押金99元。货款次日结算至您在中国银行开立的储蓄卡，本行业务请咨询客服。"
    assert not any(m.names_acquirer for m in mentions(_doc(agent), reg) if m.kind == "bank")


def test_a_short_brand_with_de_before_its_product() -> None:
    text = normalize("今天上的是海科的电签，一清的；海科的老板我不认识").text
    first, second = (i for i in range(len(text)) if text.startswith("海科", i))
    assert brand_ok(text, first, first + 2, "海科")
    assert not brand_ok(text, second, second + 2, "海科")


def test_readers_comments_do_not_make_a_guide_its_writers_complaint() -> None:
    guide = normalize("签POS机前必读：这五个坑\n这两年收到的投诉里，押金最多。\n坑一：押金……\n网友评论（3）\n"
                      "阿强：我的机器也扣过。\n小梅：我去问问我家那台。\n").text
    assert textctx.genre(guide) == "teaching"
    story = normalize("我的POS机被乱扣费，投诉无门\n我上个月办的机器，我一刷就扣了299，我找业务员也不理。\n").text
    assert textctx.genre(story) == "complaint"
    assert context.comments_start(guide) == guide.index("网友评论")


def test_explainer_and_legal_question_titles_teach() -> None:
    assert context.genre("刷卡机跳码是怎么回事？五分钟说清楚") == "advisory"
    assert context.genre("pos机自己刷自己的卡犯法吗") == "advisory"
    assert context.genre("电签pos机清楚到账 费率0.6") == "offer"


def test_a_pdf_licence_number_wrapped_at_the_line_end_is_read_whole() -> None:
    text = "收单服务由某某支付有限公司提供（支付业务许可证号Z200083100\n0014），T+1结算。"
    numbers = [e.value for e in extract_entities(_doc(text, kind="pdf")) if e.kind == "licence_no"]
    assert numbers == ["Z2000831000014"]


def test_sums_said_before_a_fee_name_and_voice_input_spellings() -> None:
    assert ("deposit", 99.0) in _fees("对 激活的时候就收99的服务费 刷够了给你退")
    assert ("deposit", 299.0) in _fees("我第一笔到账只有1块，我问了才知道，说是扣了299的「激活服务费」，我真是服了",
                                       title="我被扣了299")
    assert ("data", 69.0) in _fees("今天又扣了我六十九块，短信说是流量废")
    assert ("insurance", 0.05) in _fees("新入网商户统一投保，保费为交易金额的0.05%")
    # a price in 毛 is no fee of its own; a sum without a name after it is none either
    assert _fees("收99以上的单子才给积分") == set()


def test_an_anti_fraud_case_told_of_someone_else_keeps_dropping_the_quoted_bait() -> None:
    case = ("【以案说法】店主回复验证码被骗三万\n商户周女士收到短信：“您的机具已到期，回复1免费换新机，费率永久0.38%。”"
            "随后她的卡被转走三万元。\n民警提醒：谨防诈骗，“免费换机”“费率永久”都是诱饵，切勿回复验证码。\n")
    assert ("rate", 0.38) not in _fees(case, title="【以案说法】店主回复验证码被骗三万")


def _data(quote: str, period: str | None = None) -> Fee:
    ev = Evidence(document="x", source="x", quote=quote, start=0, end=len(quote))
    return Fee(kind="data", label="流量费", amount=69.0, unit="元", evidence=ev, period=period)


def test_a_data_fee_deducted_again_is_flagged_and_one_told_once_is_not() -> None:
    assert (judge_data(_data("今天又扣了我69块流量费")) or ("",))[0] == "flag"
    assert (judge_data(_data("每次扣59元“流量费”")) or ("",))[0] == "flag"
    assert (judge_data(_data("上个月扣了69块流量费")) or ("",))[0] == "info"  # once: within the usual yearly level
    assert (judge_data(_data("流量费69元/年", period="year")) or ("",))[0] == "info"


def test_nothing_to_pay_claims() -> None:
    for claim in ("机器一分钱不要，包邮", "新机免费送不要一分钱", "办这个不收你一分钱"):
        assert FREE_CLAIM.search(normalize(claim).text), claim
    for other in ("一分钱一分货", "押金一分钱都不能少"):
        assert not FREE_CLAIM.search(normalize(other).text), other


def _mcc_kinds(text: str) -> list[str]:
    return [s.kind for s in practices._practice_signs(normalize(text).text, "mcc_jumping")]


def test_categories_to_pick_from_are_merchant_selection() -> None:
    assert _mcc_kinds("娱乐、珠宝、汽车随时切换，大额也不怕") == ["select"]
    assert _mcc_kinds("想要宾馆的还是超市的 都可以落") == ["select"]
    for honest in ("本机适用于餐饮、超市等行业，按营业执照登记类别。", "宾馆和超市都可以选我们这款机器",
                   "提醒：宣传酒店、超市一键切换的，都是跳码机。"):
        assert _mcc_kinds(honest) == [], honest


def test_a_code_set_against_the_business_the_writer_says_is_theirs() -> None:
    assert _mcc_kinds("小票编号中间四位是5411，查了是超市，我们是火锅店。") == ["code"]
    assert _mcc_kinds("小票编号中间四位是5411，我们是超市，对得上。") == []


EXPORT_FROM = """短信导出（导出工具：备份助手）
号码：139****0071
------------------------------
2025-04-01 09:02:11　来自 10690031120442
【某某收单】尊敬的商户：您的机具因备案到期，将于4月3日起停止使用，回复1免费换新机。

2025-04-01 09:05:40　发送至 10690031120442
1

2025-04-01 09:06:02　来自 10690031120442
【某某收单】请将您收到的6位验证码回复本号码，核实后为您寄出新机。

2025-04-01 09:06:30　来自 95xxx
【某某银行】验证码730214，切勿告知他人。

2025-04-01 15:40:00　来自 95016
【某某收单】提示：我司不会以备案到期为由要求换机，谨防诈骗。
"""


def test_an_export_with_the_sender_on_the_time_line_and_the_message_below(engine: Engine) -> None:
    norm = normalize_document(EXPORT_FROM, "txt")
    assert "10690031120442\n1\n" in norm.text  # the head line is not joined to the reply below it
    assert [s for _, s in sms_senders(norm.text)] == ["10690031120442"] * 3 + ["95xxx", "95016"]
    found = {f.category for f in check_text(engine, EXPORT_FROM, kind="txt").findings if f.severity != "info"}
    assert {"promo.fake_service", "site.sensitive_data"} <= found
