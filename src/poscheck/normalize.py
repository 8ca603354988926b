"""Normalise Chinese text for matching while keeping a map back to the original offsets.

Matching runs on `Normalized.text`; every span found there maps back with `Normalized.orig_span`
to the original characters, so a report always quotes what the page really says. Passes:
full-width → half-width and ASCII lower-case (1:1), traditional → simplified by character (1:1,
OpenCC's character table), PDF line wraps inside a sentence removed, Chinese numerals before a unit
→ digits (叁佰陆拾元 → 360元), and 千分之六 / 万分之三十八 / 百分之零点六 / 6‰ → percent.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

from poscheck.textscan import Anchored

_CN_DIGITS = "零〇一二两三四五六七八九十百千万亿壹贰贰叁肆伍陆柒捌玖拾佰仟萬億兩"
_CN_NUM = f"[{_CN_DIGITS}点點]"
# A numeral run directly followed by a unit of money, time or count (not 几十块: no figure).
# The run's first character comes first and the "not after another numeral or 第" test second, so the
# regex engine can skip ahead to candidate characters (a leading look-behind made it try every position).
_NUM_BEFORE_UNIT = re.compile(
    rf"({_CN_NUM}(?<![{_CN_DIGITS}第0-9几].){_CN_NUM}*?)(?=(?:元|块|圆|笔|天|日|个月|个自然月|个工作日|月|年|次|台|张|倍|万元|万|%))"
)
# A spoken number with no unit after it (会员费三百九十九直接扣走, 每次六十九, 费率变成零点七二): a run that starts
# with a digit word and holds a magnitude (十百千) or is 零点…, and ends its clause or a phrase (…了, …直接) or
# names its fee (扣二百九十九押金, 扣了二百九十九是押金) or is refused (另外一百九十九不退的);
# 千万 (by all means), 十分 and 万一 are words, and 三十多个 or 十万家 are counts, not sums.
_INT_CHARS = "〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟萬億兩"  # and 零, not before 点
_FRAC_DIGIT = "[零〇一二两三四五六七八九]"
_DECIMALS = rf"[点點](?:(?!零点){_FRAC_DIGIT}(?![十百千万拾佰仟]))+"
_SPOKEN_NUMBER = re.compile(
    # (a rate said twice runs on in speech: 零点三八零点三八 is two; 零点三八一百块钱 a rate, then a sum)
    rf"([一二两三四五六七八九十零壹贰叁肆伍陆柒捌玖拾](?<![{_CN_DIGITS}第0-9.几].)"
    rf"(?:(?:[{_INT_CHARS}]|零(?!点))+(?:{_DECIMALS})?|{_DECIMALS}))"
    r"(?:(?=[^\u4e00-\u9fff\u3007]|[了的直就吧啊呢哈不是]|押金|服务费|手续费|流量费|会员费|激活费|年费|月费|$"
    r"|[一每]个?[年月]"  # …or is priced by its period (两百九十九一年, 九十九每年): see _spoken_number
    # …or, in speech written down without punctuation, runs into the next word (一笔一百九十九这个…是激活的;
    # 零点三八家人们终身不涨; 刷满三万块钱一百九十九原路返给你)
    r"|零点|[这那你我您]|家人|终身|永久|原路|刷满|返)"
    # …and a decimal ends where its digits do, whatever follows (零点五封顶二十)
    rf"|(?<=[点點]{_FRAC_DIGIT})|(?<=[点點]{_FRAC_DIGIT}{_FRAC_DIGIT}))"
)
# A sum priced by its period, told apart from a count of years (二十一年): it runs into the hundreds or ends in 九,
# as prices do (六十九一年, 三百六一年).
_PRICE_LIKE = re.compile(r"[百千佰仟]|[九玖]$")
_SPOKEN_MAGNITUDE = re.compile(r"[十百千拾佰仟]|^零点[一二三四五六七八九零]")
# A line that ends on a word waiting for its figure (费率低至 / 0.38, a flyer's layout): the break goes.
_HANGING = re.compile(r"\n[ \t]*(?=\d)")  # kept where the line before ends on one of _WAITING
_WAITING = ("低至", "低到", "仅需", "只需", "只要", "仅为", "费率")
# Spoken sums: 9块9 is 9.9元, and Cantonese writes 元 as 蚊 (每笔加2蚊).
_SPOKEN_YUAN = re.compile(
    r"(\d+)\s*块\s*(\d(?![\d.%笔次个台张年月天日号万千百])|[一二三四五六七八九](?=的|[,，。;；\s]|$))|(\d+(?:\.\d+)?)\s*蚊"
)
# 1元5角 (一元五角, as a written price says 1.5 yuan), 2元3角5分
_JIAO = re.compile(r"(\d+)\s*元\s*([0-9一二三四五六七八九])\s*角(?:\s*([0-9一二三四五六七八九])\s*分)?")
_FRACTION = re.compile(rf"(百|千|万)分之\s*((?:\d+(?:\.\d+)?)|{_CN_NUM}+)")
_PERMILLE = re.compile(r"(\d+(?:\.\d+)?)\s*‰")
# How sales talk writes rates: 0.38个点 (percentage points), 千6 (6 per mille), 万5 (5 per ten thousand); not 1千6
# (1,600) nor 千元 / 万元. The character before 千/万 is tested after it, so `re` can skip to 千 and 万.
_POINTS = re.compile(r"(\d+(?:\.\d+)?)\s*个点(?!位)")
# A rate a merchant was promised or is charged, written bare (说好的0.6，现在每笔按0.72扣): a fraction of one percent,
# with no unit or further figure after it, read as a percent.
# (the figure first, so that `re` skips to it; what it was said as is read before it, _bare_said)
_BARE_FRACTION = re.compile(r"0\.[2-9]\d{0,2}(?![\d.%‰元块毛角分万千个点秒折])")
_SAID_BEFORE = re.compile(r"(?:(?:[说谈讲]好|答应)的?\s*(?:是|就是)?|按照?)\s*$")
SAID_BACK = 8  # characters before a bare fraction read for _SAID_BEFORE
# A rate of nothing as ads write it (信用卡刷卡0费率, 零费率): the rate, then its figure.
_ZERO_RATE = re.compile(r"(?<![\d.])[0零]费率")
# A sum with thousands separators (4,982.00 元, as statements and app notices print it): the digits first, so that
# `re` skips to them; the separators must be ASCII commas in the original (a full-width "，" between two figures,
# 押金299，199元的激活费, separates two sums).
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?![\d,])")
_P0S = re.compile(r"(?<![a-z0-9])p0s(?![a-z0-9])")
_WAN_W = re.compile(r"(\d+(?:\.\d+)?)w(?![a-z0-9])")  # 刷够12w: chat's 万 (not in a word: _wan_w)
# It is tried only at each 千 and 万 (found by str.find): `re` would step through the page to find them. (Not found by
# the pass all Keywords share on a page, textscan.Anchored.shared: nothing else searches the text between two passes.)
_SHORT_FRACTION = Anchored(re.compile(
    r"(千|万)(?<![\d.一二两三四五六七八九十百千万几].)(\d{1,2}(?:\.\d{1,2})?)(?![\d.%万千百元块个])"
), ("千", "万"), 0, shared=False)
# The trade's shorthand for a surcharge on each transaction (the price of 秒到/D0): 每笔+3, 秒到+2, D0+3, 0.6+3
# (0.6% and 3元 a transaction); not +0 (no surcharge), nor a sum of percents (0.38%+0.1%). 0.6%+3 is read as it is.
# The pattern starts at the "+" (so `re` skips to it); _plus_fee looks at what stands before it.
_PLUS_FEE = re.compile(r"\+\s*([1-9](?:\.\d)?)(?![\d.%])\s*(?:元|块)?")
_PLUS_AFTER = re.compile(r"(?:每笔|秒到|d0|t0|(?<![\d.])0\.\d{1,3}(?P<pct>%)?)\s*$")
_PERMYRIAD = re.compile(r"(\d+(?:\.\d+)?)\s*‱")
# Sales talk prices a rate in 毛 per hundred yuan: 费率3毛8 is 0.38%, 刷卡六毛 0.6%. Only right after a rate's
# name (费率只要5毛5: a word of degree may stand between); 每笔手续费3毛钱 and 3毛一笔 are sums.
_MAO = re.compile(
    r"([0-9一二两三四五六七八九])\s*毛\s*([0-9一二三四五六七八九](?![0-9.]|笔))?(?![0-9.%]|\s*(?:钱|一笔|每笔|/笔))"
)
_MAO_RATE_BEFORE = re.compile(
    r"(?:费率|扣率|点位|手续费|刷卡|扫码|信用卡|借记卡|储蓄卡|贷记卡|云闪付|微信|支付宝)"
    r"(?:[\s:]|是|为|只要|只需|只|仅需|仅|才|低至|都是|都|就|也)*$"
)
# Sales talk and complaints also price a card rate as the yuan taken from a swipe of ten thousand: 刷一万只要38 is
# 0.38%, 刷1万扣了72块 0.72%. Only with a verb or the fee's name before the sum (刷一万省八块 is a saving,
# 刷一万块要多扣三十 a difference, 刷一万到账9940 the net), and only for sums a rate could be (10–149 yuan); read as
# 刷卡 (a rate's name) and the percent.
_PER_WAN = re.compile(
    r"刷卡?\s*(?:1\s*万|一\s*万|10000)\s*(?:块钱|块|元)?\s*(?:都|就|也|得|要)?\s*"
    r"(?P<v>的?手续费(?:是|为|只要|才)?|只要|只需|才|只扣|只收|要扣|扣了?|收了?)\s*"
    r"(?P<n>[1-9]\d(?:\.\d{1,2})?|1[0-4]\d)\s*(?:块钱|块|元)?(?![\d.%万千百])"
)
# Figures written in circled digits to dodge a keyword filter (服务费⑨⑨元): a run of them, or one before a unit; a
# lone ① is a list's marker.
_CIRCLED_DIGITS = str.maketrans("⓪①②③④⑤⑥⑦⑧⑨❶❷❸❹❺❻❼❽❾", "0123456789123456789")
# (one branch led by the class: `re` skips ahead to it; two branches made it try both at every character, 90 µs a page)
_CIRCLED = re.compile(r"[⓪①-⑨❶-❾](?:[⓪①-⑨❶-❾]+|(?=\s*(?:元|块|万|千|%)))")
# How voice input, hurried typing and writers dodging a keyword filter write 押金, a fee (流量废), a rate (费律),
# the data fee (流亮费) and 自己: read as the words they stand for.
# 自已 is a typo and an OCR's reading of 自己, which a screenshot's line may also break (后台自\n已就扣了).
# (鸭金: a seller's spelling that slips past a platform's word filter, 鸭金99 三个月刷够3w 全额退回)
_HOMOPHONES = re.compile(
    "压金|鸭金|(?<=流量|服务|手续|管理|会员|激活)废|费律|流亮(?=费|卡)|自已|(?<=后台|系统)自\n[ \t]*[己已]")
_MEANT = {"压金": "押金", "鸭金": "押金", "费律": "费率", "流亮": "流量"}
# 回 counting times, as the north says it (扣了三回 每回59): 次 (led by 回, so that `re` skips to it)
_TIMES = re.compile(r"回(?<=[\d一二两三四五六七八九十几每]回)(?![来去复应答家头收本款执访电归升事馈])")
# The trade's pinyin initials for its own words (xyk 0.6个点, 0 yj, 没有 jh 扣款, 每笔 tx 收2元): read as the words,
# when they stand alone (not inside a Latin word, an address or a handle).
_INITIALS = {"xyk": "信用卡", "jjk": "借记卡", "yj": "押金", "jh": "激活", "fl": "费率", "dz": "到账", "tx": "提现",
             "yzm": "验证码"}
_INITIAL = re.compile(r"(?:" + "|".join(_INITIALS) + r")(?![a-z./@_-])")  # the letter before: _initial
_NOT_BEFORE_INITIAL = re.compile(r"[a-z./@_#-]")
_CN_DIGIT_VALUE = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"两": 2}
# A line break inside a sentence (PDF wraps): CJK/digit on both sides, no sentence end before it.
# (A line that opens on a comma, a full stop or a closing mark goes on the one before it: ",1年1次", as an OCR wraps.)
# (…and a date cut before its day, 2025-07⏎-15到期, goes on too; not a sum after a figure, 1000.00⏎-6.00)
_WRAP = re.compile(
    r"(?<=[\u4e00-\u9fff0-9%、，,])[ \t]*\n[ \t]*"
    r"(?=[\u4e00-\u9fff0-9%,，。;；:：)）”」』]|(?<=-\d\d\n)-\d|(?<=-\d\n)-\d)")
# Plain text wrapped at a fixed width (a contract copied out of a PDF or an e-mail: "…向甲方住所\n地人民法院"):
# only a break after a line of at least SOFT_WRAP_MIN characters is joined, and not before an item or article.
SOFT_WRAP_MIN = 24
# An image's text wraps at the width of its bubble, banner or column: a line at least OCR_WRAP_SHARE of the longest
# (and OCR_WRAP_FLOOR characters) ran into the edge (您好,这边是拉卡拉总部客服,系统检测到您 / 名下pos机…); a poster's
# short lines are lines of their own. A line counts as long by its characters or by its width as rendered (a Han
# character two columns, a digit or a Latin letter one: …一年内退机要扣200的 is as wide as
# 没有押金的哦亲,就是激活的时候, though it has more characters; neither measure alone is the edge, as digits are wider
# than half a Han character).
OCR_WRAP_SHARE = 0.85
OCR_WRAP_FLOOR = 12
_WIDE = re.compile(r"[\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]")


def _width(line: str) -> int:
    """Columns `line` takes as rendered (CJK and full-width characters two, others one)."""
    return len(line) + len(_WIDE.findall(line))
# A line that starts with a date or a time is a new record of a chat or SMS export ("2025-05-18 09:13 小王：…").
# …or with a sender and then the time (何经理 14:08  开机第一笔…).
_RECORD_START = re.compile(
    r"(?:\d{4}|\d{2})[-/.年]\d{1,2}[-/.月]\d{1,2}|\d{1,2}:\d{2}|[^\s\d:,。]{1,16}[ \t]+\d{1,2}:\d{2}(?!\d)"
    r"|\d{1,2}[-/.月]\d{1,2}日?[ \t]+\d{1,2}:\d{2}"  # 11/02 20:24 陈经理：…
)
# …and a line that is only a record's head (2025-09-02 10:21:33 来自 1069…): its message is on the next line.
_RECORD_HEAD = re.compile(r"[ \t]*\d{2,4}[-/.]\d{1,2}[-/.]\d{1,2}[ \t]+\d{1,2}:\d{2}(?::\d{2})?[ \t]*"
                          r"(?:来自|发送至|发送给|发给|收|发)?[ \t]*[+\dx*\- ]{3,24}")
# …and a line that ends on a time of day is a message's or notice's heading (【提现成功通知】 2025-10-04 08:35).
_ENDS_ON_TIME = re.compile(r"[ \t]\d{1,2}:\d{2}(?::\d{2})?$")
# …and a row of a table laid out with spaces (07-01   权益会员月费   39.90   按月自动扣): two gaps of 2+ spaces or
# a tab.
# A line that opens on who speaks (a chat's or a comment thread's 开面馆的老杨：…, 　作者：…, 阿杰回复王姐：…): two such
# lines in a row are two messages, however long the first.
_SPEAKER = re.compile(r"[ \t]*[^\s:,。!?|]{1,32}:")  # (a name may hold asides: 阿杰(拉卡拉)回复王姐(鲜果坊):)
_ALIGNED = re.compile(r"\S(?: {2,}|\t)[ \t]*\S[^\n]*?\S(?: {2,}|\t)[ \t]*\S")
_ITEM_START = re.compile(
    r"第[一二三四五六七八九十百零〇\d]+[条章节]|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]"
    r"|\d{1,2}[、.．](?![\d.])"  # 2. 交易资金统一…: a numbered line of a chat's list (not 1.5%)
)

# A space between two characters of a word (letter-spaced or OCR text); _spaced_lines decides per line.
# (The spaces come first: a pattern that starts with a look-behind makes `re` try every position.)
_SPACE_BETWEEN = re.compile(r"[ \t]+(?=[\u4e00-\u9fffa-z0-9])")
_WORD_END = re.compile(r"[\u4e00-\u9fffa-z0-9%.]")
# A Chinese character, spaces, one or two characters, spaces, a character. The first space comes first and the
# Chinese character before it is a look-behind: a pattern that starts with the Chinese class is tried at every
# character of a Chinese page.
_SPACED_HINT = re.compile(r"[ \t](?<=[\u4e00-\u9fff][ \t])[ \t]*[\u4e00-\u9fffa-z0-9]{1,2}[ \t]+[\u4e00-\u9fffa-z0-9]")
_CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")
_CLAUSE_END = re.compile(r"[\n。,;:!?]")  # after normalisation: full-width punctuation is ASCII
SPACED_MIN_WORDS = 3  # a line of at least this many Chinese words …
SPACED_MAX_MEAN = 2.5  # … at most this long on average is letter-spaced
_SUB_ITEM = re.compile(r"\d{1,2}\.\d{1,2}[ \t]")  # 1.1 受理终端
PDF_TITLE_MAX = 30  # a PDF's first line shorter than this that names a document is its title, not a wrapped line
_PARTY_LINE = re.compile(r"[甲乙丙]方\s*(?:[:(]|[(（]?[\u4e00-\u9fff]{1,6}[)）]?\s*:)")  # 乙方: …, 甲方（商户）: …
PDF_HEADING_MAX = 16  # a PDF line this short that starts an article (第六条　责任限制) is the article's heading
_DOCUMENT_NAME = re.compile(r"(?:协议|合同|协议书|确认书|申请表|须知|条款|通知|公告|说明|规则|细则|办法|告知书)$")

_DIVISOR = {"百": 100, "千": 1000, "万": 10000}


@lru_cache(maxsize=1)
def _t2s_table() -> dict[int, str]:
    """Traditional → simplified for single characters, from OpenCC's own dictionary file."""
    import opencc

    path = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    table: dict[int, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) != 2 or len(parts[0]) != 1:
            continue
        simp = parts[1].split(" ")[0]
        if len(simp) == 1 and simp != parts[0]:
            table[ord(parts[0])] = simp
    return table


