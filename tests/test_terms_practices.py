"""Clause (terms.*) and sales-text (promo/clearing) checks: positives, quotes, keyword gates, corpus pin."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
import yaml

from poscheck.checks import practices, terms, textctx
from poscheck.normalize import normalize
from poscheck.pipeline import Engine, check_local, check_text
from poscheck.textscan import sentence_ends

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def need_shared() -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS}")


#: (category, text) written for these tests: each must be flagged by the clause or sales-text rules.
POSITIVES: list[tuple[str, str]] = [
    ("terms.unilateral_change", "服务商保留随时调整收费标准的权利，调整后的费率自系统更新之日起执行。"),
    ("terms.unilateral_change", "平台可根据经营需要对本协议进行修订，修订后的协议一经公布即生效。"),
    ("terms.unilateral_change", "费率调整以平台公告为准，恕不另行通知。"),
    ("terms.non_refundable", "押金恕不退还。"),
    ("terms.non_refundable", "会员费一经开通不支持退款。"),
    ("terms.auto_renewal", "套餐到期后将自动续费，续费金额从结算款中扣除。"),
    ("terms.penalty", "第八条 提前终止合作的，服务商不承担任何责任，商户需另行支付违约金200元。"),
    ("clearing.second_clearing", "钱在APP余额里提不出来，代理联系不上了，怎么办？\n"
                                 "我去年办了台电签，我的货款都先进到APP钱包里，我得自己手动提现，现在提现一直失败。"),
    ("terms.auto_renewal", "VIP服务连续包月，每月19.9元。"),
    ("terms.penalty", "提前终止合作的，商户需赔偿机具款300元。"),
    ("terms.penalty", "未满一年退机的，收取手续费100元。"),
    ("terms.penalty", "每月刷卡不足3万元的，从次月结算款中扣除服务费20元。"),
    ("terms.liability_exclusion", "平台不对因系统故障造成的任何损失负责。"),
    ("terms.liability_exclusion", "商户使用终端过程中发生的一切损失均由商户自行承担。"),
    ("terms.jurisdiction", "因本协议发生的争议，由本公司注册地人民法院管辖。"),
    ("terms.jurisdiction", "争议由北京市海淀区人民法院管辖。"),
    ("terms.fund_hold", "我司有权对可疑交易延迟结算，延迟期限视调查情况而定。"),
    ("terms.fund_hold", "如商户交易异常，平台可冻结商户账户，直至风险排除。"),
    ("promo.cash_out", "信用卡还款难？我们帮您养卡提额，一台机器全搞定。"),
    ("promo.cash_out", "低成本套现，秒到账，额度随便刷。"),
    ("promo.fake_service",
     "您好，这里是某某支付总部回访中心，您的机器系统过期，本月底起将无法使用，需要免费升级更换新机。"),
    ("promo.fake_service",
     "【中国银联】尊敬的商户，您的POS机已被列入停用名单，将于6月1日起停止收款，请回复1免费换新机。"),
    ("clearing.second_clearing", "刷卡后资金先到公司账户，次日由公司代付到您的银行卡。"),
    ("clearing.second_clearing", "收款直达APP钱包，钱包余额可一键提现。"),
    ("clearing.mcc_jumping", "支持多行业自选，酒店、餐饮、商超随心切换商户。"),
    ("clearing.mcc_jumping", "大额交易自动匹配优质商户，不跳码，笔笔有积分。"),
]
MY_CATEGORIES = {c for c, _ in POSITIVES}
MY_RULES = ("terms.", "promo.cash-out", "promo.fake-service", "clearing.second-clearing-text",
            "clearing.mcc-jumping-text")


@pytest.mark.parametrize(("category", "text"), POSITIVES, ids=[f"p{i:02d}" for i in range(len(POSITIVES))])
def test_positive_is_flagged_with_an_exact_quote(engine: Engine, category: str, text: str) -> None:
    report = check_text(engine, text)
    hits = [f for f in report.findings if f.category == category and f.rule.startswith(MY_RULES)]
    assert hits and hits[0].severity != "info"
    for ev in hits[0].evidence:
        assert text[ev.start:ev.end] == ev.quote and ev.quote


def test_a_change_clause_protected_across_its_article_items_is_not_flagged(engine: Engine) -> None:
    """Notice in 6.1 and a free exit in 6.2 protect the change that 6.2 accepts on continued use; the same
    acceptance with no notice anywhere in its article is still a unilateral change."""
    head = "甲方（收单机构）：某某支付有限公司\n乙方（特约商户）：某某面馆\n第五条 结算\n5.1 资金T+1结算。\n"
    items = ("第六条 协议变更\n6.1 甲方调整手续费率的，应提前三十日书面通知乙方。\n"
             "6.2 乙方不同意的，可在生效前解除本协议，甲方不收取任何费用；生效后继续使用的，视为接受变更。\n"
             "第七条 其他\n7.1 本协议一式两份。\n")
    rules = {f.rule for f in check_text(engine, head + items).findings}
    assert "terms.unilateral-change" not in rules
    bare = items.replace("6.1 甲方调整手续费率的，应提前三十日书面通知乙方。", "6.1 甲方可调整手续费率，以公告为准。")
    assert "terms.unilateral-change" in {f.rule for f in check_text(engine, head + bare).findings}


def test_roles_decide_a_clause_in_both_letter_orders(engine: Engine) -> None:
    clause = "第一条 甲方有权随时调整费率。\n第二条 其他。\n"
    provider_is_jia = "甲方（服务商）：某某科技有限公司\n乙方（商户）：某某餐馆\n" + clause
    merchant_is_jia = "甲方（商户）：某某餐馆\n乙方（服务商）：某某科技有限公司\n" + clause
    assert "terms.unilateral-change" in {f.rule for f in check_text(engine, provider_is_jia).findings}
    assert "terms.unilateral-change" not in {f.rule for f in check_text(engine, merchant_is_jia).findings}
    seat = ("甲方（特约商户）：某某花店\n乙方（收单机构）：某某支付有限公司\n"
            "第一条 争议由{}所在地人民法院管辖。\n第二条 其他。\n")
    assert "terms.jurisdiction" not in {f.rule for f in check_text(engine, seat.format("甲方")).findings}
    assert "terms.jurisdiction" in {f.rule for f in check_text(engine, seat.format("乙方")).findings}


def test_protective_sibling_sentence_in_the_same_clause_spares_the_change_clause(engine: Engine) -> None:
    text = ("甲方（特约商户）：某某书店\n乙方（收单机构）：某某支付有限公司\n"
            "第三条 乙方有权调整收费标准。调整应提前30日以短信通知甲方；"
            "甲方不同意的可解除本协议，乙方不收取任何费用。\n"
            "第四条 其他。\n")
    assert "terms.unilateral-change" not in {f.rule for f in check_text(engine, text).findings}


def _corpus_rows() -> list[dict[str, str]]:
    with (CORPUS / "manifest.csv").open(encoding="utf-8") as fh:
        return [r for r in csv.DictReader(fh) if not r["path"].endswith("/")]


def test_keyword_gates_cover_every_match() -> None:
    """Each pattern only runs where one of its keywords occurs: no ungated match may lack one."""
    texts = [normalize(t).text for _, t in POSITIVES]
    if CORPUS.is_dir():
        from poscheck.extract import extract
        from poscheck.models import RawFile

        for row in _corpus_rows():
            path = CORPUS / row["path"]
            texts.append(normalize(extract(RawFile(source=str(path), path=str(path))).text).text)
    pairs = [(terms.KEYWORDS[k], p) for k, (p, _) in terms.PATTERNS.items()]
    pairs += [(practices.KEYWORDS[k], p) for k, p in practices.PATTERNS.items()]
    for keywords, pattern in pairs:
        for text in texts:
            for m in pattern.finditer(text):
                assert any(k in m.group(0) for k in keywords), (pattern.pattern[:40], m.group(0))



def _gate_texts() -> list[str]:
    """The positives, odd characters the masked gate pass must survive, and the corpus when present."""
    texts = [normalize(t).text for _, t in POSITIVES]
    texts += ["", "套现", "\x00\x01套现。\x01客服", "😀套现😀;\ud800自选商户\n终止", "mcc自选。【银联】停用"]
    if CORPUS.is_dir():
        from poscheck.extract import extract
        from poscheck.models import RawFile

        for row in _corpus_rows():
            path = CORPUS / row["path"]
            texts.append(normalize(extract(RawFile(source=str(path), path=str(path))).text).text)
    return texts


def test_shared_gate_pass_finds_the_sentences_of_every_keyword() -> None:
    """The masked automaton pass gives, per gate, the sentences holding a keyword found by `str.find`."""
    for text in _gate_texts():
        want: dict[str, list[tuple[int, int]]] = {}
        for group in textctx._REGISTRY:
            for name, words in group.items():
                spans = set()
                for w in words:
                    i = text.find(w)
                    while i >= 0:
                        spans.add(textctx.sentence_bounds(text, i, i + len(w)))
                        i = text.find(w, i + 1)
                if spans:
                    want[name] = sorted(spans)
        assert textctx._shared_sentences(text) == want, text[:40]


def test_sentence_ends_are_the_stops_regex_ends() -> None:
    for text in _gate_texts():
        want = tuple(m.end() for m in re.finditer(r"[。!?;\n]", text))
        assert sentence_ends(text) == want, text[:40]


def test_dev_corpus_categories_are_pinned(engine: Engine) -> None:
    need_shared()
    labels = yaml.safe_load((CORPUS / "labels.yaml").read_text(encoding="utf-8"))
    for row in _corpus_rows():
        report = check_local(engine, [CORPUS / row["path"]], url=row["url"] or None, target_id=row["id"])
        got = {f.category for f in report.findings if f.severity != "info" and f.rule.startswith(MY_RULES)}
        want = {c for c in (labels.get(row["id"]) or {}).get("flag") or [] if c in MY_CATEGORIES}
        assert got == want, row["id"]


def test_an_exported_articles_title_line_decides_its_genre() -> None:
    """A 公众号 export starts with the account's name; its "标题：" line is the title that says it warns."""
    body = "\n1. “您的机器即将停用，免费换新机。”\n2. “回复1继续使用。”\n"
    warning = "公众号：开店小帮手\n标题：这些换机短信都是骗局\n作者：阿明" + body
    assert textctx.genre(warning) == "teaching"
    assert textctx.genre("公众号：开店小帮手\n标题：电签机免费换新\n作者：阿明" + body) == "other"


