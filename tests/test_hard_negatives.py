"""Hard negatives: sentences that mention a risky practice only to deny, warn, report or bound it.

Each runs through the WHOLE pipeline (`check_text`) and must produce no finding above `info` — of any
rule, not only the clause and sales-text rules. Written for these tests, not taken from the corpus.
"""

from __future__ import annotations

import pytest

from poscheck.pipeline import Engine, check_text

HARD_NEGATIVES = [
    # negations
    "本店POS机不收押金、不收激活费，也不收流量费。",
    "我们的终端免年费，没有任何会员费或保险费。",
    "交易款不进入任何钱包，由收单机构直接结算到商户本人的银行卡。",
    "本产品不提供自选商户或行业切换功能，所有交易以商户真实信息上送。",
    "到期后不会自动续费，是否续约由商户书面确认。",
    "退机随时可以办理，不收违约金，也不扣任何手续费。",
    # warnings and guides
    "谨防“免费换新机”骗局：收单机构从不以终端停用为由要求商户换机。",
    "警惕二清机：如果钱要先进APP钱包再提现，千万不要用。",
    "提醒商户：凡是宣称可以自选商户、落地商户的机器，都有跳码风险。",
    "切勿把短信验证码告诉自称银联客服的人，正规机构不会索要。",
    "避坑指南：合同里写着“押金不予退还”的，签字前一定要求删除。",
    "小心“永久0.38%”的说法，信用卡刷卡费率不可能长期低于发卡行服务费加网络服务费。",
    # news and legal reports
    "据报道，某地警方破获一起利用POS机为他人信用卡套现的案件，涉案人员以非法经营罪被判处有期徒刑。",
    "人民银行对一家支付机构作出行政处罚，原因是其变造银行卡交易信息、为商户提供跳码服务。",
    "法院审理认为，格式合同中“服务方概不负责”的条款因不合理地免除其责任而无效。",
    # disclosed, bounded, optional fees
    "D0到账为可选服务，开通后按到账金额的0.05%收费，商户可随时在后台关闭，关闭后恢复T+1免费结算。",
    "如选用4G流量卡，每年收取36元，收费前7天短信提醒，也可以改用店内WiFi不产生费用。",
    "借记卡0.5%，单笔封顶20元；贷记卡0.6%；扫码0.38%。以上为全部收费项目。",
    # protective clauses
    "第六条 乙方（收单机构，通联支付网络服务股份有限公司）调整收费标准的，应提前三十日以书面方式通知"
    "甲方（特约商户），甲方不同意的，可在调整生效前解除本协议，乙方不收取任何费用。",
    "第四条 持卡人否认交易或发卡机构发起退单的，收单机构可暂缓结算该单笔交易款项，"
    "并于一个工作日内通知商户，暂缓期限不超过三十日。",
    "第五条 因退单需要返还资金的，收单机构可从该笔交易对应的待结算款项中扣收，并向商户出具退单依据。",
    "终端押金100元，协议终止时终端完好归还的，押金无息退还。",
    "任何一方违反本协议给对方造成损失的，应赔偿对方的实际损失。",
    "终端遗失或损坏的，商户按终端成本价赔偿，不另收其他费用。",
    "第九条 协商不成的，任何一方可向被告住所地人民法院提起诉讼。",
    "第十条 双方发生争议，依法向有管辖权的人民法院起诉。",
    "第七条 本协议长期有效，任何一方可提前三十日书面通知对方终止本协议，互不承担费用。",
    "因不可抗力导致协议无法履行的，双方在不可抗力影响范围内免除责任。",
    "因收单机构系统故障造成商户资金延迟结算或损失的，由收单机构承担赔偿责任。",
    "商户不得利用受理终端从事信用卡套现、虚构交易等违法活动。",
    "商户涉嫌套现的，收单机构可依法终止服务并向监管部门报告。",
    "持卡人可向发卡银行申请账单分期，按期还款有助于维护个人信用。",
    "资金结算由持牌收单机构负责，交易资金直接结算至商户同名账户。",
    "签购单上的商户名称应与营业执照一致，结算款的付款方应为收单机构。",
    "新款终端上市，老用户可自愿以旧换新，旧机仍可正常使用。",
    "五、期限与终止\n商户可随时提前10日书面告知服务商终止本协议，终止时无需缴纳任何费用。",
    "第六条 服务商不得擅自变更本协议约定的费率及结算周期。",
    "（二）终端押金：人民币300元。本协议终止且商户交回终端后，服务商在十个工作日内将押金全额无息退还。",
    "庭审快讯：被告辩称合同约定“平台有权冻结异常账户资金”，法院一审判令其返还商户货款及利息。",
    "选机指南：一清和二清怎么区分\n正规POS机办理时会写明收单机构，比如某某支付有限公司，费率一般0.6%左右。",
    "问：网上有人卖信用卡0.38%的机器，是真的吗？\n答：要警惕。刷信用卡0.38%低于成本，要么跳码，要么在押金上找补。",
    "公告：根据监管要求调整部分商户费率，具体名单已短信通知，商户也可在APP中查看本户是否在调整范围内。",
    # cases described, listed denials, a customer's payment, a schedule's change clause
    "群主：到账记录的对方户名要是个人名字，就是二清，大家赶紧自查。",
    "本服务点不提供任何“提额”“代还”“养卡”服务，发现商户套现将配合收单机构停机处理。",
    "顾客转账付款人：李明，备注货款，已到账。",
    "信用卡0.6%，借记卡0.5%封顶20元。本站费率及收费标准如有变动，以本站最新公告为准。",
    "广东省某市人民法院 民 事 判 决 书\n原告诉称被告首刷扣除299元押金，本院判令被告返还。",
    "#反诈 老板们注意！有人冒充银联说你的POS机明天停用、免费换新，还让你把验证码念给他，"
    "记住：这百分之百是骗子，不少老板差点被骗。",
    # a device deposit whose refund on the device's return stands in the next item; a denial after the names
    "3.1 商户领用终端时交纳设备押金叁佰元。\n3.2 合作结束后商户把终端及配件寄回，经查验外观和功能均正常的，"
    "我司在收到后五个工作日内把押金全额退到商户的结算卡。",
    "租用期间的流量费、年费、软件服务费一律不收取，终端损坏的维修费以报价单为准。",
    "合作期内商户可随时申请退机，我司不因此向商户收取任何违约金或手续费。",
    "孙经理：卡和身份证带原件就行。银行卡密码、验证码这些您谁都别告诉，包括我。",
    "去年办机器时，推销的轮番上门，有说免费送机的，有说费率0.38永不涨的，我最后去银行办了。",
    "客服核对要点：如商户反映资金先到某个APP余额、需要提现，请记录服务商名称并转风险部核查。",
    "【某某支付】自5月10日起贷记卡费率由0.55%调整为0.60%。您如不同意，可在5月9日前申请解约，解约免收任何费用。",
]

IDS = [f"hn{i:02d}" for i in range(len(HARD_NEGATIVES))]
MY_AREAS = ("terms.", "promo.cash-out", "promo.fake-service", "clearing.second-clearing-text",
            "clearing.mcc-jumping-text", "contradictions.")


def test_there_are_at_least_thirty() -> None:
    assert len(HARD_NEGATIVES) >= 30
    assert len(set(HARD_NEGATIVES)) == len(HARD_NEGATIVES)


@pytest.mark.parametrize("text", HARD_NEGATIVES, ids=IDS)
def test_clause_and_sales_rules_stay_quiet(engine: Engine, text: str) -> None:
    report = check_text(engine, text)
    fired = [(f.rule, f.quote) for f in report.findings if f.severity != "info" and f.rule.startswith(MY_AREAS)]
    assert fired == []


@pytest.mark.parametrize("text", HARD_NEGATIVES, ids=IDS)
def test_whole_pipeline_flags_nothing(engine: Engine, text: str) -> None:
    report = check_text(engine, text)
    fired = [(f.rule, f.quote) for f in report.findings if f.severity != "info"]
    assert fired == []