# Written Cantonese's own characters, one for one, as Mandarin (扣咗嘅299 → 扣了的299, 冇通知 → 没通知): a Guangdong
# merchant's complaint reads as any other. (係 is left alone: as 系 it would also be the 系 of 系统; 唔 too, whose
# words differ from 不's: both go in the pass below, _CANTONESE_WORDS.)
_CANTONESE = {"咗": "了", "嘅": "的", "冇": "没", "佢": "他", "哋": "们", "喺": "在", "啲": "些",
              "嗰": "那", "畀": "给", "俾": "给", "嚟": "来", "睇": "看"}
# …and 碌卡 (to swipe a card) as 刷卡, but not the 碌 of 忙碌, 劳碌, 庸碌
_LUK = re.compile(r"(?<![忙劳庸碌])碌(?!碌)")
# In a text written in Cantonese (one of its own characters in it): 係/系 as 是 and 话 as 说, outside the words they
# make in Mandarin too (系统, 关系, 联系, 体系; 电话, 话费, 说话, 对话)
_CANTONESE_TEXT = re.compile("[咗嘅唔冇佢哋喺嗰嚟睇]")
_CANTONESE_WORDS = re.compile(r"(?<![关体联派院直母父水星根语学科世谱])系(?![统列数])"
                              r"|(?<![电说对讲通笑废谈会闲童神佳情实怪大听白土])话(?![费术题筒语剧])"
                              r"|唔(?:使|用)?")  # 唔 不, but 唔使 不用 (no need) and 唔用 不使用 (not use it)
