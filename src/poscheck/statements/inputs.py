"""Load the three statements of 三单合一 (slip, cardholder statement, settlement record) and the folder.

Column roles are found by header synonyms (交易日期/记账日期/交易时间/交易日, 交易摘要/商户名称/对方户名,
金额/交易金额(元)/收入金额/贷方发生额, 卡号末四位 …); a file lacking a needed column raises
`InputTableError` naming the file, the column and the headers it has. A folder holds `slip.*`,
`card_statement.*`, `settlement.*` and `merchant.yaml` (a few other common names are accepted).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time, timedelta
from decimal import Decimal
from pathlib import Path

from poscheck.models import Document
from poscheck.statements.tables import Cell, Role, Row, Table, read_table, register_headers, resolve_columns
from poscheck.statements.values import parse_amount, parse_date, parse_datetime, parse_time


def _dates(table: Table, k: int) -> bool:
    """A date column: most non-empty values parse as dates (rules out time-only 交易时间 columns)."""
    values = [r.value(k) for r in table.rows[:50] if r.value(k)]
    return bool(values) and sum(parse_date(v) is not None for v in values) * 2 >= len(values)


CARD_ROLES: tuple[Role, ...] = (
    Role("date", "the transaction date",
         ("交易日期", "交易日", "交易时间", "消费日期", "消费时间", "记账日期", "入账日期", "记账日",
          "入账日", "日期"), accept=_dates),
    Role("description", "the merchant name / description",
         # (a merchant's name before a summary: 交易摘要 may hold only 消费 beside 对方户名)
         ("商户名称", "对方户名", "交易摘要", "交易说明", "交易描述", "摘要", "商户", "交易地点", "描述",
          "说明"), exclude=("卡号",)),
    Role("amount", "the amount",
         ("人民币金额", "交易金额", "金额", "消费金额", "记账金额", "入账金额", "交易额"),
         exclude=("外币", "原币", "余额")),
    Role("card_suffix", "the card number's last four digits",
         ("卡号末四位", "卡号后四位", "卡号末4位", "卡号后4位", "卡号尾号", "卡末四位", "尾号", "卡号"),
         required=False),
    Role("time", "the time", ("交易时间", "时间"), required=False),
    Role("ref_no", "the reference number", ("参考号", "检索参考号", "交易参考号"), required=False),
)

SETTLEMENT_ROLES: tuple[Role, ...] = (
    Role("date", "the booking date",
         ("交易日期", "记账日期", "入账日期", "交易日", "记账日", "日期", "交易时间"), accept=_dates),
    Role("payer", "the payer (counterparty) name",
         ("对方户名", "对方名称", "对方账户名", "对方账户名称", "付款人", "付款方", "付款人名称",
          "付款方名称", "交易对手", "对手户名", "对方单位", "收/付方名称", "对方"),
         exclude=("账号", "账户号", "开户行")),
    Role("income", "the amount received",
         ("收入金额", "贷方发生额", "贷方金额", "收入", "存入金额", "入账金额", "贷方", "收款金额"),
         required=False, exclude=("支出", "借方", "余额")),
    Role("expense", "the amount paid out",
         ("支出金额", "借方发生额", "借方金额", "支出", "取出金额", "借方"), required=False,
         exclude=("余额",)),
    Role("amount", "the amount", ("交易金额", "金额", "发生额"), required=False,
         exclude=("余额", "支出", "收入")),
    Role("direction", "debit/credit flag", ("借贷标志", "收支", "借贷", "收支类型"), required=False),
    Role("payer_account", "the payer's account",
         ("对方账号", "对方账户", "付款账号", "付款人账号", "对手账号"), required=False),
    Role("summary", "the description",
         ("摘要", "交易摘要", "附言", "用途", "备注", "交易说明", "交易类型", "说明"), required=False),
    Role("time", "the time", ("交易时间", "时间"), required=False),
)
register_headers(CARD_ROLES)
register_headers(SETTLEMENT_ROLES)


@dataclass(frozen=True)
class CardRow:
    """A cardholder-statement line."""

    doc: Document
    row: Row
    day: date | None
    at: time | None
    description: Cell
    amount: Decimal  # absolute value
    amount_cell: Cell
    date_cell: Cell | None
    card_suffix: str | None
    suffix_cell: Cell | None
    ref_no: str


@dataclass(frozen=True)
class SettlementRow:
    """A line of the merchant's bank account flow."""

    doc: Document
    row: Row
    day: date | None
    payer: Cell | None
    payer_account: str
    summary: Cell | None
    income: Decimal | None
    expense: Decimal | None
    amount_cell: Cell | None
    trade_day: date | None  # 交易日 the summary names, if any
    count: int | None  # 笔数 the summary names, if any

    @property
    def payer_name(self) -> str:
        return self.payer.text if self.payer else ""

    @property
    def summary_text(self) -> str:
        return self.summary.text if self.summary else ""


