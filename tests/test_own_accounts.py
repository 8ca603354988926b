"""Readings that generalise misses left from held-out sets 20–22: a writer's own account under a forum title
(我的踩坑, 求懂行的看看), a salesman's words quoted as his (推销的人嘴里的“选商户”), a bank's own SMS to its
merchant, and a contract whose summary names its court. Each with what it must leave alone. Texts are our own."""

from __future__ import annotations

from flags import flagged
from poscheck.checks import textctx
from poscheck.facts import extract_fees
from poscheck.models import Document
from poscheck.normalize import normalize_document


def _fee_kinds(text: str, title: str) -> set[str]:
    doc = Document(id="x", source="x", kind="txt", text=text, sha256="x", title=title)  # type: ignore[arg-type]
    return {f.kind for f in extract_fees(doc, normalize_document(text, "txt"))}


_STORY = (
    "[心得分享] 扫码盒子值不值得装？说说我的踩坑经历 - 商户之家\n"
    "楼主：卖凉皮的小马 发表于 2025-3-2\n"
    "前年在菜市场口摆摊，有人推荐了个叫“好收宝”的小程序，说不用买机器。用了几个月才发现，收的钱先进小程序里的“余额”，"
    "每次要自己点提现，每提一次现扣3块。后来小程序打不开了，我里面还压着两千多。\n"
    "2楼：老收单\n凡是要你自己从余额里提现的，都是钱在别人手里过了一道，赶紧报警。\n"
)


def test_a_forum_post_titled_as_the_writers_own_experience_reports_what_happened() -> None:
    assert textctx.genre(normalize_document(_STORY, "txt").text) == "complaint"
    found = flagged(_STORY)
    assert {"clearing.second_clearing", "fee.withdrawal"} <= found
    # a guide on how not to fall into the same traps teaches, whatever it says of 踩坑
    guide = ("新手装收款码如何避免踩坑？\n凡是要商户自己从余额里提现的，都是二清，遇到了直接拒绝。"
             "正规收单是持牌机构直接结算到商户本人的银行卡。")
    assert textctx.genre(normalize_document(guide, "txt").text) == "teaching"
    assert not {"clearing.second_clearing", "fee.withdrawal"} & flagged(guide)


_CLINIC = (
    "口腔诊所的刷卡小票怎么打出来是超市？求懂行的看看\n"
    "楼主 · 城南牙科老陈 · 2025-04-11\n"
    "我在城南开了个口腔诊所，去年有个业务员来装的电签。今天有个病人拿着小票问我，我一看，签购单上打的商户名是"
    "福运来生鲜超市，商户编号是822551054110093。我问业务员，他说这是优惠通道，让我别管。\n"
    "2楼 · 收单老师傅\n这是跳码，打收单机构客服按终端号要求用诊所的真实信息重新入网。\n"
)


def test_a_question_post_that_tells_the_askers_own_slip_shows_the_practice() -> None:
    assert "clearing.mcc_jumping" in flagged(_CLINIC)
    # the slip printing the clinic's registered name is no jump (vocabulary.md §20)
    own_name = _CLINIC.replace("福运来生鲜超市", "城南区陈氏口腔诊所（营业执照上的全称）").replace(
        "822551054110093", "822551080210093")
    assert "clearing.mcc_jumping" not in flagged(own_name)


def test_a_salesmans_words_quoted_as_his_are_no_offer() -> None:
    qa = ("加油站收银答疑汇编\n问：有人来推销，说能给我们换个“优惠类”商户，要不要？\n"
          "答：不要。推销的人嘴里的“选商户”“换商户”，就是把交易挂到别人的商户下面。")
    assert "clearing.mcc_jumping" not in flagged(qa)
    pitch = "电签POS机火热办理，支持自选商户，刷卡前选择行业，费率低至0.5%，联系微信pos8899。"
    assert "clearing.mcc_jumping" in flagged(pitch)


_SMS = (
    "短信导出　设备：收银台手机　导出日期：2025-10-09\n"
    "10-01 08:02　95588　【{bank}】贵单位账户*5406于09月30日收到POS结算款12,642.17元（交易日09月29日）。\n"
    "10-02 11:30　13900001111　张姐，财务说外卡刷卡的手续费单独列了，VISA按2.5%收，和合同附件一致。\n"
    "10-03 08:01　95588　【{bank}】尊敬的商户：贵单位终端（尾号0087）今日撤销预授权3笔，合计3,000.00元。\n"
)


def test_a_banks_own_message_about_the_terminal_names_the_acquirer() -> None:
    assert "licence.not_found" not in flagged(_SMS.format(bank="工商银行"))
    # a bank's balance notice beside an agent's pitch says nothing of who acquires the agent's machines
    pitch = ("短信导出\n10-01 08:02　95533　【建设银行】您尾号1234的账户10月1日收入人民币500.00元。\n"
             "10-01 09:10　17700002222　老板您好，电签POS机免费办理，刷卡秒到，费率0.55%，加微信pos777领机。\n")
    assert "licence.not_found" in flagged(pitch)


def test_a_contract_whose_summary_names_its_court_still_charges_its_fees() -> None:
    clause = "第三条　费用\n3.1 技术服务费每年三百六十元，由乙方从甲方交易结算款中扣收。\n"
    assert "recurring" in _fee_kinds(clause, "技术服务协议：年费、自动续展、乙方所在地人民法院管辖")
    # a court's ruling on such a clause reports it: news, no fee of the page's own
    assert _fee_kinds(clause, "法院判决：POS机技术服务协议中年费条款无效") == set()


def test_a_caller_who_claimed_to_be_service_and_pushed_a_swap() -> None:
    letter = ("投诉信\n本人在县城开了一家文具店。上个月一名自称“云刷运营中心客服”的男子打我电话，"
              "说我的机器下个月起停用，要给我寄一台新的，让我把旧机寄回去。我照做了，新机到手后费率就变了。\n")
    assert "promo.fake_service" in flagged(letter)
    notice = ("风险提示\n近期有不法分子自称收单机构客服，以机器下月停用、需升级换机为由让商户寄回旧机。"
              "本公司从不电话通知换机，遇到请立即挂断并拨打机身背面的客服电话核实。\n")
    assert "promo.fake_service" not in flagged(notice)


def test_a_charge_told_as_taken_automatically_month_after_month() -> None:
    complaint = ("投诉：会员关不掉\n我开了一个月的提速会员，第二个月就去关了，结果连续三个月自动从结算款里扣了19，"
                 "我找不到取消的入口，我要求退钱。\n")
    assert "terms.auto_renewal" in flagged(complaint)
    once = "投诉：押金\n我刚开机那天，系统自动从结算款里扣了99，说是押金，我要求退钱，我没同意过。\n"
    assert "terms.auto_renewal" not in flagged(once)


def test_a_merchants_sum_of_the_fee_taken_against_the_fee_agreed() -> None:
    over = ("店主备注\n我5月17号那笔八千是会员刷的信用卡。我合同上写的是千分之六，这一笔却扣了82块4，"
            "按合同应该只扣48块，我到今天也没收到解释。\n")
    assert "statements.mismatch" in flagged(over)
    agreed = ("店主备注\n我5月17号那笔八千是会员刷的信用卡。我合同上写的是千分之六，这一笔扣了48块，"
              "按合同应该扣48块，我核对过是对的。\n")
    assert "statements.mismatch" not in flagged(agreed)