_CANTONESE_MEANT = {"系": "是", "话": "说", "唔": "不", "唔使": "不用", "唔用": "不使用"}


@lru_cache(maxsize=1)
def _char_table() -> dict[int, str]:
    """Every 1:1 character pass as one str.translate table: full-width → half-width, ASCII upper → lower,
    traditional → simplified. (str.lower() is not used: it is not 1:1 for every character, e.g. İ.)"""
    table = {c: chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)}
    table[0x3000] = " "
    table.update(_t2s_table())
    table.update({ord(c): m for c, m in _CANTONESE.items()})
    table.update({c: chr(c + 32) for c in range(ord("A"), ord("Z") + 1)})
    return {c: ch.lower() if ch.isascii() else ch for c, ch in table.items()}


_UCS4 = np.dtype("<u4")  # one code point per element: the layout of "utf-32-le"
CodeTable = npt.NDArray[np.uint32]


def remap(text: str, table: CodeTable) -> str:
    """`text` with every code point c below len(table) replaced by table[c], the others kept (one for one).

    Done on code point arrays: str.translate looks each character up in a dict, one by one, which on a
    page costs more than the rest of normalising it.
    """
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=_UCS4)
    if len(codes) and int(codes.max()) >= len(table):  # a character beyond the table's reach
        mapped = np.where(codes < len(table), table[np.minimum(codes, len(table) - 1)], codes)
    else:
        mapped = table[codes]
    return mapped.astype(_UCS4, copy=False).tobytes().decode("utf-32-le", "surrogatepass")


