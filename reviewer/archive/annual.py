"""年度备案审查工作报告（草稿）: the year's figures written out as a 公文-format report (the same
frame as the office's letters, reviewer/report/gongwen.py), with the sections only staff can write
marked 【待填写】. Every figure comes from one ``Indicators`` (archive/indicators.py)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from reviewer.archive.indicators import DEFINITIONS, Group, Indicators
from reviewer.model import FAMILIES
from reviewer.report import gongwen
from reviewer.report.gongwen import Block

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

TO_FILL = "【待填写】"


def _rate(value: float | None) -> str:
    return "无法计算" if value is None else f"{value:.1%}"


def title(office: str, year: str) -> str:
    return f"{office}关于{year}年度规范性文件备案审查工作情况的报告（草稿）"


def _basics(o: Group, bodies: int, year: str) -> list[Block]:
    d = o.to_dict()
    outcomes = o.outcomes
    text = (f"{year}年，本机关共收到{bodies}个制定机关报备的规范性文件{o.filed}件。已作出审查结论{o.decided}件，"
            f"目前审查结论为通过{outcomes.get('通过', 0)}件、需纠正{outcomes.get('需纠正', 0)}件、"
            f"不予备案{outcomes.get('不予备案', 0)}件，尚待审查{outcomes.get('待审查', 0)}件。")
    blocks = [Block(text)]
    if o.listed:
        blocks.append(Block(f"对照已载入的制定机关发文目录，应报备{o.listed}件，已报备{o.listed_filed}件，"
                            f"报备率{_rate(o.filing_rate)}。"))
    else:
        blocks.append(Block(f"本年度未载入制定机关发文目录，报备率无法计算。{TO_FILL}（如掌握漏报情况，请在此说明）"))
    review = (f"平均审查用时{d['review_mean']:g}天，最长{d['review_max']}天。" if d["review_mean"] is not None else "")
    blocks.append(Block(f"报备及时率{_rate(o.on_time_rate)}（{o.on_time}/{o.dated}件），"
                        f"报备材料规范率{_rate(o.standard_rate)}（{o.complete}/{o.filed}件），"
                        f"纠错率{_rate(o.correction_rate)}（{o.corrected}/{o.decided}件）。{review}"))
    return blocks


def _findings(result: Indicators) -> list[Block]:
    found = sum(n for _, n, _ in result.families)
    accepted = sum(a for _, _, a in result.families)
    if not found:
        return [Block(f"自动审查未在报备文件中发现问题。{TO_FILL}（审查人员发现的其他问题）")]
    parts = "、".join(f"{FAMILIES.get(f, f)}方面{a}个" for f, _, a in result.families if a)
    return [Block(f"自动审查在报备文件原文中提示问题{found}个，经审查人员认定成立{accepted}个"
                  + (f"，其中{parts}。" if parts else "。")),
            Block(f"{TO_FILL}（典型问题举例及处理情况）")]


def _bodies(result: Indicators) -> list[Block]:
    blocks = []
    for g in result.groups:
        listed = f"报备率{_rate(g.filing_rate)}，" if g.listed else "未载入发文目录，"
        blocks.append(Block(f"报备{g.filed}件，{listed}及时率{_rate(g.on_time_rate)}，规范率{_rate(g.standard_rate)}，"
                            f"纠错率{_rate(g.correction_rate)}。", lead=f"{g.issuer}："))
    return blocks or [Block("本年度没有报备文件。")]


def letter(result: Indicators, office: str, year: str, today: dt.date) -> gongwen.Letter:
    """The report for ``year`` (``result`` must be the year's figures grouped by year)."""
    bodies = len({g.issuer for g in result.groups if g.filed})
    body: list[Block] = [Block(f"根据规范性文件备案审查工作的有关规定，现将本机关{year}年度规范性文件备案审查工作情况报告如下。"),
                         Block("一、基本情况", "heading"), *_basics(result.overall, bodies, year),
                         Block("二、审查发现的主要问题", "heading"), *_findings(result),
                         Block("三、纠错情况", "heading"),
                         Block(f"审查中认定需纠正或不予备案的文件{result.overall.corrected}件。{TO_FILL}"
                               "（制定机关自行纠正、修改或废止的情况）"),
                         Block("四、各制定机关报备情况", "heading"), *_bodies(result),
                         Block("五、存在的问题和不足", "heading"), Block(TO_FILL),
                         Block("六、下一步工作打算", "heading"), Block(TO_FILL),
                         Block("附：统计口径说明", "heading"),
                         *(Block(text, lead=f"{name}：") for name, text in DEFINITIONS),
                         *(Block(gap, lead="缺少的数据：") for gap in result.gaps)]
    return gongwen.Letter(office=office, number="", title=title(office, year), addressee=f"{TO_FILL}（主送机关）",
                          body=tuple(body), date=today)


def build(result: Indicators, office: str, year: str, today: dt.date) -> DocxDocument:
    return gongwen.build([letter(result, office, year, today)])
