"""Fuzzing the doors: random bytes, random .docx/.xlsx structures and random option values thrown at
`check`, `archive import`, the archive's commands and the exports.

Every run must end with exit code 0, 1 or 2 and no traceback, write nothing but the requested
output, and leave the archive's integrity_check ok. Derandomized (the same examples every run)
and bounded so the whole module takes about twenty seconds.
"""

from __future__ import annotations

import io
import os
import sqlite3
import tempfile
import zipfile
from pathlib import Path

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from tests.hostile.helpers import DRAFT, integrity_ok, run
from tests.archive_helpers import new_archive

import pytest

pytestmark = pytest.mark.slow  # seconds each: real processes, documents rendered

FUZZ = settings(derandomize=True, deadline=None, database=None, max_examples=70,
                suppress_health_check=list(HealthCheck))

# Text with the characters that broke things: controls, surrogate-free odd Unicode, formula leads.
hostile_text = st.text(
    alphabet=st.one_of(st.sampled_from(list("=+-@\t\r\n\x00\x01\x07\x0b\x1b\x7f\x85\u2028第条款罚款许可证处元")),
                       st.characters(blacklist_categories=("Cs",))),
    max_size=60)
integers = st.one_of(st.integers(-5, 50), st.sampled_from([0, 2**31, 2**63 - 1, 2**63, 2**64, -(2**63)]))
# Values that broke the CLI before, drawn as often as random ones.
EDGE_VALUES = [str(v) for v in (2**31, 2**63 - 1, 2**63, 2**64, -(2**63) - 1, -1, 0, 1)] + [
    "nan", "inf", "1e309", "", " ", "1\x00", "²", "１"]
option_values = st.one_of(st.sampled_from(EDGE_VALUES), integers.map(str), hostile_text)


def tree(root: Path) -> set[str]:
    """Every path below ``root``, plus the names in the working directory (nothing may appear there)."""
    return {str(p.relative_to(root)) for p in root.rglob("*")} | {f"cwd:{n}" for n in os.listdir(".")}


def assert_clean(result) -> None:
    """Exit 0, 1 or 2 and no exception escaping to a traceback."""
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output


# --------------------------------------------------------------------------- check


