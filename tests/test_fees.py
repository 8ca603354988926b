"""Fee schedules read from real-shaped pages (seeds, corpus, demo sites), rate arithmetic, fee hard negatives."""

from __future__ import annotations

from pathlib import Path

import pytest

from poscheck.extract import extract
from poscheck.facts import extract_fees, refund_target
from poscheck.facts.rates import CREDIT_FLOOR, below_floor, is_card_rate, rate_problems, rise
from poscheck.models import Document, Evidence, Fee, RawFile
from poscheck.normalize import normalize, normalize_document

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
SEEDS = ROOT.parent / "shared" / "seeds"
DEMO = ROOT / "src" / "poscheck" / "demo" / "sites"


def need_shared() -> None:
    if not CORPUS.is_dir() or not SEEDS.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS}")
Row = tuple[str, str | None, float | None, str]


def _doc(path: Path) -> Document:
    return extract(RawFile(source=str(path), path=str(path)))


def _fees(path: Path) -> list[Fee]:
    doc = _doc(path)
    fees = extract_fees(doc, normalize_document(doc.text, doc.kind))
    for f in fees:  # every fee quotes the original text exactly
        assert doc.text[f.evidence.start:f.evidence.end] == f.evidence.quote
    return fees


def _rows(fees: list[Fee]) -> set[Row]:
    return {(f.kind, f.channel, f.amount, f.unit) for f in fees}


def _one(fees: list[Fee], kind: str, channel: str | None = None) -> Fee:
    found = [f for f in fees if f.kind == kind and f.channel == channel]
    assert len(found) == 1, found
    return found[0]


def _text_fees(text: str, kind: str = "html") -> list[Fee]:
    doc = Document(id="t", source="t", kind=kind, text=text, sha256="t")  # type: ignore[arg-type]
    return extract_fees(doc, normalize(text))


# --- seeds: explanations of typical fees, not offers -------------------------------------------------

@pytest.mark.parametrize("name", ["000_917b20c3b32bbd93.txt", "001_8d7160932db56f48.txt", "002_80ab5d7cbd320fc1.txt",
                                  "003_9db6afdbd48b1d6f.txt", "004_3aeb33dc8ab3b3ff.txt"])
def test_fees_seed_pages_state_no_fee_of_their_own(name: str) -> None:
    """Seeds only explain the market ("流量费一般在36-99元之间", "一般会需要缴纳几百元不等的押金"): no schedule."""
    need_shared()
    assert _fees(SEEDS / name) == []


# --- corpus fee pages ----------------------------------------------------------------------------------

def test_fees_lakala_agent_page_schedule() -> None:
    need_shared()
    fees = _fees(CORPUS / "docs" / "agent_lakala_banli_guanwang.html")
    assert _rows(fees) == {("rate", "credit", 0.6, "%"), ("rate", "debit", 0.55, "%"), ("rate", "qr", 0.38, "%"),
                           ("deposit", None, 299.0, "元"), ("data", None, 99.0, "元/年")}
    assert _one(fees, "rate", "debit").cap == 25.0
    assert "千元以下" in _one(fees, "rate", "qr").conditions
    deposit = _one(fees, "deposit")
    assert deposit.refundable is True and deposit.period == "once"
    target = refund_target(normalize(deposit.conditions).text)
    assert target is not None and (target.volume, target.days) == (100000.0, 60.0)
    data = _one(fees, "data")
    assert data.period == "year" and "首年免费" in data.conditions


def test_fees_gbk_promo_page_reads_wan_fen_zhi_and_daxie() -> None:
    need_shared()
    fees = _fees(CORPUS / "docs" / "agent_shengfutong_038_promo.html")
    assert _rows(fees) == {("rate", "credit", 0.38, "%"), ("rate", "debit", 0.5, "%"), ("rate", "qr", 0.38, "%"),
                           ("deposit", None, 199.0, "元")}
    credit = _one(fees, "rate", "credit")
    assert (credit.promo_months, credit.later_amount) == (3, 0.63)
    assert _one(fees, "rate", "debit").cap == 20.0
    deposit = _one(fees, "deposit")
    assert deposit.label == "开通服务费" and deposit.refundable is False  # 无论是否达标均不予退还现金
    assert refund_target(normalize(deposit.conditions).text) == refund_target("90天内累计刷卡满5万元返还")


def test_fees_insurance_page_schedule() -> None:
    need_shared()
    fees = _fees(CORPUS / "docs" / "agent_xingshua_insurance.html")
    assert _rows(fees) == {("rate", "credit", 0.6, "%"), ("rate", "debit", 0.5, "%"), ("rate", "qr", 0.38, "%"),
                           ("insurance", None, 0.1, "%"), ("recurring", None, 3.0, "元/月")}
    assert _one(fees, "insurance").period == "per_transaction"
    assert _one(fees, "recurring").label == "短信通知服务费"


def test_fees_acquirer_disclosure_has_rates_only() -> None:
    need_shared()
    fees = _fees(CORPUS / "docs" / "official_chinaums_fee_disclosure.html")
    assert _rows(fees) == {("rate", "debit", 0.55, "%"), ("rate", "credit", 0.6, "%"),
                           ("rate", "unionpay_qr", 0.38, "%")}
    assert _one(fees, "rate", "debit").cap == 25.0
    assert "1000元及以下" in _one(fees, "rate", "unionpay_qr").conditions


@pytest.mark.parametrize(("name", "expected"), [
    ("agent_dongfang_pos_data_fee.html", {("data", None, 29.0, "元/季度")}),
    ("agent_tlsw_annual_fee.html", {("recurring", None, 99.0, "元/年")}),
    ("agent_huixiangfu_wallet.html", {("withdrawal", None, 2.0, "元/笔"), ("membership", None, 399.0, "元/年")}),
    ("agent_ums_zongbu_zhiying.html", {("instant", None, 3.0, "元/笔"), ("rate", "credit", 0.38, "%")}),
    ("agent_shuaxiang_yangka_badicp.html", {("instant", None, 2.0, "元/笔"), ("rate", "card", 0.6, "%")}),
    ("complaint_insurance_vip.html", {("insurance", None, 0.1, "%"), ("membership", None, 39.0, "元/月")}),
    ("forum_post_wallet_agent_gone.txt", {("withdrawal", None, 2.0, "元/笔")}),
    ("supplement_activation_fee.txt", {("deposit", None, 299.0, "元"), ("data", None, 99.0, "元/年")}),
    ("contract_juying_service_autorenew.pdf", {("recurring", None, 360.0, "元/年")}),
    ("complaint_fake_upgrade_trad.html", {("deposit", None, 398.0, "元")}),
])
def test_fees_corpus_pages_contain(name: str, expected: set[Row]) -> None:
    need_shared()
    assert expected <= _rows(_fees(CORPUS / "docs" / name))


