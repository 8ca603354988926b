"""Readings that generalise the misses of held-out set 24 (who is really behind the offer): a slip whose merchant
number belongs to another acquirer than its 收单机构 field, a licence number printed in groups, the sum of an
activation swipe said in the fewest words, a category list "任您切换", and a forum thread that names a contract.
Also prices told by their period in speech (两百九十九一年). Each with what it must leave alone. Texts are our own."""

from __future__ import annotations

from flags import flagged, shared_engine
from poscheck.facts import extract_fees
from poscheck.identity import extract_entities
from poscheck.models import Document
from poscheck.normalize import normalize, normalize_document
from poscheck.pipeline import check_text


def _doc(text: str) -> Document:
    return Document(id="x", source="x", kind="txt", text=text, sha256="x", title="")  # type: ignore[arg-type]



def _fees(text: str) -> set[tuple[str, float | None, str]]:
    return {(f.kind, f.amount, f.unit) for f in extract_fees(_doc(text), normalize_document(text, "txt"))}


_SLIP = ("求助：小票和到账对不上，我是不是被套了\n我在城西开了家面馆，我把上周的签购单抄下来了，请大家帮我看看：\n\n"
         "  商户名称：城西老李面馆\n  商户编号：{mno}\n  终端编号：30917711\n  收单机构：{acquirer}\n"
         "  金额：RMB 158.00\n\n业务员说是拉卡拉的机器，我也搞不清。\n")


def test_a_slip_whose_merchant_number_is_another_acquirers_disagrees_with_itself() -> None:
    # 821 is 通联's acquirer code (acquirer-codes.csv), printed under 拉卡拉
    report = check_text(shared_engine(), _SLIP.format(mno="821581058120037", acquirer="拉卡拉"))
    found = [f for f in report.findings if f.category == "statements.mismatch" and f.severity != "info"]
    assert found and "收单机构" in found[0].evidence[0].quote and "821581058120037" in found[0].evidence[0].quote
    # 822 is 拉卡拉's own code; an unknown code or no acquirer field compares nothing
    assert "statements.mismatch" not in flagged(_SLIP.format(mno="822581058120037", acquirer="拉卡拉"))
    assert "statements.mismatch" not in flagged(_SLIP.format(mno="999581058120037", acquirer="拉卡拉"))
    assert "statements.mismatch" not in flagged(
        _SLIP.format(mno="821581058120037", acquirer="拉卡拉").replace("  收单机构：拉卡拉\n", ""))


def test_a_licence_number_printed_in_groups_is_read_whole() -> None:
    numbers = {e.value for e in extract_entities(_doc("持牌机构 通联支付 许可证号：Z2000 5310 0001 7，可官网查询。"))
               if e.kind == "licence_no"}
    assert numbers == {"Z2000531000017"}
    flyer = "电签POS免费领，刷卡秒到账，费率0.55%。\n持牌机构 乐刷支付 许可证号：Z2014 4100 01\n办理热线：15677203914"
    assert "licence.number_mismatch" in flagged(flyer)
    # a phone number after a well-formed number is not part of it
    ok = {e.value for e in extract_entities(_doc("许可证号Z2000531000017 400 820 1234")) if e.kind == "licence_no"}
    assert ok == {"Z2000531000017"}


def test_the_sum_of_an_activation_swipe_in_the_fewest_words() -> None:
    assert ("deposit", 299.0, "元") in _fees("0元领机，激活刷299元，3个月刷满8万全额返还。")
    assert ("deposit", 99.0, "元") in _fees("首刷99元，90天内刷满5万原路返还。")
    assert ("deposit", 199.0, "元") in _fees("新机到手激活需刷199元，刷够交易额再退。")
    # a volume to reach, or a swipe of at least some sum, is no charge
    assert not any(k == "deposit" for k, _, _ in _fees("激活刷卡满5000元送品牌音箱一台。"))
    assert not any(k == "deposit" for k, _, _ in _fees("激活需刷一笔200元以上的交易，资金T+1到账。"))


def test_a_list_of_categories_the_merchant_may_switch_between() -> None:
    assert "clearing.mcc_jumping" in flagged(
        "杉德电签办理：商户类型可自选：餐饮、百货、超市、加油站任您切换，到账快费率低。")
    assert "clearing.mcc_jumping" not in flagged(
        "收款方式任您选：刷卡、扫码、碰一碰都支持；商户类别按营业执照如实登记，不可更改。")


def test_a_forum_thread_that_names_a_contract_is_no_agreement_without_fees() -> None:
    thread = ("业务员说是随行付的，合同抬头却是一家科技公司，这正常吗？\n"
              "1楼 楼主 老周\n我在佛山开服装店，上周办了台电签，给我签的纸质单子抬头是一家科技公司的服务确认书，"
              "我有点慌，商户协议到底跟谁签的？收款的钱会不会有问题？我该怎么核对？\n"
              "2楼 收银老炮\n先分清服务商和收单机构。服务商负责装机售后，收单机构才负责结算，"
              "你看看APP里签的商户协议乙方是谁。\n"
              "3楼 楼主 老周\n找到了，APP里的特约商户服务协议签约方是随行付支付有限公司，终端也是他们的。\n"
              "4楼 小王会计\n再看两样：签购单上的商户编号前三位是不是收单机构的代码，"
              "到账记录的付款方是不是收单机构本身。"
              "两样都对得上，纸质那张就只是服务商上门服务的确认单，不用担心。\n")
    assert "fee.undisclosed" not in flagged(thread)


def test_a_price_told_by_its_period_in_speech() -> None:
    assert normalize("会员两百九十九一年").text == "会员299一年"
    assert normalize("流量费九十九一年").text == "流量费99一年"
    assert normalize("我们公司成立二十一年了").text == "我们公司成立21年了"  # a count of years stays one
    assert ("data", 99.0, "元/年") in _fees("流量费九十九一年，第一年免。")
    assert ("membership", 299.0, "元/年") in _fees("想要低费率可以开通尊享会员，两百九十九一年，开通后费率0.55。")
    assert _fees("本行尊享会员可享机场贵宾厅服务。") == set()
