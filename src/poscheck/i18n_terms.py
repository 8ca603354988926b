"""Plain-language names for taxonomy categories, fee kinds and cost notes, in Chinese and English.

A category's text says what the risk means for a shop owner; the rule's own message (quoted from the
page) is shown beside it, unchanged. Ids are the public taxonomy of `../shared/taxonomy.md`.
"""

from __future__ import annotations

from poscheck.i18n import check_lang

#: category → language → (short label, what it means in plain words)
CATEGORY_TEXT: dict[str, dict[str, tuple[str, str]]] = {
    "licence.not_found": {
        "zh": ("查不到持牌收单机构",
               "对方没有说明由哪家持牌支付机构或银行为你收单，或者说出的机构在登记名单里查不到。"
               "没有持牌机构，你的钱可能先经过无牌公司的账户。"),
        "en": ("No licensed acquirer found", "The offer names no licensed payment institution or bank that "
               "accepts the payments, or names one the registry does not list. Without one, your money may "
               "pass through an unlicensed company."),
    },
    "licence.number_mismatch": {
        "zh": ("许可证号对不上", "页面上的支付业务许可证号格式不对、查不到，或者属于另一家机构。"),
        "en": ("Licence number does not match", "The payment licence number shown is malformed, unknown, "
               "or belongs to another institution."),
    },
    "licence.no_acquiring": {
        "zh": ("牌照不含银行卡收单",
               "对方说的机构虽有支付牌照，但业务范围不包括银行卡收单，不能合法为你的POS机收款。"),
        "en": ("Licence does not cover card acquiring", "The named institution holds a payment licence, but "
               "not for bank-card acquiring, so it may not accept card payments for your terminal."),
    },
    "licence.inactive": {
        "zh": ("牌照已注销或失效", "对方说的机构的支付牌照已被注销、吊销或过期。"),
        "en": ("Licence cancelled or lapsed", "The named institution's payment licence was cancelled, "
               "revoked or has expired."),
    },
    "site.impersonation": {
        "zh": ("冒充官网", "网站自称某支付机构的官网或官方渠道，但域名并不属于该机构。"),
        "en": ("Poses as an official site", "The site calls itself the official site or channel of an "
               "institution, but runs on a domain that institution does not own."),
    },
    "site.no_operator": {
        "zh": ("不知道网站是谁开的", "网站没有写明运营公司或ICP备案号，或公司信息有误。出了问题你找不到人。"),
        "en": ("Unknown site operator", "The site does not say which company runs it, has no ICP filing "
               "number, or its company data is invalid. If something goes wrong, there is no one to hold "
               "to account."),
    },
    "site.sensitive_data": {
        "zh": ("索要密码或验证码", "页面要你提供银行卡密码、CVV或短信验证码。正规机构从不索要这些。"),
        "en": ("Asks for PIN or codes", "The page asks for a card password/PIN, CVV or SMS code. Legitimate "
               "institutions never ask for these."),
    },
    "clearing.second_clearing": {
        "zh": ("二清：钱先进别人的账户",
               "货款不是由持牌机构直接结算到你本人账户，而是先进入钱包或第三方账户再转给你。"
               "这是无证支付业务，资金最容易出事。"),
        "en": ("Second clearing: money passes through others", "Your takings are not settled by the licensed "
               "institution straight into your own account but pass through a wallet or a third party's "
               "account. That is unlicensed payment business, where merchants lose money most often."),
    },
    "clearing.mcc_jumping": {
        "zh": ("跳码：交易用了别的商户类别",
               "交易使用的商户类别码(MCC)或商户名称与你的真实经营不符，或让你自选商户。"
               "这是违规行为，会影响对账和你的权益。"),
        "en": ("MCC jumping", "Transactions use a merchant category (MCC) or merchant name other than your "
               "real business, or the offer lets you pick one. This is prohibited and hurts your records "
               "and rights."),
    },
    "statements.mismatch": {
        "zh": ("三单不一致", "签购单、持卡人账单和结算记录上的商户名、金额、收单机构或付款方对不上。"),
        "en": ("The three statements disagree", "The sales slip, cardholder statement and settlement record "
               "disagree on merchant name, amount, acquirer or payer."),
    },
    "fee.deposit": {
        "zh": ("押金/激活费", "开机或首笔交易时要先交钱，往往要刷满很高的金额才退。"),
        "en": ("Deposit / activation fee", "Money is taken up front or on the first swipe, often refunded "
               "only after a high volume target."),
    },
    "fee.data": {
        "zh": ("流量费", "机具的流量费、通讯费，常被悄悄从结算款里扣。"),
        "en": ("Data / SIM fee", "A data or communication fee for the terminal, often deducted quietly from "
               "your takings."),
    },
    "fee.instant_settlement": {
        "zh": ("秒到费（每笔加收）", "为“秒到/D0”每笔额外收费，交易越多扣得越多。"),
        "en": ("Instant-settlement surcharge", "An extra charge on every transaction for instant (D0) "
               "settlement: the more you sell, the more it takes."),
    },
    "fee.rate_bait": {
        "zh": ("低费率诱饵",
               "宣传的低费率只维持很短时间，之后上调；或者低于监管成本，只能靠跳码或别处收费维持。"),
        "en": ("Teaser rate", "The low advertised rate lasts only a short time and then rises, or it is "
               "below the regulated cost and can only be sustained by MCC jumping or fees elsewhere."),
    },
    "fee.insurance": {
        "zh": ("保险/资金保障费", "按交易收取保险费或“资金保障服务费”，常默认开通。"),
        "en": ("Insurance / fund-protection fee", "An insurance or “fund protection” charge on "
               "transactions, often switched on by default."),
    },
    "fee.membership": {
        "zh": ("会员费/VIP费", "要交会员或VIP费用，常以“降费率”为名。"),
        "en": ("Membership / VIP fee", "A membership or VIP fee, often sold as a way to lower the rate."),
    },
    "fee.recurring": {
        "zh": ("年费/月租等定期费用", "定期收取的年费、月租、短信费、管理费等。"),
        "en": ("Recurring fee", "A periodic charge: annual fee, monthly rent, SMS or management fee."),
    },
    "fee.withdrawal": {
        "zh": ("提现费", "把结算款提出来还要付手续费，这也是二清的迹象。"),
        "en": ("Withdrawal fee", "A fee to withdraw your settled money; also a sign of second clearing."),
    },
    "fee.undisclosed": {
        "zh": ("费用没写清楚", "费用留待以后决定（“以平台公告为准”“另行收取”），或者没有完整的收费表。"),
        "en": ("Fees left open", "Fees are left to be decided later (“as announced on the platform”, "
               "“charged separately”), or there is no complete fee table."),
    },
    "terms.unilateral_change": {
        "zh": ("对方可单方改费率", "对方可以自行调整费率和条款，只发公告甚至不通知你。"),
        "en": ("Provider may change terms alone", "The provider may change rates, fees or terms on its own, "
               "by a notice or with no notice at all."),
    },
    "terms.non_refundable": {
        "zh": ("交了钱不退", "合同写明已交的钱不予退还。"),
        "en": ("Non-refundable", "Money paid is stated to be non-refundable."),
    },
    "terms.auto_renewal": {
        "zh": ("自动续费/自动扣款", "到期自动续费或定期自动扣款，不用你再次同意。"),
        "en": ("Automatic renewal / deduction", "Automatic renewal or periodic deduction without your "
               "fresh consent."),
    },
    "terms.penalty": {
        "zh": ("违约金/未达标扣款", "交易量不达标或提前解约要被罚钱。"),
        "en": ("Penalties", "You pay penalties for missing volume targets or for ending the contract early."),
    },
    "terms.liability_exclusion": {
        "zh": ("对方免责", "对方声明对你的资金损失、结算延误或它自己的过错都不负责。"),
        "en": ("Provider disclaims liability", "The provider disclaims liability for losses of your money, "
               "settlement delays or its own faults."),
    },
    "terms.jurisdiction": {
        "zh": ("只能在对方所在地打官司", "纠纷只能去对方所在地法院或其指定的仲裁机构，维权成本高。"),
        "en": ("Disputes only where the provider is", "Disputes may only go to a court where the provider "
               "is, or to an arbitration body it chose: costly for you."),
    },
    "terms.fund_hold": {
        "zh": ("可随意冻结资金", "对方可以随意暂停结算、冻结你的钱，没有写明条件和期限。"),
        "en": ("Funds may be frozen at will", "The provider may hold or freeze your settlement at its "
               "discretion, with no stated conditions or limits."),
    },
    "promo.cash_out": {
        "zh": ("宣传信用卡套现", "推广养卡、套现、代还等违法用途。"),
        "en": ("Promotes card cash-out", "The offer promotes credit-card cash-out or similar illegal uses."),
    },
    "promo.free_bait": {
        "zh": ("“免费”诱饵", "宣传机器免费，却在别处收钱（押金、费用、激活费）。"),
        "en": ("“Free” bait", "The terminal is advertised as free while money is taken elsewhere "
               "(deposit, fees, activation)."),
    },
    "promo.fake_service": {
        "zh": ("冒充客服/虚假换机", "冒充银行、银联或收单机构客服，或谎称旧机停用要你换机。"),
        "en": ("Fake customer service", "The seller poses as bank, UnionPay or acquirer service staff, or "
               "claims your old terminal is being stopped to push a replacement."),
    },
}

