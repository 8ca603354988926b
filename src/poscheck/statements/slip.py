"""Read sales slips (签购单): typed or copied text, or a photo read by local OCR, into transactions.

Each field keeps its span in the slip's text, so a finding can quote 商户编号, 金额 or 日期 exactly.
A file may hold several slips; each 商户名称 label starts a new one. OCR (rapidocr-onnxruntime, whose
Chinese models ship inside the wheel, so it runs offline) is imported only when an image is given.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal
from pathlib import Path

from poscheck.errors import UnsupportedFile
from poscheck.extract import read_input
from poscheck.models import Block, Document
from poscheck.statements.tables import decode_bytes, doc_id
from poscheck.statements.values import Span, parse_amount, parse_datetime, parse_time

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".bmp", ".webp", ".tif", ".tiff")
TEXT_SUFFIXES = (".txt", ".text", "")

_OPT_EN = r"\s*(?:[\(（][A-Za-z .&/]*[\)）])?\s*[:：]?\s*"
# label regexes, each followed by an optional English gloss in brackets and a colon
_LABELS: dict[str, str] = {
    "merchant_name": r"商户名称|商户名|MERCHANT\s*NAME",
    "merchant_no": r"商户编号|商户号|商户代码|MERCHANT\s*NO\.?",
    "terminal_no": r"终端编号|终端号|TERMINAL\s*NO\.?",
    "acquirer": r"收单机构|收单行|收单方|ACQUIRER",
    "issuer": r"发卡行|发卡机构|ISSUER",
    "card": r"卡号|CARD\s*NO\.?",
    "card_type": r"卡类型|卡类别|卡种|CARD\s*TYPE",
    "trans_type": r"交易类型|TRANS\s*TYPE",
    "batch_no": r"批次号|BATCH\s*NO\.?",
    "voucher_no": r"凭证号|流水号|VOUCHER\s*NO\.?|TRACE\s*NO\.?",
    "auth_no": r"授权码|AUTH\s*NO\.?",
    "ref_no": r"检索参考号|参考号|REFER\s*NO\.?|REF\.?\s*NO\.?",
    "datetime": r"日期\s*[/／]\s*时间|日期时间|交易时间|DATE\s*/\s*TIME|日期|DATE",
    "time": r"时间|TIME",
    "amount": r"交易金额|金额|AMOUNT|TOTAL",
    "mcc": r"MCC|商户类别码|商户类型码",
}
# what a value must look like (searched right after its label, on the same or the next line)
_VALUES: dict[str, str] = {
    "merchant_no": r"(?<!\d)\d{15}(?!\d)|(?<!\d)\d{3}[ -]?\d{4}[ -]?\d{4}[ -]?\d{4}(?!\d)",
    "terminal_no": r"(?<![0-9A-Za-z])[0-9A-Za-z]{8}(?![0-9A-Za-z])",
    "card": r"\d{4,6}\s*[*xX●]{3,}\s*\d{4}|\d{13,19}",
    "batch_no": r"\d{6}", "voucher_no": r"\d{6}", "auth_no": r"[0-9A-Za-z]{6}", "ref_no": r"\d{12}",
    "datetime": r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?"
                r"(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?",
    "time": r"\d{1,2}[:：]\d{2}(?:[:：]\d{2})?",
    "amount": r"(?:RMB|CNY|¥|￥|人民币)?\s*\d[\d,]*\.\d{2}|(?:RMB|CNY|¥|￥|人民币)\s*\d+",
    "mcc": r"(?<!\d)\d{4}(?!\d)",
}
_LINE_VALUE = ("merchant_name", "acquirer", "issuer", "trans_type", "card_type")
_NEXT_LABEL = re.compile("|".join(f"(?:{v})" for v in _LABELS.values()))
_CARD_TYPE = re.compile(r"借记卡|贷记卡|准贷记卡|信用卡|储蓄卡")


@dataclass(frozen=True)
class SlipTxn:
    """One transaction as printed on a sales slip."""

    index: int  # 1-based, in file order
    doc: Document
    start: int
    end: int
    fields: dict[str, Span] = field(default_factory=dict)
    day: date | None = None
    at: time | None = None
    amount: Decimal | None = None

    def get(self, name: str) -> Span | None:
        return self.fields.get(name)

    @property
    def merchant_no(self) -> str | None:
        f = self.fields.get("merchant_no")
        return re.sub(r"\D", "", f.value) if f else None

    @property
    def card_suffix(self) -> str | None:
        f = self.fields.get("card")
        if not f:
            return None
        m = re.search(r"(\d{4})\s*$", f.value)
        return m.group(1) if m else None

    @property
    def card_type(self) -> str | None:
        """credit | debit | None (unknown): slips rarely say, the letter after the card no. is entry mode."""
        f = self.fields.get("card_type")
        text = f.value if f else ""
        m = _CARD_TYPE.search(text) or _CARD_TYPE.search(self.doc.text[self.start:self.end])
        if not m:
            return None
        return "debit" if m.group(0) in ("借记卡", "储蓄卡") else "credit"


def _line_bounds(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def _value_after(text: str, name: str, label_end: int, limit: int) -> Span | None:
    """The value belonging to a label: same line after the label, else the next non-empty line."""
    _line_start, line_end = _line_bounds(text, label_end)
    pattern = _VALUES.get(name)
    candidates: list[tuple[int, int]] = [(label_end, line_end)]
    nxt = line_end + 1
    if nxt < limit:
        n_start, n_end = _line_bounds(text, nxt)
        candidates.append((n_start, min(n_end, limit)))
    for k, (a, b) in enumerate(candidates):
        if k and _NEXT_LABEL.match(text[a:b].strip()):
            break  # the next line is another field
        segment = text[a:b]
        if pattern is None:
            stripped = segment.strip()
            if stripped and not set(stripped) <= set("-=*_ "):
                lead = len(segment) - len(segment.lstrip())
                return Span(stripped, a + lead, a + lead + len(stripped))
            continue
        m = re.search(pattern, segment, re.IGNORECASE)
        if m:
            value = m.group(0).strip()
            s = a + m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
            return Span(value, s, s + len(value))
    return None


def _slip_starts(text: str) -> list[int]:
    label = re.compile(rf"(?m)^[ \t]*(?:{_LABELS['merchant_name']})", re.IGNORECASE)
    starts = [m.start() for m in label.finditer(text)]
    return starts or [0]


def parse_slips(doc: Document) -> list[SlipTxn]:
    """Every slip in the document, with its fields, date/time and amount."""
    text = doc.text
    starts = _slip_starts(text)
    bounds = [(0 if k == 0 else s, starts[k + 1] if k + 1 < len(starts) else len(text))
              for k, s in enumerate(starts)]
    slips: list[SlipTxn] = []
    for index, (a, b) in enumerate(bounds, start=1):
        fields: dict[str, Span] = {}
        for name, label in _LABELS.items():
            rx = re.compile(rf"(?:{label}){_OPT_EN}", re.IGNORECASE)
            for m in rx.finditer(text, a, b):
                if name in ("time", "datetime", "card") and _inside_other_label(text, m.start()):
                    continue
                span = _value_after(text, name, m.end(), b)
                if span:
                    fields.setdefault(name, span)
                    break
        _fallbacks(text, a, b, fields)
        day, at = parse_datetime(fields["datetime"].value) if "datetime" in fields else (None, None)
        if at is None and "time" in fields:
            at = parse_time(fields["time"].value)
        amount = parse_amount(re.sub(r"(?i)rmb|cny|人民币", "", fields["amount"].value)) \
            if "amount" in fields else None
        if fields:
            slips.append(SlipTxn(index, doc, a, b, fields, day, at, amount))
    return [s for s in slips if s.amount is not None or s.merchant_no]


def _inside_other_label(text: str, pos: int) -> bool:
    """'时间' inside '日期/时间', '卡号' inside '持卡人…': not a label of its own."""
    before = text[max(0, pos - 6):pos]
    return bool(re.search(r"(日期\s*[/／]\s*|DATE\s*/\s*|EXP\s*|有效|持|发|交易)$", before, re.IGNORECASE))


def _fallbacks(text: str, a: int, b: int, fields: dict[str, Span]) -> None:
    """Values found without their label (OCR may drop or garble labels)."""
    for name in ("merchant_no", "datetime", "amount"):
        if name in fields:
            continue
        m = re.search(_VALUES[name], text[a:b], re.IGNORECASE)
        if m:
            fields[name] = Span(m.group(0).strip(), a + m.start(), a + m.start() + len(m.group(0).strip()))


def slip_document(path: Path, source: str | None = None) -> Document:
    """The slip as a document: the text file decoded, or an image's OCR text."""
    src = source or str(path)
    raw = read_input(path, src, too_big_remedy="Give a photo or text of the slip itself.")
    suffix = path.suffix.lower()
    if suffix in IMAGE_SUFFIXES:
        text, kind_note = ocr_image(path, src), "ocr"
        encoding = None
    elif suffix in TEXT_SUFFIXES:
        text, encoding = decode_bytes(raw, src)
        kind_note = "text"
    else:
        raise UnsupportedFile(f"a slip must be text or an image ({', '.join(IMAGE_SUFFIXES)})", source=src,
                              remedy="Type the slip into a .txt file, or photograph it as PNG/JPG.")
    blocks = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            blocks.append(Block("line", pos, pos + len(line)))
        pos += len(line) + 1
    return Document(id=doc_id(raw), source=src, kind="statement", text=text,
                    sha256=hashlib.sha256(raw).hexdigest(), title=f"{path.name} ({kind_note})",
                    encoding=encoding, blocks=tuple(blocks))


def ocr_image(path: Path, source: str) -> str:
    """OCR a slip photo locally (see `poscheck.extract.image.ocr_text`)."""
    from poscheck.extract.image import ocr_text

    return ocr_text(path, source)