@lru_cache(maxsize=1)
def _char_lut() -> CodeTable:
    """_char_table as an array indexed by code point, up to the highest one it maps."""
    table = _char_table()
    lut = np.arange(max(table) + 1, dtype=_UCS4)
    lut[list(table)] = [ord(ch) for ch in table.values()]
    return lut


Offsets = npt.NDArray[np.int32]


@dataclass(frozen=True)
class Normalized:
    """Normalised text plus, for each of its characters, the original [start, end) it came from."""

    text: str
    starts: Offsets
    ends: Offsets

    def orig_span(self, start: int, end: int) -> tuple[int, int]:
        """Original offsets of normalised `text[start:end]`."""
        if end <= start:
            pos = self.starts[start] if start < len(self.starts) else (self.ends[-1] if len(self.ends) else 0)
            return int(pos), int(pos)
        return int(self.starts[start]), int(self.ends[end - 1])

    def norm_pos(self, orig: int) -> int:
        """The first normalised position whose original start is at or after `orig`."""
        return int(np.searchsorted(self.starts, orig, side="left"))


# The longest numeral read as a number: 玖仟玖佰玖拾玖万玖仟玖佰玖拾玖点玖玖 has 18 characters; a longer run
# is noise (or hostile), and cn2an's time grows with it.
_MAX_NUMERAL = 32