def test_merchants_warning_each_other_about_a_scam_message_teach() -> None:
    """A group chat or a service call that calls a received message a scam and points to the anti-fraud
    line (反诈, 96110) teaches; the message it quotes is no offer of the chat's writers."""
    sms = "我收到短信说“您的终端将于下周停用，回复1免费换新机，费率0.38%永不涨价”。"
    chat = f"商户群聊天导出\n{sms}\n这是骗子吧？\n是诈骗，别回。不懂就打96110问。"
    assert textctx.genre(chat) == "teaching"
    assert not practices.find_signs(chat)
    assert textctx.genre(f"商户群聊天导出\n{sms}\n这是骗子吧？\n我回了1，等新机。") == "other"


def test_a_message_quoted_word_for_word_and_a_court_report() -> None:
    """原话 marks someone else's words; a court report (法院认为, 裁判文书, 律师提醒) teaches."""
    forum = "楼主\n收到一条短信，原话是：“【银联】您的POS机将于4月30日停用，回复1免费更换新机。”是真的吗？"
    assert not practices.find_signs(forum).get("fake_service")
    court = ("服装店主起诉平台\n协议约定，商户交易资金由该公司统一归集后结算至店主的个人银行卡。\n"
             "法院认为，该公司未经许可从事支付结算业务。\n律师提醒：签约前看清合同主体。（本文根据公开裁判文书整理）")
    assert textctx.genre(court) == "teaching"


