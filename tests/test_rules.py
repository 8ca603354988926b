"""Every rule file is valid, and every rule's examples behave as declared through the whole pipeline."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from poscheck.errors import RuleError
from poscheck.paths import rules_dir
from poscheck.rules.loader import load_rule, load_rules, rule_files
from poscheck.rules.model import Rule
from poscheck.rules.selftest import examples_of, run_example

RULES = list(load_rules(include_draft=True))
CASES = [(rule, label, ex, must) for rule in RULES for label, ex, must in examples_of(rule)]


def test_rules_all_files_load() -> None:
    assert len(rule_files(rules_dir())) == len(RULES) > 0


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rules_documentation_complete(rule: Rule) -> None:
    s = rule.spec
    assert s.title.strip() and s.rationale.strip() and s.advice.strip() and s.references
    assert rule.path.parent.name == s.id.split(".")[0], "a rule lives in the folder of its area"


@pytest.mark.parametrize(("rule", "label", "ex", "must"), CASES, ids=[c[1] for c in CASES])
def test_rules_example(engine, rule: Rule, label: str, ex, must: bool) -> None:  # type: ignore[no-untyped-def]
    problem = run_example(engine, rule, ex, must)
    assert not problem, f"{label}: {problem}"


def test_rules_phrases_found_in_their_own_examples() -> None:
    """A phrase that never appears in any example is untested; say which."""
    from poscheck.normalize import normalize

    untested = []
    for rule in RULES:
        m = rule.spec.match
        if m is None:
            continue
        texts = " ".join(normalize(e.text).text for e in rule.spec.examples.match)
        if m.phrases and not any(normalize(p).text in texts for p in m.phrases):
            untested.append(rule.id)
    assert not untested, f"rules whose examples exercise none of their phrases: {untested}"


def test_rules_invalid_rule_is_reported_with_file(tmp_path: Path) -> None:
    bad = tmp_path / "fee"
    bad.mkdir()
    path = bad / "fee.bad.yaml"
    path.write_text("id: fee.bad\ncategory: fee.nonsense\nseverity: high\n", encoding="utf-8")
    with pytest.raises(RuleError) as info:
        load_rule(path, tmp_path)
    msg = str(info.value)
    assert str(path) in msg and "category" in msg and "taxonomy" in msg


def test_rules_user_dir_overrides_bundled(tmp_path: Path) -> None:
    src = rules_dir() / "fee" / "fee.deposit-activation.yaml"
    (tmp_path / "fee").mkdir()
    text = src.read_text(encoding="utf-8").replace("severity: high", "severity: low", 1)
    (tmp_path / "fee" / src.name).write_text(text, encoding="utf-8")
    rules = load_rules([tmp_path])
    assert rules.get("fee.deposit-activation").spec.severity == "low"


@pytest.mark.parametrize(
    ("title", "genre"),
    [
        ("办POS机前必看：押金这些坑怎么避开", "advisory"),
        ("小商户选POS机的五个问题", "advisory"),
        ("常见问题 - 某某POS机办理", "offer"),
        ("【投诉】费率被偷偷上调", "complaint"),
        ("某某电签POS 免费领取", "offer"),
        ("两家支付机构收单违规被罚没逾千万元", "advisory"),  # news of a penalty
        ("我办的POS机被罚没了押金，投诉无门", "complaint"),  # the writer speaks: a complaint, not news
        ("pos机说“刷满10万返押金”，靠谱吗? - 知乎", "advisory"),  # a question-and-answer site's page
        ("典型案例|搭建“二清”平台招募代理推广pos机，非法经营获刑", "advisory"),  # a court's case digest
        ("无证经营“二清”pos机 一科技公司负责人被判非法经营罪", "advisory"),  # news of a sentence
        ("广东省深圳市宝安区人民法院 民事判决书", "advisory"),
        ("商户老板注意!这三种pos机千万别办", "advisory"),
        ("开奶茶店办pos机，到底要交哪些钱? - 商家问答", "advisory"),
        ("【图片文字识别结果】 来源:img_0419.jpg 识别置信度 0.81", "offer"),  # an OCR tool's header, no guide
        ("如何识别pos机押金骗局", "advisory"),
    ],
)
def test_context_genre_from_title(title: str, genre: str) -> None:
    from poscheck.rules.context import genre as genre_of

    assert genre_of(title) == genre


def test_context_amount_is_not_a_negation() -> None:
    from poscheck.rules.context import negator_before

    text = "封顶20元 | 扫码0.38%押金"
    assert negator_before(text, text.index("押金"), 0) == ""
    assert negator_before("0元押金", 2, 0) == "0元"


def test_context_negation_reaches_every_item_of_a_short_list() -> None:
    from poscheck.rules.context import negator_before

    text = "本公司不收取机具押金、激活费、会员费"
    assert negator_before(text, text.index("会员"), 0) == "不收取"
    long_item = "本公司不收取机具押金、各种名目繁多的其他会员费"
    assert negator_before(long_item, long_item.index("会员"), 0) == ""


def test_context_an_ocr_tools_note_is_no_title() -> None:
    """The note an OCR tool writes above a flyer ([OCR识别结果 … 识别引擎置信度 0.87]) says nothing of the flyer."""
    from poscheck.rules.context import document_genre

    flyer = "[ocr识别结果 来源:街头传单照片 识别引擎置信度 0.87]\n\n拉卡拉电签pos免费领取\n信用卡0.38%永不涨价"
    assert document_genre("", flyer) == "offer"
    assert document_genre("[ocr识别结果 识别引擎置信度 0.87]", flyer) == "offer"
    assert document_genre("如何识别pos机押金骗局", "如何识别pos机押金骗局\n…") == "advisory"


def test_context_a_howto_whose_answer_is_the_practice_sells_it() -> None:
    """信用卡还不上怎么办？智能代还 answers its question with the practice; 怎么核对？看懂这三种跳码的样子 teaches."""
    from poscheck.checks.textctx import genre as text_genre

    assert text_genre("信用卡还不上怎么办?智能代还_卡管家\n空卡也能代还。") == "other"
    assert text_genre("三单合一怎么核对?看懂这三种跳码的样子\n很多老板签完pos机就不管了。") == "teaching"


def test_context_checklists_for_before_signing_are_guides() -> None:
    from poscheck.checks.textctx import genre as text_genre
    from poscheck.rules.context import genre

    for title in ("签pos机协议前,这七类条款要圈出来", "办pos机前必看", "这三种pos机千万别办"):
        assert genre(title) == "advisory" and text_genre(title + "\n1. 单方改价。") == "teaching", title
    assert genre("某某电签pos 0元领机") == "offer"


def test_context_what_sells() -> None:
    """A call to sign up through the writer, or the writer's own product, sells; a warning against adding a
    stranger's WeChat, a merchant telling that someone added them, or a shop's staff adding customers does not."""
    from poscheck.rules.context import selling_at, sells

    assert sells("想办理的朋友，后台回复“收款”。") and sells("给大家介绍一下我们的“汇收宝”电签")
    assert sells("领取方式：添加老周助理微信 laozhou88，备注“领机”。")
    text = "别贪秒到。\n推荐我们家的电签，包邮。"
    assert selling_at(text) == text.index("推荐")
    for text in ("千万不要添加我微信以外的陌生人，有疑问请拨打95516。", "谨防诈骗：切勿扫码办理所谓“押金退还”。",
                 "第二天就有人加我微信，寄了个小机器过来。", "加客户微信，备注“店名+办理日期”。",
                 "我们家的面馆开了七年。"):
        assert not sells(text), text


def test_context_a_negator_with_its_object_stops_at_a_space() -> None:
    """A flyer parts its items with spaces: 无需 took 执照 and does not reach 免费送机; 不收取 before a space still
    reaches its object."""
    from poscheck.rules.context import negator_before

    flyer = "个人办理 无需执照 免费送机 上门安装"
    assert negator_before(flyer, flyer.index("免费送机"), 0) == ""
    chat = "机器不要钱 首刷扣199"
    assert negator_before(chat, chat.index("首刷"), 0) == ""
    assert negator_before("本店不收取 押金", 6, 0) == "不收取"


def test_context_question_pages_with_counted_markers() -> None:
    from poscheck.rules.context import qa_page

    assert qa_page("提问者补充：代理说0.38%永不涨价。\n回答1　收单行业从业者　赞同 1.1k\n先说结论：做不出来。")
    assert not qa_page("常见问题\n问：押金多少？\n答：无押金。")


def test_context_what_several_said_is_hearsay() -> None:
    from poscheck.rules.context import HEARSAY

    assert re.search(HEARSAY, "有说免费送机的，有说费率0.38永不涨的")
    assert not re.search(HEARSAY, "没有说明的费用一律不收")


@pytest.mark.parametrize(("text", "trigger", "denied"), [
    ("我司不因此收取违约金", "违约金", True),
    ("本公司不另行向商户收取违约金", "违约金", True),
    ("合作期间不从结算款中扣除流量费", "流量费", True),
    ("商户不向我司缴纳年费", "年费", False),  # the merchant's omission: a case, not a denied charge
    ("逾期不按时支付违约金", "违约金", False),
    ("不同意的，收取违约金", "违约金", False),
])
def test_context_charge_denied_with_words_between(text: str, trigger: str, denied: bool) -> None:
    from poscheck.rules.context import negator_before

    assert bool(negator_before(text, text.index(trigger), 0)) is denied


def test_context_teaching_cues_overlap_and_none_begins_another() -> None:
    """`teaches` finds cues in one pass that restarts after each hit's first character: 诈骗子 holds 诈骗
    and 骗子. That finds every cue only while no cue begins another."""
    from poscheck.rules.context import BODY_TEACHING, TEACHING_CUES_MIN, teaches

    assert TEACHING_CUES_MIN == 3
    assert not [(a, b) for a in BODY_TEACHING for b in BODY_TEACHING if a != b and b.startswith(a)]
    assert teaches("小心诈骗子，谨防上当")  # 诈骗, 骗子, 谨防
    assert not teaches("小心诈骗，谨防上当")  # two cues
    assert not teaches("诈骗诈骗诈骗")  # one cue, three times


def test_context_lest_is_a_warning_only_as_a_word() -> None:
    """以免 warns (以免上当); 可以免费 and 所以免收 only hold its characters."""
    from poscheck.rules.context import warning_in

    assert warning_in("请妥善保管密码，以免上当受骗") == "以免"
    assert warning_in("现在可以免费给您换一台新机") == ""
    assert warning_in("首年所以免收流量费") == ""
