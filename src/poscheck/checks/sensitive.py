"""Find requests for card secrets: card password/PIN, CVV/CVN2, SMS verification codes (site.sensitive_data).

A request is a form field labelled with such an item ("短信验证码：", "安全码（CVN2）：") or a sentence
asking the reader to give it ("把验证码念给我听", "取款密码报一下"). KYC data (ID, business licence,
own settlement account) is never sensitive here. Warnings ("切勿透露验证码", "我们不会索要密码"), scam
lines quoted inside a warning article, and a warning, guide or complaint (textctx.genre) retelling what
scammers asked for are not requests.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from poscheck.checks import Analysis, check, evidence_for
from poscheck.checks.textctx import genre
from poscheck.models import Document, Finding
from poscheck.normalize import Normalized
from poscheck.rules import context
from poscheck.textscan import Anchored, in_quotes, sentence_at

_ITEM = Anchored(
    re.compile(
        r"(?P<pin>(?:银行卡|储蓄卡|信用卡|借记卡|结算卡|取款|支付|交易|卡)密码|pin码?)"
        r"|(?P<cvv>cvv2?|cvn2?|cvc2?|安全码|卡片验证码|(?:卡)?背面(?:的|那个?|签名(?:栏|条)(?:后面|上)?的?(?:那个?)?)?(?:末|后)?(?:三|3)位(?:数字|数|码)?)"
        r"|(?P<otp>(?:短信|手机|动态)?验证码|动态码|动态密码"
        r"|(?:收到的)?(?:6|六)位(?:数字|数|码)(?!密码))"  # 请将收到的6位数字回复本号码: the code, by its digits
    ),
    ("密码", "pin", "cvv", "cvn", "cvc", "安全码", "验证码", "背面", "动态码", "6位", "六位"),
    3,  # 银行卡密码, 卡片验证码, 卡背面
)
_VERB = re.compile(
    r"提供|输入|填写|填入|告知|告诉|报一下|报给|念给|读给|发给|发送给|回复|说一下|报出|提交|核对一下"
    r"|念一下|读一下|看一下|念出|读出|说出"  # a caller: "再看一下卡片背面三位数"
    r"|发我|发过来|发一下|截图给|截图发|拍给"  # a chat: "你把手机收到的6位验证码发我下就行"
)
_NEGATION = re.compile(
    r"不会|从不|从未|绝不|不要|切勿|请勿|勿向|谨防|警惕|不得|严禁|禁止|拒绝|不索要|不向|骗|冒充|自称|防范|保管好|泄露|透露"
    r"|(?:不需要?|无需|不用)(?:您|你)?(?:提供|告知|告诉|填写|输入)"  # 不需要您提供任何密码 (not 不用担心，验证码发我)
    r"|遮挡|提防|陷阱|持卡人|顾客|消费者|付款人|盗刷|诱导|不法|别(?!人|家|的|处)"  # 谁都别告诉
    r"|不理|不予理|挂断"  # 任何人打电话来…要验证码，一律不理，直接告诉我 (the manager)
    r"|引导(?:商户|用户|客户|受害)"  # a warning's list of a scam's steps (以“退还押金”为名，引导商户…填写卡号和验证码)
)
_SCAM_VERDICT = re.compile(r"是(?:骗子|诈骗|骗局)")  # the sentence's verdict on whoever asks
_ASKED_OF_WRITER = re.compile(r"(?:让|要|叫|需要|要求|逼|骗)我|给(?:他|她|对方|那人|骗子)")  # 需要我把验证码念给他
_OWN_APP = re.compile(r"提现|app|钱包|余额")  # what a wallet's own payment password is asked for
_OWN_LOGIN = re.compile(r"登录页|登录界面|登录时|注册时|注册页|验证码登录")
_LURE = re.compile(r"退款|退还|退押金|认证|升级|换机|解冻")
_WARNING_DOC = re.compile(r"骗局|骗子|诈骗|谨防|警惕|防骗|冒充")
_SCRIPT = re.compile(r"话术|外呼脚本|通话脚本")  # a sales or call script's title
# (a note on the label may stand before its colon: 短信验证码（点击获取后将收到银行短信，请如实填写以核验身份）：)
_LABEL_END = re.compile(r"(?:\s*[(（][^()（）\n]{1,40}[)）])?[^\n，。；,;]{0,12}?[:：]"
                        r"\s*(?:$|\n|\s{1,}|_{2,}|[\u4e00-\u9fff]{2,8}[:：]|获取)")
_WHAT = {"pin": "银行卡密码", "cvv": "卡背面的安全码（CVV/CVN2）", "otp": "短信验证码"}
_WHAT_EN = {"pin": "card password / PIN", "cvv": "card security code (CVV/CVN2)", "otp": "SMS verification code"}


_SENTENCE_MARK = re.compile(r"[。，,;；!?！？]")
_NOTE = re.compile(r"\([^()\n]{1,20}\)")
_FORM_LINES_MIN = 3  # short label-only lines around a bare label that make the lines a form


def _bare_field(text: str, start: int, end: int) -> bool:
    """The item is a form label on a line of its own, among other such lines (labels written without a colon,
    each above its input box): "商户名称\n结算银行卡号\n银行卡密码\n卡背面CVN2（三位数字）\n短信验证码"."""
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    hi = len(text) if hi < 0 else hi
    line = _NOTE.sub("", text[lo:hi])  # a note on the label (用于验证卡片归属) takes no room
    if len(line.strip()) > end - start + 6 or _SENTENCE_MARK.search(line):
        return False
    near = text[max(0, lo - 60):min(len(text), hi + 60)].split("\n")[1:-1]  # whole lines around it
    return sum(0 < len(x.strip()) <= 12 and not _SENTENCE_MARK.search(x) for x in near) >= _FORM_LINES_MIN


def requests(doc: Document, norm: Normalized) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, item kind, how) in original offsets for each request of a card secret in `doc`, whose text is
    normalised as its kind is (`normalize_document`: a screenshot's 验证⏎码 is read as one word)."""
    text = norm.text
    warning_doc: bool | None = None  # computed when first needed
    # (not an article that exposes one: 揭秘冒充客服的电话话术)
    script = bool(_SCRIPT.search(doc.title)) and not any(w in doc.title for w in context.ADVISORY_TITLES)
    lo = hi = -1
    denied = 0  # where a negation found in the sentence ends: every item ending after it is denied too
    for m in _ITEM.finditer(text):
        if not lo <= m.start() < hi:  # the item's sentence (an item never spans a sentence stop)
            lo, hi = sentence_at(text, m.start())
            denied = len(text) + 1
        if m.end() >= denied:  # (its search would start at the same sentence start and reach further)
            continue
        kind = m.lastgroup or "otp"
        clause_lo = max(lo, m.start() - 18)
        clause_hi = min(hi, m.end() + 18)
        verb = _VERB.search(text, clause_lo, clause_hi)
        # a negation up to the request denies it ("我们不会索要验证码"); one after it is advice on the side
        # ("验证码念给我就可以，不要告诉别人")
        reach = max(m.end(), verb.end() if verb else m.end())
        if neg := _NEGATION.search(text, lo, reach) or _NEGATION.match(text, m.end(), min(hi, m.end() + 4)) \
                or _SCAM_VERDICT.search(text, reach, hi):  # 任何人让您提供银行卡密码…的，都是骗子
            if neg.end() < reach:  # (a 别 at the reach's end was read without the character after it)
                denied = neg.end()
            continue
        if kind == "otp" and _OWN_LOGIN.search(text, lo, hi) and not _LURE.search(text, lo, hi):
            continue  # an app's own sign-in code (您只需在本APP登录页输入), not one handed to someone
        field = _LABEL_END.match(text, m.end()) or _bare_field(text, m.start(), m.end())
        if not field and not verb:
            continue
        if not field and (context.is_question(text[lo:hi + 1]) or (
                m.group(0) == "支付密码" and _OWN_APP.search(text, lo, hi))):
            # an FAQ's question (有人让我提供验证码“退押金”？); an app's own password (提现：输入金额和支付密码)
            continue
        # (a caller's script, 外呼话术: its quoted lines are its own words, its 诈骗 a note to the caller)
        if not script:
            if warning_doc is None:
                warning_doc = bool(_WARNING_DOC.search(text))
            if warning_doc and in_quotes(text, m.start()):
                continue
        if not field and not script and (kind_of := genre(text)) != "other" and (
                kind_of == "teaching" or _ASKED_OF_WRITER.search(text, lo, hi)):
            continue  # a warning, a guide, or a complaint retelling what was asked of its writer; a form counts
        if field:
            s, e = m.start(), m.end()
            how = "form field"
        else:
            assert verb is not None
            s, e = min(m.start(), verb.start()), max(m.end(), verb.end())
            how = f"asked with {verb.group(0)!r}"
        o_start, o_end = norm.orig_span(s, e)
        yield o_start, o_end, kind, how


def _card_number_field(norm: Normalized) -> bool:
    return bool(re.search(r"卡号\s*(?:\([^()\n]{1,20}\))?\s*[:：]", norm.text))


@check("site_sensitive_data")
def sensitive_data(analysis: Analysis) -> Iterator[Finding]:
    """The page, form or script asks for a card password, CVV/CVN2 or an SMS verification code."""
    for doc in analysis.documents:
        kinds: dict[str, tuple[int, int, str]] = {}
        norm = analysis.normalized(doc)
        for start, end, kind, how in requests(doc, norm):
            kinds.setdefault(kind, (start, end, how))
        otp = kinds.get("otp")
        if otp and otp[2] == "form field" and len(kinds) == 1 and not _card_number_field(norm):
            del kinds["otp"]  # a phone-verification field of a sign-up form, with no card data asked
        if kinds:
            evidence = [evidence_for(doc, s, e) for s, e, _ in kinds.values()]
            yield analysis.finding(
                "site.sensitive-data",
                evidence,
                what="、".join(_WHAT[k] for k in kinds),
                what_en=", ".join(_WHAT_EN[k] for k in kinds),
                explanation="; ".join(f"{_WHAT_EN[k]}: {h}" for k, (_, _, h) in kinds.items()),
            )
