"""Item 4: a file name in an import sheet never reaches outside the import folder."""

from __future__ import annotations

import csv
import sqlite3

import pytest

from tests.hostile.helpers import archive_with_filing, refused, run


def _sheet(tmp_path, name: str):
    folder = tmp_path / "import" / "docs"
    folder.mkdir(parents=True)
    (folder / "ok.txt").write_text("某办法\n第一条 为规范管理，制定本办法。\n", encoding="utf-8")
    secret = tmp_path / "secret.txt"
    secret.write_text("机密：口令 hunter2\n", encoding="utf-8")
    sheet = tmp_path / "import" / "目录.csv"
    with open(sheet, "w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["文件名", "标题"])
        out.writerow(["ok.txt", "某办法"])
        out.writerow([name.replace("SECRET", str(secret)), "窃取"])
    return sheet, folder, secret


@pytest.mark.parametrize("name", ["../../secret.txt", "SECRET", "./../../secret.txt", "sub/../../../secret.txt"])
def test_import_refuses_names_outside_the_folder(tmp_path, name):
    db = archive_with_filing(tmp_path)
    sheet, folder, _ = _sheet(tmp_path, name)
    line = refused(run("archive", "--db", str(db), "import", str(sheet), str(folder)))
    assert "第 3 行" in line and "以外" in line
    texts = [r[0] for r in sqlite3.connect(db).execute("SELECT text FROM versions")]
    assert not any("hunter2" in t for t in texts) and len(texts) == 1


def test_import_refuses_a_symbolic_link_out_of_the_folder(tmp_path):
    db = archive_with_filing(tmp_path)
    sheet, folder, secret = _sheet(tmp_path, "link.txt")
    (folder / "link.txt").symlink_to(secret)
    line = refused(run("archive", "--db", str(db), "import", str(sheet), str(folder)))
    assert "以外" in line


def test_a_subfolder_inside_the_import_folder_is_fine(tmp_path):
    db = archive_with_filing(tmp_path)
    sheet, folder, _ = _sheet(tmp_path, "sub/inner.txt")
    (folder / "sub").mkdir()
    (folder / "sub" / "inner.txt").write_text("某通知\n一、做好有关工作。\n", encoding="utf-8")
    result = run("archive", "--db", str(db), "import", str(sheet), str(folder), "-f", "json")
    assert result.exit_code == 0, result.output


def test_a_symbolic_link_loop_is_refused_in_chinese(tmp_path):
    db = archive_with_filing(tmp_path)
    sheet, folder, _ = _sheet(tmp_path, "loop/x.txt")
    (folder / "loop").symlink_to("loop")
    line = refused(run("archive", "--db", str(db), "import", str(sheet), str(folder)))
    assert "第 3 行" in line