@pytest.mark.parametrize("name", [
    "guide_deposit_trap.html", "guide_choose_pos_trad.html", "guide_unfair_clauses_lawyer.html",
    "official_lakala_antifraud_notice.html", "wechat_article_fake_service_warning.txt",
    "official_99bill_risk_tips.html",
])
def test_fees_warning_and_guide_pages_state_no_fees(name: str) -> None:
    need_shared()
    assert _fees(CORPUS / "docs" / name) == []


def test_fees_optional_fees_are_marked_optional() -> None:
    need_shared()
    tonglian = _one(_fees(CORPUS / "docs" / "agent_tonglian_shanghai_honest.html"), "data")
    assert (tonglian.amount, tonglian.unit, tonglian.optional) == (36.0, "元/年", True)
    d0 = _one(_fees(CORPUS / "docs" / "official_chinapnr_pos_product.html"), "instant")
    assert (d0.amount, d0.unit, d0.optional) == (0.05, "%", True)
    ums = _one(_fees(CORPUS / "docs" / "agent_ums_zongbu_zhiying.html"), "instant")
    assert ums.optional is False  # 系统默认开通


def test_fees_complaint_records_the_changed_rate() -> None:
    need_shared()
    fees = _fees(CORPUS / "docs" / "complaint_rate_hike_tousu.html")
    assert ("rate", "credit", 0.38, "%") in _rows(fees)
    changed = [f for f in fees if f.kind == "rate" and f.amount is None]
    assert [f.later_amount for f in changed] == [0.68]


# --- demo providers ------------------------------------------------------------------------------------

def _site(name: str) -> set[Row]:
    files = sorted(p for p in (DEMO / name).rglob("*") if p.suffix in (".html", ".pdf"))
    return set().union(*(_rows(_fees(p)) for p in files))


def test_fees_demo_honest_schedule() -> None:
    if not DEMO.is_dir():
        pytest.skip("demo sites not present")
    assert _site("honest") == {("rate", "credit", 0.6, "%"), ("rate", "debit", 0.5, "%"), ("rate", "qr", 0.38, "%"),
                               ("rate", "unionpay_qr", 0.38, "%"), ("instant", None, 0.05, "%")}
    d0 = _one(_fees(DEMO / "honest" / "fees.html"), "instant")
    assert d0.optional is True


def test_fees_demo_mediocre_schedule() -> None:
    if not DEMO.is_dir():
        pytest.skip("demo sites not present")
    assert _site("mediocre") == {("rate", "credit", 0.6, "%"), ("rate", "debit", 0.5, "%"), ("rate", "qr", 0.38, "%"),
                                 ("data", None, 48.0, "元/年")}
    assert _one(_fees(DEMO / "mediocre" / "fees.html"), "rate", "debit").cap == 25.0


def test_fees_demo_predatory_schedule() -> None:
    if not DEMO.is_dir():
        pytest.skip("demo sites not present")
    assert _site("predatory") == {("rate", "credit", 0.38, "%"), ("rate", "debit", 0.55, "%"),
                                  ("rate", "qr", 0.38, "%"), ("instant", None, 3.0, "元/笔"),
                                  ("deposit", None, 299.0, "元"), ("data", None, 99.0, "元/年")}
    fees = _fees(DEMO / "predatory" / "fees.html")  # GBK bytes
    credit = _one(fees, "rate", "credit")
    assert (credit.promo_months, credit.later_amount) == (3, 0.68)
    pdf = _fees(DEMO / "predatory" / "docs" / "apply-agreement.pdf")
    assert _one(pdf, "deposit").amount == 299.0  # 贰佰玖\n拾玖元整 across a PDF line wrap
    assert _one(pdf, "deposit").evidence.page == 1


# --- amounts and conditions ----------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "row"), [
    ("激活押金：肆佰玖拾玖元，首刷扣除。", ("deposit", None, 499.0, "元")),
    ("流量费：每年一百二十元。", ("data", None, 120.0, "元/年")),
    ("借记卡 | 千分之五，单笔封顶贰拾元 |", ("rate", "debit", 0.5, "%")),
    ("贷记卡费率：百分之零点六", ("rate", "credit", 0.6, "%")),
    ("快速结算按到账金额的万分之五收取。", ("instant", None, 0.05, "%")),
    ("信用卡 | ０.５５％ |", ("rate", "credit", 0.55, "%")),
    ("月租费：每台每月15元。", ("recurring", None, 15.0, "元/月")),
    ("费率0.6%+3，秒到账。", ("instant", None, 3.0, "元/笔")),
    ("0元领机，激活时收取159元。", ("deposit", None, 159.0, "元")),
    ("每笔到账手续费2元。", ("instant", None, 2.0, "元/笔")),
    ("机具SIM卡年费 120元，每年自动扣取。", ("data", None, 120.0, "元/年")),
    ("会员年费299元，开通后费率降至0.5%。", ("membership", None, 299.0, "元/年")),
    # chat talk: a rate in 毛, pinyin initials, 押金 as voice input writes it
    ("我们这台刷卡费率3毛8，秒到", ("rate", "card", 0.38, "%")),
    ("机器yj 299，刷满3万返", ("deposit", None, 299.0, "元")),
    ("llf一年69，到期自动扣", ("data", None, 69.0, "元/年")),
    ("开机要交压金199元", ("deposit", None, 199.0, "元")),
])
def test_fees_amount_forms(text: str, row: Row) -> None:
    assert row in _rows(_text_fees(text))


@pytest.mark.parametrize("text", ["一个包子3毛8，刷卡方便", "下载yjs299元的模板", "刷卡送的纸巾3毛一包，扫码送的5毛"])
def test_fees_chat_forms_leave_look_alikes(text: str) -> None:
    assert _text_fees(text) == []


def test_fees_range_and_cap() -> None:
    fees = _text_fees("开机费 | 99-199元 | 视机型而定 |\n借记卡 | 0.5%，每笔最高20元 |")
    dep = _one(fees, "deposit")
    assert (dep.amount, dep.max_amount) == (99.0, 199.0)
    assert _one(fees, "rate", "debit").cap == 20.0


