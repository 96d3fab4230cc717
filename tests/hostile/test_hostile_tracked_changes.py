"""Item 5: a draft is checked as Word shows it with all tracked changes accepted, and says it has some."""

from __future__ import annotations

import json

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from reviewer.readers.docx import read_docx
from tests.hostile.helpers import run

INSERTED = "第二条 对违反本办法的经营户，处5000元罚款，并吊销其营业执照。"
DELETED = "第三条 市场管理方应当公示收费标准。"


def _revision(tag: str, text: str, text_tag: str = "w:t"):
    change = OxmlElement(tag, attrs={qn("w:id"): "1", qn("w:author"): "起草人", qn("w:date"): "2026-03-01T00:00:00Z"})
    run = OxmlElement("w:r")
    t = OxmlElement(text_tag)
    t.text = text
    run.append(t)
    change.append(run)
    return change


def _draft(path):
    d = docx.Document()
    d.add_paragraph("清河区农贸市场管理办法")
    d.add_paragraph("第一条 为规范市场秩序，制定本办法。")
    d.add_paragraph()._p.append(_revision("w:ins", INSERTED))
    p = d.add_paragraph("第三条 ")
    p._p.append(_revision("w:del", "市场管理方应当公示收费标准。", "w:delText"))
    p.add_run("本办法自2026年5月1日起施行。")
    d.save(path)
    return path


def test_inserted_text_is_read_and_deleted_text_is_not(tmp_path):
    source = read_docx(_draft(tmp_path / "草案.docx"))
    assert INSERTED in source.text
    assert "公示收费标准" not in source.text
    assert "第三条 本办法自2026年5月1日起施行。" in source.text
    assert source.notes and "未接受的修订" in source.notes[0]


def test_check_finds_the_fine_in_a_tracked_insertion_and_notes_the_changes(tmp_path):
    result = run("check", str(_draft(tmp_path / "草案.docx")), "-f", "json")
    assert result.exit_code == 1, result.output
    findings = json.loads(result.stdout)["documents"][0]["findings"]
    assert any(f["family"] == "PENALTY" and "5000元罚款" in f["match"] for f in findings)
    assert "未接受的修订" in result.stderr


def test_comments_anchor_on_inserted_words(tmp_path):
    draft = _draft(tmp_path / "草案.docx")
    out = tmp_path / "草案.审查.docx"
    assert run("check", str(draft), "-f", "docx", "-o", str(out)).exit_code == 1
    body = docx.Document(out).element.body
    ranges = body.findall(".//" + qn("w:commentRangeStart"))
    assert ranges, "no comment placed"
    assert read_docx(out).text == read_docx(draft).text


def test_a_clean_draft_has_no_note(tmp_path):
    d = docx.Document()
    d.add_paragraph("第一条 为规范市场秩序，制定本办法。")
    d.save(tmp_path / "clean.docx")
    assert read_docx(tmp_path / "clean.docx").notes == ()


def test_archive_submit_stores_the_final_view_and_warns(tmp_path):
    from tests.archive_helpers import new_archive

    db = tmp_path / "reviewer.db"
    new_archive(db).close()
    result = run("archive", "--db", str(db), "submit", str(_draft(tmp_path / "草案.docx")), "-f", "json")
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert any("未接受的修订" in w for w in payload["warnings"])
    text = run("archive", "--db", str(db), "text", str(payload["id"])).stdout
    assert INSERTED in text and "公示收费标准" not in text