@lru_cache(maxsize=4096)  # the same few numerals (三, 十, 二十一) recur on every page; cn2an costs ~70 µs a call
def cn_number(s: str) -> float | None:
    """A Chinese numeral (一百九十九, 贰佰玖拾玖, 零点六) or digits as a finite number; None if unreadable."""
    s = s.strip()
    if not s or len(s) > _MAX_NUMERAL:
        return None
    try:
        value = float(s)
        return value if math.isfinite(value) else None
    except ValueError:
        pass
    import cn2an

    s = s.replace("〇", "零").replace("點", "点").replace("萬", "万").replace("億", "亿").replace("兩", "两")
    try:
        return float(cn2an.cn2an(s, "smart"))
    except (ValueError, KeyError, IndexError, TypeError, OverflowError):
        return None


def _fmt(x: float) -> str:
    text = f"{x:.6f}".rstrip("0").rstrip(".")
    return text or "0"


def _sub(
    norm: Normalized, pattern: re.Pattern[str] | Anchored, repl: Callable[[re.Match[str]], str | None]
) -> Normalized:
    """Replace matches of `pattern` (never empty); each new character maps to the whole original span replaced.

    The new offsets are the old ones repeated (np.repeat, one call for all matches): a kept character's
    once; for a replaced run, its first character's start and its last character's end once per new
    character, the rest of the run not at all.
    """
    pieces: list[str] = []
    firsts: list[int] = []  # per replacement: index of its first and last replaced character, new length
    lasts: list[int] = []
    sizes: list[int] = []
    replaced: list[int] = []  # every replaced character
    last = 0
    text = norm.text
    for m in pattern.finditer(text):
        new = repl(m)
        if new is None or new == m.group(0):
            continue
        s, e = m.span()
        pieces += (text[last:s], new)
        firsts.append(s)
        lasts.append(e - 1)
        sizes.append(len(new))
        replaced.extend(range(s, e))
        last = e
    if not pieces:
        return norm
    pieces.append(text[last:])
    start_copies = np.ones(len(text), dtype=np.intp)
    start_copies[replaced] = 0
    end_copies = start_copies.copy()
    start_copies[firsts] = sizes
    end_copies[lasts] = sizes
    return Normalized("".join(pieces), np.repeat(norm.starts, start_copies), np.repeat(norm.ends, end_copies))


def _plus_fee(m: re.Match[str]) -> str | None:
    before = _PLUS_AFTER.search(m.string, max(0, m.start() - 8), m.start())
    if before is None:
        return None
    if before.group(0)[0] == "0":  # 0.6+3 → 0.6%+3, as the fee reader reads a rate plus a surcharge (RATE_PLUS)
        return None if before.group("pct") else "%" + m.group(0)
    each = "" if before.group(0).startswith("每笔") else "每笔"  # 秒到+2 → 秒到每笔加收2元
    return f"{each}加收{m.group(1)}元"