def _docx_bytes(paragraphs: list[tuple[str, str]]) -> bytes:
    """A .docx whose paragraphs are plain, inserted, deleted or hyperlinked text."""
    d = docx.Document()
    for kind, text in paragraphs:
        clean = "".join(ch for ch in text if ch in "\t\n" or (ord(ch) >= 0x20 and ch not in "\x7f\ufffe\uffff"))
        p = d.add_paragraph()
        if kind == "plain":
            p.add_run(clean)
            continue
        wrapper = OxmlElement({"ins": "w:ins", "del": "w:del", "link": "w:hyperlink"}[kind],
                              attrs={qn("w:id"): "1", qn("w:author"): "a"} if kind != "link" else {})
        r = OxmlElement("w:r")
        t = OxmlElement("w:delText" if kind == "del" else "w:t")
        t.text = clean
        r.append(t)
        wrapper.append(r)
        p._p.append(wrapper)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def _mutate_zip(data: bytes, member_index: int, cut: int) -> bytes:
    """The same package with one member truncated: broken XML inside a valid zip."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for i, info in enumerate(src.infolist()):
            body = src.read(info.filename)
            dst.writestr(info.filename, body[: cut % (len(body) + 1)] if i == member_index % len(src.infolist()) else body)
    return out.getvalue()


documents = st.one_of(
    st.tuples(st.sampled_from([".txt", ".md", ".pdf", ".docx", ".doc"]), st.binary(max_size=400)),
    st.tuples(st.just(".txt"), hostile_text.map(lambda t: (DRAFT + t).encode("utf-8", "surrogatepass"))),
    st.tuples(st.just(".docx"), st.lists(st.tuples(st.sampled_from(["plain", "ins", "del", "link"]), hostile_text),
                                         min_size=1, max_size=5).map(_docx_bytes)),
    st.tuples(st.just(".docx"), st.tuples(st.integers(0, 20), st.integers(0, 5000)).map(
        lambda mi: _mutate_zip(_docx_bytes([("plain", DRAFT)]), *mi))),
)


@FUZZ
@given(doc=documents, fmt=st.sampled_from(["text", "json", "html", "xlsx", "docx", "opinion"]),
       extra=st.lists(st.sampled_from([["--select", "PENALTY"], ["--ignore", "PENALY"], ["--fail-on", "never"],
                                       ["--level", "规章"], ["--author", "审\x01查"]]), max_size=2),
       setting=st.one_of(st.none(), option_values))
def test_check_survives_anything(doc, fmt, extra, setting):
    suffix, data = doc
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        path = root / f"草案{suffix}"
        path.write_bytes(data)
        out = root / f"out.{ {'text': 'txt', 'opinion': 'docx'}.get(fmt, fmt) }"
        args = ["check", str(path), "-f", fmt, "-o", str(out), *[a for pair in extra for a in pair]]
        if setting is not None:
            args += ["--set", f"min_days_to_effect={setting}"]
        before = tree(root)
        result = run(*args)
        assert_clean(result)
        assert tree(root) - before <= {out.name}
        assert path.read_bytes() == data


# --------------------------------------------------------------------------- archive import and reconcile


names = st.one_of(st.sampled_from(["a.txt", "../a.txt", "/etc/hostname", "sub/../a.txt", "a.txt\x00", "", "b.docx"]),
                  hostile_text)
cells = st.one_of(hostile_text, integers, st.sampled_from(["1900-01-01", "9999-12-31", "2024-02-30", "=1+1",
                                                           "有效", "已废止", "规章", "某规〔2024〕1号"]))


def _sheet(rows: list[list], far: tuple[int, int] | None, merge: bool, csv_format: bool, root: Path) -> Path:
    header = ["文件名", "标题", "制定机关", "公布日期", "状态", "层级", "登记号"]
    if csv_format:
        import csv

        path = root / "目录.csv"
        with open(path, "w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(header)
            writer.writerows([["" if v is None else str(v).replace("\x00", "") for v in row] for row in rows])
        return path
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append([v if not isinstance(v, str) else "".join(c for c in v if c >= " " or c in "\t\n") for v in row])
    if far:
        sheet.cell(*far).value = "x"
    if merge:
        sheet.merge_cells("B2:C3")
    path = root / "目录.xlsx"
    book.save(path)
    return path


@FUZZ
@given(rows=st.lists(st.tuples(names, cells, cells, cells, cells, cells, cells).map(list), min_size=1, max_size=4),
       far=st.one_of(st.none(), st.tuples(st.integers(1, 1_048_576), st.integers(1, 16_384))),
       merge=st.booleans(), csv_format=st.booleans(),
       damage=st.one_of(st.none(), st.tuples(st.integers(0, 20), st.integers(0, 3000))))
def test_archive_import_survives_any_sheet(rows, far, merge, csv_format, damage):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        docs = root / "docs"
        docs.mkdir()
        (docs / "a.txt").write_text(DRAFT, encoding="utf-8")
        (docs / "b.docx").write_bytes(_docx_bytes([("ins", DRAFT)]))
        (root / "secret.txt").write_text("机密 hunter2", encoding="utf-8")
        db = root / "reviewer.db"
        new_archive(db).close()
        sheet = _sheet(rows, far, merge, csv_format, root)
        if damage and not csv_format:  # one member of the package cut short: broken XML in a valid zip
            sheet.write_bytes(_mutate_zip(sheet.read_bytes(), *damage))
        before = tree(root)
        result = run("archive", "--db", str(db), "import", str(sheet), str(docs))
        assert_clean(result)
        assert {p for p in tree(root) - before if not p.startswith("reviewer.db")} == set()
        assert integrity_ok(db)
        texts = [r[0] for r in sqlite3.connect(db).execute("SELECT text FROM versions")]
        assert not any("hunter2" in t for t in texts)
        reconciled = run("archive", "--db", str(db), "reconcile", str(sheet), "--issuer", "某局")
        assert_clean(reconciled)
        assert integrity_ok(db)


# --------------------------------------------------------------------------- archive commands and exports


PLACEHOLDERS = {"{draft}", "{db}", "{out}.xlsx", "{out}.csv", "{out}.json", "{out}.txt", "{out}.db"}
commands = st.one_of(
    st.tuples(st.just("submit"), st.tuples(st.just("{draft}"), st.just("--title"), hostile_text,
                                           st.just("--issuer"), hostile_text, st.just("--publish-date"), option_values)),
    st.tuples(st.sampled_from(["show", "register", "text", "log"]), st.tuples(option_values)),
    st.tuples(st.just("review"), st.tuples(option_values, st.just("-d"), st.sampled_from(["通过", "需纠正", "x"]),
                                           st.just("--accept"), option_values, st.just("--dismiss"),
                                           option_values.map(lambda v: f"{v}=理由"))),
    st.tuples(st.just("publish"), st.tuples(option_values, st.just("--date"), option_values, st.just("--channel"),
                                            hostile_text)),
    st.tuples(st.just("list"), st.tuples(st.just("--limit"), option_values)),
    st.tuples(st.just("search"), st.tuples(hostile_text, st.just("--year"), option_values)),
    st.tuples(st.just("suggestion"), st.tuples(st.just("add"), option_values, st.just("--who"), hostile_text,
                                               st.just("--channel"), hostile_text, st.just("--text"), hostile_text)),
    st.tuples(st.just("export"), st.tuples(st.sampled_from(["{out}.xlsx", "{out}.csv", "{out}.json", "{out}.txt",
                                                            "{db}", "{draft}"]))),
    st.tuples(st.just("backup"), st.tuples(st.sampled_from(["{out}.db", "{db}", "{draft}"]))),
)


@FUZZ
@given(steps=st.lists(commands, min_size=1, max_size=4))
def test_archive_commands_and_exports_survive_any_values(steps):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        draft = root / "draft.txt"
        draft.write_text(DRAFT, encoding="utf-8")
        db = root / "reviewer.db"
        with new_archive(db) as archive:
            archive.submit(str(draft))
        for n, (command, raw) in enumerate(steps):
            out = root / f"out{n}"
            args = [a.format(draft=draft, db=db, out=out) if a in PLACEHOLDERS else a for a in raw]
            before = tree(root)
            result = run("archive", "--db", str(db), *([command] if command != "suggestion" else ["suggestion"]), *args)
            assert_clean(result)
            created = {p for p in tree(root) - before if not p.startswith("reviewer.db")}
            assert created <= {Path(a).name for a in args if isinstance(a, str) and a.startswith(str(out))}
            assert draft.read_text(encoding="utf-8") == DRAFT
            assert integrity_ok(db)
            for made in created:
                if made.endswith(".xlsx"):
                    with zipfile.ZipFile(root / made) as zf:
                        assert not any(b"<f>" in zf.read(i) for i in zf.namelist() if i.startswith("xl/worksheets/"))