def load_card_statement(path: Path) -> tuple[Document, list[CardRow]]:
    table = read_table(path)
    cols = resolve_columns(table, CARD_ROLES, "cardholder statement")
    out: list[CardRow] = []
    for row in table.rows:
        amount_cell = row.get(cols["amount"])
        amount = parse_amount(amount_cell.text) if amount_cell else None
        if amount is None or amount_cell is None:
            continue
        date_cell = row.get(cols["date"])
        day, at = parse_datetime(date_cell.text) if date_cell else (None, None)
        if at is None and cols["time"] is not None:
            at = parse_time(row.value(cols["time"]))
        suffix_cell = row.get(cols["card_suffix"])
        digits = re.sub(r"\D", "", suffix_cell.text) if suffix_cell else ""
        desc = row.get(cols["description"]) or Cell("", row.start, row.start)
        out.append(CardRow(table.doc, row, day, at, desc, abs(amount), amount_cell, date_cell,
                           digits[-4:] if len(digits) >= 4 else None, suffix_cell, row.value(cols["ref_no"])))
    return table.doc, out


_TRADE_DAY = re.compile(r"交易日期?\s*[:：]?\s*(\d{8}|\d{4}-\d{2}-\d{2}|\d{4}/\d{2}/\d{2}|\d{4})")
_BARE_DAY = re.compile(r"(?<!\d)(\d{8}|\d{4})(?!\d)")
_COUNT = re.compile(r"笔数\s*[:：]?\s*(\d+)|(?<![\d.])(\d{1,4})\s*笔(?!数)")


def _trade_day(summary: str, booked: date | None) -> date | None:
    """The trade date a settlement summary names (交易日20250314, 交易日0309, 'POS结算款 0405')."""
    m = _TRADE_DAY.search(summary)
    candidates = [m.group(1)] if m else _BARE_DAY.findall(summary) if re.search(
        r"结算|清算|POS|收单", summary, re.IGNORECASE) else []
    for raw in candidates:
        digits = re.sub(r"\D", "", raw)
        if len(digits) == 8:
            d = parse_date(digits)
            if d:
                return d
        elif len(digits) == 4 and booked is not None:
            for year in (booked.year, booked.year - 1):
                try:
                    d = date(year, int(digits[:2]), int(digits[2:]))
                except ValueError:
                    continue
                if timedelta(0) <= booked - d <= timedelta(days=31):
                    return d
    return None