def test_document_genre_reads_titles_and_question_pages() -> None:
    from poscheck.rules import context

    assert context.document_genre("如何辨别二清机？三招教你看清钱从哪里来", "") == "advisory"
    assert context.document_genre("电签POS机办理", "信用卡0.6%，立即申请") == "offer"
    qa = "补充说明：业务员说信用卡0.38%。\n关注者 1,024 被浏览 38,551\n1,317 人赞同了该回答"
    assert context.document_genre("现在还有0.38%的POS机吗", qa) == "advisory"
    assert context.document_genre("办POS机被坑了300块", "") == "complaint"
    wiki = "提问:开超市的阿梅\n流量费一般多少算正常?\n收款百科编辑 回答:每年一次、三四十元左右。"
    assert context.document_genre("POS机流量费每年多少算正常", wiki) == "advisory"


def test_a_complaint_shows_a_clause_only_by_citing_it() -> None:
    """"押金不退" in a complaint tells what happened (a deposit issue); the clause it quotes from the agreement is a
    term. What was renewed automatically is evidence by itself."""
    told = "投诉：POS机首刷扣299押金不退\n我被业务员骗了，我要维权，我的押金我一直要不回来。"
    assert "terms.non_refundable" not in terms.find_terms(told)
    cited = "投诉：POS机押金不退\n我被业务员骗了，我要维权，合同第五条写着：押金概不退还。"
    assert "terms.non_refundable" in terms.find_terms(cited)
    # a rate that went up tells a fee (rate bait); the change clause only as the agreement words it
    told = "投诉：电签偷偷涨费率\n我办的时候说0.6%，五月份我一看变成0.72%了，问客服说是公司统一调整费率，我要求退钱。"
    assert "terms.unilateral_change" not in terms.find_terms(told)
    cited = told + "\n合同第七条写着：乙方有权随时调整费率，无需另行通知甲方。"
    assert "terms.unilateral_change" in terms.find_terms(cited)


