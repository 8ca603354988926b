"""Registry: name resolution, status, and `registry import` round trips into a real SQLite store."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from poscheck.paths import data_dir
from poscheck.registry import Registry, classify_status, default_store_path, load_registry
from poscheck.registry_cli import registry as registry_cli
from poscheck.registry_import import import_file, read_rows

FIXTURES = Path(__file__).parent / "fixtures" / "registry"


@pytest.fixture()
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("POSCHECK_DATA_DIR", str(tmp_path / "data"))
    return default_store_path()


@pytest.fixture()
def reg(store: Path) -> Registry:
    return load_registry()


@pytest.mark.parametrize(
    ("query", "licence", "how"),
    [
        ("拉卡拉", "Z2002511000017", "brand"),
        ("Lakala", "Z2002511000017", "brand"),
        ("拉卡拉支付股份有限公司", "Z2002511000017", "alias"),
        ("北京拉卡拉网络技术有限公司", "Z2002511000017", "name"),
        ("银联商务股份有限公司", "Z2000231000010", "name"),  # legal-form variant of 银联商务有限公司
        ("银联商务（有限公司）", "Z2000231000010", "name"),
        ("银联商务股份有限公司云南分公司", "Z2000231000010", "name"),  # a branch acts under its head office's licence
        ("支付宝（中国）网络技术有限公司", "Z2000133000019", "name"),  # full-width brackets
        ("深圳市财付通科技有限公司", "Z2000444000013", "former_name"),
        ("北京海科融通支付服务股份有限公司", "Z2006511000018", "alias"),  # current name from news
        ("上海付費通企業服務有限公司", "Z2008531000010", "name"),  # traditional characters
        ("汇付天下有限公司", "Z2000931000013", "brand_name"),
        ("东方付通", "Z2006931000010", "short_name"),
        ("Z2002933000017", "Z2002933000017", "licence_no"),
        ("https://www.chinaums.com/fee/", "Z2000231000010", "domain"),
    ],
)
def test_name_resolution(reg: Registry, query: str, licence: str, how: str) -> None:
    m = reg.lookup(query)
    assert m is not None, query
    assert m.institution.licence_no == licence
    assert m.how == how


def test_fuzzy_reports_score(reg: Registry) -> None:
    m = reg.lookup("北京海科融通信息科技有限公司")  # 科技 for 技术: a typo-level difference
    assert m is not None and m.how == "fuzzy"
    assert m.institution.licence_no == "Z2006511000018"
    assert 85 <= m.score < 100


def test_unknown_and_near_names_do_not_resolve(reg: Registry) -> None:
    assert reg.lookup("深圳市卡客通信息科技有限公司") is None
    assert reg.lookup("Z2099999000019") is None
    # 上海付费通企业服务 (cancelled) must not be confused with 上海付费通信息服务 (acquiring).
    a = reg.lookup("上海付费通企业服务有限公司")
    b = reg.lookup("上海付费通信息服务有限公司")
    assert a is not None and b is not None and a.institution.key != b.institution.key


def test_status_resolution(reg: Registry) -> None:
    def state(q: str) -> str:
        m = reg.lookup(q)
        assert m is not None
        return reg.status(m.institution).state

    assert state("通联商务服务有限公司") == "inactive"  # inferred cancellation
    assert state("北京银联商务有限公司") == "inactive"  # cancelled 2024-11-11
    assert state("深圳市腾付通电子支付科技有限公司") == "under_review"  # 中止审查: verify, never unlicensed
    assert state("嘉联支付有限公司") == "active"  # suspended, then renewed: the latest event wins
    assert state("中钢银通信息技术服务有限公司") == "inactive"  # suspended 2022, cancelled 2025
    assert state("北京拉卡拉网络技术有限公司") == "listed"  # a past valid_until is not a lapse


def test_scope_unknown_is_not_none(reg: Registry) -> None:
    ums = reg.lookup("银联商务")
    assert ums is not None and ums.institution.acquiring is None  # empty business_types = unknown
    dongfang = reg.lookup("东方付通信息技术有限公司")
    assert dongfang is not None and dongfang.institution.acquiring is False


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("valid: renewed in the 2021-12 (batch-3) round", "active"),
        ("renewal review suspended 2023-01-05 (art.24)", "under_review"),
        ("2022-06 renewal suspended, then renewed 2023-07-05", "active"),
        ("cancelled 2024-05-17 (89th cancelled)", "inactive"),
        ("not renewed: filed no renewal application", "inactive"),
        ("batch-2 licence holder; licence no. not seen", "unknown"),
    ],
)
def test_classify_status(text: str, state: str) -> None:
    assert classify_status(text) == state


def test_info_counts(reg: Registry) -> None:
    info = reg.info()
    assert info["as_of"]["snapshot"] == "~2018"  # type: ignore[index]
    assert info["counts"]["snapshot_rows"] == 110  # type: ignore[index]
    assert info["official_list_imported"] is False


def test_import_snapshot_round_trip(store: Path, tmp_path: Path) -> None:
    src = tmp_path / "snapshot.csv"
    shutil.copy(data_dir() / "registry-snapshot.csv", src)
    result = import_file(src, store=store)
    assert (result.kind, result.official) == ("csv", False)
    assert (result.added, result.changed, result.removed) == ([], [], [])
    assert result.unchanged == 110
    rows, meta = read_rows(store)
    assert len(rows) == 110 and meta["kind"] == "csv"
    with (data_dir() / "registry-snapshot.csv").open(encoding="utf-8") as fh:
        shipped = list(csv.DictReader(fh))
    assert {(r["licence_no"], r["name"]) for r in rows} == {(r["licence_no"], r["name"]) for r in shipped}
    reg = load_registry()
    m = reg.lookup("通联商务服务有限公司")  # importing the snapshot must not hide a cancellation
    assert m is not None and reg.status(m.institution).state == "inactive"


def test_second_import_reports_changes(store: Path, tmp_path: Path) -> None:
    src = tmp_path / "list.csv"
    shutil.copy(data_dir() / "registry-snapshot.csv", src)
    import_file(src, store=store)
    text = src.read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    fields = list(rows[0])
    rows = [r for r in rows if r["licence_no"] != "Z2000311000013"]  # removed
    for r in rows:
        if r["licence_no"] == "Z2006931000010":
            r["business_types"] = "互联网支付;银行卡收单"  # changed
    rows.append({**{k: "" for k in fields}, "licence_no": "Z2099911000019", "name": "测试新增支付有限公司"})
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields)
    writer.writeheader()
    writer.writerows(rows)
    src.write_text(out.getvalue(), encoding="utf-8")
    result = import_file(src, store=store)
    assert [a for a in result.added if "测试新增支付有限公司" in a]
    assert [c for c in result.changed if "Z2006931000010" in c and "银行卡收单" in c]
    assert [r for r in result.removed if "Z2000311000013" in r]
    reg = load_registry()  # later runs use the imported list
    m = reg.lookup("东方付通信息技术有限公司")
    assert m is not None and m.institution.acquiring is True
    assert reg.lookup("测试新增支付有限公司") is not None


def test_import_pboc_html_then_changed_page(store: Path) -> None:
    first = import_file(FIXTURES / "pboc_list.html", store=store)
    assert (first.kind, first.official, first.rows) == ("pboc_html", True, 3)
    rows, _ = read_rows(store)
    lakala = next(r for r in rows if r["licence_no"] == "Z2002511000017")
    assert lakala["name"] == "拉卡拉支付股份有限公司"  # the 变更前 block is not current
    assert lakala["business_types"] == "银行卡收单"
    assert lakala["former_names"] == "北京拉卡拉网络技术有限公司"
    assert not any(r["name"] == "北京拉卡拉网络技术有限公司" for r in rows)
    reg = load_registry()
    assert reg.official
    m = reg.lookup("拉卡拉支付股份有限公司")
    assert m is not None and m.how == "name" and reg.status(m.institution).state == "active"
    gone = reg.lookup("上海盛付通电子支付服务有限公司")  # not on the imported official list
    assert gone is not None and reg.status(gone.institution).state == "inactive"

    second = import_file(FIXTURES / "pboc_list_changed.html", store=store)
    assert any("测试新增支付有限公司" in a for a in second.added)
    assert any("Z2006931000010" in c for c in second.changed)
    assert any("Z2000531000017" in r for r in second.removed)
    reg = load_registry()
    tonglian = reg.lookup("通联支付网络服务股份有限公司")
    assert tonglian is not None and reg.status(tonglian.institution).state == "inactive"


def test_import_rejects_bad_files(store: Path, tmp_path: Path) -> None:
    from poscheck.errors import RegistryError

    bad = tmp_path / "bad.csv"
    bad.write_text("foo,bar\n1,2\n", encoding="utf-8")
    with pytest.raises(RegistryError, match="licence_no"):
        import_file(bad, store=store)
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>nothing here</p></body></html>", encoding="utf-8")
    with pytest.raises(RegistryError, match="no institution"):
        import_file(page, store=store)


def test_cli_info_lookup_import(store: Path) -> None:
    runner = CliRunner()
    res = runner.invoke(registry_cli, ["lookup", "拉卡拉"])
    assert res.exit_code == 0 and "Z2002511000017" in res.output
    res = runner.invoke(registry_cli, ["lookup", "不存在的科技有限公司"])
    assert res.exit_code == 1 and "unverified" in res.output
    res = runner.invoke(registry_cli, ["import", str(FIXTURES / "pboc_list.html")])
    assert res.exit_code == 0, res.output
    assert "added" in res.output and "removed" in res.output
    res = runner.invoke(registry_cli, ["info", "--json"])
    assert res.exit_code == 0 and '"official_list_imported": true' in res.output
    res = runner.invoke(registry_cli, ["lookup", "不存在的科技有限公司"])
    assert "not on the official list" in res.output


def test_scan_finds_every_key_occurrence(reg: Registry) -> None:
    """`Registry.scan` (candidate regex + head look-up) agrees with a plain search for every key."""
    keys: dict[str, object] = {}
    for key, inst in [*reg.brand_items(), *reg.name_items()]:
        keys.setdefault(key, inst)
    text = "本机由拉卡拉支付股份有限公司提供，银行卡收单；中国银联、支付宝收钱码与银联商务均可用。拉卡拉😀拉卡拉"
    want = sorted((i, i + len(k), k, id(inst)) for k, inst in keys.items() if k
                  for i in range(len(text)) if text.startswith(k, i))
    assert want and sorted((s, e, k, id(inst)) for s, e, k, inst in reg.scan(text)) == want
