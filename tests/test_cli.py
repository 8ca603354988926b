"""The CLI: fast help with no heavy imports, documented exit codes, and the README covers every command."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from poscheck.cli import cli

ROOT = Path(__file__).resolve().parent.parent


def _commands() -> list[list[str]]:
    out: list[list[str]] = [[]]
    for name, cmd in cli.commands.items():
        out.append([name])
        for sub in getattr(cmd, "commands", {}):
            out.append([name, sub])
    return out


@pytest.mark.parametrize("args", _commands(), ids=lambda a: " ".join(a) or "root")
def test_cli_help_for_every_command(args: list[str]) -> None:
    result = CliRunner().invoke(cli, [*args, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output


def test_cli_help_imports_nothing_heavy() -> None:
    code = (
        "import sys\nfrom poscheck.cli import main\nsys.argv=['poscheck','--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy=[m for m in ('scrapy','spacy','jieba','twisted','pypdf','docx','ahocorasick_rs') if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "HEAVY []" in out


def test_cli_readme_documents_every_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for args in _commands()[1:]:
        assert f"poscheck {' '.join(args)}" in readme, f"README lacks `poscheck {' '.join(args)}`"


def test_cli_check_file_writes_reports(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_text("<html><body><p>首次刷卡自动扣除激活押金299元，刷满5万返还。</p></body></html>", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(page), "-o", str(tmp_path / "out"), "--fail-on", "high"])
    assert result.exit_code == 1, result.output
    data = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert data["schema"] == "poscheck.report/1"
    assert "fee.deposit" in {f["category"] for f in data["findings"]}
    assert (tmp_path / "out" / "report.html").is_file()


def test_cli_bad_input_exit_3_and_others_still_read(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("押金199元，首刷扣除。", encoding="utf-8")
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4 not really")
    result = CliRunner().invoke(cli, ["check", str(good), str(bad), "-o", str(tmp_path / "o")])
    assert result.exit_code == 3
    data = json.loads((tmp_path / "o" / "report.json").read_text(encoding="utf-8"))
    assert [d["source"] for d in data["documents"]] == [str(good)]
    assert data["errors"] and "bad.pdf" in data["errors"][0]["message"]


def test_cli_nothing_readable_says_so(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["check", str(tmp_path / "missing.html"), "-o", str(tmp_path / "o")])
    assert result.exit_code == 3
    assert "no text could be read" in result.output


def test_cli_usage_error_exit_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["check", "http://a.example/", "x.html"])
    assert result.exit_code == 2


def test_cli_rules_list_and_explain() -> None:
    runner = CliRunner()
    listing = runner.invoke(cli, ["rules", "list"])
    assert listing.exit_code == 0 and "fee.deposit-activation" in listing.output
    explain = runner.invoke(cli, ["rules", "explain", "fee.deposit-activation"])
    assert explain.exit_code == 0 and "Why it matters" in explain.output and "References" in explain.output
    assert runner.invoke(cli, ["rules", "explain", "no.such-rule"]).exit_code == 2


def test_cli_audit_manifest_rows(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("流量费每季度扣29元，所有机器统一收取。", encoding="utf-8")
    (tmp_path / "m.csv").write_text("id,name,url,path\nrow-a,A,,a.txt\nrow-b,B,,missing.txt\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["audit", str(tmp_path / "m.csv"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 3, result.output
    assert (tmp_path / "out" / "row-a.json").is_file() and (tmp_path / "out" / "row-b.json").is_file()


def test_cli_audit_bad_manifest_names_the_line(tmp_path: Path) -> None:
    (tmp_path / "m.csv").write_text("id,name,url,path\n,no id,,\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["audit", str(tmp_path / "m.csv"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 3 and "line 2" in result.output
