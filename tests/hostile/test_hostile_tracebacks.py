"""Item 8: inputs that used to end in a traceback (exit 1, which means "findings") now get exit 2 in Chinese."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import docx
import pytest

from tests.hostile.helpers import DRAFT, archive_with_filing, refused, run, run_process

HUGE = str(2**63)


@pytest.mark.parametrize("args", [
    ["show", HUGE], ["register", HUGE], ["text", HUGE], ["text", "1", "--version", HUGE], ["log", HUGE],
    ["list", "--limit", HUGE], ["search", "罚款", "--limit", HUGE], ["search", "罚款", "--year", HUGE],
    ["suggestion", "handle", HUGE, "--note", "x"], ["status", "1", "已废止", "--reason", "x", "--by", HUGE],
    ["init", "--office", "x", "--code", "某", "--reply-days", "99999999999"],
])
def test_ids_and_limits_beyond_sqlite_integers_are_refused(tmp_path, args):
    db = archive_with_filing(tmp_path)
    line = refused(run("archive", "--db", str(db), *args))
    assert "超出范围" in line


def test_laws_cites_with_a_huge_article_number(tmp_path):
    db = archive_with_filing(tmp_path)
    refused(run("laws", "--db", str(db), "cites", "行政处罚法", "--article", "9" * 30))
    refused(run("laws", "--db", str(db), "cites", "行政处罚法", "--article", "²"))


def test_audit_options_are_bounded(tmp_path):
    db = archive_with_filing(tmp_path)
    refused(run("audit", "--db", str(db), "show", HUGE))
    refused(run("audit", "--db", str(db), "run", "--provisional-years", "nan"))


def _non_utf8_draft(tmp_path: Path) -> bytes:
    name = bytes(tmp_path) + b"/\xff\xfe\xb0\xec.txt"
    with open(name, "wb") as fh:
        fh.write(DRAFT.encode("utf-8"))
    return name


@pytest.mark.parametrize("fmt", [b"json", b"html", b"xlsx"])
def test_file_names_that_are_not_utf8(tmp_path, fmt):
    name = _non_utf8_draft(tmp_path)
    out = bytes(tmp_path) + b"/report." + fmt
    proc = run_process([b"check", name, b"-f", fmt, b"-o", out])
    assert proc.returncode == 1, proc.stderr.decode("utf-8", "replace")
    assert b"Traceback" not in proc.stderr
    if fmt == b"json":
        data = json.loads(Path(out.decode("utf-8")).read_bytes().decode("utf-8"))  # valid UTF-8
        assert data["documents"][0]["path"].endswith("\ufffd\ufffd\ufffd\ufffd.txt")


def test_submit_a_file_whose_name_is_not_utf8(tmp_path):
    db = archive_with_filing(tmp_path)
    name = _non_utf8_draft(tmp_path)
    proc = run_process([b"archive", b"--db", bytes(db), b"submit", name, b"-f", b"json"])
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    assert json.loads(proc.stdout)["id"] == 2


def _docx_with_comment(path: Path, comment_id: str) -> Path:
    d = docx.Document()
    d.add_paragraph("清河区农贸市场管理办法")
    p = d.add_paragraph("第二条 对违反本办法的，处500元罚款。")
    d.add_comment(p.runs, text="起草人的批注", author="起草人")
    d.save(path)
    with zipfile.ZipFile(path) as zf:
        parts = {i.filename: zf.read(i.filename) for i in zf.infolist()}
    parts["word/comments.xml"] = parts["word/comments.xml"].replace(b'w:id="0"', f'w:id="{comment_id}"'.encode())
    with zipfile.ZipFile(path, "w") as zf:
        for part, data in parts.items():
            zf.writestr(part, data)
    return path


def test_a_comments_part_with_a_non_numeric_id(tmp_path):
    draft = _docx_with_comment(tmp_path / "草案.docx", "abc")
    line = refused(run("check", str(draft), "-f", "docx", "-o", str(tmp_path / "out.docx")))
    assert "批注" in line
    assert not (tmp_path / "out.docx").exists()


def test_control_characters_in_the_comment_author(tmp_path):
    draft = tmp_path / "草案.docx"
    d = docx.Document()
    d.add_paragraph("第二条 对违反本办法的，处500元罚款。")
    d.save(draft)
    result = run("check", str(draft), "-f", "docx", "-o", str(tmp_path / "out.docx"), "--author", "审查\x01\x1b[31m")
    assert result.exit_code == 1, result.output
    authors = {c.author for c in docx.Document(tmp_path / "out.docx").comments}
    assert authors == {"审查[31m"}


def test_a_huge_sequence_width_in_the_template(tmp_path):
    line = refused(run("archive", "--db", str(tmp_path / "a.db"), "init", "--office", "x", "--code", "某",
                       "--template", "{code}{year}-{seq:099999999999d}号"))
    assert "宽度" in line


def test_a_rule_pack_that_is_not_utf8(tmp_path):
    pack = tmp_path / "rules"
    pack.mkdir()
    (pack / "penalty.yaml").write_bytes("rules:\n  - code: X\n    title: 罚款\n".encode("gb18030"))
    draft = tmp_path / "d.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    line = refused(run("check", str(draft), "--rules", str(pack)))
    assert "UTF-8" in line and "penalty.yaml" in line


def test_closed_stdin_and_stdout(tmp_path):
    draft = tmp_path / "d.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    closed_in = run_process(["check", "-"], stdin=None, preexec_fn=lambda: __import__("os").close(0))
    assert closed_in.returncode == 2 and b"Traceback" not in closed_in.stderr
    assert "标准输入已关闭" in closed_in.stderr.decode("utf-8")
    closed_out = run_process(["check", str(draft)], preexec_fn=lambda: __import__("os").close(1))
    assert closed_out.returncode == 2 and b"Traceback" not in closed_out.stderr
    assert "标准输出已关闭" in closed_out.stderr.decode("utf-8")