def test_fees_faq_answer_borrows_the_question_name() -> None:
    fees = _text_fees("问：有流量费吗？\n答：有，每年120元，激活满一年后扣取。")
    assert _rows(fees) == {("data", None, 120.0, "元/年")}


def test_fees_refund_target_forms() -> None:
    assert refund_target("60天内累计刷卡满10万元全额返还") == refund_target("激活后60天内刷满100000元返还")
    monthly = refund_target("连续3个月每月交易额满2万元的返还")
    assert monthly is not None and monthly.volume == 60000.0 and round(monthly.per_month) == 20000
    assert refund_target("刷满返还") is None


# --- rate arithmetic -----------------------------------------------------------------------------------

def _rate(amount: float | None, channel: str | None = "credit", **kw: object) -> Fee:
    ev = Evidence(document="d", source="s", quote=kw.pop("quote", "q"), start=0, end=1)  # type: ignore[arg-type]
    return Fee(kind="rate", label="x", amount=amount, unit="%", evidence=ev, channel=channel, **kw)  # type: ignore[arg-type]


def test_rates_floor_is_issuer_plus_network() -> None:
    assert pytest.approx(0.45 + 0.0325) == CREDIT_FLOOR
    text = below_floor(0.38)
    assert "0.38% < 0.45%" in text and "0.0325%" in text and "0.4825%" in text and "0.1025%" in text
    assert "10.25元" in text  # per 10,000 yuan
    assert below_floor(0.4825) == "" and below_floor(0.6) == ""


def test_rates_rise_arithmetic() -> None:
    text = rise(0.38, 0.68, 1)
    assert "前1个月0.38%" in text and "38元变成68元" in text and "多30元" in text and "涨79%" in text
    assert rise(0.63, 0.52) == ""


def test_rates_which_rates_are_card_rates() -> None:
    assert is_card_rate(_rate(0.38, "credit"), set())
    assert is_card_rate(_rate(0.38, "card"), set())
    assert not is_card_rate(_rate(0.38, "debit"), set())
    assert not is_card_rate(_rate(0.38, "qr"), set())
    assert not is_card_rate(_rate(0.38, None), set())  # an unnamed rate without a never-changes promise
    assert is_card_rate(_rate(0.38, None, conditions="终身"), set())
    assert not is_card_rate(_rate(0.38, None, conditions="终身"), {0.38})  # the page's QR rate


def test_rates_problems() -> None:
    kinds = lambda fees: sorted(p.kind for p in rate_problems(fees))  # noqa: E731
    assert kinds([_rate(0.38, promo_months=3, later_amount=0.63)]) == ["below_floor", "promo_rise"]
    assert kinds([_rate(0.55, promo_months=1, later_amount=0.68)]) == ["promo_rise"]
    assert kinds([_rate(0.55), _rate(None, later_amount=0.72)]) == ["increase"]
    assert kinds([_rate(0.60, later_amount=0.66, conditions="提前30日通知; 不同意的可申请解约")]) == []
    assert kinds([_rate(0.38, conditions="1000元以下")]) == []  # small-ticket tier
    assert kinds([_rate(0.3, "debit"), _rate(0.25, "qr"), _rate(0.6)]) == []
    # a stated cut sells its lower rate: below the floor for a card, fine above it
    assert kinds([_rate(0.6, None, later_amount=0.38, conditions="终身")]) == ["below_floor"]
    assert kinds([_rate(0.6, later_amount=0.55)]) == []


def test_fees_a_spoken_rate_change_without_percent_signs() -> None:
    """Calls and chats say rates without "%" (从原来的0.6降到0.38): both ends are read as rates."""
    fees = _text_fees("客服说新机器费率也从原来的0.6降到0.38，而且是终身的。", "txt")
    assert [(f.amount, f.later_amount) for f in fees] == [(0.6, 0.38)]
    assert [f.kind for f in _text_fees("机器费率0.6%，机器费99元。")] == ["rate", "deposit"]  # 机器 + 费率


# --- hard negatives: nothing here is a fee of the document -----------------------------------------------

HARD_NEGATIVES = [
    "本产品无押金、无激活费、无流量费，领取即用。",
    "押金 | 无 |\n流量费 | 不收取 |\n年费、会员费、保险费 | 均不收取 |",
    "我们不收押金、流量费、年费，也没有任何会员费。",
    "警惕“免费领机”套路：首刷就扣299元押金。",
    "谨防不法分子以升级为名收取398元服务费。",
    "电签机的流量费一般在36-99元之间，办理前问清楚。",
    "申请pos机一般会需要缴纳几百元不等的押金。",
    "某些POS机提供即时到账服务，可能会收取额外费用，通常每笔加收几元。",
    "一笔1000元的信用卡交易，手续费为6元，结算金额为994元。",
    "2016年改革后，信用卡发卡行服务费上限0.45%，网络服务费收单端0.0325%。",
    "问：要押金吗？",
    "门店通过POS机向顾客收取共享单车押金99元。",
    "入住时在POS上做预授权，输入押金金额：大床房300元/晚。",
    "信用卡分期手续费0.35%/期，最长24期。",
    "会员充值100元送20元，收银系统支持会员管理。",
    "店铺租金每月5000元，物业管理费每月800元。",
    "如有人以“刷满返还押金”为名向您收取299元，请拒绝付款。",
    "新闻：某支付机构因违规收取商户押金299元被罚款50万元。",
    "常见套路：\n1. 首刷扣299元押金\n2. 流量费每季度扣一次，每次29元",
    "答：押金不收，流量费也不收。",
    "活动期间机具押金0元。",
    "所谓“0.38%永久不变”的说法，往往是引流套路，请谨慎。",
    "【客服中心】您名下旧机已交的开机服务费199元已符合退还条件，请回复卡号办理退款。",
    "来电方：您当年交的机具押金现在可以统一退还，一共是两百九十八元。",
    "常见话术是“机器免费送，首刷冻结299，刷满10万返还”，口头承诺往往退不了。",
    "单位结算账户管理费 | 小微企业免收；其他单位每户每年300元 | 按账户计收，与是否使用POS无关 |",
]


@pytest.mark.parametrize("text", HARD_NEGATIVES)
def test_fees_hard_negative_states_no_fee(text: str) -> None:
    assert _text_fees(text) == []


