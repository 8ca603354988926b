"""Readings that generalise the misses of held-out set 21 (trades and long documents), each with what it must
leave alone. Texts are our own."""

from __future__ import annotations

from poscheck.models import Document
from poscheck.normalize import normalize
from poscheck.passages import sms_senders, views
from poscheck.pipeline import Engine, check_text


def _categories(engine: Engine, text: str, kind: str = "txt") -> set[str]:
    return {f.category for f in check_text(engine, text, kind=kind).findings if f.severity != "info"}


EXPORT = """短信备份导出 设备：工作手机
2025-03-01 07:52 | 95580 | 【某某银行】您尾号6617账户收入人民币3,420.00元，摘要：POS结算。
2025-03-02 09:14 | 10692837714021 | 【某某支付服务中心】您的终端因备案到期将于3月5日停用，回复1免费更换新机。
2025-03-02 09:47 | 10692837714021 | 【某某支付服务中心】为确认本人办理，请将收到的6位验证码回复本号码。
2025-03-02 10:05 | 18856120937 | 早上有人冒充收单机构发短信，是诈骗，千万不要回。
2025-03-02 10:12 | 95016 | 【某某支付】温馨提示：我司不会以备案到期为由要求回复验证码，谨防诈骗，请勿相信。
"""


def _doc(text: str) -> Document:
    return Document(id="x", source="x", kind="txt", text=text, sha256="x", title="")


def test_an_export_whose_warnings_are_other_senders_messages_is_judged_by_sender(engine: Engine) -> None:
    assert len({s for _, s in sms_senders(normalize(EXPORT, soft_wraps=True).text)}) == 4
    assert [v.view for v in views(_doc(EXPORT))] == ["sender"] * 4
    found = _categories(engine, EXPORT)
    assert {"promo.fake_service", "site.sensitive_data"} <= found
    # the genuine acquirer's notices alone, with their own warning, still teach
    genuine = "\n".join(line for line in EXPORT.splitlines() if "1069" not in line)
    assert not {"promo.fake_service", "site.sensitive_data"} & _categories(engine, genuine)


def test_an_article_quoting_two_messages_is_no_export() -> None:
    article = ("警惕换机诈骗！骗子冒充收单机构，常见短信如下：\n"
               "2025-03-02 09:14 | 10692837714021 | 【某某服务中心】您的终端将停用。\n"
               "2025-03-02 09:47 | 10692837714022 | 【某某服务中心】请回复验证码。\n"
               + "收到这类短信请直接删除，不要回复，也不要点击链接。\n" * 6)
    assert sms_senders(normalize(article).text) == []


def test_a_warning_intro_covers_every_item_of_its_list(engine: Engine) -> None:
    listed = "协会提醒会员单位，以下收费并不常见，遇到应要求对方说明：开机押金；以降低费率为名收取的会员费。"
    assert "fee.membership" not in _categories(engine, listed)
    offer = "本店说明：费率0.6%；开通VIP会员，刷卡费率立减0.1%。"
    assert "fee.membership" in _categories(engine, offer)


def test_a_licensed_acquirer_named_as_payer_is_no_second_clearing(engine: Engine) -> None:
    acquirer = "到账核对：结算款的付款方为“福建国通星驿网络科技有限公司”，与签购单一致。"
    assert "clearing.second_clearing" not in _categories(engine, acquirer)
    tech = "到账核对：这个月结算款的付款方为“厦门某某网络科技有限公司”，不是收单机构。"
    assert "clearing.second_clearing" in _categories(engine, tech)


def test_a_suspicious_transaction_is_no_power_to_hold(engine: Engine) -> None:
    heading = ("特约商户受理协议\n甲方（收单机构）：某某支付有限公司\n乙方（商户）：某某酒店\n"
               "第十一条 可疑交易的暂缓结算\n11.1 对持卡人否认的单笔交易，甲方可暂缓结算该笔交易的款项。\n"
               "11.2 暂缓结算期限不超过三十日。\n第十二条 其他\n12.1 本协议一式两份。")
    assert "terms.fund_hold" not in _categories(engine, heading)
    broad = heading.replace("11.1 对持卡人否认的单笔交易，甲方可暂缓结算该笔交易的款项。",
                            "11.1 甲方认为必要时，可随时暂缓结算乙方全部款项。")
    assert "terms.fund_hold" in _categories(engine, broad)


def test_a_pretext_a_provider_never_uses_and_a_caller_claiming_to_be_staff(engine: Engine) -> None:
    notice = ("某某银行公告：我行工作人员不会以“系统升级”“机具到期停用”为由要求业主邮寄机具。"
              "接到自称“总部”“升级中心”的来电，请先挂断再核实。")
    assert "promo.fake_service" not in _categories(engine, notice)
    ask = "如有自称我司员工要求您提供验证码，请拨打客服电话核实。"
    assert "site.sensitive_data" not in _categories(engine, ask)
    form = "换机登记\n商户名称：\n结算卡号：\n短信验证码：\n提交"
    assert "site.sensitive_data" in _categories(engine, form, kind="html")


def test_a_typical_price_is_no_fee_of_the_document(engine: Engine) -> None:
    assert check_text(engine, "秒到费常见为2元/笔至3元/笔，签约前问清楚。").facts.fees == []
    assert check_text(engine, "秒到费：每笔2元。").facts.fees != []
