"""Hand-made `Report` objects for the report tests: a predatory agent, an honest acquirer, a statement
check, a target with nothing read, and a page full of hostile HTML. Quotes are cut from the document
text at real offsets, as the pipeline does."""

from __future__ import annotations

import hashlib

from poscheck.models import (
    Block,
    Document,
    Evidence,
    Facts,
    Fee,
    Finding,
    Grade,
    GradeReason,
    Report,
    RunError,
)

NOW = "2025-06-01T08:00:00+00:00"

PREDATORY_FEES = (
    "拉卡拉POS机办理官网 收费标准\n"
    "信用卡 | 前3个月0.38%，第4个月起0.68% |\n"
    "秒到服务费 | 每笔加收3元 | 系统默认开通秒到 |\n"
    "激活押金 | 299元 | 首笔刷卡时自动扣除；激活后60天内累计刷满10万元全额返还，未达标不予退还 |\n"
    "流量费 | 99元/年 | 自激活次月起从结算款中自动扣除 |\n"
    "以上收费以公司最新通知为准，如有调整恕不另行通知。"
)
PREDATORY_PDF = (
    "申请协议\n第三条 甲方首笔交易时扣除激活押金贰佰玖拾玖元整。\n"
    "第六条 因系统故障造成的损失，乙方不承担任何责任。"
)
HONEST_FEES = (
    "通联支付 收费标准\n贷记卡 0.60%\n借记卡 0.50%，单笔封顶20元\n微信/支付宝扫码 0.38%\n"
    "机具押金 无；机具流量费 无\nD0快速结算：默认不开通，开通后按结算金额的0.05%收取。\n"
    "支付业务许可证号 Z2000531000017"
)


def doc(
    source: str, text: str, *, kind: str = "html", title: str = "", pages: tuple[int, ...] = ()
) -> Document:
    raw = text.encode("utf-8")
    sha = hashlib.sha256(raw).hexdigest()
    url = source if source.startswith("http") else None
    return Document(
        id=sha[:12],
        source=source,
        kind=kind,
        text=text,
        sha256=sha,
        url=url,  # type: ignore[arg-type]
        title=title,
        blocks=(Block("para", 0, len(text)),),
        pages=pages,
    )


def ev(d: Document, quote: str, *, nth: int = 0) -> Evidence:
    start = -1
    for _ in range(nth + 1):
        start = d.text.index(quote, start + 1)
    end = start + len(quote)
    return Evidence(
        document=d.id,
        source=d.source,
        quote=quote,
        start=start,
        end=end,
        page=d.page_of(start),
        context_before=d.text[max(0, start - 40) : start],
        context_after=d.text[end : end + 40],
    )


def finding(
    rule: str,
    category: str,
    severity: str,
    evidence: tuple[Evidence, ...],
    *,
    title: str = "",
    message: str = "",
    questions: tuple[str, ...] = (),
    references: tuple[str, ...] = (),
) -> Finding:
    return Finding(
        rule=rule,
        category=category,
        severity=severity,
        title=title or rule,  # type: ignore[arg-type]
        message=message or f"{title or rule}: {evidence[0].quote}",
        advice="问清楚，写进合同。",
        evidence=evidence,
        references=references,
        explanation="matched phrase",
        questions=questions,
    )