HARD_NEGATIVE_FINDINGS = [
    *HARD_NEGATIVES,
    "如需4G流量卡可自愿勾选，费用30元/年，也可随时改用WiFi。",
    "D0到账为选开服务，需商户自行申请，按到账金额0.06%收取；未开通不收取。",
    "租用机具押金300元，协议终止后机具完好归还的，押金无息退还。",
    "领取终端时交纳终端押金贰佰元整。协议终止后归还终端的，10个工作日内将押金无息全额退还。",
    "自3月1日起贷记卡费率由0.60%调整为0.58%。",
    "贷记卡费率由0.55%调整为0.60%，于公告30日后生效；不同意的商户可申请免费解约。",
    "银联二维码（单笔1000元及以下）0.38%，微信、支付宝扫码0.38%。",
    "闪付单笔1000元（含）以下：0.38%；超过1000元按贷记卡0.60%计。",
    "机器故障免费换新，质保一年。",
    "对公账户年费120元，由开户银行按年收取。",
    "以上为全部收费项目，未列明的费用一律不收取。",
    "流量费：48元/年，开通满一年后收取，收取前短信通知。",
    "着急用钱的话，可以在APP里自己开通秒到，每笔加收0.05%，不开就不收。",
    "关于调整费率的公告\n拟自9月1日起，贷记卡手续费率由0.58%调整为0.62%。\n一、本公告公示满三十日后方可生效。\n"
    "二、如您不同意本次调整，可在生效前申请解除协议，我司不收取任何费用。",
    "二、调整内容\n贷记卡交易手续费率由0.60%调整为0.63%。\n三、生效时间\n2026年1月1日起。本公告发布之日至生效日超过30日。",
    "贷记卡费率由0.58%调整为0.61%，我司已提前一个月通过短信逐户告知。",
    "谁跟你说信用卡长期0.3几，你就要想想他从哪里把钱赚回来。",
]


@pytest.mark.parametrize("text", HARD_NEGATIVE_FINDINGS)
def test_fees_hard_negative_flags_nothing(engine, text: str) -> None:  # type: ignore[no-untyped-def]
    from poscheck.pipeline import check_text

    report = check_text(engine, text, kind="html")
    flagged = {f.category for f in report.findings if f.severity != "info"}
    assert not {c for c in flagged if c.startswith("fee.") or c == "promo.free_bait"}, report.findings


def test_fees_a_negator_in_one_cell_does_not_reach_the_next() -> None:
    """"免费" in the cell of 开通费用 frees that fee only: the next cell's 会员费 keeps its price."""
    assert _rows(_text_fees("開通費用 | 免費 | 會員費399元/年 |")) == {("membership", None, 399.0, "元/年")}


def test_fees_a_question_and_answer_page_states_none() -> None:
    """A Q&A page (知乎, 问答) quotes what an agent offered the asker; it charges nothing itself."""
    body = "补充说明：开了个小饭馆，业务员说刷信用卡费率也是0.38%。\n"
    qa = "问题：现在还有0.38%的刷卡POS机吗？\n关注者 1,024 被浏览 38,551\n" + body + "1,317 人赞同了该回答\n"
    assert _text_fees(qa, "txt") == []
    assert _rows(_text_fees("小饭馆POS机办理\n" + body, "txt")) == {("rate", "credit", 0.38, "%")}


def test_fees_a_message_quoted_word_for_word_is_the_senders_offer() -> None:
    """A forum post quoting an SMS 原话 asks about someone else's offer; a complaint quoting the provider's SMS
    word for word shows the fee it was charged."""
    sms = "今天收到一条短信，原话是：“您的POS机月底停用，回复1免费换新机，刷卡费率0.38%永不上涨。”是真的吗？"
    assert _text_fees("商家论坛 收银设备\n" + sms, "txt") == []
    charged = "投诉：被扣了流量费\n收到短信，原话是：“您的流量费99元已从结算款中扣除。”我从没开通过。"
    assert _rows(_text_fees(charged, "txt")) == {("data", None, 99.0, "元")}


def test_fees_a_deposit_returned_in_an_article_of_its_own() -> None:
    """An agreement prices the deposit in its fee table and says in another article that it comes back when the
    device does: the deposit is refundable, on that condition."""
    contract = ("第三条 收费标准\n机具押金 | 叁佰元整 | 签约时一次性交付 |\n第四条 其他\n本协议一式两份。\n"
                "第七条 机具押金的退还：协议终止且甲方将租用机具完好归还后，乙方于十五个工作日内将押金无息退还。\n")
    fees = _text_fees(contract, "txt")
    assert [(f.kind, f.amount, f.refundable) for f in fees] == [("deposit", 300.0, True)]
    assert "无息退还" in fees[0].conditions


def test_fees_a_service_fee_charged_every_month_is_recurring_not_a_deposit() -> None:
    assert _rows(_text_fees("设备服务费19元/月，从当月结算款中扣收。")) == {("recurring", None, 19.0, "元/月")}
    assert _rows(_text_fees("设备服务费99元，首笔交易时扣除。")) == {("deposit", None, 99.0, "元")}


def test_fees_a_bare_period_fee_after_a_service_is_that_services_price() -> None:
    assert _rows(_text_fees("想省手续费？开通VIP商户，年费199元。")) == {("membership", None, 199.0, "元/年")}
    assert _rows(_text_fees("流量卡：年费48元。")) == {("data", None, 48.0, "元/年")}
    # a clause between them is no naming: the period fee stands alone
    assert ("recurring", None, 99.0, "元/年") in _rows(_text_fees("办理VIP会员请咨询客服。系统年费99元。"))


def test_fees_a_fee_swiped_on_the_merchants_own_card() -> None:
    assert _rows(_text_fees("激活时需刷298元服务费，90天内刷满15万返还。")) == {("deposit", None, 298.0, "元")}
    assert _rows(_text_fees("开机要先刷1笔199元的押金。")) == {("deposit", None, 199.0, "元")}
    # volume to reach, an example swipe, a deposit on record: no fee
    assert _rows(_text_fees("激活需刷满1000元交易额。")) == set()
    assert _rows(_text_fees("比如刷一笔5000元的交易，到账4970元。")) == set()
    assert _rows(_text_fees("系统显示您有一笔298元的押金，现在可以原路退回。")) == set()


