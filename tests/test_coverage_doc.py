"""docs/coverage.md maps the authoritative checklists to rule codes; this keeps it in step with the packs.

A renamed or removed rule, a new rule nobody mapped, or an example that no longer belongs to the
rule it stands for makes these tests fail, naming the code or the row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pytest
import yaml

from reviewer.rules.loader import default_rules_dir, load_rules

DOC = Path(__file__).resolve().parents[1] / "docs" / "coverage.md"
RULES_DIR = default_rules_dir()

HEADER = ("条款 / 禁止事项", "规则", "示例", "说明")
# The eight checklists of the coverage page: the heading starts with the label and names the source.
CHECKLISTS = (
    ("清单一", "行政许可法"),
    ("清单二", "行政处罚法"),
    ("清单三", "行政强制法"),
    ("清单四", "国办发〔2018〕37号"),
    ("清单五", "公平竞争审查条例"),
    ("清单六", "政务处分法"),
    ("清单七", "证明事项"),
    ("清单八", "HELD-OUT"),
)
CODE_RE = re.compile(r"`([A-Z][A-Z_]*[0-9]{3})`")
EMPTY = {"", "—", "-", "–"}


@dataclass(frozen=True)
class Row:
    section: str  # the "## " heading the table sits under
    line: int  # 1-based line number in docs/coverage.md
    cells: tuple[str, ...]

    @property
    def provision(self) -> str:
        return self.cells[0]

    @property
    def codes(self) -> list[str]:
        return CODE_RE.findall(self.cells[1])

    @property
    def example(self) -> str:
        return self.cells[2].replace("**", "").strip()

    def where(self) -> str:
        return f"第{self.line}行（{self.section}｜{self.provision}）"


def _cells(line: str) -> tuple[str, ...]:
    return tuple(c.strip() for c in line.strip().strip("|").split("|"))


@lru_cache(maxsize=1)
def _parse() -> tuple[dict[str, list[Row]], list[str]]:
    """Table rows per "## " section, and problems with the tables' shape."""
    sections: dict[str, list[Row]] = {}
    problems: list[str] = []
    section = ""
    lines = DOC.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("## "):
            section = line[3:].strip()
            sections.setdefault(section, [])
        if not line.lstrip().startswith("|"):
            i += 1
            continue
        block_start = i
        block = []
        while i < len(lines) and lines[i].lstrip().startswith("|"):
            block.append(lines[i])
            i += 1
        header = _cells(block[0])
        if header != HEADER:
            problems.append(f"第{block_start + 1}行：表头应为 {' | '.join(HEADER)}，实为 {' | '.join(header)}")
            continue
        if len(block) < 2 or not set(block[1].replace("|", "").strip()) <= set("-: "):
            problems.append(f"第{block_start + 2}行：表头下缺少分隔行 |---|")
            continue
        for offset, raw in enumerate(block[2:], start=block_start + 3):
            cells = _cells(raw)
            if len(cells) != len(HEADER):
                problems.append(f"第{offset}行：应有 {len(HEADER)} 列，实有 {len(cells)} 列（单元格内不要写“|”）")
                continue
            sections.setdefault(section, []).append(Row(section, offset, cells))
    return sections, problems


def _rows() -> list[Row]:
    return [row for rows in _parse()[0].values() for row in rows]


@lru_cache(maxsize=1)
def _rules() -> dict:
    return {rule.code: rule for rule in load_rules(RULES_DIR)}


def _retired() -> set[str]:
    data = yaml.safe_load((RULES_DIR / "retired.yaml").read_text(encoding="utf-8")) or {}
    return {str(c) for c in data.get("retired") or []}


def test_coverage_page_exists_and_tables_are_well_formed():
    assert DOC.is_file(), "缺少 docs/coverage.md"
    _, problems = _parse()
    assert not problems, "docs/coverage.md 的表格格式有误：\n" + "\n".join(problems)
    assert _rows(), "docs/coverage.md 中没有任何表格行"


def test_every_code_in_the_page_exists_in_the_packs():
    known, retired = _rules(), _retired()
    text = DOC.read_text(encoding="utf-8")
    missing = []
    for number, line in enumerate(text.splitlines(), start=1):
        for code in CODE_RE.findall(line):
            if code in known:
                continue
            why = "该编号已停用（rules/retired.yaml）" if code in retired else "规则包中没有这条规则（改名或删除了？）"
            missing.append(f"第{number}行：{code} —— {why}")
    assert not missing, "docs/coverage.md 引用了不存在的规则编号：\n" + "\n".join(missing)


def test_every_rule_in_the_packs_is_mapped():
    mapped = {code for row in _rows() for code in row.codes}
    unmapped = sorted(set(_rules()) - mapped)
    assert not unmapped, (
        "以下规则没有在 docs/coverage.md 的任何表格“规则”列中出现，请把它对应到清单条款："
        + "、".join(unmapped)
    )


def test_rule_cells_hold_only_backticked_codes():
    bad = []
    for row in _rows():
        cell = row.cells[1]
        if cell in EMPTY:
            continue
        rest = CODE_RE.sub("", cell).replace(",", "").replace("，", "").replace("、", "").strip()
        if rest or not row.codes:
            bad.append(f"{row.where()}：“规则”列应是用反引号写的编号、以逗号分隔，或写“—”，实为 {cell}")
    assert not bad, "\n".join(bad)


def _flag_texts(code: str) -> list[str]:
    texts = []
    for example in _rules()[code].flag_examples:
        texts.append(example.text)
        texts.append(example.text.replace("\n", " ⏎ "))  # multi-line examples as docs/rules.md shows them
    return texts


def test_every_example_is_a_flag_example_of_a_rule_in_its_row():
    known = _rules()
    bad = []
    for row in _rows():
        codes = [c for c in row.codes if c in known]
        if not row.codes:
            if row.example not in EMPTY:
                bad.append(f"{row.where()}：没有对应规则，“示例”列应写“—”，实为 {row.example}")
            continue
        if row.example in EMPTY:
            bad.append(f"{row.where()}：有规则 {'、'.join(row.codes)}，但“示例”列为空")
            continue
        if not any(row.example in text for code in codes for text in _flag_texts(code)):
            bad.append(
                f"{row.where()}：示例“{row.example}”不是 {'、'.join(row.codes)} 任何一条“应报告”示例的一部分"
                "（请从 docs/rules.md 复制）"
            )
    assert not bad, "docs/coverage.md 的示例与规则包不一致：\n" + "\n".join(bad)


@pytest.mark.parametrize(("label", "source"), CHECKLISTS, ids=[label for label, _ in CHECKLISTS])
def test_each_checklist_has_a_heading_and_rows(label, source):
    sections, _ = _parse()
    headings = [h for h in sections if h.startswith(label)]
    assert headings, f"docs/coverage.md 缺少“{label}”（{source}）的二级标题"
    assert len(headings) == 1, f"“{label}”的标题出现了 {len(headings)} 次：{headings}"
    heading = headings[0]
    assert source in heading, f"“{label}”的标题应写明 {source}，实为 {heading}"
    assert sections[heading], f"“{heading}”下没有任何表格行"


def test_every_row_explains_its_coverage():
    bad = [f"{row.where()}：“说明”列为空" for row in _rows() if row.cells[3] in EMPTY]
    bad += [f"{row.where()}：“条款 / 禁止事项”列为空" for row in _rows() if row.provision in EMPTY]
    assert not bad, "\n".join(bad)
