"""Registrable domains offline, official-domain ownership and look-alike detection."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest

from poscheck import domains
from poscheck.domains import lookalike, official_for, registrable_domain
from poscheck.registry import Registry, load_registry


@pytest.fixture()
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    def refuse(*_args: object, **_kw: object) -> None:
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    domains._extractor.cache_clear()  # build the extractor again under the guard
    yield
    domains._extractor.cache_clear()


@pytest.fixture()
def reg(tmp_path: object, monkeypatch: pytest.MonkeyPatch) -> Registry:
    monkeypatch.setenv("POSCHECK_DATA_DIR", str(tmp_path))
    return load_registry()


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("https://www.lakala-pos-banli.cn/", "lakala-pos-banli.cn"),
        ("www.sandpay.com.cn", "sandpay.com.cn"),
        ("http://m.lakala.com/a?b=1", "lakala.com"),
        ("bbs.shangyou.net", "shangyou.net"),
        ("main.css", None),
        ("127.0.0.1", None),
    ],
)
def test_registrable_domain_offline(no_network: None, given: str, expected: str | None) -> None:
    assert registrable_domain(given) == expected


def test_ownership(no_network: None, reg: Registry) -> None:
    lakala = reg.lookup("拉卡拉")
    assert lakala is not None
    assert official_for("https://www.lakala.com/news/1.html", lakala.institution) is True
    assert official_for("https://www.lakala-pos-banli.cn/", lakala.institution) is False
    ums = reg.lookup("银联商务股份有限公司")
    assert ums is not None and official_for("open.chinaums.com", ums.institution) is True
    kaidianbao = reg.lookup("开店宝")
    assert kaidianbao is not None and official_for("kdb.example.cn", kaidianbao.institution) is None
    owner = reg.owner_of_domain("chinapnr.com")
    assert owner is not None and owner.licence_no == "Z2000931000013"


@pytest.mark.parametrize(
    ("domain", "brand"),
    [
        ("lakala-pos-banli.cn", "拉卡拉"),
        ("lkl-tuiyajin.cn", "拉卡拉"),
        ("ums-pos-shenqing.com", "银联商务"),
        ("yinshang-pos365.com", "银联商务"),  # 银商, its short name, not a near spelling of yisheng (易生)
        ("iakala.com", "拉卡拉"),
        ("lkalpos.com", "拉卡拉"),
        ("ylianpos.com", "银联"),
        ("shandepos.com.cn", "杉德"),
        ("leshua.net", "乐刷"),
    ],
)
def test_lookalikes(no_network: None, reg: Registry, domain: str, brand: str) -> None:
    look = lookalike(domain, reg)
    assert look is not None and look.imitates == brand


@pytest.mark.parametrize(
    "domain",
    ["lakala.com", "chinaums.com", "hzjinfu.com.cn", "huixiangfu.com.cn", "xingshua-pos.com", "forums.com"],
)
def test_not_lookalikes(no_network: None, reg: Registry, domain: str) -> None:
    assert lookalike(domain, reg) is None
