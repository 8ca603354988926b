"""Held-out set 37 (who is behind it: licences, sites and the merchant's own statements): each sign is read, and its
honest look-alike is left alone."""

from __future__ import annotations

from dataclasses import replace

from flags import flagged
from poscheck.checks.identity_facts import offer_of
from poscheck.models import Document


def test_a_service_carried_over_by_itself_renews() -> None:
    clause = "第六条 服务期届满前商户未书面申请停用的，服务自动顺延一年并继续扣收年费398元。"
    assert "terms.auto_renewal" in flagged(clause)
    assert "terms.auto_renewal" not in flagged("第六条 服务期届满后自动终止，继续使用须重新签约。")


def test_a_stop_of_card_payments_with_a_free_swap_is_a_fake_service() -> None:
    sms = ("短信导出\n2025-06-03 10:42 106903318827:\n"
           "【银联POS服务】尊敬的商户，您的老款POS机将于6月5日0时停止刷卡功能。现为老客户免费更换新一代电签机，请回复1登记。")
    assert "promo.fake_service" in flagged(sms)
    notice = "【拉卡拉】尊敬的商户，您的终端今日已恢复刷卡功能，感谢您的耐心等待。"
    assert "promo.fake_service" not in flagged(notice)


def test_takings_paid_into_a_wallet_are_second_clearing() -> None:
    page = "收款钱包\n每笔刷卡款实时收款入钱包，随用随取，方便周转。"
    assert "clearing.second_clearing" in flagged(page)
    assert "clearing.second_clearing" not in flagged("收款说明\n刷卡款T+1由收单机构直接结算到您本人银行卡。")


def test_a_complaint_names_the_headquarters_that_deceived_its_writer() -> None:
    post = ("<html><head><title>被银联商务总部忽悠换了新机 - 店铺圈论坛</title></head><body>"
            "<h1>被“银联商务总部”忽悠换了新机，现在每笔都扣保障费</h1><p>上个月接到一个电话，对方说是银联商务总部客服，"
            "说我那台老POS月底停止服务，我就换了，现在每笔都多扣钱，我要投诉。</p></body></html>")
    assert "site.impersonation" not in flagged(post, url="https://bbs.example-dianpu.cn/thread-1.html", kind="html")
    claim = ("<html><head><title>银联商务总部直营 POS机官方申请中心</title></head><body><h1>银联商务总部直营</h1>"
             "<p>本站为银联商务官方办理平台，全国包邮。</p></body></html>")
    assert "site.impersonation" in flagged(claim, url="https://ums-pos-banli.cn/", kind="html")


def test_an_authorised_agent_pointing_to_the_official_site_claims_none() -> None:
    page = ("星POS电签办理 - 无锡\n本站为国通星驿（星POS）授权服务商站点，星POS官方网站：www.starpos.com.cn\n"
            "电签POS办理，信用卡0.6%，T+1到账。")
    assert "site.impersonation" not in flagged(page, url="https://wx-starpos-banli.cn/", kind="html")


def test_a_phones_screenshot_of_a_wallet_in_use_offers_nothing() -> None:
    shot = "9:41 4g 86%\n收款钱包\n可提现余额 (元)\n12486.30\n提现手续费:3元/笔\n钱包明细\n05-21收款入钱包+1200.00"
    doc = Document(id="s", source="s.png", kind="image", text=shot, sha256="s", title="收款钱包")
    assert not offer_of(doc).offers
    poster = replace(doc, id="p", sha256="p", title="",
                     text="新款电签pos\n0元领 包邮到家\n费率0.6 秒到账\n扫码添加客服")
    assert offer_of(poster).offers