#: Cost line names: fee kind (or "rate:<channel>") → language → label.
COST_LABELS: dict[str, dict[str, str]] = {
    "rate:credit": {"zh": "信用卡手续费", "en": "Credit-card fees"},
    "rate:debit": {"zh": "借记卡手续费", "en": "Debit-card fees"},
    "rate:qr": {"zh": "扫码支付手续费", "en": "QR-code payment fees"},
    "deposit": {"zh": "押金/激活费", "en": "Deposit / activation fee"},
    "data": {"zh": "流量费", "en": "Data / SIM fee"},
    "membership": {"zh": "会员费", "en": "Membership fee"},
    "insurance": {"zh": "保险/资金保障费", "en": "Insurance fee"},
    "withdrawal": {"zh": "提现费", "en": "Withdrawal fee"},
    "recurring": {"zh": "定期费用", "en": "Recurring fee"},
    "instant": {"zh": "秒到费", "en": "Instant-settlement surcharge"},
    "fixed": {"zh": "固定费用", "en": "Fixed fee"},
    "rate": {"zh": "费率", "en": "Rate"},
    "cap": {"zh": "封顶", "en": "Cap"},
}

CHANNEL_LABELS: dict[str, dict[str, str]] = {
    "credit": {"zh": "信用卡", "en": "credit card"},
    "debit": {"zh": "借记卡", "en": "debit card"},
    "qr": {"zh": "扫码", "en": "QR code"},
}

