"""Sales-text practices: cash-out promotion, fake customer service, and the text signs of 二清 and 跳码.

These need more than one sentence: a scam SMS quoted in an acquirer's warning has the same words as
the scam itself, and a legal article names 养卡/代还 to explain the crime. So every sign is judged in
its sentence (negation, prohibition, reported speech, warning; `textctx.asserted`) *and* in its
document (`textctx.genre`: warnings, guides and legal articles are teaching, never offers).
Complaints count: a merchant reporting "钱进到APP钱包里再提现" shows the practice.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from poscheck.checks import Analysis, check
from poscheck.checks.textctx import (
    CONDITIONAL,
    PROHIBITION,
    KeywordGate,
    asserted,
    gated,
    genre,
    is_agreement,
    make,
    quote,
    sentence_bounds,
    teaching_note,
)
from poscheck.clauses import parse
from poscheck.domains import registrable_domain
from poscheck.models import Document, Evidence, Finding
from poscheck.passages import post_starts
from poscheck.rules import context
from poscheck.statements.merchant import acquirer_codes, businesses_named_in, mcc_table
from poscheck.statements.names import names_agree, same_institution, written_person_name
from poscheck.statements.values import parse_amount
from poscheck.textscan import LED, in_quotes, led, line_end

_S = r"[^。;\n]"
_SUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"  # 1,278.28 or 1278.28


@dataclass(frozen=True)
class Sign:
    """One asserted sign of a practice (normalised offsets of the trigger and its sentence)."""

    practice: str  # a key of PATTERNS: cash_out, fake_service, second_clearing, mcc_jumping, statement_mismatch …
    kind: str  # which pattern group fired
    start: int
    end: int
    lo: int
    hi: int


# Businesses a jumped slip or bill shows instead of the merchant's own (the favoured or public-service categories).
_BUSINESSES = ("超市|百货|便利店|加油站|批发|药店|药房|医院|诊所|学校|公益|慈善|物业|酒店|宾馆|饭店|商行"
               "|贸易公司|贸易有限公司|商贸公司|商贸有限公司|足浴|养生馆"
               "|ktv|会所|酒吧|洗浴|娱乐城|夜总会|珠宝|金店|酒楼")  # (a firm, not a shop: 显示的是一家贸易公司)
# Categories as agents list them
_CATEGORY = "酒店|宾馆|餐饮|饭店|商超|商场|超市|百货|便利店|加油站|批发|药店|娱乐|珠宝|房产|汽车|教育"

# Hiding a transaction from the bank: cash-out's sign, or 跳码's when a merchant category is picked in its sentence.
# (the bank or its risk control is who cannot tell: not 风控的事我也查不到, an agent who cannot look into a hold)
_UNSEEN = rf"(?:银行|风控)(?:(?!的事|我|你|您){_S}){{0,4}}(?:看不出|查不到|识别不了)"
_EVASION = re.compile(rf"{_UNSEEN}|规避{_S}{{0,4}}风控")
EVASION_AFTER_JUMP = 40  # characters after a merchant picked (caption lines) where 银行看不出来 tells of its slip

# A page headed as an institution's service centre (银联商务客户服务中心 on a line of its own): any Chinese character
# may start it, but only at a line's start.
# …or as any name's 官方客服中心 (拉卡拉官方客服中心), a heading the institution's own site does not need.
_SERVICE_HEADING = (r"(?<![^\n])(?:(?:银联商务|中国银联|银联|[\u4e00-\u9fff]{2,6}(?:银行|支付))[ \t·•|\-]{0,3}(?:官方)?"
                    r"(?:商户|客户)(?:服务|客服)中心|[\u4e00-\u9fff]{2,6}官方(?:商户|客户)?(?:服务|客服)中心)"
                    r"(?:\(官方\))?(?=[ \t]*(?:\n|$))")
_FAKE_SERVICE_PLAIN = re.compile(
    rf"(?P<stop>(?:停用|(?:停止|暂停)(?:该|此|您的|一切|所有)?(?:终端|机具|设备|机器)?(?:交易|使用|服务|收款|刷卡|结算|受理)|停机|作废"
    rf"|关停"
    rf"|终止(?:交易|服务|使用)|无法使用|无法交易|关闭(?:受理|收款|交易)功能"  # (终端将被关闭受理功能)
    rf"|用不了|不能用|不能刷|刷不了|(?:会|要|将|就)停(?:掉|了|用)?(?=[,。;!]|$)){_S}{{0,40}}"  # (旧机月底会停，…)
    rf"|备案{_S}{{0,4}}到期)"
    rf"|(?P<claim>(?:(?:我|我们|俺们|俺|咱们|我这边|这边|这里|本中心|他|她|对方)(?:这边)?是|自称|说是|声称是?"
    rf"|[说称](?:自己|他|她|他们|她们)是|冒充){_S}{{0,14}}?"  # (说自己是银联客服; 冒充银行客服)
    rf"(?:总部|官方|银联|银行|支付|收单|厂家|售后|信用社|农信社|拉卡拉|通联|随行付|汇付|快钱|海科|乐刷|盛付通|嘉联"
    rf"|国通|中汇){_S}{{0,8}}?"
    # (俺们是镇上信用社那边过来搞惠农服务的: sent by the institution, as a door-to-door seller puts it)
    r"(?:客服|回访|专员|工作人员|升级中心|服务中心|售后|那边(?:过来|派来)的?|派来的|的(?=[,。;]))"  # (说是银联的，…)
    # 一名自称“星POS运营中心客服”的男子, 自称"海科融通商户清理整顿办公室": whoever they claimed to be
    rf"|自称{_S}{{0,16}}?(?:客服|专员|工作人员|办公室)"
    rf"|【(?:银联|中国银联|银联商务|拉卡拉|[\u4e00-\u9fff]{{0,6}}(?:银行|支付))[^】]{{0,6}}】"
    rf"|官方{_S}{{0,10}}?(?:退还|退款|退费|升级|换机|认证|核验)(?:服务)?(?:中心|通道|平台|专线)"
    # 银联商务官方商户服务中心
    r"|(?:银联|银联商务|银行|支付|收单)[\u4e00-\u9fff]{0,4}?[ \t·•|\-]{0,3}官方(?:商户|客户)?(?:服务|客服)(?:中心|平台)"
    r"|(?:退还|退款|退费|升级|换机)官方(?:中心|通道|平台)"
    rf"|{_SERVICE_HEADING}"
    rf"|(?:银联|银行|支付|收单|总部){_S}{{0,8}}?(?:退还|退款|退费)(?:中心|通道|平台|专线))"  # 银联POS机押金退还中心
)
# The characters its other alternatives start with, or a line's start: `led` would let every Chinese character in
# (for the heading), and `re` enters each branch of the pattern at each of them. Registered with textscan.LED, so
# tests/test_anchored.py holds it to the plain pattern; test_terms_practices.py holds the class to the alternatives.
FAKE_SERVICE_STARTS = "【不他作停关刷升声备她官对总我换支收无暂本用终自说这退银称冒俺咱会要将就"
_FAKE_SERVICE = re.compile(rf"(?:(?=[{FAKE_SERVICE_STARTS}])|(?<![^\n]))(?:{_FAKE_SERVICE_PLAIN.pattern})")
LED.append((_FAKE_SERVICE_PLAIN, _FAKE_SERVICE))

# The patterns whose alternatives start with groups are `led`: `re` would enter every branch at every position.
PATTERNS: dict[str, re.Pattern[str]] = {
    "cash_out": led(re.compile(
        r"(?P<strong>养卡|以卡养卡|把卡养(?:起来|活|着|到)|卡养起来|账单周转|周转过去|养着?(?:提额|提升额度)|代还|垫还|空卡|套现|信用卡周转|周转还款|做流水|做足流水|刷流水|做账单|额度翻倍|撬动整张卡|还款神器|智能还款|额度变现|信用卡变现|"
        r"刷卡变现|刷卡取现|pos取现|"
        rf"{_UNSEEN}|规避{_S}{{0,4}}风控|模拟{_S}{{0,2}}(?:真实)?消费)"
        r"|(?P<weak>提额|提升{0,1}额度|还款计划|消费计划)"
    )),
    "fake_service": _FAKE_SERVICE,
    "second_clearing": led(re.compile(
        rf"(?P<wallet>(?:款项|货款|交易款|收款|资金|钱|刷卡的钱|刷卡款|结算款|到账款|营业款|金额){_S}{{0,16}}?"
        rf"(?:进入|进到|存入|转入|计入|记入|入|到|秒到|直达|留在){_S}{{0,14}}?钱包"
        rf"|钱包{_S}{{0,8}}?(?:余额)?{_S}{{0,4}}?提现|收款{_S}{{0,4}}到钱包"
        r"|入账方式[:\s]{0,4}(?:钱包|余额|账户余额)"  # a payment's bill: 入账方式 钱包余额
        rf"|(?:余额|虚拟账户|电子账户|平台账户|云账户|子账户){_S}{{0,10}}?提现"
        # a balance moved out to a bank card, at a price or from an app (APP里点“转出到银行卡”; 转出到银行卡每次收取2元)
        rf"|(?:余额|钱包|app){_S}{{0,10}}?转出到?[^。,;]{{0,12}}?(?:银行卡|储蓄卡|结算卡|本人卡)"  # (…任意一张银行卡)
        rf"|转出到?(?:银行卡|储蓄卡|结算卡|本人卡){_S}{{0,6}}?(?:每次|每笔|收取|手续费|扣)"
        rf"|先(?:进|到|进入|存入|转入|打到){_S}{{0,10}}?(?:余额|中间账户)"  # 钱先进App里的“余额”
        # 甲方交易资金进入乙方平台账户余额: the takings land in a balance, to be withdrawn
        rf"|(?:交易资金|交易款|结算资金|结算款|货款|营业款)(?:{_S}{{0,6}}?)(?:进入|存入|转入|进到|记入)"
        rf"{_S}{{0,10}}?(?:账户余额|平台余额|虚拟账户|电子账户|平台账户|云账户|子账户|商户账户))"
        rf"|(?P<agent>统一归集|归集后|代为结算|代结算|代付结算"
        rf"|资金{_S}{{0,4}}由(?:平台|我司|本公司|公司)[\u4e00-\u9fff]{{0,8}}?(?:统一)?"
        r"(?:管理|保管|结算|代收代付|代收|收取|归集)"  # (外卡交易资金由我司香港关联公司统一收取)
        # 钱先统一进我们公司对公户
        rf"|先(?:统一)?(?:到|进|转到|进入)(?:我们|咱们|咱)?(?:这个|那个)?的?(?:公司|平台|我司|别人|他人|个人){_S}{{0,4}}(?:对公)?(?:账户|户头|户)"
        # (由星汇平台统一代收)
        r"|由(?:[\u4e00-\u9fff]{0,4}平台|我司|本公司|公司|服务商|代理商?)(?:统一|每日|每天|次日)?"
        r"(?:代收|代付|转付|打款|支付给|结算给|代为支付|转入|转账|转给|划转|划入|打到|付给)"
        r"|(?:先|首先)(?:到|进|转到|进入|结算至|结算到|归集到|汇入|打入)(?:我们|咱们|咱)?(?:这个|那个)?的?(?:公司|平台|我司|别人|他人|个人|第三方))"
        # a firm keeps and pays out the takings (资金由合肥钱多多网络科技有限公司提供存管及代付服务): find_signs
        # keeps it when the firm is no licensed institution
        r"|(?P<custody>资金由(?P<custodian>[\u4e00-\u9fff()]{4,30}?)(?:提供)?(?:资金)?(?:存管|代付|代收代付|清分)"
        r"(?:(?:及|和|、)(?:存管|代付|代收代付|清分))?服务)"
        # a contract party settles the merchant's money (甲方交易资金由乙方统一清算; 乙方…将…款项代付至甲方…账户);
        # find_signs keeps it when that party is the provider and its defining line names no licensed firm
        rf"|(?P<party>(?:资金|款项|货款|交易款|结算款){_S}{{0,8}}?(?<![不非未])由(?P<who>[甲乙丙]方)(?:(?:统一|负责|代为)?"
        r"(?:清算|结算|代收代付|代收|代付|划付)|代为归集)"  # 统一归集 is an agent sign of its own
        rf"|(?P<payer_party>[甲乙丙]方){_S}{{0,16}}?将{_S}{{0,16}}?(?:款项|资金|货款|结算款)代付(?:至|到|给)"
        # …or has the takings cleared into its own account and pays out of it (由收单机构清算至乙方指定的资金归集账户;
        # 由乙方账户划付至甲方)
        rf"|(?:清算|结算|划转|汇入|打入)(?:至|到)(?P<pool_party>[甲乙丙]方)(?:指定|开立|名下)?的?{_S}{{0,8}}?"
        r"(?:归集|中间|过渡|公司|对公|平台|收款)账户"
        r"|由(?P<acct_party>[甲乙丙]方)(?:公司|对公)?账户[^。;\n]{0,16}?(?:划付|转付|代付|付款|打款|支付|转出)"
        # (…待结算资金，由乙方在完成核查后，通过乙方对公账户或…个人账户分批支付至甲方)
        r"|通过(?P<via_party>[甲乙丙]方)的?(?:公司|对公)?账户[^。;\n]{0,30}?(?:划付|转付|代付|付款|打款|支付|转)(?:至|到|给)"
        # (乙方顾客…支付的款项，统一进入甲方收款账户)
        rf"|(?:款项|资金|交易款|货款)[,，]?(?:统一)?(?:进入|存入|转入|汇入)(?P<into_party>[甲乙丙]方){_S}{{0,6}}?账户)"
        rf"|(?P<runs>负责(?:(?![不未无非])[^。;\n,]){{0,10}}?资金结算"  # not 负责播报，不参与资金结算
        # the party receives the takings and pays the rest on (乙方收到甲方POS交易款项后…将余款支付至甲方)
        rf"|收到{_S}{{0,12}}?(?:交易|刷卡)?(?:款项|资金|款)后{_S}{{0,30}}?(?:支付|转付|划付|划转|转账|结算|打)(?:至|到|给))"
        rf"|(?P<payer>(?:付款方|到账方|打款方|对方户名|转账方|付款人|汇款人|(?:打钱|打款|转钱|付钱)的(?:人)?)"
        rf"{_S}{{0,8}}?(?:(?<![不非])是|为|写的是|显示|显示为|写着|:|变成了?|成了|换成了?)(?:(?![不没非无])[^。;\n]){{0,24}}?"
        r"(?:科技|商贸|信息|网络|商务|个人|私人|业务员)"
        rf"|(?:到账|入账|打款|流水)(?:记录|信息)?{_S}{{0,6}}?(?:显示|写着|写的是|显示为){_S}{{0,20}}?"
        r"(?:科技|商贸|信息|网络|商务|个人|私人)"
        # 钱却是个人打过来的, 到账是一个叫周丽的人转给我的
        # …到账是我们财务小陈的个人卡转给你
        r"|(?:到账|钱|款项?|结算款|货款)(?:却|都|竟然?)?是[^。,;\n]{0,10}?(?:个人|私人)(?:卡|账户|银行卡)?(?:打|转|付|汇)"
        # (到账的那笔是一个叫陈志强的人转过来的)
        r"|(?:到账|打款|打钱|转账|付款|钱|款项?|结算款|货款)的?(?:(?:那|这)笔)?(?:却|都|竟然?)?是(?:一个|个)?叫[“\"]?"
        # (结算款都是一个叫“刘建波”的个人账户转给我的)
        r"[\u4e00-\u9fff]{1,3}[”\"]?的(?:人|个人)(?:账户|账号)?(?:打|转|付|汇)"
        # …or a firm's name that paid it (打款的这家科技公司我不认识)
        r"|(?:打款|打钱|付款|转账|转钱)的(?:这|那)?(?:家|个)?[^。,;\n]{0,6}?(?:科技|商贸|信息|网络|商务)(?:有限)?公司)"
        # a payer named as a person (对方户名：张晓峰); find_signs keeps it when it is a name and the money takings
        rf"|(?P<named>(?:付款方|到账方|打款方|对方户名|转账方|付款人|汇款人|打款人)(?:名称|户名)?\s*"
        r"(?:是|为|显示|显示为|写着|写的是|:)\s*(?P<name>[\u4e00-\u9fff]{1,3}(?:[*＊]{1,2}[\u4e00-\u9fff]?|某)?)"
        r"(?![\u4e00-\u9fff*＊]))"
        # (not 结算，不经过任何第三方账户)
        rf"|(?P<personal>(?:结算|打款|到账|转)(?:至|到)?(?:(?![不未非无没]){_S}){{0,6}}?(?:业务员|代理商?|他人|第三方)"
        r"(?:的|提供的|指定的)?(?:个人)?(?:账户|银行卡))"
    )),
    "mcc_jumping": led(re.compile(
        # (上千家真实商户可选; not 商户可选择T+1)
        r"(?P<select>自选商户|(?<!\()商户(?:类型|类别)?可?自选(?!\))|可选商户|(?:商户|行业)可选(?=\s*(?:[,。;:!?、」”\x22]|$))|"
        # (每一笔自动换一家，也可以手动挑，想刷哪家就刷哪家)
        r"(?:每一?笔|每次)(?:都)?自动换(?:一家|商户)|想刷哪家就刷哪家|选商户|自选行业|行业自选|行业任选|任选行业|落地商户|优选商户|"
        rf"切换商户|商户切换|一机多商户|精养商户|(?:智能|自动)匹配{_S}{{0,16}}?(?:商户|账单|行业)|"
        # (行业匹配功能，系统会自动把你的交易匹配成商超类)
        rf"行业匹配|匹配成{_S}{{0,6}}?类|"
        rf"(?:刷卡|交易|消费)前{_S}{{0,10}}(?:选择|选){_S}{{0,10}}(?:行业|商户|城市)"
        r"|(?:刷卡|交易|消费)的?时候?[^。;\n不没别无]{0,8}(?:自己|自行|随便|任意|随意)(?:选择|选|挑)(?:走)?[^。;\n,]{0,6}"
        r"(?:行业|商户|城市)"  # (刷卡的时候可以自己挑走哪个行业的商户; not 不能自己选)
        rf"|(?:自主|自由|随意|任意|自行)选择{_S}{{0,8}}?(?:商户|行业|mcc)|(?:自选|切换|选择)mcc|mcc(?:自选|任选|切换)"
        r"|(?:商户|行业|类目)(?:随心选|随意选|任意选|自由选|自由切换|随意切换|任意切换|随便选|随便挑|随便切|随便换|任[您你][挑选切换])"
        r"|(?:自己|自行)挑(?:行业|商户|类目)|挑行业[、,和及]挑商户"  # 刷之前可以自己挑行业、挑商户
        # 签购单及银行卡账单上显示的商户名称为甲方名称或甲方合作商户名称: the slip names a partner merchant
        r"|(?:签购单|账单|小票)[^。;\n]{0,12}?显示的?商户名称?(?:为|是)[^。;\n]{0,10}?合作商户"
        # 商户可以自己选的，…您想让顾客账单上显示什么店都行
        r"|(?:商户(?<![让由给请]商户)|行业)(?:类型|类别)?(?:可以|能|可)?(?:自己|随便|任意|随意)选(?![择购])|显示(?:什么|哪家|哪个)(?:店|商户|行业)都(?:行|可以)"
        # an app's category setting changed at will: APP里有个“行业选择”……选商场啊酒店啊，随时换
        r"|(?:行业|商户|类目)选择[^。]{0,80}?(?<![不能可得要准许])(?:随时换|随时切|随便换|随便切)"  # not 不能随便换
        r"|指定(?:城市|地区|省份)落地|落地(?:城市|地区)(?:可选|任选|自选|可指定)"
        r"|(?:设|配|绑)了?(?:\d|[两三四五六几多])个商户"  # 机器里我给你设了三个商户，刷大额就选"酒店"的
        # 酒店、商超、餐饮一键切换; 你想要酒店的 餐饮的 都能给你落: categories to pick from, not the merchant's own
        rf"|(?:{_CATEGORY})的?(?:\s*(?:[、,/和及或]|还是|或者)?\s*(?:{_CATEGORY})的?){{1,5}}[^。\n]{{0,8}}?\s*"
        r"(?:一键切换|随意切换|任意切换|随时切换|自由切换|随心切换|任[您你](?:切换|选|挑)|随便选|随便挑|任意选|随意选|任选|自选"
        # 超市饭店加油站轮着来: the transactions rotate among them
        r"|都能(?:给你)?落|都可以落|轮着来|轮流|轮换|换着刷|轮着刷"
        r"|随机跳|随便跳|来回跳|轮着跳)"  # 商超、餐饮、加油、酒店随机跳
        # 餐饮、酒店等高费率行业可按商超类入网: a business of one category signed up under a cheaper one
        rf"|(?:高费率|高扣率|费率高){_S}{{0,24}}?(?:可|能|都|统一|一律)(?:以|可以|能)?(?:按|走|报|入)"
        r"[\u4e00-\u9fff]{1,6}?类(?:商户|行业)?(?:入网|进件|报件|登记|申请))"
        # the category the merchant is told to sign up under (商户类型选超市百货), kept when a cheaper rate is why
        rf"|(?P<advised>(?:商户类型|商户类别|行业类型|行业类别|经营类目|mcc)(?:就|都|直接|最好)?(?:选|填|报|写)(?:成|为)?"
        rf"{_S}{{0,2}}?(?:{_CATEGORY}|公益|民生|批发))"
        r"|(?P<category>优惠类|公益类|民生类|福利类|优惠行业|优惠商户)"
        r"|(?P<jump>跳码|套码|跳商户|跳行业)"
        # what a slip or bill shows: another business's name (…生鲜超市 on a clothing shop's slip); _practice_signs
        # keeps it when the writer says the name is not theirs
        # (a card app's record is the cardholder's bill: 信用卡APP里一看 这一笔显示的是⏎「…贸易商行」)
        rf"|(?P<elsewhere>(?:签购单|小票|凭条|账单|交易记录|刷卡记录|商户名称|商户名|信用卡app|银行app|手机银行){_S}{{0,12}}?"
        r"(?:是|为|叫|印的是|印着|印成|打成|打的是|打印的是|打印为|打出来是|显示|显示的是|写着|写的是|成了|变成了?|(?<=名称):|(?<=名):)[^。;\n]{0,3}?\n?"
        rf"(?:[\u4e00-\u9fff「」“”\"『』]{{0,14}}?(?:{_BUSINESSES})|[“\"「『][\u4e00-\u9fff]{{2,24}}[”\"」』]))"
        # …or the writer says the name shown is not theirs, without naming it (刷卡显示的根本不是我的店名; 账单上的
        # 商户名跟我的店名对不上)
        r"|(?P<disowned>(?:签购单|小票|凭条|账单|交易记录|刷卡记录|显示)[^。;\n]{0,10}?(?:商户名称?|店名|名字|名称)?"
        r"[^。;\n]{0,4}?(?:根本|并|都|竟然|居然)?(?:不是|并非)(?:我|我们|我家|咱家?|本店)(?:自己)?(?:的|家)?"
        r"(?:店名|店铺|店|名字|商户名?)"
        r"|(?:商户名称?|店名)[^。;\n]{0,10}?(?:跟|和|与)(?:我|我们|我家)(?:自己)?的?(?:店名|店|名字|营业执照)[^。;\n]{0,4}?"
        r"(?:对不上|不一样|不一致|不符|不同))"
        # a category code the writer read off a slip (商户编号 digits 8–11, DOMAIN.md), kept when their business
        # is another's (_code_not_mine)
        r"|(?P<code>(?:商户编号|商户号)[^\d。\n]{0,8}?(?:\d{15}|\d{3} \d{4} \d{4} \d{4})(?!\d)"  # (836 5840 5411 2093)
        r"|(?:中间(?:那)?(?:四|4)位|8-11位|第8到11位|类别码|行业码|mcc码?)[^\d。\n]{0,8}?\d{4}(?!\d))"
    )),
    # A merchant's own arithmetic: what should have arrived against what did (5000元按0.6%应该到账4970元，实际到账
    # 4925元); find_signs keeps it when less arrived.
    "statement_mismatch": led(re.compile(
        rf"(?P<net>应(?:该|当)?(?:扣\s*(?:{_SUM})\s*元?\s*[、,]?\s*)?(?:到账|到手|入账|收到|结算|到)\s*(?P<x>{_SUM})\s*元?"
        rf"(?:{_S}{{0,16}}?(?:实际|结果|却|但|可)(?:上)?(?:是|在)?|[,;\s]{{0,3}})"  # (or right after it)
        r"(?:\d{1,2}月\d{1,2}[日号])?(?:银行|卡里|卡上|账上)?"  # 实际是3月21日到账1266.71元; 应到账4970，银行到账4940
        rf"(?:只|才|仅)?(?:到账|到手|入账|收到|到)了?\s*(?:只有|仅有|只|才|仅)?\s*(?P<y>{_SUM}))"
        # … or what did first: 到我卡里只有9915，按0.6%应该到9940才对
        r"|(?P<short>(?:到账|到手|入账|收到|到(?:我|我的)?(?:卡|账户|账上)里?)了?\s*(?:只有|仅有|只|才|仅)?\s*"
        rf"(?P<y2>{_SUM}){_S}{{0,16}}?应(?:该|当)?(?:到账|到手|入账|收到|到|为|是)\s*(?P<x2>{_SUM}))"
        # … or the slip names one acquirer and another paid: 签购单上印的是拉卡拉，钱却是汇付打过来的
        # (签购单上印的收单机构是拉卡拉，到账记录上打款的却是银盛，…)
        r"|(?P<other>(?:签购单|小票|凭条)[^。\n]{0,8}?(?:印的是|写的是|显示的是|显示|是)(?P<a>[\u4e00-\u9fff]{2,8}?)(?:支付)?"
        r"[,;]?[^。\n,;]{0,10}?(?:钱|款|结算款|到账|付款方|打款方)[^。\n]{0,3}?(?:却|但|可|竟然)是"
        r"(?P<b>[\u4e00-\u9fff]{2,8}?)(?:支付)?(?:打|转|付|汇|结算|(?=[,;。])))"
        # … or the fee taken against the fee agreed: 却扣了82.4元,按合同应该只扣48块 (应扣48元,实际扣了82.4元)
        rf"|(?P<over>扣了\s*(?P<x3>{_SUM})\s*(?:元|块)?{_S}{{0,16}}?应(?:该|当)?只?(?:扣|收)\s*(?P<y3>{_SUM})"
        rf"|应(?:该|当)?只?(?:扣|收)\s*(?P<y4>{_SUM})\s*(?:元|块)?{_S}{{0,16}}?(?:实际|却|结果|可)上?(?:扣了|扣)\s*(?P<x4>{_SUM}))"
        # … or a slip that disagrees with itself: its 商户编号's acquirer code (acquirer-codes.csv) is another
        # institution's than its 收单机构 field; find_signs compares them
        r"|(?P<prefix>(?:商户编号|商户号)\s*:?\s*(?P<mno>\d{15})(?!\d))"
    )),
    "one_clear": re.compile(
        rf"一清|(?:直接|直)(?:结算|清算){_S}{{0,10}}(?:本人|同名|商户|您)|资金直达{_S}{{0,6}}(?:本人|商户|您)"
    ),
    "fixed_rate": re.compile(
        rf"永不涨价|永久不变|永久{_S}{{0,4}}\d\.\d+%|终身(?:不涨|价|费率|不变)|费率{_S}{{0,4}}(?:永久|终身)|锁定费率|永久费率|永不调整"
    ),
}
#: Literals that every match of a practice's pattern contains (the patterns run only where one occurs).
KEYWORDS: dict[str, tuple[str, ...]] = {
    "cash_out": (
        "养卡", "卡养", "代还", "垫还", "空卡", "套现", "周转", "流水", "看不出", "查不到", "识别不了", "规避", "模拟",
        "提额", "额度", "做账单", "撬动", "还款计划", "消费计划", "还款神器", "智能还款", "变现", "取现",
    ),
    # Each match holds one of these: a stop word, the claim's "…是" (我是, 我们这边是, 本中心是), 自称, 【 or 官方
    # ("客服" or "工作人员" alone would open every contact line to the pattern).
    "fake_service": (
        "停用", "停止交易", "停止使用", "停止服务", "停止收款", "停机", "作废", "关停", "终止交易", "终止服务",
        "终止使用", "无法使用", "用不了", "不能用", "不能刷", "刷不了", "暂停交易", "暂停使用", "暂停服务", "暂停收款",
        "停止结算", "暂停结算", "停止刷卡", "暂停刷卡", "停止受理", "暂停受理", "办公室", "无法交易", "受理功能",
        "收款功能", "交易功能", "会停", "要停", "将停", "就停",
        "备案", "我是", "们是", "边是", "里是", "心是", "他是", "她是",
        "方是", "自称", "说是", "声称", "【", "官方", "户服务中心", "户客服中心", "户服务平台", "自己是", "冒充",
        "那边过来", "派来",
        *(a + b for a in ("退还", "退款", "退费") for b in ("中心", "通道", "平台", "专线")),
    ),
    "second_clearing": (
        "钱包", "提现", "归集", "代为结算", "代结算", "代付", "由平台", "由我司", "由本公司", "由公司", "由服务商",
        "由代理", "先到", "先进", "先转", "资金结算", "付款方", "到账方", "打款方", "对方户名", "转账方", "付款人",
        "汇款人", "业务员", "代理", "他人", "第三方", "先结算", "先归集", "首先", "先汇", "先打", "到账", "入账",
        "打钱的", "打款的", "转钱的", "付钱的", "流水", "收到", "是个人", "是私人", "是一个个人",
        "由甲方", "由乙方", "由丙方", "先存", "余额", "转出",
        "至甲方", "至乙方", "至丙方", "到甲方", "到乙方", "到丙方",  # 清算至乙方指定的资金归集账户
        "入甲方", "入乙方", "入丙方",  # 款项，统一进入甲方收款账户
        "账户划付", "账户转付", "账户代付", "账户付款", "账户打款", "账户支付",
        "虚拟账户", "电子账户", "平台账户", "云账户", "子账户",
        "人打", "人转", "人付", "人汇", "人账户", "人账号", "人卡",  # 叫“刘建波”的个人账户转给我的
    ),
    "mcc_jumping": (
        "自选", "可选商户", "选商户", "任选", "落地商户", "优选商户", "切换商户", "商户切换", "多商户", "精养商户",
        "匹配", "刷卡前", "交易前", "消费前", "刷卡时", "交易时", "消费时", "刷卡的时", "交易的时", "消费的时",
        "优惠类", "公益类", "民生类", "福利类", "优惠行业", "跳码", "套码",
        "跳商户", "跳行业", "选择", "mcc", "随心选", "随意选", "任意选", "自由选", "自由切换", "随意切换", "任意切换",
        "落地", "优惠商户", "签购单", "小票", "凭条", "账单", "交易记录", "刷卡记录", "商户名", "信用卡app", "银行app",
        "手机银行",
        "商户编号", "商户号", "中间", "8-11位", "第8到11位", "类别码", "行业码", "个商户", "高费率", "高扣率", "费率高",
        "切换", "随便选", "随便挑", "随便切", "随便换", "挑行业", "挑商户", "挑类目", "自己选", "任意选", "随意选",
        "都行", "都可以",
        "能落", "可以落", "给你落", "任您", "任你", "行业可选", "随心切换", "换着刷", "轮着刷",
        "轮着来", "轮流", "轮换", "随机跳", "随便跳", "来回跳", "轮着跳",
        "商户类型", "商户类别", "行业类型", "行业类别", "经营类目", "不是我", "并非我", "不是本店", "不是咱", "店名",
        "商户可选", "自动换", "哪家就刷",
    ),
    "statement_mismatch": (
        "应到", "应该到", "应当到", "应收到", "应该收到", "应当收到", "应入账", "应该入账", "应当入账",
        "签购单", "小票", "凭条", "商户编号", "商户号", "应扣", "应该扣", "应当扣", "应该只扣", "应只扣", "应收",
        "应该收", "应当收", "应该只收", "应为", "应是", "应结算", "应该结算", "应当结算",
    ),
    "one_clear": ("一清", "直接结算", "直接清算", "直结算", "直清算", "资金直达"),
    "fixed_rate": ("永不涨价", "永久", "终身", "锁定费率", "永不调整"),
}
_GATE = KeywordGate(KEYWORDS)
# Words that make a wallet or settlement sentence about commissions or rewards, not merchant funds (or a deposit
# given back: 对方户名：某某公司，附言：退POS押金).
_NOT_MERCHANT_FUNDS = re.compile(r"分润|佣金|奖励|返现|红包|积分|激活返|退(?:pos|机具)?押金|押金退还")
_DENIED_FLOW = re.compile(r"(?:不|没有?|未|并不|从不|无需)(?:会)?"
                          r"(?:进入|进到|存入|转入|记入|计入|到|经过|经|停?留在|设)"
                          r"|(?:无需|无法|不用|不需要?)(?:也无法)?[“\"]?提现")  # (…所以您无需也无法“提现”)
WALLET_DENIED_BACK = 24  # characters before a wallet sign read for a flow it denies (资金不会停留在任何APP“钱包”里)
# A payer's money is the merchant's takings when the text around it speaks of them (a person who paid a shop by
# transfer is a customer).
_TAKINGS = re.compile(r"到账|入账|结算|刷卡|收款|货款|交易款|营业款|pos|机器|机子")
TAKINGS_NEAR = 60
_CUSTOMER = re.compile(r"顾客|客户|消费者|买家|客人")
_OWN_RECORD = re.compile(r"银行(?:流水|卡|账户|记录|app)")  # where the merchant saw the payer, not who paid
_LICENSED_SUBJECT = re.compile(r"支付|银行|收单|持牌|银联|清算机构|许可证")
# A case described, not one that happened, right after a sign: "…套现的，乙方可终止", "到账方是个人的，大概率是二清",
# "对方户名是个人的赶紧停", "存在套现等情形时" (but not what was sent: "…个人转过来的，", "钱却是个人打|过来的，");
# for a wallet, whose ads say "秒到钱包的，随时提现", only with a verdict after it ("…提现费的，都不是一清").
# A condition in the payer's own clause (textctx.CONDITIONAL, and the written 若 of a notice or an FAQ).
_IF = re.compile(rf"{CONDITIONAL.pattern}|(?<![不倘])若(?!干|非)")
_CONDITION_AFTER = re.compile(
    # 做养卡的别打 (but not …转给我的,: what was sent)
    r"(?:(?!转|打|汇|过来|过去|给我)[^。,]){0,12}的\s*(?:,|赶紧|立即|马上|立刻|请|就|都|一律|别|不要|勿)"
    r"|[^。]{0,16}?(?:情形|行为|情况)(?:时|的|之一)"
)
# What a provider does when it finds cash-out (发现商户套现将…停机处理): a sanction, no promotion.
# 套现 listed among crimes (存在欺诈、套现、洗钱等风险特征的交易): a risk clause's definition, never a pitch.
# …or suspected of one (对交易异常、疑似套现的账户…冻结).
_CRIMES_LISTED = re.compile(r"(?:欺诈|洗钱|赌博|诈骗|非法集资|虚假交易|虚构交易)、套现"
                            r"|套现、(?:欺诈|洗钱|赌博|诈骗|非法集资|虚假交易|虚构交易)"
                            r"|(?:疑似|涉嫌|判定为|认定为|视为|当成|当作)套现")  # (被判定为套现: a risk)
# …or what the sentence then calls it (用POS机虚构交易把信用卡额度变成现金，就是套现): a definition.
_NAMED_A_CRIME = re.compile(r"(?:就是|即是|即为|属于|构成|算是?)(?:信用卡)?(?:套现|非法|违法|犯罪)")
_SANCTION = re.compile(r"(?:将|会|予以|一律|立即)[^。]{0,12}?(?:停机|关停|关闭|终止|冻结|追究|报警|上报)")
_CASE_DESCRIBED = re.compile(r"[^。,]{0,24}的\s*,[^。]{0,4}(?:都|就|就是|均|一律)(?:不是|是)")
# A slip's name that the writer disowns; a registered name that differs from the shop sign is no jump
# (vocabulary.md §20).
_NOT_MINE = re.compile(r"不是我|不是本店|并非我|别人家|别家的|陌生|不认识|没听过|没听说过|没开过")
NOT_MINE_AFTER = 60  # characters after a slip's name in which the writer may disown it
_LEGAL_NAME = re.compile(r"营业执照|执照上|注册名|工商|法人")
# …or when the writer says what their own business is, and it is another (我开的是拉面馆，签购单上都是“生鲜超市”;
# 我在白云区开烧烤店).
# …or names it in passing (我一个面馆怎么成了超市？).
_MINE_IS = re.compile(r"(?:我|本人)(?:家|们|们家)?(?:开的是|是开|是做|做的是|家是做|经营的是|是卖|卖的是"
                      r"|店名是|店名叫|的店叫"  # (我店名是“蓉城老灶火锅”)
                      r"|在[^。,;]{1,10}?开(?:了)?(?:一家|一个|个|家)?(?=[^。,;]{1,8}(?:店|馆|铺|超市|档|诊所|药房|工作室))"
                      r"|(?:一个|一家|这个|这家)(?P<own>[\u4e00-\u9fff]{0,6}?(?:店|馆|铺|档|摊))"
                      r"|是(?=[\u4e00-\u9fff]{1,6}(?:店|馆|铺|档|摊))"  # 我们是面馆
                      # 我开水果店的 (not 我开始…, 我开通…)
                      r"|开(?![始通户机卡会发票])(?:了|着)?(?:一家|一个|个|家)?"
                      r"(?=[\u4e00-\u9fff]{1,8}?(?:店|馆|铺|超市|档|摊|诊所|药房|工作室)))")
_BUSINESS_AT_END = re.compile(f"(?:{_BUSINESSES})$")
_OWN_FIELD = re.compile(r"(?:经营类目|经营类别|主营业务?|行业类别|店铺名称|门店名称|店名)\s*:\s*([^\n]{1,20})")
MINE_NEAR = 120  # characters around a category code in which the writer may say what their business is
# A payer compared with the slip: the slip named near it, or "而不是拉卡拉" after it ("不是什么支付公司" only says
# the payer is no institution: that is second clearing, not a comparison of statements).
_SLIP = re.compile(r"签购单|小票|凭条|pos单|收单机构\s*:")  # …or its printed field: 收单机构：拉卡拉支付
SLIP_NEAR = 80
_NOT_THE_ACQUIRER = re.compile(r"(?:而不是|并非|却不是)(?!什么)")
# Why a category is advised: its rate (别填餐饮，餐饮类费率高 … 选超市百货，费率能省一大截).
_CHEAPER = re.compile(r"能省|省钱|省了|省一|便宜|划算|[费扣]率(?:更|比较)?[低高]|[低高][费扣]率")
MOTIVE_NEAR = 40  # characters around an advised category in which its reason is read
_SELECTING = re.compile(r"可选|任选|自选|选择|切换|匹配|均可|随意|通道|[给帮]你选|选成|报成|填成|[给帮](?:您|你)按"
                        r"|[给帮]你挂|挂成|挂到|挂在")  # 给你挂的优惠类商户: put under another category
_URGENT = re.compile(
    r"将于|即将|月底|月初|日起|号起|年起|到期|统一|之前|以前|逾期|名单|强制|\d+月\d+[日号]|下周|本周|\d+天后|\d+日后|\d+小时|尽快|立即|马上"
    r"|下个?月|明天|明日|今天|今日|今晚"
)
# A form field or request for a card's secrets (the lure's purpose): see checks.sensitive for the full judge.
_SECRETS_ASKED = re.compile(r"(?:取款|交易|银行卡|支付)密码|短信验证码|动态码|[\d四六]位数?的?验证码")
# …asked for, in the reader's own steps (按客服提示提供结算银行卡卡号、交易密码以及…验证码): no acquirer's notice
# asks for them, a lure does (not 诱导商户提供…验证码, a warning's account of one)
_SECRETS_REQUESTED = re.compile(rf"(?:请|需要?|须|务必|按[^。;\n]{{0,6}}?提示)[^。;\n]{{0,12}}?"
                                rf"(?:提供|告知|报出|报给|念给|说出|发送|回复)[^。;\n]{{0,20}}?(?:{_SECRETS_ASKED.pattern})")
URGENT_BEFORE = 60  # characters before a stop's sentence read for its deadline
_ACCOUNT_NOTICE = re.compile(r"[^。\n]{0,6}尾号\d{3,4}[^。\n]{0,60}?余额")
# A maintenance window, not a threat (6月30日凌晨0:00-2:00暂停受理银行卡交易，其余时间正常)
_MAINTENANCE = re.compile(r"\d{1,2}:\d{2}\s*[-~至到]\s*\d{1,2}:\d{2}|其余时间|恢复正常|维护期间")
# How a payer should be (付款方应为收单机构), not who it was
_SHOULD = re.compile(r"应为|应当|应该|必须是")
# A claim of being sent by the institution (俺们是镇上信用社那边过来的)
_SENT_BY = re.compile(r"那边(?:过来|派来)|派来的")
_PUSH = led(re.compile(r"免费(?:帮|给|为)?(?:您|你|我们|我|你们|咱们?)?(?:更换|换|升级|寄|补发)"
                       r"|免费(?:申请|申领|领取)新机|换机(?:全程|完全|都是)?免费"
                       r"|换新机|永不涨价|终身|退还押金|退押金"
                       r"|押金[^。]{0,12}(?:退(?:还|回)|清退)|(?:统一|全额)(?:退还|清退|退回)|原路(?:退|返还)"
                       r"|统一为[^。,]{0,10}?办理(?:退还|清退|退回|退款)"  # 现统一为受影响商户办理退还
                       r"|给(?:您|你)退(?:回|还)"  # 多扣了两年流量费…一并给您退回来
                       # a rate cut or a new terminal handed out (可在线申请下调至0.52%; 将自动为您发放新版电签终端)
                       r"|申请下调|下调费率|费率下调|降低费率|发放新(?:版|款)?[^。,]{0,6}?(?:终端|机具|机器|pos)"
                       # …or the lure's channel for the swap (回复“换机”预约上门, research/vocabulary.md §22)
                       r"|回复[“\"]?(?:换机|升级|\d)[”\"]?|预约(?:上门|换机)"
                       # …or a charge it offers to stop (帮商户免费关掉 the VIP it says is billed)
                       r"|免费(?:关|取消|解除|解绑|退订)|帮(?:您|你|商户)(?:免费)?(?:关闭|关掉|取消|解绑|解除)"))
_REPLACEMENT = re.compile(r"换机|更换|换新|换领|换发|新机|换(?:一|1)?台|升级|寄送|寄出|寄给|寄回|邮寄|补发|退还|退押"
                          r"|押金"
                          r"|认证|核验|补贴|年审|年检|复审|退费|清退|备案")  # (年审, 备案: reviews; 清退: a lure)


def _own_business(text: str, mine: re.Match[str] | None) -> str:
    """What the writer says their business is, after 我开的是 (up to the clause's end), or ''."""
    if mine and mine.group("own"):
        return mine.group("own")
    # (to the clause's end, or a space where speech has no comma: 我是卖五金水电的啊 哪来的超市？)
    return re.split(r"[,;:。!?\s]", text[mine.end():mine.end() + 12], maxsplit=1)[0] if mine else ""


def _own_fields(text: str) -> str:
    """What the document's own shop fields say the business is (经营类目: 餐饮 / 火锅, 店铺名称: …火锅), or ''."""
    return " ".join(m.group(1) for m in _OWN_FIELD.finditer(text))


def _printed_acquirer(text: str, s: Sign) -> bool:
    """The writer's own post (the whole text when it is no thread) shows a slip's printed 收单机构 field: a payer it
    tells of is set against that slip (签购单 … 收单机构：随行付 … 到账记录 对方户名：某某商贸有限公司)."""
    starts = post_starts(text)
    lo = max((h for h in starts if h <= s.start), default=0)
    hi = min((h for h in starts if h > s.start), default=len(text))
    return _ACQUIRER_FIELD.search(text, lo, hi) is not None


def _said_in_post(text: str, s: Sign) -> re.Match[str] | None:
    """The last place before `s`, in its writer's own post (a forum thread's other posts are other writers), where
    the writer says what their business is (我在五道口开烧烤店 … 商户名称：鑫源超市); else the first after it
    in that post (商户名称：宜家惠便民生活超市 … 【我的疑问】我开的是火锅店)."""
    starts = post_starts(text)
    lo = max((h for h in starts if h <= s.start), default=0)
    said = list(_MINE_IS.finditer(text, lo, s.lo))
    if said:
        return said[-1]
    return _MINE_IS.search(text, s.hi, min((h for h in starts if h > s.start), default=len(text)))


def _mine_is_other(text: str, s: Sign) -> bool:
    """The writer names their own business in the slip's sentence or just after it, or before it in their own
    post (or the document's shop fields do), and it is not that business."""
    own = _own_business(text, _MINE_IS.search(text, s.lo, s.start)
                        or _MINE_IS.search(text, s.end, min(len(text), s.hi + 40)) or _said_in_post(text, s))
    if not own:  # the shop fields count when they name a business of the table
        own = fields if (fields := _own_fields(text)) and businesses_named_in(fields) else ""
    shown = _BUSINESS_AT_END.search(text, s.start, s.end)
    if not own or shown is None or shown.group(0) == "商行":  # a trade name (某某商行) may be anyone's
        return False
    return shown.group(0) not in own


def _code_not_mine(text: str, s: Sign) -> bool:
    """A category code (5411, or digits 8–11 of a 15-digit merchant number) that the business the writer says is
    theirs, near it or before it in their own post (or the document's shop fields), is not expected to carry
    (business-mcc.csv)."""
    digits = "".join(re.findall(r"\d[\d ]*$", text[s.start:s.end])[-1].split())
    mcc = digits[7:11] if len(digits) == 15 else digits
    own = _own_business(text, _MINE_IS.search(text, max(0, s.lo - MINE_NEAR), min(len(text), s.hi + MINE_NEAR))
                        or _said_in_post(text, s))
    types = businesses_named_in(own or _own_fields(text)) if mcc in mcc_table() else []
    return bool(types) and all(mcc not in bt.expected for bt in types)


_INTO_PARTY = re.compile(r"(?:至|到)([甲乙丙]方)")


def _unlicensed_provider(text: str, letter: str) -> bool:
    """True when the contract's `letter` (甲方/乙方) is the provider and its defining line names a firm that is no
    licensed institution (乙方（服务商）：XX信息技术有限公司); an acquirer settling its merchants is its business."""
    parties = parse(text).parties
    name = parties.names.get(letter, "")
    return parties.role(letter) == "provider" and bool(name) and not _LICENSED_SUBJECT.search(name)


def _subject_licensed(text: str, start: int, lo: int) -> bool:
    head = text[lo:start]
    cut = max(head.rfind(","), head.rfind(":"))
    return bool(_LICENSED_SUBJECT.search(head[cut + 1:]))


def _quoted_warning(text: str, pos: int) -> bool:
    """`pos` is in a line quoted after a warning on its line (这几句话听到了就要小心：…“我是银联派来的…”)."""
    line = text.rfind("\n", 0, pos) + 1
    return in_quotes(text, pos, line) and bool(context.warning_in(text[line:pos]))


# A list item (（一）…, 1. …, (1) …) and the words of a heading that lists what is forbidden.
_LIST_ITEM = re.compile(r"\s*(?:[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.、)]|[一二三四五六七八九十]{1,3}、"
                        r"|—|[•·●▪①-⑳])")
# (…or warns of what it lists, as cases: 如果您使用的某个收款APP出现以下情况，请提高警惕：)
_FORBIDS = re.compile(r"违规|违法|违约|禁止|严禁|不得|不允许|不准|将暂停|将终止|予以处理|追究|反对以下|取消合作"
                      r"|警惕|谨防|当心|出现以下情况|有以下情况")
ITEMS_UP = 8  # list items above a sign among which the list's heading is looked for
ROWS_UP = 40  # table rows above a sign among which the table's header row is looked for


def _under_prohibition(text: str, lo: int) -> bool:
    """True when the line at `lo` is an item of a list whose heading forbids what it lists (以下行为属于违规：)."""
    line_start = text.rfind("\n", 0, lo) + 1
    line_end = text.find("\n", lo)
    if text.find("|", line_start, len(text) if line_end < 0 else line_end) >= 0:
        return _row_under_prohibition(text, line_start)
    if not _LIST_ITEM.match(text, line_start):
        return False
    end = line_start - 1
    for _ in range(ITEMS_UP):
        if end <= 0:
            return False
        start = text.rfind("\n", 0, end) + 1
        if not text[start:end].strip():  # (a blank line between the heading and its items)
            end = start - 1
            continue
        if not _LIST_ITEM.match(text, start) or _FORBIDS.search(text, start, end):
            return bool(_FORBIDS.search(text, start, end))
        end = start - 1
    return False


def _row_under_prohibition(text: str, line_start: int) -> bool:
    """True when the table row at `line_start` is in a table whose header row or heading forbids what it lists
    (二、禁止行为 / 序号 | 禁止行为 | 常见变相说法)."""
    start = line_start
    for _ in range(ROWS_UP):
        if start <= 0:
            break
        above = text.rfind("\n", 0, start - 1) + 1
        if text.find("|", above, start - 1) < 0:
            break
        start = above
    if start != line_start:  # the table's first row is its header
        head_end = text.find("\n", start)
        if _FORBIDS.search(text, start, head_end):
            return True
    return start > 0 and bool(_FORBIDS.search(text, text.rfind("\n", 0, start - 1) + 1, start - 1))


# A slip's printed acquirer field (收单机构：拉卡拉), looked for in the slip's block around its merchant number.
_ACQUIRER_FIELD = re.compile(r"收单(?:机构|行)(?:名称)?\s*:\s*([^\s:,;。|]{2,24})")
SLIP_BLOCK = 240  # characters around a merchant number that belong to the same printed slip


def _slip_disagrees(text: str, at: int, mno: str) -> re.Match[str] | None:
    """The 收单机构 field of a slip whose 商户编号 begins with another acquirer's code (821: 通联, field: 拉卡拉)."""
    by_code = acquirer_codes().get(mno[:3])
    if by_code is None or by_code.confidence == "low":
        return None
    lo, hi = max(0, at - SLIP_BLOCK), min(len(text), at + SLIP_BLOCK)
    gap_before, gap_after = text.rfind("\n\n", lo, at), text.find("\n\n", at, hi)  # a blank line ends the slip
    field = _ACQUIRER_FIELD.search(text, lo if gap_before < 0 else gap_before, hi if gap_after < 0 else gap_after)
    return field if field is not None and not same_institution(field.group(1), by_code.institution) else None


@lru_cache(maxsize=256)
def find_signs(text: str) -> dict[str, tuple[Sign, ...]]:
    """Asserted signs per practice in normalised `text`; empty for teaching pages."""
    out: dict[str, list[Sign]] = {}
    kind_of_doc = genre(text)
    if kind_of_doc == "teaching":
        return {}
    spans = _GATE.sentences(text)
    # Where the first prohibition of a sentence ends (不得从事信用卡套现、…): a trigger after it is denied, whatever
    # else its sentence says (textctx.asserted), so the sentence is searched once, not once per trigger.
    forbidden: dict[int, int] = {}
    for practice, pattern in PATTERNS.items():
        for m in gated(pattern, text, spans.get(practice, [])):
            kind = m.lastgroup or ""
            # (and who a caller claims to be, told as a case: 遇到自称“…客服”来电要求您提供验证码的，一律挂断)
            conditional = practice in ("second_clearing", "mcc_jumping", "statement_mismatch") or kind == "claim"
            lo, hi = sentence_bounds(text, m.start(), m.end())
            if lo not in forbidden:
                first = PROHIBITION.search(text, lo, hi)
                forbidden[lo] = first.end() if first else len(text) + 1
            if forbidden[lo] <= m.start():
                continue
            ok, cue = asserted(text, m.start(), m.end(), conditional=conditional,
                               reported=kind_of_doc != "complaint", bounds=(lo, hi))
            if not ok and cue == "冒充" and kind == "claim" and kind_of_doc == "complaint" and m.group(0)[:2] == cue:
                ok = True  # a complaint's 冒充拉卡拉客服让我换机 reports the impersonation, it warns of none
            if not ok and cue == "?" and kind == "claim":  # "…俺们是镇上信用社那边过来的，…您这儿还没装吧？": a claim,
                ok, cue = asserted(text, m.start(), m.end(), conditional=conditional,  # then a question
                                   reported=kind_of_doc != "complaint", bounds=_clause_bounds(text, m.start(), m.end()))
            if not ok and not (cue == "?" and kind in ("net", "short")):
                continue  # (a sum worked out and then asked about, 应到账4970⏎银行到账4940？, tells what arrived)
            sentence = text[lo:hi]
            if _under_prohibition(text, lo):
                continue  # 三、以下行为属于违规…：（一）利用终端进行信用卡套现
            if practice == "second_clearing":
                if _NOT_MERCHANT_FUNDS.search(sentence):
                    continue
                if kind == "wallet" and _DENIED_FLOW.search(text, max(lo, m.start() - WALLET_DENIED_BACK), m.end()):
                    continue  # "交易款不进入任何钱包"
                if kind in ("runs", "agent") and _subject_licensed(text, m.start(), lo) and not (
                        (into := _INTO_PARTY.match(text, m.end())) and _unlicensed_provider(text, into.group(1))):
                    continue  # (…通过其合作支付通道统一归集至甲方账户: collected into the provider's own account)
                if kind == "custody" and _LICENSED_SUBJECT.search(m.group("custodian")):
                    continue  # 资金由银联商务提供清分服务: the acquirer's own business
                if kind == "party" and not _unlicensed_provider(text, m.group("who") or m.group("payer_party")
                                                                or m.group("pool_party") or m.group("acct_party")
                                                                or m.group("into_party") or m.group("via_party")):
                    continue
                if kind == "named":
                    if _CUSTOMER.search(sentence) or not (written_person_name(m.group("name")) and _TAKINGS.search(
                            text, max(0, m.start() - TAKINGS_NEAR), min(len(text), m.end() + TAKINGS_NEAR))):
                        continue
                    kind = "payer"
                if kind == "payer" and _IF.search(text, max(lo, text.rfind(",", 0, m.start()) + 1), m.end()):
                    continue  # "对方户名如果是个人，…", "若到账付款方显示为个人，请…": a case, not what happened
                if kind == "payer" and _SHOULD.search(text, *_clause_bounds(text, m.start(), m.end())):
                    continue  # how it should be, not what happened (…是某某科技，而不是收单机构 did happen; a sum due
                    # in the next clause, 按0.6%应该到9,940, is another matter)
                # "付款方是通联支付网络服务股份有限公司": the acquirer itself (not 农业银行的个人账号: a person's)
                if kind == "payer" and (lic := _LICENSED_SUBJECT.search(
                        said := _DENIED_PAYER.sub("", _OWN_RECORD.sub("", m.group(0))))) \
                        and not said.startswith(("的个人", "的私人"), lic.end()):
                    continue
                if kind == "payer" and _CONDITION_AFTER.match(text, m.end()):
                    continue
                if kind == "wallet" and _CASE_DESCRIBED.match(text, m.end()):
                    continue
            if kind == "other" and (m.group("b") in m.group("a") or m.group("a") in m.group("b")
                                    or m.group("b") in ("个人", "私人", "一个人")):
                continue  # the same acquirer named twice; a person paying is a payer sign of its own
            if kind == "prefix":
                field = _slip_disagrees(text, m.start(), m.group("mno"))
                if field is None:
                    continue
                lo, hi = min(lo, text.rfind("\n", 0, field.start()) + 1), max(hi, line_end(text, field.end()))
            if kind in ("net", "short"):
                x, y = (m.group("x"), m.group("y")) if kind == "net" else (m.group("x2"), m.group("y2"))
                got, due = parse_amount(y), parse_amount(x)  # 1,278.28 as written
                if got is None or due is None or not got < due:
                    continue  # as much arrived as should have
                kind = "net"
            if kind == "over":
                taken = parse_amount(m.group("x3") or m.group("x4"))
                agreed = parse_amount(m.group("y3") or m.group("y4"))
                if taken is None or agreed is None or not taken > agreed:
                    continue  # no more was taken than agreed
                kind = "net"
            if practice == "cash_out" and (text[m.start() - 1:m.start()] == "不"  # 不刷卡不套现不代还: refused
                                           or _CONDITION_AFTER.match(text, m.end(), min(hi, m.end() + 24))
                                           or _SANCTION.search(text, m.end(), hi)
                                           or _CRIMES_LISTED.search(text, max(lo, m.start() - 8), m.end() + 8)
                                           or _NAMED_A_CRIME.search(text, max(lo, m.start() - 4), hi)):
                continue
            out.setdefault(practice, []).append(Sign(practice, kind, m.start(), m.end(), lo, hi))
    if "|" in text and (rows := _short_rows(text)):  # _short_rows looks for its due columns itself
        out.setdefault("statement_mismatch", []).extend(rows)
    return {k: tuple(v) for k, v in out.items()}


# A merchant's reconciliation table: a column of what should have arrived (按0.6%应到账) and one of what did
# (实际到账); a row where less arrived is the same sign as the sentence "应到账4970元，实际到账4967元".
_DUE_COLUMN = re.compile(r"应(?:该|当)?(?:到账|结算|入账|到)")
_GOT_COLUMN = re.compile(r"实际(?:到账|结算|入账|到)|实到")


def _short_rows(text: str) -> list[Sign]:
    """Rows of a table under a header with a due and an arrived column, whose arrived sum is the smaller."""
    out: list[Sign] = []
    for head in _DUE_COLUMN.finditer(text):
        lo = text.rfind("\n", 0, head.start()) + 1
        end = line_end(text, head.start())
        cells = text[lo:end].split("|")
        due = next((i for i, c in enumerate(cells) if _DUE_COLUMN.search(c)), None)
        got = next((i for i, c in enumerate(cells) if _GOT_COLUMN.search(c)), None)
        if due is None or got is None or len(cells) < 3:
            continue
        row = end + 1
        while row < len(text) and (row_end := line_end(text, row)) > row and "|" in text[row:row_end]:
            values = text[row:row_end].split("|")
            if len(values) > max(due, got):
                owed, arrived = parse_amount(values[due].strip()), parse_amount(values[got].strip())
                if owed is not None and arrived is not None and arrived < owed:
                    out.append(Sign("statement_mismatch", "net", row, row_end, row, row_end))
            row = row_end + 1
    return out


def signs(text: str, practice: str) -> tuple[Sign, ...]:
    return find_signs(text).get(practice, ())


def _not_theirs(text: str, s: Sign) -> bool:
    """A slip's or bill's name (kind elsewhere) that the writer disowns or that is not their business."""
    return not _LEGAL_NAME.search(text, s.lo, s.hi) and bool(
        _NOT_MINE.search(text, s.start, min(len(text), s.end + NOT_MINE_AFTER)) or _mine_is_other(text, s)
        or (text[s.start:s.end].startswith(_SLIP_WORDS) and _SLIP_NOT_MINE.search(text)))


_SLIP_WORDS = ("签购单", "小票", "凭条", "商户名")
# The writer disowns the slip's name in a sentence of its own, away from the printed slip (小票上名字也不是我的店).
_SLIP_NOT_MINE = re.compile(r"(?:签购单|小票|凭条)[^。\n]{0,6}?(?:商户名|名字|店名|名称)[^。\n]{0,4}?"
                            r"不是(?:我|本店|我们)")


_BILL = re.compile(r"账单|信用卡app|银行app|手机银行")  # a cardholder's record, on paper or in a card app
_AS_THE_SLIP = re.compile(r"也是|也显示|也一样|同样")  # 账单上也是这个超市的名字: the bill agrees with the slip
_SLIP_NAME = re.compile(r"商户名称?\s*:\s*([^\s|,;。]{2,30})")  # a slip's printed field (商户名称：…火锅店)
_QUOTED = re.compile(r"[“\"「『]([^”\"」』\n]{2,30})[”\"」』]")


def _not_the_slips(text: str, s: Sign) -> bool:
    """A bill's quoted merchant name that no slip field of the document agrees with."""
    bill = _QUOTED.search(text, s.start, s.hi)
    slips = [m.group(1) for m in _SLIP_NAME.finditer(text) if not (s.start <= m.start() < s.end)]
    return bill is not None and bool(slips) and not any(names_agree(bill.group(1), n) for n in slips)


def _slip_shows_it_too(text: str, s: Sign) -> bool:
    """The bill's quoted name is printed on the slip as well, in a sentence of its own (小票上商户名称打的也是“…”):
    the three records agree on another's name, which is the merchant category's problem, not theirs."""
    bill = _QUOTED.search(text, s.start, s.hi)
    if bill is None:
        return False
    name = bill.group(1)
    at = text.find(name)
    while at >= 0:
        if not (s.lo <= at < s.hi):
            lo, hi = sentence_bounds(text, at, at + len(name))
            if _SLIP.search(text, lo, hi):
                return True
        at = text.find(name, at + len(name))
    return False


def _practice_signs(text: str, practice: str) -> list[Sign]:
    """The signs that make a finding for `practice` (combination rules applied)."""
    found = list(signs(text, practice))
    if practice == "cash_out":
        # 银行那边看不出来 in the sentence of a merchant picked (自己挑商户，选个酒店类…): the jumped slip is hidden
        jumps = signs(text, "mcc_jumping")
        # (…or on a caption's next line: 刷小额就挑个超市 / 还有积分 银行看不出来)
        found = [s for s in found if not (jumps and _EVASION.fullmatch(text, s.start, s.end)
                                          and any(j.lo <= s.start < j.hi + EVASION_AFTER_JUMP for j in jumps))]
        return found if any(s.kind == "strong" for s in found) else []
    if practice == "mcc_jumping":
        select = [s for s in found if s.kind == "select"
                  or (s.kind == "category" and _SELECTING.search(text, s.lo, s.hi))
                  or (s.kind == "advised" and _CHEAPER.search(text, max(0, s.lo - MOTIVE_NEAR), s.hi + MOTIVE_NEAR))]
        elsewhere = [s for s in found if s.kind == "elsewhere" and _not_theirs(text, s)]
        elsewhere += [s for s in found if (s.kind == "code" and _code_not_mine(text, s)) or s.kind == "disowned"]
        return select + [s for s in found if s.kind == "jump"] + elsewhere if select else elsewhere
    if practice == "statement_mismatch":  # and a payer set against the slip's acquirer (签购单上是通联，打钱的是个私人)
        payers = [s for s in signs(text, "second_clearing") if s.kind == "payer"
                  and (_SLIP.search(text, max(0, s.lo - SLIP_NEAR), min(len(text), s.hi + SLIP_NEAR))
                       or _NOT_THE_ACQUIRER.search(text, s.end, s.hi) or _printed_acquirer(text, s))]
        # …and a cardholder's bill that names another merchant than the slip the writer also shows (the slip
        # looked for last: most texts have no bill sign, and the search reads the whole text)
        bills = [s for s in signs(text, "mcc_jumping") if s.kind == "elsewhere" and _BILL.search(text, s.start, s.end)
                 and not _AS_THE_SLIP.search(text, s.lo, s.end) and not _slip_shows_it_too(text, s)
                 and (_not_theirs(text, s) or _not_the_slips(text, s))]
        if bills and not _SLIP.search(text):
            bills = []
        return sorted(found + payers + bills, key=lambda s: s.start)
    if practice == "fake_service":
        # (a line quoted to warn of it is no one's claim: 听到了就要小心：“我是银联派来的…”)
        if genre(text) != "complaint":
            found = [s for s in found if not _quoted_warning(text, s.start)]
        # (the deadline may be told in the sentence before: 您的终端在这次的清退名单里面。…清退以后…停止结算)
        stops = [s for s in found if s.kind == "stop" and _URGENT.search(text, max(0, s.lo - URGENT_BEFORE), s.hi)
                 and not _MAINTENANCE.search(text, s.lo, s.hi)
                 and _REPLACEMENT.search(text, s.lo, min(len(text), s.hi + 120))]
        # (a bank's own account notice, 【农业银行】您尾号2207账户…余额3,516.40, claims nothing)
        claims = [s for s in found if s.kind == "claim" and not (
            text[s.start] == "【" and _ACCOUNT_NOTICE.match(text, s.end, line_end(text, s.end)))]
        if not (stops or claims):
            return []
        # one who says they were sent by the institution (俺们是镇上信用社那边过来的) poses as its staff, whatever
        # they sell
        if sent := [s for s in claims if _SENT_BY.search(text, s.start, s.end)]:
            return sent
        # a push is judged in its clause: "押金都要退还给商户，您当时是不是交过…？" pushes, then asks
        pushes = bool(signs(text, "fixed_rate")) or any(
            asserted(text, m.start(), m.end(), bounds=_clause_bounds(text, m.start(), m.end()))[0]
            for m in _PUSH.finditer(text))
        # a stop that collects the card's secrets (年审专线…提供…交易密码)
        asks = stops and not (claims or pushes) and any(
            asserted(text, m.start(), m.end(), bounds=_clause_bounds(text, m.start(), m.end()))[0]
            for m in _SECRETS_REQUESTED.finditer(text))
        if stops and (claims or pushes or asks):
            # A signature (【拉卡拉】) is quoted beside the stop when its message speaks of the swap
            # (…升级…停止使用); an ordinary notice in the same export (【建设银行】您尾号…收入) is no evidence of it.
            near = [s for s in claims if text[s.start] != "【"
                    or _REPLACEMENT.search(text, s.lo, line_end(text, s.hi))]
            return sorted(stops + near, key=lambda s: s.start)
        # a caller who says who they are (说自己是银联客服), says the old device stops and pushes a free new one, with
        # no deadline told (a signature, 【…】, is a notice's: its stop needs one)
        callers = [s for s in claims if text[s.start] != "【"]
        told_stops = [s for s in found if s.kind == "stop" and not _MAINTENANCE.search(text, s.lo, s.hi)
                      and _REPLACEMENT.search(text, s.lo, min(len(text), s.hi + 120))]
        if callers and pushes and told_stops:
            return sorted(told_stops + callers, key=lambda s: s.start)
        if claims and pushes and re.search(r"押金|服务费|多扣", text) and re.search(r"退还|退回|原路", text):
            return claims
        if claims and pushes and _SECRETS_ASKED.search(text):
            return claims  # a lure that collects the card's secrets (银行卡取款密码, 短信验证码 on its form)
        return []
    return found


@lru_cache(maxsize=256)  # asked by every licence check of every document
def poses_as_service(text: str) -> bool:
    """True when normalised `text` poses as a bank's, UnionPay's or an acquirer's service (promo.fake_service):
    such a page or message offers nothing of its own, it lures. An agreement poses as no one: its clause on such calls
    tells how to treat them."""
    return not is_agreement(text) and bool(_practice_signs(text, "fake_service"))


_CLAUSE_MARKS = ",;。!?\n"
_CLAUSE_END = re.compile(f"[{_CLAUSE_MARKS}]")


def _clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around text[start:end], between the marks of _CLAUSE_END."""
    lo = max(text.rfind(c, 0, start) for c in _CLAUSE_MARKS) + 1
    m = _CLAUSE_END.search(text, end)
    return lo, m.start() if m else len(text)
# The institution a payer is said not to be, before who it is (付款方不是金汇通支付,是一个…个人账户).
_DENIED_PAYER = re.compile(r"(?:不是|并非|而非)[^,;。]{1,16}[,;]")


def _licensed_payer(analysis: Analysis, text: str, s: Sign) -> bool:
    """A payer sign whose clause gives a licensed institution's legal name (付款方为“福建国通星驿网络科技有限公司”:
    an acquirer whose name says neither 支付 nor 银行): the acquirer paid, as it should."""
    if s.kind != "payer":
        return False
    end = _CLAUSE_END.search(text, s.end)
    names = {key for key, _ in analysis.registry.name_items()}
    return any(key in names for _, _, key, _ in analysis.registry.scan(text[s.start:end.start() if end else s.hi]))


def _on_own_domain(analysis: Analysis, doc: Document) -> bool:
    """The page is served from a domain the registry gives to an institution: it speaks for that institution."""
    url = analysis.url_of(doc)
    domain = registrable_domain(url) if url else None
    return domain is not None and analysis.registry.owner_of_domain(domain) is not None


def _findings(analysis: Analysis, practice: str, rule_id: str) -> Iterator[Finding]:
    for doc in analysis.documents:
        norm = analysis.normalized(doc)
        if genre(norm.text) == "teaching":
            spans = _GATE.sentences(norm.text).get(practice, [])
            yield from teaching_note(analysis, rule_id, doc, norm, PATTERNS[practice], spans)
            continue
        if practice == "fake_service" and (_on_own_domain(analysis, doc) or is_agreement(norm.text)):
            continue  # an acquirer's own notice of a device swap poses as no one; an agreement's clause on such
            # calls (甲方收到自称“银联”…的电话…，应直接拨打乙方…核实) tells how to treat them
        found = [s for s in _practice_signs(norm.text, practice) if not _licensed_payer(analysis, norm.text, s)]
        if not found:
            continue
        evidence: list[Evidence] = []
        for s in sorted(found, key=lambda s: s.start):
            ev = quote(doc, norm, s.lo, s.hi, s.start, limit=160)
            if all(ev.quote != e.quote and not (e.start <= ev.start < e.end) for e in evidence):
                evidence.append(ev)
        why = ", ".join(sorted({f"{s.kind} '{norm.text[s.start:s.end][:16]}'" for s in found[:3]}))
        yield from make(analysis, rule_id, evidence, f"asserted in an offer or report: {why}")


@check("promo_cash_out")
def cash_out(analysis: Analysis) -> Iterator[Finding]:
    """The offer promotes credit-card cash-out, card 'maintenance' or repayment by swiping."""
    return _findings(analysis, "cash_out", "promo.cash-out")


@check("promo_fake_service")
def fake_service(analysis: Analysis) -> Iterator[Finding]:
    """Someone poses as bank/UnionPay/acquirer service and pushes a device swap or a 'refund'."""
    return _findings(analysis, "fake_service", "promo.fake-service")


@check("clearing_second_clearing_text")
def second_clearing(analysis: Analysis) -> Iterator[Finding]:
    """Merchant funds pass through a wallet or an unlicensed party before reaching the merchant."""
    return _findings(analysis, "second_clearing", "clearing.second-clearing-text")


@check("statements_mismatch_text")
def statement_mismatch(analysis: Analysis) -> Iterator[Finding]:
    """A merchant tells that the settlement disagrees with the slip: less arrived than the agreed rate leaves, or
    a person or a company paid it instead of the acquirer."""
    return _findings(analysis, "statement_mismatch", "statements.mismatch-text")


@check("clearing_mcc_jumping_text")
def mcc_jumping(analysis: Analysis) -> Iterator[Finding]:
    """The offer lets the merchant pick merchants or categories for its transactions."""
    return _findings(analysis, "mcc_jumping", "clearing.mcc-jumping-text")