def _spoken_yuan(m: re.Match[str]) -> str:
    if m.group(3):
        return f"{m.group(3)}元"
    tenth = m.group(2) if m.group(2).isdigit() else str("一二三四五六七八九".index(m.group(2)) + 1)
    return f"{m.group(1)}.{tenth}元"


def _jiao(m: re.Match[str]) -> str:
    tenth, cent = (d if d.isdigit() else str(_CN_DIGIT_VALUE[d]) for d in (m.group(2), m.group(3) or "0"))
    return f"{m.group(1)}.{tenth}{cent if cent != '0' else ''}元"


# Two neighbouring digits, maybe of a magnitude, say "about" (三四个月, 七八万, 两三百): no figure to read (not 34个月).
APPROXIMATE = re.compile(r"(?:一二|一两|三两|两三|二三|三四|三五|四五|五六|六七|七八|八九)[十百千万拾佰仟]?$")


def _spoken_number(m: re.Match[str]) -> str | None:
    run = m.group(1)
    if APPROXIMATE.match(run):
        return None
    if run.endswith(("点", "點")) or not _SPOKEN_MAGNITUDE.search(run):
        return None  # 二十一点 is a time of day
    if m.string[m.end():m.end() + 1] in ("一", "每") and not _PRICE_LIKE.search(run) and "点" not in run:
        return None  # 二十一年: a count of years
    value = cn_number(run)
    return None if value is None else _fmt(value)


def _numeral(m: re.Match[str]) -> str | None:
    run = m.group(1)
    # A lone 百/千/万 (几百元, 千元以下, 每万元) is a magnitude, not an amount.
    if run in {"百", "千", "万", "亿", "点", "佰", "仟"} or APPROXIMATE.match(run):
        return None
    value = cn_number(run)
    return None if value is None else _fmt(value)


def _fraction(m: re.Match[str]) -> str | None:
    value = cn_number(m.group(2))
    if value is None:
        return None
    return _fmt(value * 100 / _DIVISOR[m.group(1)]) + "%"


def normalize(text: str, *, join_wraps: bool = False, soft_wraps: bool = False) -> Normalized:
    """Normalise `text` for matching; `join_wraps` removes line breaks inside sentences (PDF), `soft_wraps`
    only those after a long line (plain text wrapped at a fixed width).

    Cached per text: the rule engine, the fact extractors and the checks all normalise the same
    documents, and a str caches its own hash, so a repeat costs a dictionary look-up. Short texts (titles, a
    fee's quote or conditions, several per page) have a cache of their own: in the one cache they pushed the
    pages out before the checks asked for them again, and every page was normalised twice.
    """
    return _cached(text, join_wraps, SOFT_WRAP_MIN if soft_wraps and not join_wraps else 0)


def normalize_document(text: str, kind: str) -> Normalized:
    """`normalize` with the line-break handling a document of this kind needs (PDF lines always wrap; an image's
    OCR'd lines wrap where they reach the width of its longest)."""
    if kind == "image":
        lines = text.translate(_char_table()).split("\n")  # (as the wrap test sees them: full-width punctuation ASCII)
        longest, widest = max(map(len, lines), default=0), max(map(_width, lines), default=0)
        return _cached(text, False, max(OCR_WRAP_FLOOR, int(longest * OCR_WRAP_SHARE)),
                       max(2 * OCR_WRAP_FLOOR, int(widest * OCR_WRAP_SHARE)))
    return normalize(text, join_wraps=kind == "pdf", soft_wraps=kind == "txt")


def _soft_wrap(text: str, least: int, least_width: int) -> Callable[[re.Match[str]], str | None]:
    """Joins a break after a line of at least `least` characters (or, when `least_width`, that many columns: see
    _width), unless a table row (with bars or aligned by spaces), item, record or time ends or starts there, or it is
    between two speakers' lines."""
    def repl(m: re.Match[str]) -> str | None:
        line_start = text.rfind("\n", 0, m.start()) + 1
        short = m.start() - line_start < least and not (
            least_width and _width(text[line_start:m.start()]) >= least_width)
        if short or text.find("|", line_start, m.start()) >= 0 \
                or _ALIGNED.search(text, line_start, m.start()) \
                or _ITEM_START.match(text, m.end()) \
                or _RECORD_START.match(text, m.end()) or _RECORD_HEAD.fullmatch(text, line_start, m.start()) \
                or _ENDS_ON_TIME.search(text, max(line_start, m.start() - 9), m.start()) \
                or (_SPEAKER.match(text, m.end()) and _SPEAKER.match(text, line_start, m.start())):
            return None
        return ""
    return repl


def _pdf_wrap(text: str) -> Callable[[re.Match[str]], str | None]:
    """A PDF's lines wrap inside sentences at any width, but a short first line that names a document (…服务协议)
    is its title, a line that starts an article or a numbered item (第一条, 1.1) starts a new block, and a short
    line that starts one is its heading (第六条　责任限制), not the start of its text."""
    first_end = text.find("\n")
    first = text[:first_end].strip() if first_end > 0 else ""
    title_end = first_end if len(first) < PDF_TITLE_MAX and _DOCUMENT_NAME.search(first) else -1

    def repl(m: re.Match[str]) -> str | None:
        if m.start() == title_end or _ITEM_START.match(text, m.end()) or _SUB_ITEM.match(text, m.end()) \
                or _PARTY_LINE.match(text, m.end()):
            return None
        line_start = text.rfind("\n", 0, m.start()) + 1
        if m.start() - line_start <= PDF_HEADING_MAX and _ITEM_START.match(text, line_start):
            return None
        return ""
    return repl