def predatory_report() -> Report:
    fees_doc = doc(
        "http://127.0.0.1:8000/predatory/fees.html", PREDATORY_FEES, title="收费标准 - 拉卡拉POS机办理官网"
    )
    pdf = doc(
        "http://127.0.0.1:8000/predatory/docs/apply-agreement.pdf",
        PREDATORY_PDF,
        kind="pdf",
        title="申请协议",
        pages=(0, PREDATORY_PDF.index("第六条")),
    )
    deposit_q = ("押金或激活费是多少？什么时候扣？返还条件和期限是什么？",)
    findings = [
        finding(
            "site.impersonation",
            "site.impersonation",
            "high",
            (ev(fees_doc, "拉卡拉POS机办理官网"),),
            title="冒充拉卡拉官网",
            questions=("你们是拉卡拉公司本身吗？请出示授权书。",),
        ),
        finding(
            "fee.deposit-activation",
            "fee.deposit",
            "high",
            (ev(fees_doc, "激活押金 | 299元"),),
            title="开机押金 / 激活费",
            questions=deposit_q,
            references=("《银行卡收单业务管理办法》(中国人民银行公告〔2013〕第9号)",),
        ),
        finding(
            "fee.deposit-activation",
            "fee.deposit",
            "high",
            (ev(pdf, "扣除激活押金贰佰玖拾玖元整"),),
            title="开机押金 / 激活费",
            questions=deposit_q,
        ),
        finding(
            "fee.instant-surcharge",
            "fee.instant_settlement",
            "high",
            (ev(fees_doc, "每笔加收3元"),),
            title="秒到费",
            questions=("秒到费能不能关掉？",),
        ),
        finding(
            "fee.rate-bait",
            "fee.rate_bait",
            "medium",
            (ev(fees_doc, "前3个月0.38%，第4个月起0.68%"),),
            title="优惠费率到期上调",
        ),
        finding("fee.data-fee", "fee.data", "medium", (ev(fees_doc, "流量费 | 99元/年"),), title="流量费"),
        finding(
            "terms.liability",
            "terms.liability_exclusion",
            "medium",
            (ev(pdf, "乙方不承担任何责任"),),
            title="免责条款",
        ),
        finding(
            "site.no-operator",
            "site.no_operator",
            "medium",
            (ev(fees_doc, "拉卡拉POS机办理官网"),),
            title="The site does not say who runs it",
            message="No company name and no ICP number.",
        ),
    ]
    e = ev(fees_doc, "信用卡 | 前3个月0.38%，第4个月起0.68%")
    fees = [
        Fee("rate", "信用卡", 0.38, "%", e, channel="credit", promo_months=3, later_amount=0.68),
        Fee("instant", "秒到服务费", 3.0, "元/笔", ev(fees_doc, "每笔加收3元"), period="per_transaction"),
        Fee(
            "deposit",
            "激活押金",
            299.0,
            "元",
            ev(fees_doc, "激活押金 | 299元"),
            period="once",
            conditions="激活后60天内累计刷满10万元全额返还，未达标不予退还",
            refundable=True,
        ),
        Fee("deposit", "激活押金", 299.0, "元", ev(pdf, "扣除激活押金贰佰玖拾玖元整"), period="once"),
        Fee("data", "流量费", 99.0, "元/年", ev(fees_doc, "流量费 | 99元/年"), period="year"),
    ]
    reasons = (
        GradeReason("fee.deposit", "high", 25, "开机押金 / 激活费"),
        GradeReason("fee.instant_settlement", "high", 25, "秒到费"),
        GradeReason("site.impersonation", "high", 25, "冒充拉卡拉官网"),
        GradeReason("fee.data", "medium", 12, "流量费"),
        GradeReason("fee.rate_bait", "medium", 12, "优惠费率到期上调"),
        GradeReason("site.no_operator", "medium", 12, "The site does not say who runs it"),
        GradeReason("terms.liability_exclusion", "medium", 12, "免责条款"),
    )
    identity: dict[str, object] = {
        "schema": "poscheck.identity/1",
        "registry_as_of": "2025-12-26",
        "operator": {
            "companies": [],
            "uscc": [],
            "icp": [],
            "icp_licence": [],
            "psb": [],
            "phones": ["17700006688 (mobile)"],
        },
        "acquirers": [
            {
                "named_as": "拉卡拉",
                "institution": "北京拉卡拉网络技术有限公司",
                "licence_no": "Z2002511000017",
                "acquiring": True,
                "status": "listed",
                "status_as_of": "~2018",
            }
        ],
        "domains": [{"domain": "127.0.0.1", "served_from": True, "official_for": None, "lookalike_of": None}],
        "terminal_models": [],
        "verify": [],
    }
    return Report(
        target="predatory",
        name="拉卡拉POS机办理官网",
        generated_at=NOW,
        tool_version="0.1.0",
        rules_version="test",
        documents=[fees_doc, pdf],
        findings=findings,
        errors=[RunError("http://127.0.0.1:8000/predatory/missing.html", "P204", "HTTP 404: page gone.")],
        facts=Facts(fees=fees),
        grade=Grade(
            "D",
            0,
            "风险较高：存在严重的费用、资质或推广问题，不建议直接签约。",
            reasons,
            "site.impersonation caps the grade at D",
        ),
        registry_as_of="2025-12-26",
        identity=identity,
    )