def test_clause_judges_read_own_causes_wallets_and_lists_of_forbidden_acts() -> None:
    own = "7.4 因银行、通道方或平台系统原因导致的结算延迟或资金损失，平台均不承担任何责任。"
    assert "terms.liability_exclusion" in terms.find_terms(normalize(own).text)
    third = "7.4 因银行或通道方系统原因导致的结算延迟，平台不承担责任，但会协助商户查询。"
    assert "terms.liability_exclusion" not in terms.find_terms(normalize(third).text)
    wallet = "第五条 乙方发现甲方交易异常的，有权冻结钱包余额，解冻时间由乙方决定。"
    assert "terms.fund_hold" in terms.find_terms(normalize(wallet).text)
    rules = "三、以下行为属于违规，本公司发现后将暂停终端：\n（一）利用终端进行信用卡套现；\n（二）出租终端。"
    assert not practices.find_signs(normalize(rules).text).get("cash_out")
    ad = "本店服务：\n（一）信用卡套现秒到；\n（二）空卡代还。"
    assert practices.find_signs(normalize(ad).text).get("cash_out")
    refusal = "只做正规收款，不做套现，做养卡的别打电话。"
    assert not practices.find_signs(normalize(refusal).text).get("cash_out")


def test_slips_that_name_another_business_or_another_acquirer() -> None:
    story = ("投诉内容\n我在白云区开烧烤店，用的电签机。翻出签购单一看，商户名称打印的是“某某区乐购生活超市”，商户编号"
             "822581054110386，可我从来没开过超市。")
    assert practices._practice_signs(normalize(story).text, "mcc_jumping")
    payer = "对账记录\n签购单上印的是拉卡拉，钱却是汇付打过来的。"
    assert practices._practice_signs(normalize(payer).text, "statement_mismatch")
    same = "对账记录\n签购单上印的是拉卡拉，钱却是拉卡拉支付打过来的，时间晚了一天。"
    assert not practices._practice_signs(normalize(same).text, "statement_mismatch")


def test_a_how_to_that_sells_the_practice_and_a_subsidy_lure() -> None:
    sells = "信用卡还不上？教你用智能还款养卡提额\n用我们的APP空卡也能还，系统自动模拟真实消费，养卡提额两不误。"
    assert textctx.genre(normalize(sells).text) != "teaching"
    assert practices.find_signs(normalize(sells).text).get("cash_out")
    warns = "教你识别养卡提额骗局\n所谓空卡也能还，就是模拟消费套现。"
    assert textctx.genre(normalize(warns).text) == "teaching"
    sms = "【某某支付】尊敬的商户，您已纳入费率补贴名单。请于24小时内登录网站填写卡号领取补贴，逾期您的机具将被停用。"
    assert practices._practice_signs(normalize(sms).text, "fake_service")


