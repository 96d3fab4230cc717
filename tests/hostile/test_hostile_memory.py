"""Item 3: a tiny spreadsheet claiming a huge size, or endless stdin, never exhausts memory."""

from __future__ import annotations

import resource
import sqlite3
from pathlib import Path

from openpyxl import Workbook

from tests.hostile.helpers import archive_with_filing, run_process

LIMIT = 1024 * 1024 * 1024  # 1 GB of address space: the bug took 2.7 GB and more


def _limited():
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT, LIMIT))


def _far_cell_sheet(path: Path, header: list[str], row: list[str]) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    sheet.append(row)
    sheet["XFD1048576"] = "x"
    book.save(path)
    assert path.stat().st_size < 10_000
    return path


def _refused_in_chinese(proc) -> str:
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 2, err
    assert "Traceback" not in err and "MemoryError" not in err
    assert "超出上限" in err, err
    return err


def test_archive_import_refuses_a_cell_at_xfd1048576(tmp_path):
    db = archive_with_filing(tmp_path)
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text("某办法\n第一条 为规范管理，制定本办法。\n", encoding="utf-8")
    sheet = _far_cell_sheet(tmp_path / "目录.xlsx", ["文件名", "标题"], ["a.txt", "某办法"])
    proc = run_process(["archive", "--db", str(db), "import", str(sheet), str(folder)], preexec_fn=_limited)
    _refused_in_chinese(proc)
    assert sqlite3.connect(db).execute("SELECT count(*) FROM documents").fetchone()[0] == 1


def test_reconcile_refuses_a_cell_at_xfd1048576(tmp_path):
    db = archive_with_filing(tmp_path)
    sheet = _far_cell_sheet(tmp_path / "发文目录.xlsx", ["制定机关", "标题"], ["某局", "某办法"])
    _refused_in_chinese(run_process(["archive", "--db", str(db), "reconcile", str(sheet)], preexec_fn=_limited))


def test_audit_apply_refuses_a_cell_at_xfd1048576(tmp_path):
    db = archive_with_filing(tmp_path)
    book = Workbook()
    book.active.title = "汇总"
    book.active.append(["审计批次", 1])
    sheet = book.create_sheet("继续有效")
    sheet.append(["文件ID", "登记号", "发文字号", "决定"])
    sheet["XFD1048576"] = "x"
    book.save(tmp_path / "清理结果.xlsx")
    proc = run_process(["audit", "--db", str(db), "apply", str(tmp_path / "清理结果.xlsx")], preexec_fn=_limited)
    _refused_in_chinese(proc)


def test_check_reads_stdin_only_up_to_the_limit(tmp_path):
    with open("/dev/zero", "rb") as endless:
        proc = run_process(["check", "-"], stdin=endless, preexec_fn=_limited)
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 2, err
    assert "过大" in err and "Traceback" not in err


def test_merged_and_uncached_formula_cells_are_reported_by_row(tmp_path):
    """Item 11: such cells read as blank; the import says which rows instead of staying silent."""
    from tests.hostile.helpers import run

    db = archive_with_filing(tmp_path)
    folder = tmp_path / "docs"
    folder.mkdir()
    for name in ("a.txt", "b.txt"):
        (folder / name).write_text(f"{name}办法\n第一条 为规范管理，制定本办法。\n", encoding="utf-8")
    book = Workbook()
    sheet = book.active
    sheet.append(["文件名", "标题", "制定机关"])
    sheet.append(["a.txt", "甲办法", "某局"])
    sheet.append(["b.txt", "=B2&\"修订\"", None])
    sheet.merge_cells("C2:C3")
    book.save(tmp_path / "目录.xlsx")  # openpyxl saves formulas without a cached result
    result = run("archive", "--db", str(db), "import", str(tmp_path / "目录.xlsx"), str(folder))
    assert result.exit_code == 0, result.output
    assert "第 2 行：合并单元格 C2:C3" in result.stderr
    assert "第 3 行 B 列：公式没有保存计算结果" in result.stderr
