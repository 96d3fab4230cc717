"""The rule reference (docs/rules.md), generated from the packs so it cannot drift from them."""

from __future__ import annotations

from itertools import groupby

from reviewer.model import FAMILIES
from reviewer.rules.loader import RuleSet
from reviewer.rules.schema import Example, Rule

HEADER = (
    "# 审查规则一览\n\n"
    "本文件由 `reviewer rules docs -o docs/rules.md` 根据 `rules/` 中的规则包生成，请勿手工修改；"
    "测试会在规则变化而本文件未重新生成时失败。\n"
)


def _marked(ex: Example) -> str:
    if ex.span is None:
        return ex.text
    a, b = ex.span
    return f"{ex.text[:a]}**{ex.text[a:b]}**{ex.text[b:]}"


def _one_line(text: str) -> str:
    return text.replace("\n", " ⏎ ")


def _rule(rule: Rule) -> list[str]:
    lines = [
        f"### {rule.code} {rule.title}",
        "",
        f"- 名称：`{rule.name}`；级别：{rule.severity.label}（{rule.severity.value}）；"
        f"适用层级：{'、'.join(rule.levels)}",
        "- 依据：" + "；".join(str(b) for b in rule.basis),
        f"- 说明：{rule.message}",
        f"- 建议：{rule.suggestion}",
    ]
    if rule.measures:
        kinds = "、".join(f"{m.title}（`{m.name}`）" for m in rule.measures)
        lines.append(f"- 措施种类：{kinds}")
    if rule.kind == "model":
        lines.append(f"- 统计第二意见：模型评分不低于 {rule.threshold:g}、本族为最接近的一族（或占家族模型概率四分之一以上且句中有设定用语）、且该句没有同族规则报告时给出"
                     "（见 docs/engine.md 第 7 节）")
    if rule.imposed:
        lines.append("- 计入的设定方式：" + "、".join(f"`{i}`" for i in rule.imposed))
    if rule.guards:
        lines.append("- 语境豁免：" + "、".join(f"`{g}`" for g in rule.guards))
    lines.append("- 应报告：")
    lines += [f"  - {_one_line(_marked(ex))}" for ex in rule.flag_examples]
    lines.append("- 不应报告：")
    lines += [f"  - {_one_line(ex.text)} —— {ex.why}" for ex in rule.pass_examples]
    return lines + [""]


def _steps() -> str:
    """The named steps every sentence rule passes (engine and shared analysis), in order."""
    from reviewer.rules.analysis import STEPS

    lines = ["## 每条规则都经过的步骤", "",
             "句子规则（regex、phrases、measure）找到措施词后，依次经过以下具名步骤（`reviewer explain` 逐句显示；"
             "详见 docs/engine.md）：", ""]
    lines += [f"{i}. `{name}`：{text}" for i, (name, text) in enumerate(STEPS, 1)]
    return "\n".join(lines) + "\n"


def render_markdown(rules: RuleSet) -> str:
    """The whole reference, grouped by family in the order of ``reviewer.model.FAMILIES``."""
    order = list(FAMILIES)
    ordered = sorted(rules, key=lambda r: (order.index(r.family), r.code))
    out = [HEADER, _steps()]
    for family, members in groupby(ordered, key=lambda r: r.family):
        group = list(members)
        out.append(f"## {FAMILIES[family]}（{family}，{len(group)} 条）\n")
        for rule in group:
            out.extend(_rule(rule))
    return "\n".join(out).rstrip() + "\n"