def test_an_sms_export_is_not_a_warning_for_the_banks_anti_fraud_lines() -> None:
    """A merchant's SMS export carries the bank's own messages with their anti-fraud lines; the lure in it stands."""
    export = ("短信导出\n【建设银行】您尾号0815的账户收入人民币3,412.57元。\n"
              "【某某支付】尊敬的商户：您的POS终端因备案到期将于本月20日停用。回复1即可免费更换新机。\n"
              "【云闪付】验证码：582164，切勿将验证码告知他人，工作人员不会向您索取。\n"
              "【建设银行】我行不会以短信方式通知商户更换POS机具，请谨防诈骗。")
    assert textctx.genre(normalize(export).text) != "teaching"
    assert practices._practice_signs(normalize(export).text, "fake_service")


def test_a_lures_script_still_has_the_merchant_sign_terms() -> None:
    """A script that poses as UnionPay's service lures with its threats; what it has the merchant sign is a term."""
    script = ("电销话术\n开场：“您好，这里是银联商务客户回访中心，您的机器年底统一停用，今天给您免费换新机。”\n"
              "签约：让客户勾选《商户活跃承诺书》：连续3个月交易额不满2万元的，每月扣除50元作为违约金。\n"
              "客户问押金：答“过期不办理的，押金将无法退还”。")
    found = terms.find_terms(normalize(script).text)
    assert "terms.penalty" in found and "terms.non_refundable" not in found


def test_a_refusal_citing_a_rule_answers_the_message_about_the_money() -> None:
    chat = ("业务员 10:02  激活扣199押金，三个月刷满六万就退\n商户 10:05  要是刷不满呢\n"
            "业务员 10:06  那就不退了，这是公司的规定")
    assert "terms.non_refundable" in terms.find_terms(chat)
    # without a rule behind it, a bare 不退 far from any money says nothing of it
    assert "terms.non_refundable" not in terms.find_terms("商户 10:05  这台机子能退吗\n业务员 10:06  不退，不过可以换")


def test_a_title_that_calls_the_lines_a_scammers_teaches() -> None:
    text = "接到换机电话先别急，这几句话都是骗子的台词\n台词一：“您的旧机器下个月停用，需要免费换新。”"
    assert textctx.genre(text) == "teaching"
    assert not practices.find_signs(text).get("fake_service")


def test_a_fake_service_export_quotes_the_swap_message_and_its_threat_is_no_term(engine: Engine) -> None:
    """In an SMS export, the bank's ordinary credit notice (【建设银行】…收入) is no evidence of the fake
    service message beside it, and the message's "过期将无法退还押金" is its lure, not a non-refund term."""
    text = ("[06-17] 95533\n【建设银行】您尾号6621的账户收入人民币3,276.45元，摘要：POS结算。\n"
            "[06-18] 10690571236\n【某某支付】尊敬的商户：因系统升级，您的POS终端将于6月30日停止使用。"
            "总部现免费更换新款电签机，押金可一并退还。\n"
            "[06-19] 10690571236\n【某某支付】您的换机申请即将过期，过期将无法退还押金，请今天内添加客服微信处理。\n")
    found = check_text(engine, text).findings
    fake = [f for f in found if f.category == "promo.fake_service" and f.severity != "info"]
    assert fake and all("建设银行" not in ev.quote for ev in fake[0].evidence)
    assert not [f for f in found if f.category == "terms.non_refundable" and f.severity != "info"]


def _categories(engine: Engine, text: str) -> set[str]:
    """Real findings' categories of `text` exported as a chat (the head line is not a title that teaches)."""
    return {f.category for f in check_text(engine, "聊天记录导出\n" + text).findings if f.severity != "info"}