def load_settlement(path: Path) -> tuple[Document, list[SettlementRow]]:
    table = read_table(path)
    cols = resolve_columns(table, SETTLEMENT_ROLES, "settlement record")
    if cols["income"] is None and cols["amount"] is None:
        from poscheck.errors import InputTableError

        seen = ", ".join(h for h in table.headers if h)
        raise InputTableError(
            "the settlement record has no column for the amount received (looked for 收入金额, "
            f"贷方发生额, 贷方金额, 收入, 入账金额, 交易金额, 金额); headers found: {seen}",
            source=table.doc.source,
            remedy="Rename that column's header to one of the names looked for, or export it again",
        )
    out: list[SettlementRow] = []
    for row in table.rows:
        income = expense = None
        amount_cell: Cell | None = None
        if cols["income"] is not None:
            cell = row.get(cols["income"])
            income = parse_amount(cell.text) if cell else None
            amount_cell = cell if income is not None else None
            ecell = row.get(cols["expense"])
            expense = parse_amount(ecell.text) if ecell else None
            if expense is not None and amount_cell is None:
                amount_cell = ecell
        else:
            cell = row.get(cols["amount"])
            value = parse_amount(cell.text) if cell else None
            flag = row.value(cols["direction"])
            if value is not None:
                amount_cell = cell
                outgoing = value < 0 or bool(re.search(r"借|支出|出", flag))
                income, expense = (None, abs(value)) if outgoing else (value, None)
        date_cell = row.get(cols["date"])
        day = parse_date(date_cell.text) if date_cell else None
        if day is None and income is None and expense is None:
            continue
        summary = row.get(cols["summary"])
        stext = summary.text if summary else ""
        cm = _COUNT.search(stext)
        out.append(SettlementRow(
            table.doc, row, day, row.get(cols["payer"]), row.value(cols["payer_account"]), summary,
            income, expense, amount_cell, _trade_day(stext, day),
            int(cm.group(1) or cm.group(2)) if cm else None,
        ))
    return table.doc, out


_NAMES: dict[str, tuple[str, ...]] = {
    "slip": ("slip", "签购单", "小票", "pos_slip", "sales_slip"),
    "card_statement": ("card_statement", "card", "信用卡账单", "持卡人账单", "账单", "cardholder_statement"),
    "settlement": ("settlement", "结算", "流水", "bank_statement", "account_flow", "对账单"),
    "merchant": ("merchant", "商户"),
}
_SUFFIXES: dict[str, tuple[str, ...]] = {
    "slip": (".txt", ".png", ".jpg", ".jpeg", ".bmp", ".webp", ".tif", ".tiff"),
    "card_statement": (".csv", ".xlsx", ".xlsm", ".tsv", ".txt"),
    "settlement": (".csv", ".xlsx", ".xlsm", ".tsv", ".txt"),
    "merchant": (".yaml", ".yml"),
}


@dataclass(frozen=True)
class FolderInputs:
    slips: tuple[Path, ...]
    card_statement: Path | None
    settlement: Path | None
    merchant: Path | None


def find_inputs(folder: Path) -> FolderInputs:
    """Pick each statement out of a folder by file name: exact names first, then names containing a hint."""
    files = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    taken: set[Path] = set()
    found: dict[str, list[Path]] = {}
    for role, hints in _NAMES.items():
        exact = [p for p in files if p.stem.lower() in hints and p.suffix.lower() in _SUFFIXES[role]]
        loose = [p for p in files if p not in exact and p.suffix.lower() in _SUFFIXES[role]
                 and any(h in p.stem.lower() for h in hints)]
        chosen = [p for p in (exact or loose) if p not in taken]
        if role == "slip":  # slip.txt typed from slip.jpg: the same slip once, the text preferred
            by_stem: dict[str, Path] = {}
            for p in chosen:
                if p.stem not in by_stem or p.suffix.lower() == ".txt":
                    by_stem[p.stem] = p
            chosen = [p for p in chosen if by_stem[p.stem] == p]
        found[role] = chosen
        taken.update(chosen if role == "slip" else chosen[:1])
    return FolderInputs(
        slips=tuple(found["slip"]),
        card_statement=found["card_statement"][0] if found["card_statement"] else None,
        settlement=found["settlement"][0] if found["settlement"] else None,
        merchant=found["merchant"][0] if found["merchant"] else None,
    )
