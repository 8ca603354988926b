"""Typed records that flow between stages: documents, evidence, facts, findings, reports."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, NamedTuple

Severity = Literal["info", "low", "medium", "high", "critical"]
SEVERITIES: tuple[Severity, ...] = ("info", "low", "medium", "high", "critical")
SEVERITY_RANK: dict[str, int] = {s: i for i, s in enumerate(SEVERITIES)}

DocKind = Literal["html", "pdf", "docx", "txt", "image", "statement"]

#: Taxonomy v1 (../shared/taxonomy.md). A public contract: never rename an id.
CATEGORIES: tuple[str, ...] = (
    "licence.not_found", "licence.number_mismatch", "licence.no_acquiring", "licence.inactive",
    "site.impersonation", "site.no_operator", "site.sensitive_data",
    "clearing.second_clearing", "clearing.mcc_jumping", "statements.mismatch",
    "fee.deposit", "fee.data", "fee.instant_settlement", "fee.rate_bait", "fee.insurance",
    "fee.membership", "fee.recurring", "fee.withdrawal", "fee.undisclosed",
    "terms.unilateral_change", "terms.non_refundable", "terms.auto_renewal", "terms.penalty",
    "terms.liability_exclusion", "terms.jurisdiction", "terms.fund_hold",
    "promo.cash_out", "promo.free_bait", "promo.fake_service",
)


class Block(NamedTuple):
    """A structural unit of a document's text: heading, paragraph, table row, footer …

    A named tuple rather than a frozen dataclass: a page has dozens, and a frozen dataclass costs twice as much
    to build (its __init__ sets each field through object.__setattr__).
    """

    kind: str  # title | heading | para | row | footer | page | line | cell
    start: int
    end: int


@dataclass(frozen=True)
class RawFile:
    """Bytes as fetched or read, before extraction."""

    source: str  # URL or filesystem path, as the user sees it
    path: str  # where the bytes are on disk now
    url: str | None = None  # the address the content came from, if any
    content_type: str = ""  # HTTP Content-Type or guessed from the suffix
    encoding_hint: str | None = None  # charset from the HTTP header, if any
    status: int | None = None
    referer: str | None = None
    link_text: str = ""


@dataclass(frozen=True)
class Document:
    """Extracted text of one file or page. Every offset in the system points into `text`."""

    id: str  # stable short id: first 12 hex chars of sha256 of the raw bytes
    source: str  # URL or path
    kind: DocKind
    text: str
    sha256: str
    url: str | None = None
    title: str = ""
    encoding: str | None = None
    blocks: tuple[Block, ...] = ()
    pages: tuple[int, ...] = ()  # start offset of each page (PDF); empty otherwise
    ocr_pages: tuple[int, ...] = ()  # 1-based pages of a PDF read by OCR from their images (a scan)
    # (first, last) 1-based page runs of a PDF left unread by a bound (scanned pages past the OCR bound, pages past
    # the page bound): their text is not in `text`, so nothing on them was checked
    unread_pages: tuple[tuple[int, int], ...] = ()
    links: tuple[tuple[int, int], ...] = ()  # (start, end) of each link's text (HTML), in order
    # "" for the whole file; for a page that is no offer but holds one (passages.views): "ad" for a view of a
    # selling passage, a speaker of its own, and "rest" for the page without it
    view: str = ""

    def __hash__(self) -> int:
        # Cheap and consistent with equality: equal documents share id, source and sha256. The
        # generated hash would rehash the whole text and every block on each cache look-up.
        return hash((self.id, self.source, self.sha256))

    def page_of(self, offset: int) -> int | None:
        """1-based page number of `offset`, or None for documents without pages."""
        if not self.pages:
            return None
        page = 0
        for i, start in enumerate(self.pages):
            if start <= offset:
                page = i
            else:
                break
        return page + 1


@dataclass(frozen=True)
class Evidence:
    """An exact quote: `document.text[start:end] == quote`."""

    document: str  # Document.id
    source: str  # URL or path of the document
    quote: str
    start: int
    end: int
    page: int | None = None
    context_before: str = ""
    context_after: str = ""


@dataclass(frozen=True)
class Finding:
    """One risk (or an info note) with its proof and what to do about it."""

    rule: str
    category: str  # one of CATEGORIES
    severity: Severity
    title: str
    message: str
    advice: str
    evidence: tuple[Evidence, ...]
    references: tuple[str, ...] = ()
    explanation: str = ""  # why it fired: phrase, regex, context, validator
    questions: tuple[str, ...] = ()  # what to ask the seller because of this finding
    title_en: str = ""  # English text for --lang en ("" when the rule has none)
    message_en: str = ""
    advice_en: str = ""

    @property
    def quote(self) -> str:
        return self.evidence[0].quote if self.evidence else ""

    def sort_key(self) -> tuple[int, str, str, int]:
        first = self.evidence[0] if self.evidence else None
        return (
            -SEVERITY_RANK[self.severity],
            self.category,
            first.document if first else "",
            first.start if first else 0,
        )


@dataclass(frozen=True)
class Fee:
    """One fee from a schedule, as a fact (issue 4 fills it in)."""

    # rate | fixed | cap | deposit | data | membership | insurance | withdrawal | recurring | instant
    kind: str
    label: str  # the name as written (激活押金, 信用卡刷卡 …)
    amount: float | None
    unit: str  # "%", "元", "元/笔", "元/年", "元/月", "元/季度", "元/4个月", "元/半年"
    evidence: Evidence
    channel: str | None = None  # credit | debit | qr | unionpay_qr | None
    period: str | None = None  # once | per_transaction | month | quarter | four_months | half_year | year
    cap: float | None = None  # 封顶 yuan per transaction
    conditions: str = ""  # refund target, promotional period …
    promo_months: int | None = None  # rate valid for the first N months
    later_amount: float | None = None  # rate or fee after the promotion
    refundable: bool | None = None
    optional: bool | None = None
    max_amount: float | None = None  # upper end of a range


@dataclass(frozen=True)
class Entity:
    """An identity fact found in a document: company, licence number, ICP, USCC, domain …"""

    # company | licence_no | icp | icp_licence | psb | uscc | phone | domain | terminal_model | unionpay_claim
    kind: str
    value: str
    evidence: Evidence
    valid: bool | None = None  # checksum / shape result where one applies
    note: str = ""


@dataclass(frozen=True)
class RunError:
    """An input that could not be read; the run went on without it."""

    source: str
    code: str  # e.g. P201
    message: str


@dataclass(frozen=True)
class GradeReason:
    category: str
    severity: str
    points: int
    note: str = ""


@dataclass(frozen=True)
class Grade:
    letter: str  # A..E, or "?" when nothing could be read
    score: int
    verdict: str
    reasons: tuple[GradeReason, ...] = ()
    cap: str | None = None  # why the grade was capped, if it was
    unchecked: tuple[str, ...] = ()  # what could not be checked


@dataclass
class Facts:
    """Everything extracted from a target's documents, before judgement."""

    fees: list[Fee] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    extra: dict[str, object] = field(default_factory=dict)  # e.g. reconciliation tables (statements)


@dataclass
class Report:
    """The result for one target. Serialised by report.py as `poscheck.report/1`."""

    target: str
    generated_at: str  # ISO 8601, injected for determinism
    tool_version: str
    rules_version: str
    documents: list[Document] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    errors: list[RunError] = field(default_factory=list)
    facts: Facts = field(default_factory=Facts)
    grade: Grade | None = None
    name: str = ""
    kind: str = "check"  # check | statements
    registry_as_of: str = ""
    identity: dict[str, object] = field(default_factory=dict)  # "who is behind this offer" summary