def honest_report() -> Report:
    d = doc("http://127.0.0.1:8000/honest/fees.html", HONEST_FEES, title="收费标准")
    fees = [
        Fee("rate", "贷记卡", 0.60, "%", ev(d, "贷记卡 0.60%"), channel="credit"),
        Fee("rate", "借记卡", 0.50, "%", ev(d, "借记卡 0.50%"), channel="debit", cap=20.0),
        Fee("rate", "微信/支付宝扫码", 0.38, "%", ev(d, "微信/支付宝扫码 0.38%"), channel="qr"),
        Fee("instant", "D0快速结算", 0.05, "%", ev(d, "按结算金额的0.05%收取"), optional=True),
    ]
    note = finding(
        "licence.shown-matches",
        "licence.number_mismatch",
        "info",
        (ev(d, "Z2000531000017"),),
        title="许可证号与登记一致",
        message="页面上的许可证号与人民银行名单一致。",
    )
    identity: dict[str, object] = {
        "operator": {
            "companies": ["通联支付网络服务股份有限公司"],
            "uscc": [{"value": "91310000673829155G", "valid": True}],
            "icp": [{"value": "沪ICP备09031562号-1", "well_formed": True}],
        },
        "acquirers": [
            {
                "named_as": "通联支付网络服务股份有限公司",
                "institution": "通联支付网络服务股份有限公司",
                "licence_no": "Z2000531000017",
                "acquiring": True,
                "status": "active",
                "status_as_of": "2025-12-26",
            }
        ],
        "domains": [],
        "terminal_models": ["通联 APOS A8"],
    }
    return Report(
        target="honest",
        name="通联支付",
        generated_at=NOW,
        tool_version="0.1.0",
        rules_version="test",
        documents=[d],
        findings=[note],
        facts=Facts(fees=fees),
        grade=Grade("A", 100, "未发现明显风险，签约前仍请核对合同与费率。"),
        registry_as_of="2025-12-26",
        identity=identity,
    )


