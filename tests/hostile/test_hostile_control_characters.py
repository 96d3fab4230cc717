"""Item 7: a control character in a title is cleaned at the door, and one already stored cannot block exports."""

from __future__ import annotations

import json
import sqlite3

from openpyxl import load_workbook

from tests.hostile.helpers import LAWFUL, published, run


def test_a_title_given_with_control_characters_is_stored_clean(tmp_path):
    db = published(tmp_path)
    draft = tmp_path / "d.txt"
    draft.write_text(LAWFUL, encoding="utf-8")
    result = run("archive", "--db", str(db), "submit", str(draft), "--title", "坏\x07标题\x1b[2J", "--issuer", "某局\x00",
                 "-f", "json")
    assert result.exit_code == 0, result.output
    shown = json.loads(run("archive", "--db", str(db), "show", "2", "-f", "json").stdout)
    assert shown["title"] == "坏标题[2J" and shown["issuer"] == "某局"


def test_a_title_taken_from_the_document_is_cleaned_too(tmp_path):
    db = published(tmp_path)
    draft = tmp_path / "d.txt"
    draft.write_text("清河区\x0b市场管理办法\n第一条 为规范市场秩序，制定本办法。\n", encoding="utf-8")
    assert run("archive", "--db", str(db), "submit", str(draft)).exit_code == 0
    title = sqlite3.connect(db).execute("SELECT title FROM documents WHERE id = 2").fetchone()[0]
    assert "\x0b" not in title


def test_a_stored_title_with_a_control_character_does_not_block_exports(tmp_path):
    db = published(tmp_path)
    conn = sqlite3.connect(db)
    conn.execute("UPDATE documents SET title = ? WHERE id = 1", ("旧\x01标题\x1f",))  # as written by an older version
    conn.commit()
    conn.close()
    for name in ("目录.xlsx", "目录.csv", "目录.json"):
        result = run("archive", "--db", str(db), "export", str(tmp_path / name))
        assert result.exit_code == 0, result.output
    assert load_workbook(tmp_path / "目录.xlsx").active["D4"].value == "旧标题"  # title line, as-of line, header
    base = ["audit", "--db", str(db)]
    assert run(*base, "run", "--as-of", "2026-11-28", "--no-recheck").exit_code == 0
    assert run(*base, "export", "-o", str(tmp_path / "清理.xlsx")).exit_code == 0


def test_escape_sequences_in_a_text_do_not_reach_the_terminal():
    """The .txt reader refuses such files as binary; text from other sources is cleaned when printed."""
    from reviewer.pipeline import check_text
    from reviewer.report.text import render

    report = check_text("某办法\x1b]0;标题\x07\n第二条 对违反本办法的，\x1b[2J处500元罚款。\n")
    assert report.findings
    out = render([report])
    assert "\x1b" not in out and "\x07" not in out
