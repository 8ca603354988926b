"""Statement files: header synonyms, GBK, XLSX, amounts and dates, slips, and clear missing-column errors."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from poscheck.errors import InputTableError
from poscheck.extract.image import boxes_to_text
from poscheck.models import Document
from poscheck.statements import analyse_folder, analyse_inputs
from poscheck.statements.inputs import find_inputs, load_card_statement, load_settlement
from poscheck.statements.slip import parse_slips
from poscheck.statements.values import parse_amount, parse_datetime, parse_rate
from poscheck.statements_cli import statements
from statements_support import SETTLEMENT, assert_quotes_exact, categories, rules, write_set


@pytest.mark.parametrize("header", [
    "交易日期,交易摘要,人民币金额,卡号末四位",
    "交易日,交易说明,金额,卡号后四位",
    "交易时间,商户名称/交易描述,交易金额(元),卡号末4位",
    "消费日期,对方户名/商户名称,交易金额（CNY）,卡号",
    "记账日期,交易描述,交易金额,卡号后4位",
])
def test_card_statement_header_variants(tmp_path: Path, header: str) -> None:
    path = tmp_path / "card.csv"
    row = '2025-06-02,南京市鼓楼区麦田烘焙坊,"1,088.00",621700******9021'
    path.write_text(f"{header}\n{row}\n", encoding="utf-8")
    doc, rows = load_card_statement(path)
    (row,) = rows
    assert row.day == date(2025, 6, 2)
    assert row.amount == Decimal("1088.00")
    assert row.card_suffix == "9021"
    assert doc.text[row.description.start:row.description.end] == "南京市鼓楼区麦田烘焙坊"
    assert doc.text[row.amount_cell.start:row.amount_cell.end] == "1,088.00"


def test_a_card_statements_merchant_column_comes_before_its_summary(tmp_path: Path) -> None:
    path = tmp_path / "card.csv"
    path.write_text("交易日期,交易时间,交易摘要,对方户名,交易金额(元),卡号末四位\n"
                    "2025-06-02,09:15:00,消费,南京市鼓楼区麦田烘焙坊,-88.00,9021\n", encoding="utf-8")
    doc, (row,) = load_card_statement(path)
    assert doc.text[row.description.start:row.description.end] == "南京市鼓楼区麦田烘焙坊"
    assert not categories(analyse_folder(write_set(tmp_path / "set", card_statement__csv=path.read_text()), rules()))


def test_settlement_signed_amount_column_and_title_lines(tmp_path: Path) -> None:
    path = tmp_path / "flow.csv"
    path.write_text("账户明细查询\n账号：6222 **** 1234\n"
                    "交易日期,付款人名称,交易金额,借贷标志,附言\n"
                    "2025-06-03,通联支付网络服务股份有限公司,87.56,贷,结算款\n"
                    "2025-06-04,南京宏图贸易有限公司,-300.00,借,货款\n", encoding="utf-8")
    _doc, rows = load_settlement(path)
    assert [(r.payer_name, r.income, r.expense) for r in rows] == [
        ("通联支付网络服务股份有限公司", Decimal("87.56"), None),
        ("南京宏图贸易有限公司", None, Decimal("300.00")),
    ]


def test_gbk_card_statement_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "card_statement.csv"
    text = "交易日期,交易摘要,金额,卡号末四位\r\n2025-06-02,南京市鼓楼区麦田烘焙坊,88.00,9021\r\n"
    path.write_bytes(text.encode("gbk"))
    doc, rows = load_card_statement(path)
    assert doc.encoding == "gbk"
    assert rows[0].description.text == "南京市鼓楼区麦田烘焙坊"
    report = analyse_folder(write_set(tmp_path / "set", card_statement__csv=text.encode("gbk")), rules())
    assert report.errors == [] and categories(report) == set()


def test_xlsx_settlement_with_title_rows(tmp_path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["活期账户交易明细"])
    ws.append(["户名：南京市鼓楼区麦田烘焙坊"])
    ws.append(["记账日期", "对方户名", "对方账号", "摘要", "贷方发生额", "借方发生额"])
    ws.append([datetime(2025, 6, 3), "刘敏", "6217001122334455667", "转账", 87.56, None])
    ws.append([datetime(2025, 6, 4), "南京宏图贸易有限公司", "32050188001122334455", "货款", None, 3000])
    folder = write_set(tmp_path / "set", settlement__csv="")
    (folder / "settlement.csv").unlink()
    wb.save(folder / "settlement.xlsx")
    _doc, rows = load_settlement(folder / "settlement.xlsx")
    assert (rows[0].day, rows[0].payer_name, rows[0].income) == (date(2025, 6, 3), "刘敏", Decimal("87.56"))
    report = analyse_folder(folder, rules())
    assert report.errors == []
    assert categories(report) == {"clearing.second_clearing", "statements.mismatch"}
    assert_quotes_exact(report)
    xlsx_doc = next(d for d in report.documents if d.source.endswith(".xlsx"))
    assert "刘敏\t6217001122334455667\t转账\t87.56" in xlsx_doc.text


def test_missing_column_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "settlement.csv"
    path.write_text("日期,摘要,余额\n2025-06-03,结算,100.00\n", encoding="utf-8")
    with pytest.raises(InputTableError) as info:
        load_settlement(path)
    msg = str(info.value)
    assert str(path) in msg and "payer" in msg and "对方户名" in msg
    assert "headers found: 日期, 摘要, 余额" in msg
    assert msg.startswith("[P500]")


def test_missing_column_becomes_a_run_error_and_the_rest_is_checked(tmp_path: Path) -> None:
    folder = write_set(tmp_path / "set", card_statement__csv="日期,说明\n2025-06-02,面包\n")
    report = analyse_folder(folder, rules())
    (err,) = report.errors
    assert err.code == "P500" and "card_statement.csv" in err.message and "the amount" in err.message
    assert report.facts.extra["reconciliation"][0]["matched_settlement"]  # type: ignore[index]


def test_cli_exit_code_3_without_traceback_on_missing_column(tmp_path: Path) -> None:
    folder = write_set(tmp_path / "set", settlement__csv="日期,摘要,余额\n2025-06-03,结算,100.00\n")
    result = CliRunner().invoke(statements, [str(folder)])
    assert result.exit_code == 3
    assert "Traceback" not in result.output
    assert "settlement.csv" in result.output and "payer" in result.output


def test_cli_prints_a_summary_for_files_given_one_by_one(tmp_path: Path) -> None:
    folder = write_set(tmp_path / "set")
    result = CliRunner().invoke(statements, [
        "--slip", str(folder / "slip.txt"), "--card-statement", str(folder / "card_statement.csv"),
        "--settlement", str(folder / "settlement.csv"), "--merchant-name", "南京市鼓楼区麦田烘焙坊",
        "--business", "bakery", "--rate", "0.6", "--debit-rate", "0.5"])
    assert result.exit_code == 0, result.output
    assert "0 finding(s)" in result.output and "fee 0.44 (0.50%)" in result.output


def test_cli_usage_errors(tmp_path: Path) -> None:
    assert CliRunner().invoke(statements, []).exit_code == 2
    folder = write_set(tmp_path / "set")
    result = CliRunner().invoke(statements, [str(folder), "--business", "noodle_bar"])
    assert result.exit_code == 2 and "unknown business type" in result.output and "--mcc" in result.output


def test_values() -> None:
    assert parse_amount("3,168.00") == Decimal("3168.00")
    assert parse_amount("-268.50") == Decimal("-268.50")
    assert parse_amount("¥1,268") == Decimal("1268")
    assert parse_amount("(2,000.00)") == Decimal("-2000.00")
    assert parse_amount("１２．５０") == Decimal("12.50")
    assert parse_amount("") is None and parse_amount("转账") is None
    assert parse_datetime("2025-03-09 10:15:41") == (date(2025, 3, 9), time(10, 15, 41))
    assert parse_datetime("2025/03/1419:42:08") == (date(2025, 3, 14), time(19, 42, 8))  # OCR lost the space
    assert parse_datetime("2025年3月4日 9:05") == (date(2025, 3, 4), time(9, 5))
    assert parse_datetime("20250314") == (date(2025, 3, 14), None)
    assert parse_rate("0.6%") == Decimal("0.006") and parse_rate(0.6) == Decimal("0.006")
    assert parse_rate("千分之6") == Decimal("0.006") and parse_rate("6‰") == Decimal("0.006")


def _doc(text: str) -> Document:
    return Document(id="x", source="slip.txt", kind="statement", text=text, sha256="x")


def test_slip_fields_keep_their_offsets() -> None:
    text = ("商户名称(MERCHANT NAME):\n  成都市武侯区蜀禾小厨餐饮店\n"
            "商户编号(MERCHANT NO.): 822651058120347\n"
            "有效期(EXP DATE): **/**\n日期/时间(DATE/TIME): 2025/03/14 19:42:08\n金额(AMOUNT): RMB 1,486.00\n"
            "卡号(CARD NO.): 622576******3312  C\n贷记卡\n")
    (slip,) = parse_slips(_doc(text))
    assert slip.merchant_no == "822651058120347" and slip.amount == Decimal("1486.00")
    assert (slip.day, slip.at) == (date(2025, 3, 14), time(19, 42, 8))
    assert slip.card_suffix == "3312" and slip.card_type == "credit"
    for f in slip.fields.values():
        assert text[f.start:f.end] == f.value


def test_several_slips_in_one_file() -> None:
    one = "商户名称：甲店\n商户编号：822651058120347\n日期/时间：2025/03/14 10:00:00\n金额：RMB 10.00\n"
    two = one.replace("10.00", "20.00").replace("10:00:00", "11:00:00")
    slips = parse_slips(_doc(one + "\n" + two))
    assert [s.amount for s in slips] == [Decimal("10.00"), Decimal("20.00")]


def test_ocr_boxes_become_lines() -> None:
    boxes = [([[10, 50], [90, 50], [90, 70], [10, 70]], "金额:"),
             ([[100, 52], [200, 52], [200, 72], [100, 72]], "RMB 5.00"),
             ([[10, 10], [90, 10], [90, 30], [10, 30]], "商户名称")]
    assert boxes_to_text(boxes) == "商户名称\n金额: RMB 5.00"


def test_folder_file_names(tmp_path: Path) -> None:
    names = ("签购单1.jpg", "签购单2.jpg", "信用卡账单.xlsx", "结算流水.csv", "merchant.yml", "notes.txt")
    for name in names:
        (tmp_path / name).write_bytes(b"")
    found = find_inputs(tmp_path)
    assert [p.name for p in found.slips] == ["签购单1.jpg", "签购单2.jpg"]
    assert found.card_statement and found.card_statement.name == "信用卡账单.xlsx"
    assert found.settlement and found.settlement.name == "结算流水.csv"
    assert found.merchant and found.merchant.name == "merchant.yml"


def test_inputs_given_one_by_one_with_options(tmp_path: Path) -> None:
    folder = write_set(tmp_path / "set")
    options = {"name": "南京市鼓楼区麦田烘焙坊", "business_type": "bakery", "rate": 0.6}
    report = analyse_inputs(folder / "slip.txt", folder / "card_statement.csv", folder / "settlement.csv",
                            options, rules())
    assert categories(report) == set() and report.errors == []
    profile_doc = report.documents[-1]
    assert profile_doc.source == "command-line options" and "bakery" in profile_doc.text
    assert SETTLEMENT.splitlines()[1] in report.documents[2].text


def test_copies_of_one_slip_count_once(tmp_path: Path) -> None:
    from statements_support import SLIP

    copy = SLIP.replace("通联支付 签购单", "持卡人存根 CARDHOLDER COPY")
    folder = write_set(tmp_path / "set", slip__txt=SLIP + "\n" + copy)
    report = analyse_folder(folder, rules())
    assert len(report.facts.extra["reconciliation"]) == 1  # type: ignore[arg-type]
    assert categories(report) == set()
    (folder / "slip.jpg").write_bytes(b"not read: slip.txt is the same slip typed out")
    assert [p.name for p in find_inputs(folder).slips] == ["slip.txt"]


def test_unreadable_inputs_are_reported_and_the_rest_is_checked(tmp_path: Path) -> None:
    folder = write_set(tmp_path / "set", slip__txt="谢谢惠顾\n", merchant__yaml="- just\n- a list\n")
    report = analyse_folder(folder, rules())
    assert sorted(e.code for e in report.errors) == ["P300", "P500"]
    assert all(str(folder) in e.message for e in report.errors)
    unchecked = report.facts.extra["unchecked"]
    assert isinstance(unchecked, list) and any("no merchant profile" in u for u in unchecked)
    (folder / "slip.txt").unlink()
    (folder / "slip.pdf").write_bytes(b"%PDF-1.4")
    report = analyse_inputs(folder / "slip.pdf", None, folder / "settlement.csv", None, rules())
    assert [e.code for e in report.errors] == ["P301"]


def test_cli_writes_the_json_report(tmp_path: Path) -> None:
    import json

    folder = write_set(tmp_path / "set", settlement__csv=SETTLEMENT.replace("87.56", "87.00"))
    out = tmp_path / "report.json"
    result = CliRunner().invoke(statements, [str(folder), "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["kind"] == "statements"
    assert {f["category"] for f in data["findings"]} == {"statements.mismatch"}
    assert data["facts"]["reconciliation"][0]["fee_taken"] == "1.00"  # facts.extra is spread into facts