def _spaced_lines(text: str) -> Callable[[re.Match[str]], str | None]:
    """Letter-spaced text (an OCR of a flyer, a title set 民 事 判 决 书, a post that splits its words to pass a
    keyword filter: 首刷 冻结 199 元 押 金): the spaces between characters of a line, or of a clause, whose Chinese
    words are mostly one or two characters long go; a line of longer words separated by spaces (a nav bar:
    首页 关于我们 产品中心) keeps them."""
    verdicts: dict[tuple[int, int], bool] = {}
    ends = [m.start() for m in _CLAUSE_END.finditer(text)]

    def spaced(lo: int, hi: int) -> bool:
        if (lo, hi) not in verdicts:
            words = [w for w in text[lo:hi].split() if _CJK_CHAR.search(w)]
            verdicts[lo, hi] = len(words) >= SPACED_MIN_WORDS and sum(map(len, words)) <= SPACED_MAX_MEAN * len(words)
        return verdicts[lo, hi]

    def repl(m: re.Match[str]) -> str | None:
        at = m.start()
        if at == 0 or not _WORD_END.match(text, at - 1):
            return None
        line_lo = text.rfind("\n", 0, at) + 1
        line_hi = text.find("\n", at)
        if spaced(line_lo, len(text) if line_hi < 0 else line_hi):
            return ""
        k = bisect.bisect_left(ends, at)
        return "" if spaced(ends[k - 1] + 1 if k else 0, ends[k] if k < len(ends) else len(text)) else None
    return repl


def _initial(text: str) -> Callable[[re.Match[str]], str | None]:
    """The word a pinyin initialism stands for, unless a letter or an address character is before it (a look-behind
    first in the pattern would make `re` try every position of the page)."""
    def repl(m: re.Match[str]) -> str | None:
        before = text[m.start() - 1:m.start()]
        return None if before and _NOT_BEFORE_INITIAL.match(before) else _INITIALS[m.group(0)]
    return repl


def _hanging(text: str) -> Callable[[re.Match[str]], str | None]:
    def repl(m: re.Match[str]) -> str | None:
        return "" if text[max(0, m.start() - 8):m.start()].rstrip(" \t").endswith(_WAITING) else None
    return repl


# Below this many characters (a title, a fee's quote) str.translate maps a text faster than remap, whose
# array calls cost a few microseconds whatever the length.
_TRANSLATE_MAX = 40
# Identity offsets (character i comes from [i, i + 1)) for texts up to this long are views of one read-only
# array: an array of its own costs a page a few microseconds per offset array.
_POSITIONS = np.arange(2**16 + 1, dtype=np.int32)
_POSITIONS.flags.writeable = False


def _identity(text: str) -> Normalized:
    """`text` as its own normalisation: every character maps to itself."""
    n = len(text)
    if n < len(_POSITIONS):
        return Normalized(text, _POSITIONS[:n], _POSITIONS[1:n + 1])
    return Normalized(text, np.arange(n, dtype=np.int32), np.arange(1, n + 1, dtype=np.int32))