def test_a_merchants_account_of_slip_and_settlement_is_read(engine: Engine) -> None:
    """What a merchant tells of the slip and the settlement: a payer compared with the slip's acquirer is a
    statements mismatch (besides second clearing), a payer only said to be "no payment company" is second
    clearing alone; a slip that shows another business the writer disowns is 跳码, a registered name is not."""
    told = ("到账记录的付款方是“张小兵”，个人账户，金额1988元。签购单上是通联，打钱的怎么是个私人？"
            "我去问了我的业务员，我很生气。")
    assert {"clearing.second_clearing", "statements.mismatch"} <= _categories(engine, told)
    generic = ("我查了到账记录，付款方写的是“某某网络科技有限公司”，根本不是什么银行或者支付公司，"
               "我很后悔办了这台机器，我要投诉。")
    found = _categories(engine, generic)
    assert "clearing.second_clearing" in found and "statements.mismatch" not in found
    less = "我刷了5000元，我按0.6%应该到账4970元，实际到账只有4925元，我被多扣了。"
    assert "statements.mismatch" in _categories(engine, less)
    same = "我刷了2000元，按0.6%应该到账1988元，实际到账1988元，我核对过没问题。"
    assert "statements.mismatch" not in _categories(engine, same)
    slip = "我开的是服装店，签购单上商户名称是“杭州西溪生鲜超市”，也不是我的店名，我很奇怪。"
    assert "clearing.mcc_jumping" in _categories(engine, slip)
    legal = "我开的是便利店，签购单上商户名称是“李记便利店”，不是我的招牌名，是营业执照上的名字，我放心了。"
    assert "clearing.mcc_jumping" not in _categories(engine, legal)


def test_ocr_recognition_in_a_title_line_teaches_nothing() -> None:
    """识别 in a title teaches how to tell a scam; a note that the text was OCR-recognised (识别后, 识别错误)
    does not."""
    memo = normalize("（以下内容由截图OCR识别后粘贴，存在识别错误）\n对账：签购单金额5000元，到账4925元。").text
    assert textctx.genre(memo) != "teaching"
    assert textctx.genre(normalize("教你识别二清机\n正规机器由收单机构直接结算。").text) == "teaching"
    photo = normalize("[我的对账材料：小票拍照识别 + 银行流水]\n签购单2000元，应该到1988，实际只到了1980。").text
    assert textctx.genre(photo) != "teaching"


def test_a_question_of_surprise_takes_what_happened_as_done() -> None:
    """"怎么打成X？" / "为什么扣了我299？" ask why; that it happened is told, not asked."""
    text = "对账记录\n我是开拉面馆的，签购单上怎么打成“阳光生活超市”了？我不认识这家。"
    assert practices.find_signs(normalize(text).text).get("mcc_jumping")
    asked = "对账记录\n我是开拉面馆的，签购单上的商户名是“阳光生活超市”吗？"
    assert not practices.find_signs(normalize(asked).text).get("mcc_jumping")


def test_an_acquirers_own_notice_of_a_device_swap_is_no_fake_service(engine: Engine) -> None:
    """The same notice poses as the acquirer on someone else's domain, and is the acquirer's on its own."""
    notice = ("银联商务官方商户服务中心\n尊敬的商户：根据监管要求，您的2G机具将于2026年12月31日起停止服务，"
              "请于到期前在本网站登记免费更换4G新机。")
    on_other = check_text(engine, notice, url="http://www.ums-fuwu-sh.top/notice", kind="html")
    assert "promo.fake_service" in {f.category for f in on_other.findings}
    on_own = check_text(engine, notice, url="https://www.chinaums.com/notice", kind="html")
    assert "promo.fake_service" not in {f.category for f in on_own.findings}


def test_fake_service_starts_are_its_alternatives_first_characters() -> None:
    """The hand-kept first characters of the fake_service pattern (all but the service-centre heading, which is
    tried at every line's start) are those re's parse tree gives: an edited alternative cannot be left out."""
    import re._parser as sre_parse

    from poscheck.textscan import _first_chars

    plain = practices._FAKE_SERVICE_PLAIN.pattern
    others = plain.replace(f"|{practices._SERVICE_HEADING}", "")
    assert others != plain
    found = _first_chars(list(sre_parse.parse(others)))
    assert found is not None and not found[1]
    chars = {chr(c) for lo, hi in found[0] for c in range(lo, hi + 1)}
    assert chars == set(practices.FAKE_SERVICE_STARTS)
