"""A slip photo rendered with a CJK font is read by local OCR well enough to check it (offline)."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal
from pathlib import Path

import pytest

from poscheck.statements import analyse_inputs
from poscheck.statements.slip import parse_slips, slip_document
from scans import draw_lines, needs_font
from statements_support import CARD, assert_quotes_exact, categories, rules, write_set

SLIP_LINES = [
    "通联支付 ALLINPAY",
    "POS签购单 / POS SALES SLIP",
    "商户存根            MERCHANT COPY",
    "商户名称(MERCHANT NAME):",
    "  南京市鼓楼区麦田烘焙坊",
    "商户编号(MERCHANT NO.): 821301054620118",
    "终端编号(TERMINAL NO.): 32011876",
    "收单机构(ACQUIRER): 通联支付网络服务股份有限公司",
    "卡号(CARD NO.): 621700******9021  I",
    "交易类型(TRANS TYPE): 消费/SALE",
    "批次号(BATCH NO.): 000311",
    "凭证号(VOUCHER NO.): 004127",
    "参考号(REFER NO.): 250602118834",
    "日期/时间(DATE/TIME): 2025/06/02 09:15:00",
    "金额(AMOUNT): RMB 88.00",
    "持卡人签名(CARDHOLDER SIGNATURE):",
]


def _render(path: Path) -> Path:
    draw_lines(SLIP_LINES).save(path)
    return path


@pytest.mark.slow
@needs_font
def test_ocr_reads_merchant_number_amount_and_date(tmp_path: Path) -> None:
    doc = slip_document(_render(tmp_path / "slip.png"))
    assert doc.kind == "statement" and "ocr" in doc.title
    (slip,) = parse_slips(doc)
    assert slip.merchant_no == "821301054620118"
    assert slip.amount == Decimal("88.00")
    assert slip.day == date(2025, 6, 2) and slip.at == time(9, 15, 0)
    assert slip.card_suffix == "9021"
    for f in slip.fields.values():
        assert doc.text[f.start:f.end] == f.value


@pytest.mark.slow
@needs_font
def test_photo_slip_reconciles_like_a_typed_one(tmp_path: Path) -> None:
    folder = write_set(tmp_path / "set", card_statement__csv=CARD)
    image = _render(folder / "slip.png")
    report = analyse_inputs(image, folder / "card_statement.csv", folder / "settlement.csv",
                            folder / "merchant.yaml", rules())
    assert report.errors == [] and categories(report) == set()
    (row,) = report.facts.extra["reconciliation"]  # type: ignore[misc]
    assert row["matched_card"] and row["matched_settlement"] and row["fee_taken"] == "0.44"
    assert_quotes_exact(report)