def _normalize(text: str, join_wraps: bool, wrap_min: int, wrap_width: int = 0) -> Normalized:
    """`normalize`; `wrap_min` > 0 joins soft wraps after lines of at least that many characters (or, when
    `wrap_width` > 0, that many columns)."""
    norm = _identity(text.translate(_char_table()) if len(text) < _TRANSLATE_MAX else remap(text, _char_lut()))
    if _SPACED_HINT.search(norm.text):  # a word of one or two characters between spaces: maybe letter-spaced
        norm = _sub(norm, _SPACE_BETWEEN, _spaced_lines(norm.text))
    if "\n" in norm.text:
        norm = _sub(norm, _HANGING, _hanging(norm.text))
    if join_wraps:
        norm = _sub(norm, _WRAP, _pdf_wrap(norm.text))
    elif wrap_min and "\n" in norm.text:
        norm = _sub(norm, _WRAP, _soft_wrap(norm.text, wrap_min, wrap_width))
    if "," in text:
        norm = _sub(norm, _THOUSANDS, _thousands(norm, text))
    # Each pass runs only when its sign is on the page (`in` costs next to nothing; a rare character of a longer
    # sign is tested first, as a one-character `in` costs a quarter of a two-character one).
    if _CIRCLED.search(norm.text):
        norm = _sub(norm, _CIRCLED, lambda m: m.group(0).translate(_CIRCLED_DIGITS))
    if "之" in norm.text and "分之" in norm.text:
        norm = _sub(norm, _FRACTION, _fraction)
    if "回" in norm.text:
        norm = _sub(norm, _TIMES, lambda m: "次")
    norm = _sub(norm, _NUM_BEFORE_UNIT, _numeral)
    norm = _sub(norm, _SPOKEN_NUMBER, _spoken_number)
    if "块" in norm.text or "蚊" in norm.text:
        norm = _sub(norm, _SPOKEN_YUAN, _spoken_yuan)
    if "角" in norm.text:
        norm = _sub(norm, _JIAO, _jiao)
    if "‰" in norm.text:
        norm = _sub(norm, _PERMILLE, lambda m: _fmt(float(m.group(1)) / 10) + "%")
    if "+" in norm.text:
        norm = _sub(norm, _PLUS_FEE, _plus_fee)
    if "‱" in norm.text:
        norm = _sub(norm, _PERMYRIAD, lambda m: _fmt(float(m.group(1)) / 100) + "%")
    if "w" in norm.text:
        norm = _sub(norm, _WAN_W, _wan_w(norm.text))
    if "p0s" in norm.text:  # an OCR'd (or a flyer's own) spelling of POS with a zero: 智能P0S机
        norm = _sub(norm, _P0S, lambda m: "pos")
    norm = _sub(norm, _INITIAL, _initial(norm.text))  # one pass: cheaper than an `in` test for each initialism
    # (a one-character `in` first: a two-character one costs 5 µs on a page without it; 律 and 亮 are common, 法律)
    t = norm.text
    if ("压" in t and "压金" in t) or "废" in t or ("律" in t and "费律" in t) or ("亮" in t and "流亮" in t) \
            or "自已" in t or "自\n" in t or "鸭金" in t:
        norm = _sub(norm, _HOMOPHONES, lambda m: "自己" if m.group(0)[0] == "自" else _MEANT.get(m.group(0), "费"))
    if "碌" in norm.text:
        norm = _sub(norm, _LUK, lambda m: "刷")
    if _CANTONESE_TEXT.search(text):
        norm = _sub(norm, _CANTONESE_WORDS, lambda m: _CANTONESE_MEANT[m.group(0)])
    if "毛" in norm.text:
        norm = _sub(norm, _MAO, _mao(norm.text))
    if "万" in norm.text and "刷" in norm.text:
        norm = _sub(norm, _PER_WAN, lambda m: f"刷卡1万{m.group('v')}{_fmt(float(m.group('n')) / 100)}%")
    if "个点" in norm.text:
        norm = _sub(norm, _POINTS, lambda m: m.group(1) + "%")
    if "0费率" in norm.text or "零费率" in norm.text:
        norm = _sub(norm, _ZERO_RATE, lambda m: "费率0%")
    if "0." in norm.text and ("好" in norm.text or "按" in norm.text):
        norm = _sub(norm, _BARE_FRACTION, _bare_said)
    norm = _sub(norm, _SHORT_FRACTION, _short_fraction)  # (its finditer looks for 千 and 万 first)
    return norm


FRAGMENT_MAX = 256  # texts shorter than this are cached apart from the pages (`normalize`)
_normalize_page = lru_cache(maxsize=256)(_normalize)
_normalize_fragment = lru_cache(maxsize=1024)(_normalize)


def _cached(text: str, join_wraps: bool, wrap_min: int, wrap_width: int = 0) -> Normalized:
    """`_normalize` from the cache for texts of its length."""
    if len(text) < FRAGMENT_MAX:
        return _normalize_fragment(text, join_wraps, wrap_min, wrap_width)
    return _normalize_page(text, join_wraps, wrap_min, wrap_width)


def _thousands(norm: Normalized, original: str) -> Callable[[re.Match[str]], str | None]:
    """The figures of a sum written with thousands separators, unless a digit or a point is before it or one of
    its commas was not an ASCII comma in `original`."""
    text = norm.text

    def repl(m: re.Match[str]) -> str | None:
        if m.start() and text[m.start() - 1] in "0123456789.":
            return None
        commas = (m.start() + k for k, c in enumerate(m.group(0)) if c == ",")
        if any(original[norm.starts[i]] != "," for i in commas):
            return None
        return m.group(0).replace(",", "")
    return repl


def _mao(text: str) -> Callable[[re.Match[str]], str | None]:
    def repl(m: re.Match[str]) -> str | None:
        if not _MAO_RATE_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            return None
        tenths, hundredths = (int(d) if d.isdigit() else _CN_DIGIT_VALUE[d] for d in (m.group(1), m.group(2) or "0"))
        return _fmt(tenths / 10 + hundredths / 100) + "%"
    return repl


def _wan_w(text: str) -> Callable[[re.Match[str]], str | None]:
    def repl(m: re.Match[str]) -> str | None:
        before = text[m.start() - 1:m.start()]
        return None if before.isascii() and (before.isalnum() or before == ".") else m.group(1) + "万"
    return repl


def _bare_said(m: re.Match[str]) -> str | None:
    """A bare fraction of one percent (_BARE_FRACTION) read as a percent where the words before it (_SAID_BEFORE)
    make it the rate promised or charged."""
    said = _SAID_BEFORE.search(m.string, max(0, m.start() - SAID_BACK), m.start())
    return m.group(0) + "%" if said else None


def _short_fraction(m: re.Match[str]) -> str:
    return _fmt(float(m.group(2)) / (10 if m.group(1) == "千" else 100)) + "%"