def test_fees_a_denial_after_the_names_it_denies() -> None:
    """A table's cells read as one line (PDF): the denied names take no amount of the next item."""
    row = "设备押金300元，退租后无息退还流量费、年费、服务费不收取屏幕人为损坏180元"
    assert _rows(_text_fees(row, "pdf")) == {("deposit", None, 300.0, "元")}
    assert _rows(_text_fees("租赁期内通讯费一律免收，维修按实际收费。")) == set()
    # a denial of something else after the amount leaves the fee as it is
    assert _rows(_text_fees("押金99元不收取利息，激活后退还。")) == {("deposit", None, 99.0, "元")}


def test_fees_a_surcharge_on_every_transaction_told_as_more_taken() -> None:
    assert _rows(_text_fees("秒到的，每笔多扣三块。", "txt")) == {("instant", None, 3.0, "元/笔")}
    assert _rows(_text_fees("秒到这个月比上个月多扣3元。", "txt")) == set()


def test_fees_a_deduction_named_later_in_its_own_sentence() -> None:
    story = "扫码激活后刷了一笔，结果到账少了两百九十九，打电话问，说是激活服务费。"
    assert _rows(_text_fees(story, "txt")) == {("deposit", None, 299.0, "元")}


def test_fees_a_percent_told_as_a_change_is_no_rate() -> None:
    assert _rows(_text_fees("开通会员即享信用卡费率立降0.1%。")) == set()
    assert _rows(_text_fees("信用卡费率下调至0.55%。")) == {("rate", "credit", 0.55, "%")}


def test_fees_what_someone_else_said_they_could_give_is_hearsay() -> None:
    chat = "商户 14:25  前两天有人加我微信，说能给我信用卡0.38，还能自己选商户"
    assert _rows(_text_fees(chat, "txt")) == set()


def test_fees_a_chat_reply_prices_what_the_message_before_asked() -> None:
    chat = ("2025-06-18 10:15 面馆老马：\n费率多少 别说虚的\n2025-06-18 10:16 小王：\n"
            "现在做活动 前三个月0.38，三个月后恢复0.63\n")
    fees = _text_fees(chat, "txt")
    assert [(f.kind, f.amount, f.later_amount, f.promo_months) for f in fees] == [("rate", 0.38, 0.63, 3)]
    # a reply that is no answer (another sender does not follow the question) borrows nothing
    assert _text_fees("面馆老马：费率多少\n我想想再说\n前三个月0.38，三个月后恢复0.63\n", "txt") == []


def test_fees_a_bare_service_fee_of_the_activation_is_a_deposit() -> None:
    text = "激活说明：新机首笔刷卡需满200元，系统自动扣除服务费199元，90天内刷满6万元返还。"
    assert _rows(_text_fees(text)) == {("deposit", None, 199.0, "元")}
    assert _rows(_text_fees("系统扣除服务费19元。")) == set()  # a bare 服务费 of no service: unknown
    # …unless it is charged by the month or the year: a recurring fee, whatever it serves
    assert _rows(_text_fees("系统每月扣除服务费19元。")) == {("recurring", None, 19.0, "元/月")}
    spoken = "机器用起来以后每个月有9块9的服务费 是从结算款里自动扣的"
    assert _rows(_text_fees(spoken)) == {("recurring", None, 9.9, "元/月")}
    assert _rows(_text_fees("每笔收取0.6%的服务费，每月5号结算。")) == set()  # a date, not a period
    assert _rows(_text_fees("开通VIP商户服务包，服务费399元/年。")) == {("membership", None, 399.0, "元/年")}


def test_fees_rows_under_a_header_of_names() -> None:
    """A product table names its fees in the header row; each row's cells take their column's name."""
    table = ("机型 | 刷卡费率 | 押金 | 流量费 |\n电签版 | 0.6% | 无 | 第二年起每年99元 |\n"
             "大POS | 0.55% | 199元 | 无 |\n")
    assert _rows(_text_fees(table)) == {("rate", "card", 0.6, "%"), ("rate", "card", 0.55, "%"),
                                        ("data", None, 99.0, "元/年"), ("deposit", None, 199.0, "元")}
    rental = "租车押金怎么交？\n车型 | 车辆押金 |\n经济型 | 3000元 |\n"  # a shop's own customers' deposits
    assert _rows(_text_fees(rental)) == set()


def test_fees_a_membership_told_in_speech() -> None:
    assert _rows(_text_fees("然后要开个会员，一年两百九，开了以后费率就降了。", "txt")) == {
        ("membership", None, 290.0, "元/年")}


def test_fees_chat_forms_of_an_activation_charge_and_a_list_items_insurance() -> None:
    chat = "POS小陈：不叫押金哈 第一笔刷的时候扣298 算激活 三个月内刷够12w全退给你"
    fees = _text_fees(chat, "txt")
    assert [(f.kind, f.amount, f.refundable) for f in fees] == [("deposit", 298.0, True)]
    assert "12万" in normalize(chat).text
    item = "3. 账户资金安全保障：默认开通，按交易金额的0.05%/笔收取。"
    assert [(f.kind, f.amount, f.optional) for f in _text_fees(item)] == [("insurance", 0.05, False)]
    assert _text_fees("资金安全保障：交易资金由收单机构直接结算，我司不经手。") == []


def test_fees_set_sixteen_forms() -> None:
    """A service fee taken at the first swipe is an activation charge; 流量包 is a data fee; 勾选确认 opts in."""
    first = "首次刷卡扣取技术服务费壹佰玖拾玖元，连续3个月每月刷满3万元返还。"
    assert [(f.kind, f.amount, f.refundable) for f in _text_fees(first)] == [("deposit", 199.0, True)]
    assert _rows(_text_fees("流量包 | 每季度36元 |")) == {("data", None, 36.0, "元/季度")}
    chat = "客服：您开通了D0当日到账，开通后每笔按交易金额的0.1%收取加急到账服务费，开通页面需要您勾选确认。"
    assert [f.optional for f in _text_fees(chat, "txt")] == [True]


def test_fees_a_count_per_quarter_and_a_spoken_sum() -> None:
    story = "还有流量费，说好一年一次，结果是一个季度扣一次，每次六十九，四月又扣了。"
    assert _rows(_text_fees(story, "txt")) == {("data", None, 69.0, "元/季度")}