#: Cost notes (keys produced by poscheck.cost) → language → sentence with {placeholders}.
COST_NOTES: dict[str, dict[str, str]] = {
    "promo": {"zh": "前 {months} 个月 {amount}，之后 {later}",
             "en": "{amount} for {months} months, then {later}"},
    "assumed_rate": {"zh": "没有写明，按已写明的最高费率 {rate} 估算",
                     "en": "not stated; estimated at the highest rate stated, {rate}"},
    "generic_rate": {"zh": "未分卡种，按通用费率 {rate} 计算",
                    "en": "no rate per card type; the general {rate} used"},
    "conflicting": {"zh": "不同页面写的不一样（{values}），按最高的算",
                    "en": "the documents disagree ({values}); the highest is used"},
    "upper_bound": {"zh": "写的是范围，按上限 {value} 算",
                   "en": "a range is given; its upper end {value} is used"},
    "capped": {"zh": "单笔封顶 {cap} 元", "en": "capped at CNY {cap} per transaction"},
    "period_assumed": {"zh": "没写收费周期，按每年一次估算", "en": "no period stated; assumed once a year"},
    "per_withdrawal": {"zh": "按每月提现 {n} 次估算", "en": "assuming {n} withdrawals a month"},
    "all_transactions": {"zh": "按全部交易笔数计", "en": "counted on every transaction"},
    "once": {"zh": "一次性收取，只计入第一年", "en": "charged once, first year only"},
    "deposit_at_risk": {"zh": "退还条件：{days} 天内刷满 {target} 元；按你的流水 {days} 天约 {expected} 元，"
                                 "很可能拿不回来（需超出门槛两成才算稳妥）",
                        "en": "refunded only after CNY {target} within {days} days; at your volume that is "
                              "about CNY {expected}, so the refund is unlikely (we count it safe only 20% "
                              "above the target)"},
    "deposit_returned": {"zh": "退还条件：{days} 天内刷满 {target} 元；按你的流水 {days} 天约 {expected} 元，"
                                  "大概率能退回，未计入",
                         "en": "refunded after CNY {target} within {days} days; at your volume that is about "
                               "CNY {expected}, so it should come back; not counted"},
    "deposit_not_refundable": {"zh": "写明不退", "en": "stated to be non-refundable"},
    "deposit_refund_unknown": {"zh": "没写清楚怎么退，按拿不回来算",
                              "en": "no clear refund terms; counted as lost"},
    "deposit_refundable": {"zh": "写明可退且没有门槛，未计入",
                          "en": "refundable without a target; not counted"},
    "no_window": {"zh": "没写期限，按一年计", "en": "no time limit stated; one year assumed"},
    "optional": {"zh": "可选，默认不开通", "en": "optional, off unless you turn it on"},
}


def category_label(lang: str, category: str) -> str:
    entry = CATEGORY_TEXT.get(category)
    return entry[check_lang(lang)][0] if entry else category


def category_meaning(lang: str, category: str) -> str:
    entry = CATEGORY_TEXT.get(category)
    return entry[check_lang(lang)][1] if entry else ""


def cost_label(lang: str, key: str) -> str:
    entry = COST_LABELS.get(key)
    return entry[check_lang(lang)] if entry else key


def channel_label(lang: str, channel: str) -> str:
    entry = CHANNEL_LABELS.get(channel)
    return entry[check_lang(lang)] if entry else channel


def cost_note(lang: str, key: str, values: dict[str, str]) -> str:
    entry = COST_NOTES.get(key)
    return entry[check_lang(lang)].format(**values) if entry else key
