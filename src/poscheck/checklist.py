"""Questions to ask the seller and checks to do offline, each tied to the findings that raised it.

Questions come from the rules (`Finding.questions`), deduplicated, plus a few every merchant should
ask. Offline checks (PBOC licence list, UnionPay 95516, the real MCC after the first transaction,
the agent's filing) are fixed texts filled with what the report found (acquirers, terminal models).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from poscheck.i18n import check_lang


@dataclass(frozen=True)
class Card:
    """What the checklist needs of a finding card: its number, category and questions."""

    n: int
    category: str
    questions: tuple[str, ...]


GENERAL_QUESTIONS: dict[str, tuple[str, ...]] = {
    "zh": (
        "和我签合同的是哪家公司？收单机构是哪一家，支付业务许可证号是多少？",
        "货款由谁结算、打进哪个账户？是不是直接进我本人名下的银行卡？",
        "除了刷卡费率，还要交哪些钱（押金、流量费、秒到费、会员费、年费）？请给我完整的书面收费表。",
    ),
    "en": (
        "Which company signs the contract with me? Which acquirer processes the payments, and what is its "
        "payment licence number?",
        "Who settles my takings, and into which account? Is it paid straight into my own bank account?",
        "Besides the card rate, what else do I pay (deposit, data fee, instant-settlement fee, membership, "
        "annual fee)? Please give me the complete fee table in writing.",
    ),
}

#: id → (categories that raise it, always shown?, {lang: (title, how)}); `{acquirers}`/`{models}` filled in.
_LICENCE = frozenset({"licence.not_found", "licence.number_mismatch", "licence.no_acquiring",
                      "licence.inactive", "site.impersonation", "clearing.second_clearing"})
_TERMINAL = frozenset({"promo.fake_service", "site.impersonation", "promo.free_bait"})
_FIRST_TXN = frozenset({"clearing.mcc_jumping", "fee.rate_bait", "statements.mismatch",
                        "clearing.second_clearing", "fee.withdrawal"})
_AGENT = frozenset({"licence.not_found", "site.no_operator", "site.impersonation",
                    "clearing.second_clearing", "promo.fake_service"})
_SITE = frozenset({"site.no_operator", "site.impersonation"})

#: id → (categories that raise it, always shown?, {lang: (title, how)}); `{acquirers}`/`{models}` filled in.
CHECKS: tuple[tuple[str, frozenset[str], bool, dict[str, tuple[str, str]]], ...] = (
    ("pboc", _LICENCE, True, {
        "zh": ("查人民银行的支付机构名单",
               "在中国人民银行网站 → 政务公开 → 行政审批公示 → 已获许可机构（支付机构）中"
               "查 {acquirers} 的支付业务许可证：业务类型要有“银行卡收单”，状态有效，"
               "覆盖你所在的省份。"),
        "en": ("Look the acquirer up on the PBOC list",
               "On the People's Bank of China site (政务公开 → 行政审批公示 → 已获许可机构（支付机构）) "
               "look up {acquirers}: its payment licence must include bank-card acquiring (银行卡收单), "
               "be valid, and cover your province."),
    }),
    ("unionpay", _TERMINAL, True, {
        "zh": ("打 95516 查机具是否经银联认证",
               "致电中国银联 95516，或在中国银联网站的“终端产品认证查询”中，"
               "查机具型号 {models} 是否通过银联认证。"),
        "en": ("Call UnionPay 95516 about the terminal",
               "Call UnionPay on 95516, or use the terminal certification search on UnionPay's site, "
               "to check that the terminal model {models} is certified."),
    }),
    ("first_txn", _FIRST_TXN, True, {
        "zh": ("刷第一笔后查真实的收单机构和商户类别",
               "用发卡银行App或致电 95516，凭卡号、金额和时间查这笔交易的收单机构、商户名称"
               "和商户类别码(MCC)，与签购单对照：名称或MCC不是你的店，就是跳码。"
               "钱到账时看付款方是不是收单机构本身、是否进了你本人的银行卡。"
               "poscheck statements 可以帮你核对这三份单据。"),
        "en": ("After the first sale, check the real acquirer and MCC",
               "With the card issuer's app or UnionPay 95516, look up that transaction by card number, "
               "amount and time: acquirer, merchant name and merchant category code (MCC) must match "
               "your slip and your shop, or it is MCC jumping. When the money arrives, the payer must "
               "be the acquirer itself and the account your own. `poscheck statements` compares the "
               "three records for you."),
    }),
    ("pcac", _AGENT, True, {
        "zh": ("查代理商的授权和备案",
               "对方如果是代理商或服务商，要求出示收单机构的授权书，并核实它在中国支付清算协会的"
               "收单外包服务机构备案（公开查询入口未经核实：可打收单机构官方客服电话，"
               "确认对方是否是其备案服务商）。"),
        "en": ("Check the agent's authorisation and filing",
               "If the seller is an agent (服务商/代理商), ask for the acquirer's letter of authorisation "
               "and verify its filing as an acquiring outsourcing provider with the Payment & Clearing "
               "Association of China (the public search path is unverified: call the acquirer's "
               "official hotline and ask whether the agent is filed with it)."),
    }),
    ("icp", _SITE, False, {
        "zh": ("查网站备案",
               "在工信部“ICP/IP地址/域名信息备案管理系统”查这个网站的备案主体，"
               "看是否与合同上的公司一致。"),
        "en": ("Check the site's ICP filing",
               "In the MIIT ICP/IP/domain filing system, look up who filed this site, and compare it "
               "with the company on the contract."),
    }),
)

_UNKNOWN = {
    "zh": {"acquirers": "对方给出的收单机构（对方没有写明就先让对方写明）",
           "models": "（先问对方要机具型号）"},
    "en": {"acquirers": "the acquirer the seller names (if none is named, ask first)",
           "models": "(ask the seller for the exact model first)"},
}


def _refs(numbers: Sequence[int]) -> list[dict[str, str]]:
    return [{"n": str(n), "href": f"#f{n}"} for n in sorted(set(numbers))]


def questions(cards: Sequence[Card], lang: str) -> list[dict[str, object]]:
    """Each distinct rule question once, with the cards that raised it; then the general questions."""
    check_lang(lang)
    order: list[str] = []
    raised: dict[str, list[int]] = {}
    for card in cards:
        for q in card.questions:
            q = q.strip()
            if not q:
                continue
            if q not in raised:
                order.append(q)
                raised[q] = []
            raised[q].append(card.n)
    out: list[dict[str, object]] = [{"text": q, "refs": _refs(raised[q]), "general": False} for q in order]
    out += [{"text": q, "refs": [], "general": True} for q in GENERAL_QUESTIONS[lang] if q not in raised]
    return out


def _names(identity: dict[str, object], key: str, field: str) -> list[str]:
    items = identity.get(key)
    names: list[str] = []
    if isinstance(items, list):
        for item in items:
            value = item.get(field) if isinstance(item, dict) else item
            if isinstance(value, str) and value and value not in names:
                names.append(value)
    return names


def offline_checks(cards: Sequence[Card], identity: dict[str, object], lang: str) -> list[dict[str, object]]:
    """The offline checks, raised ones first; each lists the cards whose category raised it."""
    check_lang(lang)
    sep = "、" if lang == "zh" else ", "
    acquirers = _names(identity, "acquirers", "institution")
    models = _names(identity, "terminal_models", "")
    fill = {
        "acquirers": sep.join(acquirers) if acquirers else _UNKNOWN[lang]["acquirers"],
        "models": sep.join(models) if models else _UNKNOWN[lang]["models"],
    }
    raised_list: list[dict[str, object]] = []
    always_list: list[dict[str, object]] = []
    for cid, categories, always, texts in CHECKS:
        numbers = [c.n for c in cards if c.category in categories]
        if not numbers and not always:
            continue
        title, how = texts[lang]
        item: dict[str, object] = {"id": cid, "title": title, "how": how.format(**fill),
                                   "refs": _refs(numbers), "always": not numbers}
        (raised_list if numbers else always_list).append(item)
    return raised_list + always_list