def test_fees_a_service_the_document_calls_optional_elsewhere() -> None:
    """A supplement for an opt-in service says so in its first article and prices it in its third."""
    text = ("快速结算服务补充协议\n第一条 快速结算服务为可选服务，商户不开通的按T+1结算。\n"
            "第二条 商户可在APP内开通或关闭。\n第三条 快速结算服务费按结算金额的0.05%收取。")
    assert [f.optional for f in _text_fees(text, "txt")] == [True]
    default = text.replace("第二条 商户可在APP内开通或关闭。", "第二条 新装机具默认开通快速结算服务。")
    assert [f.optional for f in _text_fees(default.replace("为可选服务", "为增值服务"), "txt")] == [None]
    asked = "问：快速结算可以自行申请开通吗？\n答：请咨询客服。\n快速结算服务费每笔3元。"
    assert [f.optional for f in _text_fees(asked, "txt")] == [None]


def test_fees_last_resort_pairs_the_closest_name_first() -> None:
    """An amount in a clause of its own goes to the nearest name, not to the first name of the sentence."""
    story = "我的投诉：从4月起每一笔刷卡都多扣了一项“账户安全险”，按交易金额的0.1%收。"
    assert _rows(_text_fees(story, "txt")) == {("insurance", None, 0.1, "%")}


def test_fees_a_fee_paid_before_and_offered_back_is_not_charged_but_one_to_pay_is() -> None:
    """A message offering the merchant back what they paid before (the refund lure) charges nothing; a
    notice of a deposit still to be paid, refundable later, states that deposit."""
    assert _text_fees("您的旧机押金299元可原路退回，请回复结算卡卡号。") == []
    assert _rows(_text_fees("温馨提示：您激活时需冻结押金199元，刷满3万可退还。")) == {("deposit", None, 199.0, "元")}
    assert _rows(_text_fees("我之前交的押金299元，业务员说可以退，到现在没退。")) == {("deposit", None, 299.0, "元")}


def test_fees_yuan_written_without_yuan_right_after_the_name() -> None:
    """Ad copy drops the "元" too: a whole number right after a yuan fee's name is its amount; a number with
    another unit, a phone number, or one that no name comes right before stays what it is."""
    assert _rows(_text_fees("电签机包邮，只收押金129，两个月刷满6万退。")) == {("deposit", None, 129.0, "元")}
    assert _rows(_text_fees("流量费:45，次年起收。")) == {("data", None, 45.0, "元/年")}
    for text in ("押金3个月后退还。", "流量费咨询400-800-1234。", "办理送129积分，押金全免。", "服务费 | 12期免息"):
        assert _text_fees(text) == [], text
    # and one a deduction names right before the fee: 扣了299押金 (not 扣了2次流量费)
    assert _rows(_text_fees("问客服，说是扣了299押金，要刷满10万才退。")) == {("deposit", None, 299.0, "元")}
    assert _text_fees("第一个月就扣了2次流量费。") == []
    # a deposit held from the first swipe is money taken too: 冻结99押金 (not 冻结30天资金)
    assert _rows(_text_fees("第一次刷卡会冻结99押金，90天内刷满3万就退回来。")) == {("deposit", None, 99.0, "元")}
    assert _text_fees("交易异常的，平台可冻结30天结算资金。") == []


def test_fees_a_deduction_named_in_the_next_sentence() -> None:
    """Complaints tell the deduction first and what it was called after: the two sentences are read
    together, and only when the first tells a deduction and the second has no amount of its own."""
    story = "我的投诉：新机器到了以后刷了一笔，到账少了，被扣了268元。客服说是“机具激活费”，刷满8万才退。"
    fees = _text_fees(story, "txt")
    assert _rows(fees) == {("deposit", None, 268.0, "元")}
    assert fees[0].evidence.quote.startswith("被扣了268元。")
    no_deduction = "我的投诉：新机器到了以后刷了一笔，到账金额是268元。客服说是“机具激活费”，刷满8万才退。"
    assert _text_fees(no_deduction, "txt") == []
    own_amount = "我的投诉：被扣了268元。客服说是“机具激活费”99元，另外169元是流量费。"
    assert ("deposit", None, 99.0, "元") in _rows(_text_fees(own_amount, "txt"))
    # the sum told without 元, in words: the shortfall is the fee's amount; a count of deductions is not
    shortfall = "我的投诉：第一笔刷了两千，到账的时候少了一百九十九。问了业务员，他说那是“开机费”。"
    assert _rows(_text_fees(shortfall, "txt")) == {("deposit", None, 199.0, "元")}
    assert _text_fees("我的投诉：上个月扣了两次。客服说是“流量费”。", "txt") == []


def test_fees_anti_fraud_notice_quoting_the_scam_states_none_of_its_fees() -> None:
    """A page that teaches (诈骗, 骗子, 冒充 …) and quotes a scammer's message word for word does not offer
    what the quote offers; the same quote on a page that teaches nothing is an offer, and a fee the
    notice states outside quotes is still read."""
    sms = "“【商户服务中心】您的旧机月底停用，现免费换新，刷卡费率永久0.39%，回复1办理。”"
    notice = (f"商户协会公众号\n近期有商户收到短信：\n{sms}\n这是冒充客服的诈骗，骗子寄来的新机要扣服务费。\n"
              "正规机具流量费每年48元，开通满一年后收取。")
    assert _rows(_text_fees(notice, "txt")) == {("data", None, 48.0, "元/年")}
    plain = f"商户协会公众号\n近期有商户收到短信：\n{sms}\n回复1即可办理。"
    assert _rows(_text_fees(plain, "txt")) == {("rate", "card", 0.39, "%")}


def test_fees_rates_written_without_percent_sign() -> None:
    """Ad copy drops the "%": a decimal right after a rate's name is that rate, and nothing else is."""
    fees = _text_fees("电签推广\n信用卡费率：0.55，储蓄卡0.5封顶20元，到账1.0秒。")
    rates = {(f.channel, f.amount, f.unit) for f in fees if f.kind == "rate"}
    assert rates == {("credit", 0.55, "%"), ("debit", 0.5, "%")}
    # a clause number before a name, a version, and a decimal after a name that is no rate stay numbers
    assert _text_fees("合作协议\n1.1 受理终端：指受理银行卡及银联二维码的设备。\n新版2.0上线，提现手续费0.5。") == []


