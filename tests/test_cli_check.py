"""`reviewer check` through click's CliRunner and as a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from reviewer.cli.main import cli

DRAFT = (
    "清河区农贸市场管理办法\n"
    "第一条 为规范农贸市场管理，制定本办法。\n"
    "第二条 进入市场经营的商户，应缴纳管理费每年200元。\n"
    "对违反本办法的，由区市场监管局处500元罚款；情节严重的，没收其经营工具。\n"
    "第三条 本办法自2026年1月1日起施行。\n"
)
LAWFUL = (
    "清河区关于做好2026年政务服务工作的通知\n"
    "一、全面清理行政许可事项，取消没有法律依据的审批。\n"
    "二、严格规范行政事业性收费，不得收取任何没有依据的费用，对困难群众免收工本费。\n"
    "三、规范行政处罚自由裁量权，严禁以罚代管，不得下达罚没指标。\n"
)


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def _write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_text_report_groups_by_clause_and_exits_1(runner, tmp_path):
    path = _write(tmp_path, "draft.txt", DRAFT)
    result = runner.invoke(cli, ["check", str(path)], env={"NO_COLOR": "1"})
    assert result.exit_code == 1, result.output
    out = result.output
    assert "第二条第一款" in out and "第二条第二款" in out
    assert "【处500元罚款】" in out  # the match is highlighted without colour
    assert "PENALTY001" in out and "FEE001" in out and "PENALTY002" in out
    assert "依据：《中华人民共和国行政处罚法》第十六条" in out
    assert "\x1b[" not in out  # no colour off a terminal
    assert out.rstrip().endswith("。") and "共审查 1 个文件" in out


def test_json_has_the_contract_shape(runner, tmp_path):
    path = _write(tmp_path, "draft.txt", DRAFT)
    result = runner.invoke(cli, ["check", str(path), "-f", "json"])
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["version"] == 1
    assert data["summary"]["documents"] == 1
    assert data["summary"]["findings"] == len(data["documents"][0]["findings"]) == 3
    assert data["summary"]["by_severity"] == {"error": 3}
    doc = data["documents"][0]
    assert doc["level"] == "行政规范性文件" and doc["title"] == "清河区农贸市场管理办法"
    fine = next(f for f in doc["findings"] if f["code"] == "PENALTY001")
    assert fine["family"] == "PENALTY" and fine["severity"] == "error"
    assert fine["match"] == "处500元罚款"
    loc = fine["location"]
    assert loc["locator"] == "第二条第二款" and loc["line"] == 4
    text = path.read_text(encoding="utf-8")
    assert text[loc["offset"]:loc["offset"] + loc["length"]] == "处500元罚款"
    assert text.splitlines()[loc["line"] - 1][loc["column"] - 1:].startswith("处500元罚款")
    assert fine["basis"] == [{"law": "中华人民共和国行政处罚法", "article": "第十六条"}]
    assert fine["suggestion"] and fine["message"] and len(fine["fingerprint"]) == 16


def test_lawful_text_full_of_trigger_words_is_clean(runner, tmp_path):
    path = _write(tmp_path, "lawful.txt", LAWFUL)
    result = runner.invoke(cli, ["check", str(path)])
    assert result.exit_code == 0, result.output
    assert "未发现问题" in result.output


def test_gb18030_file_is_read(runner, tmp_path):
    path = _write(tmp_path, "gbk.txt", DRAFT, encoding="gb18030")
    result = runner.invoke(cli, ["check", str(path), "-f", "json"])
    assert json.loads(result.output)["summary"]["findings"] == 3


def test_fail_on_and_select_ignore(runner, tmp_path):
    path = _write(tmp_path, "draft.txt", DRAFT)
    assert runner.invoke(cli, ["check", str(path), "--fail-on", "never"]).exit_code == 0
    result = runner.invoke(cli, ["check", str(path), "-f", "json", "--select", "PENALTY"])
    codes = {f["code"] for f in json.loads(result.output)["documents"][0]["findings"]}
    assert codes == {"PENALTY001", "PENALTY002"}
    result = runner.invoke(cli, ["check", str(path), "-f", "json", "--ignore", "PENALTY,FEE"])
    assert json.loads(result.output)["summary"]["findings"] == 0
    assert result.exit_code == 0


def test_level_changes_what_is_allowed(runner, tmp_path):
    text = "第一条 违反本规定的，处警告。\n第二条 本规定自2026年1月1日起施行。\n"
    path = _write(tmp_path, "rule.txt", text)
    as_document = json.loads(runner.invoke(cli, ["check", str(path), "-f", "json"]).output)
    as_rule = json.loads(runner.invoke(cli, ["check", str(path), "-f", "json", "--level", "规章"]).output)
    assert any(f["code"] == "PENALTY003" for f in as_document["documents"][0]["findings"])
    assert not any(f["family"] == "PENALTY" for f in as_rule["documents"][0]["findings"])
    assert as_rule["documents"][0]["level"] == "规章"


def test_stdin(runner):
    result = runner.invoke(cli, ["check", "-", "-f", "json"], input=DRAFT.encode("utf-8"))
    assert result.exit_code == 1
    assert json.loads(result.output)["documents"][0]["path"] == "-"


def test_directory_checks_every_supported_file(runner, tmp_path):
    _write(tmp_path, "a.txt", DRAFT)
    (tmp_path / "sub").mkdir()
    _write(tmp_path / "sub", "b.md", LAWFUL)
    _write(tmp_path, "notes.png", "x")  # unsupported files below a directory are skipped
    result = runner.invoke(cli, ["check", str(tmp_path), "-f", "json"])
    data = json.loads(result.stdout)
    assert [Path(d["path"]).name for d in data["documents"]] == ["a.txt", "b.md"]
    assert result.exit_code == 1


# --- bad input: one line in Chinese, exit 2, never a traceback ---------------------------


def _zip_bomb(path: Path) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b"\0" * (300 * 1024 * 1024))


BAD_INPUTS = {
    "old.doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "soffice --headless --convert-to docx"),
    "old.wps": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "soffice --headless --convert-to docx"),
    "empty.txt": (b"", "空"),
    "blank.txt": ("　\n  \n".encode("utf-8"), "空"),
    "corrupt.docx": (b"PK\x03\x04 this is not really a zip", "损坏"),
    "image.txt": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "文本"),
    "data.xlsx": (b"PK\x03\x04", "支持"),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_gets_one_line_and_exit_2(runner, tmp_path, name):
    data, expected = BAD_INPUTS[name]
    path = tmp_path / name
    path.write_bytes(data)
    result = runner.invoke(cli, ["check", str(path)])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("错误：")
    assert expected in lines[0], lines[0]
    assert "Traceback" not in result.output


def test_scanned_pdf_without_text(runner, tmp_path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path))
    c.rect(50, 50, 200, 200, fill=1)  # a picture of a page, no text layer
    c.showPage()
    c.save()
    result = runner.invoke(cli, ["check", str(path)])
    assert result.exit_code == 2
    assert "文字" in result.stderr or "文本" in result.stderr


@pytest.mark.slow
def test_zip_bomb_is_refused(runner, tmp_path):
    path = tmp_path / "bomb.docx"
    _zip_bomb(path)
    result = runner.invoke(cli, ["check", str(path)])
    assert result.exit_code == 2
    assert result.stderr.startswith("错误：") and "Traceback" not in result.output


def test_missing_file_and_bad_options(runner, tmp_path):
    result = runner.invoke(cli, ["check", str(tmp_path / "nope.docx")])
    assert result.exit_code == 2 and "不存在" in result.stderr
    path = _write(tmp_path, "draft.txt", DRAFT)
    result = runner.invoke(cli, ["check", str(path), "-f", "xlsx"])  # binary formats need -o
    assert result.exit_code == 2 and "-o" in result.stderr
    assert runner.invoke(cli, ["check", str(path), "--level", "乡规民约"]).exit_code == 2


def test_one_bad_file_in_a_batch_still_reports_the_others(runner, tmp_path):
    good = _write(tmp_path, "good.txt", DRAFT)
    bad = tmp_path / "bad.doc"
    bad.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    result = runner.invoke(cli, ["check", str(good), str(bad), "-f", "json"])
    assert result.exit_code == 2
    assert json.loads(result.stdout)["summary"]["documents"] == 1
    assert "bad.doc" in result.stderr


# --- a real process --------------------------------------------------------------------


def _reviewer() -> list[str]:
    exe = Path(sys.executable).with_name("reviewer")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "reviewer.cli.main"]


@pytest.mark.slow
def test_subprocess_json_and_exit_codes(tmp_path):
    path = _write(tmp_path, "draft.txt", DRAFT)
    env = {**os.environ, "NO_COLOR": "1"}
    proc = subprocess.run(_reviewer() + ["check", str(path), "-f", "json"], capture_output=True, env=env, timeout=60)
    assert proc.returncode == 1
    assert json.loads(proc.stdout.decode("utf-8"))["summary"]["findings"] == 3
    assert proc.stderr == b""  # results on stdout only
    proc = subprocess.run(_reviewer() + ["check", str(tmp_path / "missing.txt")], capture_output=True, env=env, timeout=60)
    assert proc.returncode == 2
    assert b"Traceback" not in proc.stderr and proc.stderr.decode("utf-8").startswith("错误：")


@pytest.mark.slow
def test_a_reader_that_goes_away_ends_the_output_quietly():
    # `reviewer rules list | head -1`: the rest cannot be written, and that is no file error
    env = {**os.environ, "NO_COLOR": "1"}
    proc = subprocess.Popen(_reviewer() + ["rules", "list"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader leaves before the process has started writing
    stderr = proc.stderr.read()
    proc.wait(timeout=60)
    assert stderr == b"", stderr.decode("utf-8", "replace")
    assert proc.returncode != 2  # 2 would claim an error; click ends a broken pipe with 1


def test_help_lists_commands_with_examples(runner):
    result = runner.invoke(cli, ["--help"])
    assert result.exit_code == 0 and "check" in result.output and "rules" in result.output
    result = runner.invoke(cli, ["check", "-h"])
    assert "示例" in result.output and "退出码" in result.output


# --- local settings -----------------------------------------------------------------------

PROVISIONAL = (
    "清河区共享单车停放管理暂行办法\n"
    "第一条 为规范共享单车停放，制定本办法。\n"
    "第二条 本办法自2026年3月1日起施行，有效期3年。\n"
    "清河区人民政府\n"
    "2026年1月5日\n"
)


def test_settings_change_the_procedure_limits(runner, tmp_path):
    path = _write(tmp_path, "provisional.txt", PROVISIONAL)
    default = json.loads(runner.invoke(cli, ["check", str(path), "-f", "json"]).output)
    codes = {f["code"] for f in default["documents"][0]["findings"]}
    assert "PROCEDURE002" in codes  # 暂行: 3 years is over the usual 2
    relaxed = json.loads(runner.invoke(
        cli, ["check", str(path), "-f", "json", "--set", "max_provisional_validity_years=3"]).output)
    assert "PROCEDURE002" not in {f["code"] for f in relaxed["documents"][0]["findings"]}


def test_bad_setting_is_a_usage_error(runner, tmp_path):
    path = _write(tmp_path, "provisional.txt", PROVISIONAL)
    result = runner.invoke(cli, ["check", str(path), "--set", "max_days=3"])
    assert result.exit_code == 2 and "无法识别的设置" in result.stderr
    result = runner.invoke(cli, ["check", str(path), "--set", "max_validity_years=五"])
    assert result.exit_code == 2 and "不是数字" in result.stderr


def test_rule_fine_limit_applies_to_rules_only(runner, tmp_path):
    text = "第一条 擅自占用城市道路经营的，处一千元以上十五万元以下罚款。\n第二条 本规定自2026年3月1日起施行。\n"
    path = _write(tmp_path, "rule.txt", text)
    as_rule = json.loads(runner.invoke(cli, ["check", str(path), "-f", "json", "--level", "规章"]).output)
    over = [f for f in as_rule["documents"][0]["findings"] if f["code"] == "PENALTY007"]
    assert [f["match"] for f in over] == ["十五万元"]  # over 国发〔2021〕26号's 10万 for ordinary matters
    higher = json.loads(runner.invoke(
        cli, ["check", str(path), "-f", "json", "--level", "规章", "--set", "max_rule_fine=150000"]).output)
    assert not [f for f in higher["documents"][0]["findings"] if f["code"] == "PENALTY007"]
    safety = text.replace("擅自占用城市道路经营", "违反特种设备安全管理规定")
    path = _write(tmp_path, "safety.txt", safety)
    as_rule = json.loads(runner.invoke(cli, ["check", str(path), "-f", "json", "--level", "规章"]).output)
    assert not [f for f in as_rule["documents"][0]["findings"] if f["code"] == "PENALTY007"]  # 20万 for safety


def test_a_rule_restating_its_enabling_laws_fines_is_not_over_the_limit(runner, tmp_path):
    """设定 vs 实施: a 规章 whose 第一条 names the 行政法规 it implements restates that 条例's fines;
    a fine for breaking the 规章's own articles is its own, and the limit applies."""
    head = "第一条 根据《中华人民共和国市场主体登记管理条例》，制定本细则。\n"
    restated = head + "第二条 以欺骗手段办理登记的，处六万元以上十五万元以下的罚款。\n"
    own = head + "第二条 违反本细则第一条规定的，处六万元以上十五万元以下的罚款。\n"
    codes = {}
    for name, text in (("restated.txt", restated), ("own.txt", own)):
        path = _write(tmp_path, name, text)
        data = json.loads(runner.invoke(cli, ["check", str(path), "-f", "json", "--level", "规章"]).output)
        codes[name] = [f["match"] for f in data["documents"][0]["findings"] if f["code"] == "PENALTY007"]
    assert codes == {"restated.txt": [], "own.txt": ["十五万元"]}


def test_no_output_file_is_replaced_without_force(runner, tmp_path):
    path = _write(tmp_path, "d.txt", "对违反本办法的，处500元罚款。\n")
    out = tmp_path / "报告.json"
    out.write_text("别人正在看的文件", encoding="utf-8")
    refused = runner.invoke(cli, ["check", str(path), "-f", "json", "-o", str(out)])
    assert refused.exit_code == 2 and "--force" in refused.output
    assert out.read_text(encoding="utf-8") == "别人正在看的文件"
    assert runner.invoke(cli, ["check", str(path), "-f", "json", "-o", str(out), "--force"]).exit_code == 1
    assert out.read_text(encoding="utf-8").startswith("{")
    docs = tmp_path / "rules.md"
    docs.write_text("旧", encoding="utf-8")
    assert runner.invoke(cli, ["rules", "docs", "-o", str(docs)]).exit_code == 2
    assert runner.invoke(cli, ["rules", "docs", "-o", str(docs), "--force"]).exit_code == 0
