"""The article-by-article comparison of two versions (reviewer.version_diff), on texts written
for these tests."""

from __future__ import annotations

from reviewer.version_diff import (
    ADDED,
    AMOUNT,
    CHANGED,
    CHAR_LIMIT,
    DEADLINE,
    DELETE,
    EQUAL,
    INSERT,
    MODAL,
    REMOVED,
    compare,
)
from reviewer.version_diff import amount_terms, deadline_terms, modal_terms, units

FIRST = """某县农贸市场摊位管理办法

第一条 为了规范农贸市场摊位的使用，方便群众购买，制定本办法。
第二条 摊位使用人应当在签订协议之日起十日内亮照经营。
摊位使用人不得转租摊位。
第三条 市场开办者可以收取摊位租金，标准为每月300元。
第四条 有下列情形之一的，市场开办者可以收回摊位：
（一）连续三个月未经营的；
（二）擅自改变经营品种的。
第五条 本办法自2026年3月1日起施行，有效期三年。
"""


def _second(first: str = FIRST) -> str:
    return (first
            .replace("应当在签订协议之日起十日内", "须在签订协议之日起15个工作日内")
            .replace("标准为每月300元", "标准为每月三百元")
            .replace("第四条 有下列情形", "第四条 摊位使用人享有公平使用公共设施的权利。\n第五条 有下列情形")
            .replace("第五条 本办法", "第六条 本办法"))


def test_units_are_articles_with_their_paragraphs_and_items():
    found = units(FIRST)
    assert [u.label for u in found] == ["标题", "第一条", "第二条", "第三条", "第四条", "第五条"]
    second = found[2]
    assert second.body.startswith("摊位使用人应当") and "不得转租" in second.body
    assert "（二）擅自改变经营品种的。" in found[4].body  # the items belong to their article


def test_an_inserted_article_is_added_and_later_ones_only_renumbered():
    diff = compare(FIRST, _second())
    assert [(c.status, c.label) for c in diff.changes] == [(CHANGED, "第二条"), (CHANGED, "第三条"), (ADDED, "第四条")]
    # 第三条 now writes 300元 as 三百元: its words changed, its sum did not, so no flag.
    assert diff.changes[1].flags == ()
    # The old 第四条 and 第五条 are the same text under new numbers.
    assert diff.unchanged == 4 and diff.renumbered == 2
    assert "（其中 2 处仅序号变化）" in diff.summary()


def test_a_changed_article_shows_its_edits_and_flags_modal_words_and_deadlines():
    change = compare(FIRST, _second()).changes[0]
    deleted = "".join(s.text for s in change.old if s.op == DELETE)
    inserted = "".join(s.text for s in change.new if s.op == INSERT)
    assert "应当" in deleted and "十" in deleted
    assert "须" in inserted and "15个工作" in inserted
    # Both sides read back to the two full texts.
    assert "".join(s.text for s in change.old) == "摊位使用人应当在签订协议之日起十日内亮照经营。\n摊位使用人不得转租摊位。"
    assert {s.op for s in change.old} <= {EQUAL, DELETE} and {s.op for s in change.new} <= {EQUAL, INSERT}
    # Runs alternate: never two of the same kind in a row.
    assert all(a.op != b.op for side in (change.old, change.new) for a, b in zip(side, side[1:]))
    flags = {f.kind: f for f in change.flags}
    assert set(flags) == {MODAL, DEADLINE}
    assert flags[MODAL].before == ("应当",) and flags[MODAL].after == ("须",)
    assert flags[DEADLINE].describe() == "期限：“十日” → “15个工作日”"


def test_the_same_sum_written_differently_is_not_an_amount_change():
    edited = FIRST.replace("每月300元", "每月三百元")
    (change,) = compare(FIRST, edited).changes
    assert change.status == CHANGED and change.flags == ()


def test_a_changed_sum_and_percentage_are_flagged():
    edited = FIRST.replace("每月300元", "每月500元，逾期按日加收百分之五")
    (change,) = compare(FIRST, edited).changes
    (flag,) = change.flags
    assert flag.kind == AMOUNT and flag.before == ("300元",) and flag.after == ("500元", "百分之五")


def test_a_removed_article_is_listed_with_what_it_took_away():
    shorter = FIRST.replace("第三条 市场开办者可以收取摊位租金，标准为每月300元。\n", "")
    diff = compare(FIRST, shorter)
    removed = [c for c in diff.changes if c.status == REMOVED]
    assert [c.label for c in removed] == ["第三条"]
    kinds = {f.kind: f for f in removed[0].flags}
    assert kinds[MODAL].before == ("可以",) and kinds[AMOUNT].before == ("300元",)
    assert removed[0].new == () and removed[0].old[0].op == DELETE


def test_identical_versions_have_no_changes():
    diff = compare(FIRST, FIRST)
    assert diff.changes == () and diff.unchanged == 6
    assert diff.summary().startswith("修改 0 处，新增 0 处，删除 0 处")


def test_notice_points_are_compared_point_by_point():
    old = "关于做好秸秆禁烧工作的通知\n\n一、工作要求\n各镇应当在每月5日前报送巡查记录。\n二、保障措施\n加强宣传。\n"
    new = old.replace("应当在每月5日前", "必须在每月10日前").replace("加强宣传。", "加强宣传，严禁露天焚烧。")
    diff = compare(old, new)
    assert [c.label for c in diff.changes] == ["一、", "二、"]
    first, second = diff.changes
    assert {f.kind: (f.before, f.after) for f in first.flags}[MODAL] == (("应当",), ("必须",))
    assert second.flags[0].after == ("严禁",)


def test_terms_leave_dates_ordinals_and_nouns_alone():
    text = "自2026年3月1日起施行，二〇二六年四月一日起，第三十日，须知，两年内，次月1日，五万元"
    assert [t for t, _ in deadline_terms(text)] == ["两年"]
    assert modal_terms(text) == []
    assert [value for _, value in amount_terms(text)] == [("元", 50000.0)]
    # 必须 is one word, not 必 + 须; 无须 (need not) is its own term.
    assert [t for t, _ in modal_terms("必须登记，无须备案，不得拒绝")] == ["必须", "无须", "不得"]
    assert [value for _, value in deadline_terms("三十日内，30日内，15个工作日，三个月")] == [
        (30, "日"), (30, "日"), (15, "个工作日"), (3, "个月")]


def test_a_long_unit_is_compared_sentence_by_sentence_and_keeps_every_character():
    sentences = [f"第{n}项工作由各乡镇按月报送台账，并做好第{n}批次的复核。" for n in range(1, 400)]
    old = "关于做好台账报送工作的通知\n\n一、" + "".join(sentences) + "\n"
    edited = list(sentences)
    edited[200] = "第201项工作由各乡镇按季度报送台账，逾期的应当在五日内补报。"
    new = old.replace(sentences[200], edited[200])
    assert len(old) > CHAR_LIMIT
    (change,) = compare(old, new).changes
    assert "".join(s.text for s in change.old) == units(old)[1].body
    assert "".join(s.text for s in change.new) == units(new)[1].body
    inserted = "".join(s.text for s in change.new if s.op == INSERT)
    deleted = "".join(s.text for s in change.old if s.op == DELETE)
    # Only the changed sentence differs, compared character by character inside it.
    assert 0 < len(inserted) < 40 and 0 < len(deleted) < 40 and "季度" in inserted
    assert {f.kind for f in change.flags} == {MODAL, DEADLINE}
