"""Matching, fee arithmetic, payers and names: the reconciliation behind the statement findings."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from poscheck.statements import analyse_folder
from poscheck.statements.merchant import Rates, describe_mcc, find_business, parse_merchant_number
from poscheck.statements.names import classify_party, names_agree, same_institution, written_person_name
from statements_support import MERCHANT, SLIP, assert_quotes_exact, categories, rules, write_set

TL = "通联支付网络服务股份有限公司"


def _slip(amount: str, when: str = "2025/06/02 09:15:00") -> str:
    return SLIP.replace("RMB 88.00", f"RMB {amount}").replace("2025/06/02 09:15:00", when)


def _flow(*rows: str) -> str:
    return "记账日期,对方户名,对方账号,摘要,贷方发生额,借方发生额\n" + "\n".join(rows) + "\n"


def _rules_fired(folder: Path) -> set[str]:
    report = analyse_folder(folder, rules())
    assert_quotes_exact(report)
    return {f.rule for f in report.findings}


@pytest.mark.parametrize(("a", "b", "same"), [
    ("消费 成都市武侯区蜀禾小厨餐饮店", "成都市武侯区蜀禾小厨餐饮店", True),
    ("南京市鼓楼区麦田烘", "南京市鼓楼区麦田烘焙坊", True),  # truncated
    ("麦田烘焙坊", "南京市鼓楼区麦田烘焙坊", True),  # region dropped
    ("杭州茂捷商贸有限公司", "杭州市上城区衣品汇服装店", False),
    ("重庆市渝中区惠邻便利超市", "重庆市渝中区老巷子火锅店", False),  # same district, different shop
])
def test_names_agree(a: str, b: str, same: bool) -> None:
    assert names_agree(a, b) is same


@pytest.mark.parametrize(("name", "kind"), [
    ("陈志明", "person"),
    ("买买提·艾力", "person"),
    ("中国工商银行股份有限公司成都分行", "bank"),
    ("拉卡拉支付股份有限公司", "licensed"),
    ("银联商务股份有限公司", "licensed"),
    ("福建国通星驿网络科技有限公司", "licensed"),
    ("深圳市聚鑫汇科技有限公司", "company"),
    ("中国银联股份有限公司", "network"),
    ("", "unknown"),
])
def test_classify_party(name: str, kind: str) -> None:
    assert classify_party(name).kind == kind


@pytest.mark.parametrize(("name", "person"), [
    ("张晓峰", True), ("刘*明", True), ("王**", True), ("李某", True), ("欧阳明", True),
    # short words of running text that are no one's name, and names of companies or brands
    ("本人", False), ("未知", False), ("成都", False), ("商户", False), ("拉卡拉", False), ("某某公司", False),
    ("张晓峰科技", False),
])
def test_written_person_name(name: str, person: bool) -> None:
    assert written_person_name(name) is person


def test_same_institution_across_name_forms() -> None:
    assert same_institution("银联商务股份有限公司", "银联商务有限公司")
    assert same_institution("拉卡拉支付股份有限公司", "北京拉卡拉网络技术有限公司")
    assert not same_institution("拉卡拉支付股份有限公司", "上海汇付数据服务有限公司")


def test_merchant_number_and_tables() -> None:
    mno = parse_merchant_number("898 6530 5411 9026")
    assert mno is not None
    assert (mno.acquirer_code, mno.region, mno.mcc, mno.sequence) == ("898", "6530", "5411", "9026")
    assert mno.acquirer is not None and "银联商务" in mno.acquirer.institution
    assert parse_merchant_number("12345") is None
    assert describe_mcc("5411").startswith("5411 ") and "民生类" in describe_mcc("5411")
    assert "not in poscheck's MCC table" in describe_mcc("0001")
    restaurant = find_business("restaurant")
    assert restaurant is not None and restaurant.expected[0] == "5812"
    assert find_business("超市") is not None and find_business("noodle_bar") is None


def test_allowed_fee_rounds_per_transaction_and_caps_debit() -> None:
    rates = Rates(credit=Decimal("0.006"), debit=Decimal("0.005"), debit_cap=Decimal("20"))
    assert rates.allowed_fee(Decimal("486.00"), "credit")[0] == Decimal("2.92")  # 2.916 → 2.92
    assert rates.allowed_fee(Decimal("5000.00"), "debit")[0] == Decimal("20")
    assert rates.allowed_fee(Decimal("5000.00"), None)[0] == Decimal("30.00")  # card type unknown: highest


def test_debit_cap_respected_is_not_a_finding(tmp_path: Path) -> None:
    folder = write_set(tmp_path / "s", slip__txt=_slip("5,000.00").replace("卡号", "借记卡\n卡号"),
                       card_statement__csv="交易日期,交易摘要,金额\n2025-06-02,南京市鼓楼区麦田烘焙坊,5000.00\n",
                       settlement__csv=_flow(f"2025-06-03,{TL},1,T+1结算 交易日0602 笔数1,\"4,980.00\","))
    assert _rules_fired(folder) == set()
    over = write_set(tmp_path / "o", slip__txt=_slip("5,000.00").replace("卡号", "借记卡\n卡号"),
                     settlement__csv=_flow(f"2025-06-03,{TL},1,T+1结算 交易日0602 笔数1,\"4,975.00\","))
    assert "statements.fee-above-agreed" in _rules_fired(over)


def test_daily_total_covering_every_known_transaction_is_checked(tmp_path: Path) -> None:
    two_slips = _slip("100.00") + "\n" + _slip("300.00", "2025/06/02 15:00:00")
    ok = write_set(tmp_path / "ok", slip__txt=two_slips,
                   settlement__csv=_flow(f"2025-06-03,{TL},1,T+1结算 交易日0602 笔数2,397.60,"))
    assert _rules_fired(ok) == set()
    report = analyse_folder(write_set(tmp_path / "bad", slip__txt=two_slips, settlement__csv=_flow(
        f"2025-06-03,{TL},1,T+1结算 交易日0602 笔数2,396.00,")), rules())
    fee = next(f for f in report.findings if f.rule == "statements.fee-above-agreed")
    assert "400.00 − 396.00 = 4.00" in fee.message and "2.40" in fee.message


def test_partial_daily_total_is_not_judged(tmp_path: Path) -> None:
    report = analyse_folder(write_set(tmp_path / "s", settlement__csv=_flow(
        f"2025-06-03,{TL},1,T+1结算 交易日0602 笔数37,\"9,812.64\",")), rules())
    assert categories(report) == set()
    assert report.facts.extra["reconciliation"][0]["status"] == "daily_total_partial"  # type: ignore[index]


def test_missing_settlement_only_once_the_record_covers_the_due_date(tmp_path: Path) -> None:
    rent = "南京宏图贸易有限公司,1,货款,,300.00"
    late = write_set(tmp_path / "late", settlement__csv=_flow(f"2025-06-09,{rent}"))
    assert "statements.settlement-missing" in _rules_fired(late)
    early = write_set(tmp_path / "early", settlement__csv=_flow(f"2025-06-03,{rent}"))
    assert _rules_fired(early) == set()
    total = write_set(tmp_path / "total", settlement__csv=_flow(f"2025-06-03,{TL},1,T+1结算,\"1,530.20\","))
    assert _rules_fired(total) == set()  # may be a total including this transaction: noted, not flagged


def test_fixed_deduction_needs_a_constant_not_a_proportional_excess(tmp_path: Path) -> None:
    two = _slip("100.00") + "\n" + _slip("600.00", "2025/06/02 15:00:00")
    fixed = write_set(tmp_path / "fixed", slip__txt=two, settlement__csv=_flow(
        f"2025-06-02,{TL},1,结算,96.40,", f"2025-06-02,{TL},1,结算,593.40,"))  # 0.6% + 3.00 each
    report = analyse_folder(fixed, rules())
    fx = next(f for f in report.findings if f.rule == "statements.fixed-deduction")
    assert fx.category == "fee.instant_settlement" and "3.00" in fx.message
    assert "statements.fee-above-agreed" in {f.rule for f in report.findings}
    proportional = write_set(tmp_path / "prop", slip__txt=two, settlement__csv=_flow(
        f"2025-06-03,{TL},1,结算,99.00,", f"2025-06-03,{TL},1,结算,594.00,"))  # 1% each
    assert "statements.fixed-deduction" not in _rules_fired(proportional)
    single = write_set(tmp_path / "single",
                       settlement__csv=_flow(f"2025-06-03,{TL},1,T+1结算 交易日0602 笔数1,85.47,"))
    assert "statements.fixed-deduction" not in _rules_fired(single)  # 2.00 extra, but nothing says 秒到


def test_separate_instant_fee_rows(tmp_path: Path) -> None:
    folder = write_set(tmp_path / "s", settlement__csv=_flow(
        f"2025-06-02,{TL},1,D0结算 交易日0602 笔数1,87.56,", f"2025-06-02,{TL},1,秒到手续费,,3.00"))
    assert "statements.fixed-deduction" in _rules_fired(folder)


def test_bank_payer_and_own_transfers_are_not_second_clearing(tmp_path: Path) -> None:
    bank = write_set(tmp_path / "bank", settlement__csv=_flow(
        "2025-06-03,中国建设银行股份有限公司南京分行,1,POS清算,87.56,"))
    assert _rules_fired(bank) == set()
    own = write_set(tmp_path / "own", settlement__csv=_flow(
        f"2025-06-03,{TL},1,T+1结算 交易日0602 笔数1,87.56,",
        "2025-06-04,南京市鼓楼区麦田烘焙坊,1,转存,86.00,"))
    assert _rules_fired(own) == set()


def test_prepaid_only_licence_paying_settlements_is_flagged(tmp_path: Path) -> None:
    folder = write_set(tmp_path / "s", settlement__csv=_flow(
        "2025-06-03,北京中欣银宝通商业服务有限公司,1,POS结算 交易日0602 笔数1,87.56,"))
    report = analyse_folder(folder, rules())
    flagged = next(f for f in report.findings if f.rule == "statements.unlicensed-payer")
    assert "银行卡收单" in flagged.message
    assert "statements.payer-not-acquirer" in {f.rule for f in report.findings}


def test_unknown_business_type_is_a_note_not_a_silent_pass(tmp_path: Path) -> None:
    folder = write_set(tmp_path / "s", merchant__yaml=MERCHANT.replace("bakery", "cake_atelier"))
    report = analyse_folder(folder, rules())
    (note,) = report.findings
    assert note.severity == "info" and "cake_atelier" in note.message and "5462" in note.message
    no_mcc = write_set(tmp_path / "n", merchant__yaml=MERCHANT.replace("bakery", "cake_atelier")
                       .replace('mcc: "5462"\n', ""))
    (note,) = analyse_folder(no_mcc, rules()).findings
    assert "could not be checked" in note.message_en and "无法核对" in note.message


def test_merchant_number_differs_from_profile(tmp_path: Path) -> None:
    folder = write_set(tmp_path / "s", merchant__yaml=MERCHANT + "merchant_no: \"821301054620999\"\n")
    report = analyse_folder(folder, rules())
    assert categories(report) == {"clearing.mcc_jumping"}
    assert any("merchant number" in f.message_en and "商户编号" in f.message for f in report.findings)


def test_overrides_win_over_merchant_yaml(tmp_path: Path) -> None:
    folder = write_set(tmp_path / "s")
    report = analyse_folder(folder, rules(), rate=0.3)  # a 0.3% agreement makes 0.5% too much
    assert categories(report) == {"statements.mismatch"}
    assert report.documents[-1].source.endswith("merchant.yaml + command-line options")


def test_agreed_basis_in_chinese() -> None:
    from poscheck.statements.reconcile import label_zh

    assert label_zh("credit 0.6%") == "信用卡 0.6%"
    basis = "debit 0.5%, capped at 20 yuan + 0.5 yuan per transaction"
    assert label_zh(basis) == "借记卡 0.5%，封顶 20 元 + 每笔 0.5 元"