def test_fees_a_bare_service_fee_is_the_fee_of_the_service_the_document_is_about() -> None:
    """A supplement about one service calls its fee just 服务费用: under a title that names a 资金保障服务 it is
    an insurance charge, under a VIP plan a membership fee; under a title that names no such service, or with
    no title about one, a bare 服务费 is no fee at all."""
    article = "\n2. 服务费用：按每笔交易金额的0.08%收取，于结算时直接扣除。\n"
    assert _rows(_text_fees("“商户无忧”资金保障服务补充协议" + article)) == {("insurance", None, 0.08, "%")}
    assert _rows(_text_fees("VIP会员服务协议\n服务费：每月19元，从结算款中扣收。")) == {
        ("membership", None, 19.0, "元/月")}
    assert _text_fees("银行卡收单服务协议" + article) == []
    assert _text_fees("服务费用：按每笔交易金额的0.08%收取。") == []


def test_fees_every_three_or_four_months_and_amounts_after_the_period() -> None:
    """流量费每4个月扣一次 recurs three times a year (the complaint of vocabulary §3); an amount written without
    元 right after the period that follows the name (流量费每季度45) is the fee's; the old device's deposit that
    a swap form offers back (原机押金299元原路退还) is no charge."""
    assert _rows(_text_fees("流量费每4个月扣一次，每次59元，从结算款中扣除。")) == {("data", None, 59.0, "元/4个月")}
    assert _rows(_text_fees("那是流量费，流量费每季度45，系统自动扣的。")) == {("data", None, 45.0, "元/季度")}
    assert _rows(_text_fees("流量费一年36，首年免费。")) == {("data", None, 36.0, "元/年")}
    assert _text_fees("流量费每月10号从结算款扣收。") == []
    assert _text_fees("登记成功后：①原机押金299元原路退还；②免费寄送新款电签机。") == []


def test_fees_an_activation_that_only_needs_a_sum_charges_it() -> None:
    """激活只需99元 is the activation charge of ad copy; a minimum first swipe (首刷只需1000元以上) is none."""
    assert _rows(_text_fees("激活只需99元，30天内刷满3万全额返还！")) == {("deposit", None, 99.0, "元")}
    assert _text_fees("首刷只需1000元以上即可激活。") == []
    assert _text_fees("激活只要刷一笔就行。") == []


def test_fees_a_count_of_deductions_tells_how_often_a_fee_is_taken() -> None:
    """Complaints count deductions instead of naming a period: the deductions told before the count are the fee
    and the count its period, at the most frequent period the count reaches (四个月三次 is quarterly at least)."""
    story = "还有流量费，十月办的，十二月扣了69，今年三月又扣了69，半年扣两次流量费，我也是服了。"
    assert _rows(_text_fees(story, "txt")) == {("data", None, 69.0, "元/季度")}
    lines = "当时说一年流量费就收一次60块。\n1月12号扣了99，“机具流量费”；\n3月3号又扣了99；\n四个月被扣了三次。"
    assert _rows(_text_fees(lines, "txt")) == {("data", None, 60.0, "元/年"), ("data", None, 99.0, "元/季度")}
    # a count after another kind of fee is that fee's: the deposit stays a deposit
    other = "激活时扣了299押金。\n后来流量费半年扣两次。"
    assert _rows(_text_fees(other, "txt")) == {("deposit", None, 299.0, "元")}
    # the amount in the count's own sentence
    told = "流量费去年11月、今年1月、今年3月，5个月扣了三次，每次99元，说是“流量卡服务费”。"
    assert _rows(_text_fees(told, "txt")) == {("data", None, 99.0, "元/季度")}
    # no deduction told, no amount: a count alone is no fee
    assert _text_fees("流量费半年扣了两次，也不知道扣了多少。", "txt") == []


def test_fees_what_arrived_is_no_charge() -> None:
    """The sum a complaint says arrived (到账只有六百九十五块) is the merchant's money, not a fee."""
    story = "第一笔刷了一千块，到账只有六百九十五块，一问才知道首刷就扣了299元押金。"
    assert _rows(_text_fees(story, "txt")) == {("deposit", None, 299.0, "元")}
    assert _rows(_text_fees("押金只有99元，刷满退。")) == {("deposit", None, 99.0, "元")}


def test_fees_a_complaint_under_a_warning_heading_still_tells_its_fees() -> None:
    """A forum files complaints under 避坑曝光: the heading warns, the merchant's story tells what was charged; on
    any other page, a line under a warning heading (常见套路：) retells the scam."""
    story = "商户论坛 » POS机交流区 » 避坑曝光\n我的投诉：办机时被扣了299元押金，说刷满5万退，到现在也没退。"
    assert _rows(_text_fees(story, "txt")) == {("deposit", None, 299.0, "元")}
    assert _text_fees("电签POS机办理\n常见套路：\n激活收押金299元，刷满5万退。", "txt") == []


def test_fees_a_service_fee_taken_every_month_is_recurring() -> None:
    """每个月扣9块9的系统服务费 recurs; a deposit refunded by a monthly target, or within a year, does not."""
    monthly = "另外每个月扣9块9的系统服务费，从到账里直接扣。"
    assert _rows(_text_fees(monthly, "txt")) == {("recurring", None, 9.9, "元/月")}
    assert _rows(_text_fees("押金99元，每月刷满1万返还。")) == {("deposit", None, 99.0, "元")}
    assert _rows(_text_fees("1年内刷满3万退押金99元。")) == {("deposit", None, 99.0, "元")}


def test_fees_a_debit_line_of_a_transaction_detail() -> None:
    """An app's transaction detail lists each fee with the sum taken after a minus sign; a dash that takes no sum
    (封顶 - 20元, 流量费 - 详见协议) is no debit."""
    detail = "交易金额　¥5,000.00\n刷卡手续费（0.60%）　-30.00\n秒到服务费　-3.00\n资金安全保障险（默认开通）　-5.00\n"
    assert _rows(_text_fees(detail, "txt")) == {("rate", "card", 0.6, "%"), ("instant", None, 3.0, "元/笔"),
                                               ("insurance", None, 5.0, "元")}
    assert _text_fees("流量费 -  详见协议", "txt") == []


def test_fees_a_count_may_give_the_sum_taken_each_time() -> None:
    """…4个月扣了我两次，每次89: the count names its sum; 冻结一笔99的服务费 takes 99 (not a threshold)."""
    assert _rows(_text_fees("流量费也是乱来，4个月扣了我两次，每次89，问就是系统扣的。", "txt")) == {
        ("data", None, 89.0, "元/季度")}
    assert _rows(_text_fees("激活的时候系统会冻结一笔99的服务费，三个月内刷够3万返还。", "txt")) == {
        ("deposit", None, 99.0, "元")}
    # the count after a comma, and the fee named between the count and its sum
    assert _rows(_text_fees("机器用了不到三个月，被扣了两次流量费，每次69，签的时候根本没提过。", "txt")) == {
        ("data", None, 69.0, "元/季度")}


