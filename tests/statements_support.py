"""Shared helpers for the statement tests: the statement rules, the corpus, and small statement sets."""

from __future__ import annotations

from pathlib import Path

from poscheck.models import Report
from poscheck.rules.model import RuleSet
from poscheck.statements import statement_rules

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"

SLIP = """通联支付 签购单
商户名称：南京市鼓楼区麦田烘焙坊
商户编号：821301054620118
收单机构：通联支付网络服务股份有限公司
卡号：621700******9021
日期/时间：2025/06/02 09:15:00
金额：RMB 88.00
"""
CARD = "交易时间,商户名称,交易金额(元),卡号后四位\n2025-06-02 09:15:00,南京市鼓楼区麦田烘焙坊,-88.00,9021\n"
SETTLEMENT = ("记账日期,对方户名,对方账号,摘要,贷方发生额,借方发生额\n"
              "2025-06-03,通联支付网络服务股份有限公司,31001527300099887766,"
              "T+1结算 交易日0602 笔数1,87.56,\n")
MERCHANT = """name: 南京市鼓楼区麦田烘焙坊
business_type: bakery
mcc: "5462"
rates:
  credit: "0.6%"
  debit: "0.5%"
  debit_cap_yuan: 20
settlement: T+1
"""

_RULES: list[RuleSet] = []


def rules() -> RuleSet:
    if not _RULES:
        _RULES.append(statement_rules())
    return _RULES[0]


def write_set(folder: Path, **files: str | bytes) -> Path:
    """A statement folder: the clean bakery set, with any file replaced (slip__txt=... → slip.txt)."""
    base: dict[str, str | bytes] = {"slip.txt": SLIP, "card_statement.csv": CARD,
                                    "settlement.csv": SETTLEMENT, "merchant.yaml": MERCHANT}
    base.update({k.replace("__", "."): v for k, v in files.items()})
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in base.items():
        if content is None:
            continue
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder


def categories(report: Report) -> set[str]:
    return {f.category for f in report.findings if f.severity != "info"}


def assert_quotes_exact(report: Report) -> None:
    """Every evidence quote is exactly the document text at its offsets."""
    docs = {d.id: d for d in report.documents}
    for f in report.findings:
        for e in f.evidence:
            assert e.document in docs, (f.rule, e.source)
            assert docs[e.document].text[e.start:e.end] == e.quote, (f.rule, e.quote)
