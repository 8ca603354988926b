"""Generates the demo sites' PDF contracts once (needs reportlab; the PDFs are committed).

Run ``python -m poscheck.demo.make_pdfs`` after editing a text below. Output is byte-stable
(reportlab ``invariant=1``), so regenerating an unchanged text changes nothing. The font is the
non-embedded CID font STSong-Light, which every PDF reader maps to a Song typeface.
"""

from __future__ import annotations

import sys
from pathlib import Path

from poscheck.demo import SITES_DIR

#: site -> (path inside the site, title, paragraphs; a paragraph starting with "## " is a heading)
CONTRACTS: dict[str, tuple[str, str, list[str]]] = {
    "honest": ("docs/merchant-agreement-2025.pdf", "特约商户受理协议（2025年版）", [
        "版本号：TL-SH-2025-01　生效日期：2025年1月1日",
        "重要提示：请甲方在签署本协议前仔细阅读全部条款，特别是以加粗方式提示的免除或限制乙方责任的条款及争议解决条款。"
        "甲方签署本协议即表示已理解并同意本协议内容。",
        "甲方：特约商户（名称、结算账户等信息以《特约商户申请表》登记为准）",
        "乙方：通联支付网络服务股份有限公司（支付业务许可证编号：Z2000531000017；统一社会信用代码：91310000673829155G）",
        "## 第一条 定义",
        "1.1 交易手续费：乙方为甲方提供收单服务而按交易金额收取的费用，已包含发卡行服务费与网络服务费。",
        "1.2 结算账户：甲方在申请表中登记的、以甲方本人（或甲方单位）名义开立的银行结算账户。",
        "1.3 退单：持卡人或发卡机构对已完成的交易提出拒付或撤销，由乙方按卡组织规则处理。",
        "## 第二条 服务内容",
        "乙方为甲方提供银行卡刷卡、插卡、闪付交易及微信支付、支付宝、银联二维码扫码交易的受理、清算与结算服务。",
        "## 第三条 资金结算",
        "3.1 乙方于交易日的次一工作日（T+1）将交易资金扣除交易手续费后，结算至甲方结算账户。"
        "T+1结算不收取任何费用。",
        "3.2 乙方不向甲方结算账户以外的任何账户划转甲方交易资金。",
        "3.3 D0快速结算为可选服务，默认不开通。甲方可在商户APP中自行开通或关闭，"
        "开通期间按结算金额的0.05%收取快速结算费。",
        "## 第四条 收费标准",
        "4.1 贷记卡交易手续费为交易金额的0.60%；借记卡交易手续费为交易金额的0.50%，单笔封顶20元。",
        "4.2 微信支付、支付宝扫码交易手续费为交易金额的0.38%；"
        "银联二维码单笔1000元及以下交易按0.38%收取，超过1000元的按银行卡标准收取。",
        "4.3 乙方不收取机具押金、激活费、机具流量费、年费、会员费或保险费。"
        "本协议未列明的费用，甲方无需支付。",
        "## 第五条 收费调整",
        "乙方调整收费标准的，应至少提前30日以书面、短信或APP消息方式通知甲方，通知应载明调整内容和生效日期。"
        "甲方不同意调整的，有权在调整生效前解除本协议，无需承担违约责任。",
        "## 第六条 风险管理",
        "6.1 乙方发现可疑交易的，可依照法律法规及卡组织规则对相关交易暂缓结算，"
        "并在2个工作日内告知甲方原因及需补充的材料；"
        "核实无误后，乙方应立即结算。",
        "6.2 甲方应如实登记经营信息，不得从事信用卡套现、虚构交易等违法违规活动。",
        "## 第七条 协议期限与终止",
        "7.1 本协议自双方签署之日起生效，长期有效。",
        "7.2 甲方可随时书面申请终止本协议。协议终止后，乙方结清全部待结算资金，不收取任何终止费用。",
        "## 第八条 争议解决",
        "因本协议发生的争议，双方应协商解决；协商不成的，任一方可向被告住所地有管辖权的人民法院提起诉讼。",
        "## 附件一 收费标准",
        "贷记卡 0.60%；借记卡 0.50%，单笔封顶20元；微信支付、支付宝 0.38%；"
        "银联二维码（单笔1000元及以下）0.38%；"
        "T+1结算 免费；D0快速结算（可选，商户自行开通）按结算金额0.05%；机具押金 无；机具流量费 无。",
    ]),
    "mediocre": ("files/pos-service-agreement.pdf", "POS机具服务协议", [
        "甲方：特约商户（以申请表登记信息为准）",
        "乙方：苏州禾信商务服务有限公司（统一社会信用代码：91320506MA1X7K3P5C）",
        "## 第一条 服务内容",
        "乙方作为北京海科融通支付服务股份有限公司（支付业务许可证编号Z2006511000018）授权的服务商，为甲方提供POS机具的安装、调试、"
        "培训和售后维护服务。甲方的银行卡收单服务由海科融通提供，甲方应另行与海科融通签订特约商户协议。",
        "## 第二条 资金结算",
        "交易资金由海科融通于T+1结算至甲方登记的本人结算账户，乙方不经手甲方任何交易资金。",
        "## 第三条 机具",
        "乙方向甲方提供电签POS机一台，不收取押金和激活费。机具所有权归乙方，协议终止后甲方应将机具退还乙方；"
        "机具丢失或人为损坏的，甲方按机具成本价150元赔偿。",
        "## 第四条 费用",
        "信用卡交易手续费0.60%；储蓄卡交易手续费0.50%，单笔封顶25元；扫码交易手续费0.38%，由海科融通在结算时扣除。"
        "机具流量费48元/年，首年免收，自激活满12个月起每年扣收一次，扣收前3日以短信提醒甲方。",
        "## 第五条 收费调整",
        "乙方有权根据市场情况及上游机构政策调整收费标准，调整后的收费标准以乙方网站公告为准，自公告之日起生效，乙方不再另行通知。",
        "## 第六条 协议终止",
        "甲方可提前15日书面通知乙方终止本协议，并退还机具。",
        "## 第七条 争议解决",
        "因本协议产生的争议，双方应协商解决；协商不成的，任何一方应向乙方住所地（苏州市吴中区）人民法院提起诉讼。",
    ]),
    "predatory": ("docs/apply-agreement.pdf", "电签POS机申领及服务协议", [
        "甲方：申领人",
        "乙方：拉卡拉电签POS机申请中心",
        "## 一、机具申领",
        "乙方向甲方免费提供电签POS机一台。甲方首笔刷卡交易时，系统自动扣除激活押金人民币贰佰玖拾玖元整（￥299）。",
        "## 二、押金返还",
        "甲方自激活之日起60日内累计刷卡交易满10万元的，押金全额返还；未达标的，押金不予退还。",
        "## 三、费率",
        "信用卡交易前3个月按0.38%收取手续费，自第4个月起按0.68%收取。储蓄卡交易按0.55%收取，扫码交易按0.38%收取。",
        "## 四、秒到服务",
        "系统默认为甲方开通秒到服务，每笔交易加收3元秒到服务费。",
        "## 五、流量费",
        "机具流量费99元/年，自激活次月起从到账资金中自动扣除，到期自动续费。",
        "## 六、其他",
        "乙方有权根据运营情况调整费率及收费项目，无需另行通知。因甲方操作不当造成的任何损失，乙方不承担任何责任。",
    ]),
}


def build(site: str, out_root: Path = SITES_DIR) -> Path:
    """Write one site's contract PDF and return its path."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    rel, title, paragraphs = CONTRACTS[site]
    body = ParagraphStyle("body", fontName="STSong-Light", fontSize=10.5, leading=17, wordWrap="CJK",
                          spaceAfter=4)
    head = ParagraphStyle("head", parent=body, fontSize=12, leading=20, spaceBefore=8)
    top = ParagraphStyle("title", parent=body, fontSize=16, leading=26, alignment=1, spaceAfter=10)
    path = out_root / site / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=22 * mm, rightMargin=22 * mm,
                            topMargin=20 * mm, bottomMargin=20 * mm, title=title, invariant=1)
    story: list[object] = [Paragraph(title, top), Spacer(1, 4)]
    for text in paragraphs:
        story.append(Paragraph(text[3:], head) if text.startswith("## ") else Paragraph(text, body))
    doc.build(story)
    return path


def main() -> int:
    for site in CONTRACTS:
        print(build(site))
    return 0


if __name__ == "__main__":
    sys.exit(main())