def test_fees_one_transaction_priced_by_its_name() -> None:
    """提现一笔2块 prices each withdrawal; 刷一笔1000元的交易 is a transaction of 1000, not a fee."""
    assert _rows(_text_fees("业务员：钱先到APP余额，提现一笔2块，秒到。", "txt")) == {
        ("withdrawal", None, 2.0, "元/笔")}
    assert _rows(_text_fees("终端服务费每月15元，从结算款中扣收。", "txt")) == {("recurring", None, 15.0, "元/月")}


def test_fees_a_deposit_returned_with_the_device_and_one_drawn_from() -> None:
    """交回…全额原路退还 returns the deposit with the device; 可从押金中抵扣 takes a charge from it, no fee itself."""
    text = ("1.1 甲方领用终端时向乙方交付终端押金人民币贰佰元整，该押金不计息。\n"
            "1.2 协议终止后，甲方将终端交回乙方，经确认完好的，乙方在七个工作日内将押金全额原路退还。\n"
            "1.3 终端遗失的，按附表所列价格（主机捌佰元、底座壹佰元）赔偿，可从押金中抵扣。")
    fees = _text_fees(text, "txt")
    assert [(f.kind, f.amount, f.refundable) for f in fees] == [("deposit", 200.0, True)]


def test_fees_a_purpose_is_no_warning_and_a_rate_pack_is_a_membership() -> None:
    """为防范盗刷风险 gives the reason for a default insurance; a VIP费率包 is a paid membership."""
    assert _rows(_text_fees("为防范盗刷风险，每笔交易默认开通资金保障服务，收取交易金额0.06%。")) == {
        ("insurance", None, 0.06, "%")}
    fees = _text_fees("第三条 VIP费率包服务费为叁佰陆拾伍元/年，开通后贷记卡费率降至0.5%。", "txt")
    assert ("membership", None, 365.0, "元/年") in _rows(fees)


def test_fees_a_chat_parts_its_clauses_with_spaces() -> None:
    """陈经理：机器不要钱 首刷扣199 — 不要 took 钱, the space ends its reach; 11/02 20:24 starts a message."""
    chat = "[聊天记录]\n11/02 20:23 我：机器要钱不\n11/02 20:24 陈经理：机器不要钱 首刷扣199 三个月刷满8w全退"
    assert _rows(_text_fees(chat, "txt")) == {("deposit", None, 199.0, "元")}


def test_fees_a_sum_told_before_its_name() -> None:
    """Complaints name the sum first: 说299是押金, 299被扣了，说是押金."""
    for text in ("第一笔刷了500，结果到账只有201，说299是押金。", "第一笔刷了300，到账只有1块，299被扣了，说是押金。"):
        assert _rows(_text_fees(text, "txt")) == {("deposit", None, 299.0, "元")}, text


def test_fees_a_banks_account_price_list_is_no_terminal_fee() -> None:
    """A bank's prices for the business account itself (vocabulary.md §9) are not a terminal's fees; an agent's
    monthly 账户管理费 taken from the settlement is."""
    assert _text_fees("小微企业对公账户服务收费标准\n账户管理费（年费） | 每户每年100元 | 小微企业免收 |") == []
    assert _rows(_text_fees("某某电签POS收费标准\n账户管理费 | 每月5元 | 从结算款中扣收 |")) == {
        ("recurring", None, 5.0, "元/月")}


def test_fees_a_changed_rate_written_without_its_percent() -> None:
    """A complaint writes rates as bare figures (说好的贷记卡0.55，…变成0.63了); a sum in yuan is no rate."""
    fees = _text_fees("当时说好的贷记卡0.55，这个月对账发现变成0.63了，没人通知我。", "txt")
    assert [f.later_amount for f in fees if f.kind == "rate" and f.amount is None] == [0.63]
    assert _rows(_text_fees("贷记卡0.6%，会员价变成0.5元一笔。")) == {("rate", "credit", 0.6, "%")}


def test_fees_optional_by_the_heading_of_their_section() -> None:
    """二、快速结算（可选） above the items of the section makes its fee optional; the lines between are content."""
    page = ("一、标准结算（默认）\nT+1结算至商户同名账户，不收取结算费用。\n二、快速结算（可选）\n"
            "开通方式：商户本人在APP中手动申请。\n收费标准：按每次快速结算金额的0.05%收取。\n")
    assert _one(_text_fees(page), "instant").optional is True


def test_fees_a_fee_table_names_its_item_in_the_first_cell() -> None:
    """账户资金安全保障 | 0.05%/笔 is an insurance fee; the same words in prose promise safety, no fee."""
    table = "项目|标准|\n贷记卡|0.60%|\n账户资金安全保障|0.05%/笔（默认开通）|\n"
    assert ("insurance", None, 0.05, "%") in _rows(_text_fees(table))
    assert all(f.kind != "insurance" for f in _text_fees("我们用心做好资金安全保障，交易费率0.6%。"))


def test_fees_first_character_gates_keep_their_patterns() -> None:
    """denied_after and is_change_by look at one character before running their patterns: on random text they give
    what the bare patterns give."""
    import random

    from poscheck.facts import fees as F
    from poscheck.facts import patterns as P
    from poscheck.facts.labels import Label

    rng = random.Random(5)
    alphabet = [*"、/和及与均都一律全部概也暂不收取免无需支付交", *"降低调减少惠宜省涨高加了费 \t\n,。0.1%",
                "收取", "免收", "降到"]
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        at = rng.randint(0, len(text))
        lab = Label(at, at, "", "data", None, "元", False)
        assert F.denied_after(text, lab) == (F._DENIED_AFTER.match(text, at) is not None), (text, at)
        amt = P.Amount(at, at, 0.1, "%")
        floor = rng.randint(0, at)
        want = at > floor and P._CHANGE_BY.search(text, max(floor, at - 4), at) is not None
        assert P.is_change_by(text, amt, floor) == want, (text, at, floor)


def test_fees_a_charge_read_from_how_it_is_taken_keeps_the_name_given_later() -> None:
    story = "新机首刷扣了三百九十八\n结果卡上被扣了三百九十八元，对方说是“机具服务费”。"
    fees = _text_fees(story, "txt")
    assert [(f.kind, f.amount, f.label) for f in fees] == [("deposit", 398.0, "机具服务费")]
