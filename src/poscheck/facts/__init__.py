"""Facts read from documents before any judgement: the fee schedule (`extract_fees`).

The pipeline calls `extract_fees(doc, norm)` for every document (FACT_EXTRACTORS) and keeps the
result in `Facts.fees`; checks in `poscheck.checks.fees` judge them.
"""

from __future__ import annotations

from poscheck.facts.fees import document_genre, extract_fees
from poscheck.facts.patterns import RefundTarget, refund_target

__all__ = ["RefundTarget", "document_genre", "extract_fees", "refund_target"]