def statements_report() -> Report:
    slip_text = (
        "POS签购单\n商户名称：上海优选便利店\n商户编号：822290054111234\n"
        "收单机构：拉卡拉支付股份有限公司\n金额：RMB 200.00"
    )
    slip = doc("statements/slip.txt", slip_text, kind="statement", title="slip.txt")
    row = {
        "transaction": 1,
        "slip_date": "2025-05-06",
        "slip_amount": "200.00",
        "slip_merchant_name": "上海优选便利店",
        "slip_merchant_no": "822290054111234",
        "slip_mcc": "5411",
        "slip_mcc_meaning": "超市",
        "slip_acquirer": "拉卡拉支付股份有限公司",
        "matched_card": True,
        "card_row": 2,
        "card_description": "上海某某餐饮管理有限公司",
        "matched_settlement": True,
        "settlement_row": 3,
        "settlement_payer": "王海涛",
        "fee_taken": "1.20",
        "implied_rate": "0.60%",
        "agreed_fee": "1.20",
        "excess": "0.00",
        "status": "ok",
        "status_text": "agrees",
        "flags": ["card statement names another merchant", "paid from a private person's account"],
    }
    f = finding(
        "statements.private-payer",
        "clearing.second_clearing",
        "critical",
        (ev(slip, "拉卡拉支付股份有限公司"),),
        title="Settlement paid from a private person's account",
        message='Row 3 of the settlement record was paid by a person, "王海涛".',
        questions=("Why is my settlement not paid by the acquirer?",),
    )
    facts = Facts(
        extra={
            "reconciliation": [row],
            "reconciliation_totals": {
                "transactions": 1,
                "gross_settled": "200.00",
                "net_received": "198.80",
                "fee_taken": "1.20",
                "implied_rate": "0.60%",
                "agreed_fee": "1.20",
                "excess": "0.00",
            },
            "unchecked": ["no merchant profile: name and MCC not compared"],
        }
    )
    return Report(
        target="statements",
        name="上海优选便利店",
        kind="statements",
        generated_at=NOW,
        tool_version="0.1.0",
        rules_version="test",
        documents=[slip],
        findings=[f],
        facts=facts,
        grade=Grade(
            "E",
            55,
            "高危：有资金安全或违法违规迹象，建议不要签约并向监管举报。",
            (GradeReason("clearing.second_clearing", "critical", 45, "private payer"),),
            "clearing.second_clearing caps the grade at E",
            ("no merchant profile",),
        ),
    )


def empty_report() -> Report:
    return Report(
        target="nothing",
        generated_at=NOW,
        tool_version="0.1.0",
        rules_version="test",
        errors=[RunError("http://127.0.0.1:9/", "P201", "Connection refused.")],
        grade=Grade("?", 0, "没有读到任何可检查的内容，无法评级。", unchecked=("nothing could be read",)),
    )


HOSTILE_TITLE = '<script>console.error("pwned-title")</script><img src="http://evil.example/t.png">'
HOSTILE_QUOTE = '押金<script>console.error("pwned")</script><img src=x onerror="console.error(1)">299元'


def hostile_report() -> Report:
    text = (
        f"{HOSTILE_TITLE}\n开机需交{HOSTILE_QUOTE}，<style>body{{display:none}}</style>"
        '<a href="javascript:alert(1)">点此</a><iframe src="http://evil.example/"></iframe>'
    )
    d = doc("http://127.0.0.1:8000/evil/index.html", text, title=HOSTILE_TITLE)
    bad_link = doc("javascript:alert(1)//", "押金199元", title="</title><script>alert(2)</script>")
    f1 = finding(
        "fee.deposit-activation",
        "fee.deposit",
        "high",
        (ev(d, HOSTILE_QUOTE),),
        title=HOSTILE_TITLE,
        message=f"开通时要先交一笔钱：{HOSTILE_QUOTE}",
        questions=('<b onclick="x()">押金</b>退不退？',),
        references=("<a href='http://evil.example/'>x</a>",),
    )
    f2 = finding(
        "fee.deposit-activation", "fee.deposit", "high", (ev(bad_link, "押金199元"),), title=HOSTILE_TITLE
    )
    fee = Fee("deposit", HOSTILE_TITLE, 299.0, "元", ev(d, HOSTILE_QUOTE), conditions="<script>")
    identity: dict[str, object] = {
        "operator": {"companies": [HOSTILE_TITLE]},
        "acquirers": [{"institution": HOSTILE_TITLE, "named_as": "<i>x</i>"}],
        "domains": [{"domain": "<b>evil</b>", "served_from": True}],
    }
    return Report(
        target="http://127.0.0.1:8000/evil/",
        name=HOSTILE_TITLE,
        generated_at=NOW,
        tool_version="0.1.0",
        rules_version="test",
        documents=[d, bad_link],
        findings=[f1, f2],
        facts=Facts(fees=[fee]),
        errors=[RunError("<script>", "P300", "<script>alert(3)</script> could not be read")],
        grade=Grade(
            "C", 75, "<script>verdict</script>", (GradeReason("fee.deposit", "high", 25, HOSTILE_TITLE),)
        ),
        identity=identity,
    )
