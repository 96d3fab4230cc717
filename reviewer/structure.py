"""Split a document into clauses with the locator a lawyer would cite.

Two styles, which may mix in one file:

* legal style — 第X章 / 第X节 / 第X条, unnumbered 款 inside an article, 项 （一）, 目 1.;
  locators such as 第十二条第二款第（三）项;
* notice style — 一、 / （一） / 1. / （1）; locators such as 二、（一）3.（2）.

The parser works line by line with a few anchored regexes, in two passes: the first
classifies lines and counts each article's 款 (lawyers omit 第一款 when an article has only
one), the second writes the locators.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from reviewer import docnumbers
from reviewer.model import Clause
from reviewer.numerals import int_to_cn, numeral_or_none
from reviewer.regexes import compile_re

_NUM = "零〇一二三四五六七八九十百千两0-9０-９"
_CN = "一二三四五六七八九十百"
_DIG = "0-9０-９"

# One anchored regex per line: optional markdown lead, then the structural marker.
_MARKER_RE = compile_re(
    rf"(?:#{{1,6}}[ \t\u3000]*)?(?:\*\*)?[ \t\u3000]*(?:"
    rf"第(?P<chap>[{_NUM}]+)(?P<chapword>章|部分)"
    rf"|第(?P<sec>[{_NUM}]+)节"
    # 第X条 at line start, but not a reference like 第十二条规定的 / 第三条至第五条.
    rf"|第(?P<art>[{_NUM}]+)条(?P<artx>之[一二三四五六七八九十]+)?(?!第|规定|所|的|款|中|至|、|和|及|或)"
    rf"|(?P<l1>[{_CN}]+)[、.．](?![{_DIG}])(?![{_CN}]{{1,3}}[、级类等和])"
    rf"|[（(](?P<l2>[{_CN}]+)[）)]"
    rf"|(?P<l3>[{_DIG}]{{1,3}})(?:[.．](?![{_DIG}])|、)"
    rf"|[（(](?P<l4>[{_DIG}]{{1,3}})[）)]"
    rf")"
)
_ANNEX_RE = compile_re(rf"(?:#{{1,6}}\s*)?附\s*件\s*[{_NUM}]*\s*(?:[:：]|$)")
_CLOSING_RE = compile_re(
    r"(?:抄送|抄报|主送)[:：]|[（(]此件[^）)]*[）)]\s*$|.{0,40}\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*印发\s*$"
)
_DATE_BODY = (
    rf"(?:[{_DIG}]{{4}}\s*年\s*[{_DIG}]{{1,2}}\s*月\s*[{_DIG}]{{1,2}}\s*日"
    r"|[〇零○一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日"
    rf"|[{_DIG}]{{4}}[-./][{_DIG}]{{1,2}}[-./][{_DIG}]{{1,2}})"
)
_DATE_LINE_RE = compile_re(rf"\s*{_DATE_BODY}\s*[。.]?\s*")
_ORG_SUFFIX = r"(?:政府|办公室|办公厅|委员会|局|厅|委|办|部|署|院|中心|所|会|处|队|站|公司|组|议|党委|党组)"
ORG_SUFFIX_RE = compile_re(_ORG_SUFFIX + r"$")
_ISSUER_DATE_RE = compile_re(rf"\s*[^\s。，；：:;,]{{2,40}}?{_ORG_SUFFIX}[\s\u3000]+{_DATE_BODY}\s*[。.]?\s*")
_SENTENCE_PUNCT_RE = compile_re(r"[。；;！!？?：:，,]")
_DOCTYPE_END_RE = compile_re(
    r"(?:通知|办法|规定|意见|决定|通告|公告|方案|细则|要点|规则|批复|函|条例|规划|纲要|制度|标准|清单|目录|措施|指引|决议|命令|[)）])$"
)
_TITLE_NOTE_RE = compile_re(r"[（(](?:试行|暂行|草案|征求意见稿|送审稿|修订|修正|[0-9０-９]{4}年修[订正])[^）)]*[）)]")
_FULL_DATE_RE = compile_re(rf"[{_DIG}〇零○一二三四五六七八九]{{4}}\s*年\s*[{_DIG}一二三四五六七八九十]{{1,3}}\s*月\s*[{_DIG}一二三四五六七八九十]{{1,3}}\s*日|[{_DIG}]{{4}}-[{_DIG}]{{1,2}}-[{_DIG}]{{1,2}}")
_DOCNUM_LINE_RE = compile_re(rf"[^\s《》]{{1,12}}{docnumbers.YEAR}{docnumbers.SERIAL}")
_MD_META_RE = compile_re(r"#+\s*[A-Za-z][\w-]*\s*:")
_CJK_RE = compile_re(r"[\u4e00-\u9fff]")
_MD_STRIP = "#*>  \t\u3000\xa0"

# Line roles found by the first pass.
_TEXT, _CHAPTER, _SECTION, _ARTICLE, _ANNEX, _SIGNATURE = "text", "chapter", "section", "article", "annex", "signature"
_L1, _L2, _L3, _L4 = "l1", "l2", "l3", "l4"


@dataclass(slots=True)
class _Line:
    """One non-blank line: its span, its role and the marker's number and whether text follows it."""

    start: int
    end: int
    role: str = _TEXT
    number: str = ""
    extra: str = ""
    bare: bool = False  # the marker stands alone on its line


@dataclass(slots=True)
class _Entry:
    """A clause before its locator is final (the article's 款 count is known only at the end)."""

    start: int
    end: int
    kind: str
    locator: str = ""
    article_idx: int | None = None
    paragraph: int = 0
    tail: str = ""  # 第（三）项第1目… after the article/款 part


@dataclass
class _State:
    """Where the second pass is in the document."""

    front: bool = True  # before the first structural line (or after a signature / annex)
    expect_title: bool = True
    title_open: bool = False  # the last line was a title that may continue
    chapter: str = ""
    section: str = ""
    article_idx: int | None = None
    paragraph: int = 0
    item: str = ""
    sub: str = ""
    sub_role: str = ""
    sub2: str = ""
    points: list[str] = field(default_factory=lambda: ["", "", "", ""])
    merge_next: str = ""  # "article" or "heading" when a bare marker waits for its text


def line_starts(text: str) -> list[int]:
    """Offsets at which each line of ``text`` starts (lines are separated by "\\n")."""
    starts = [0]
    find = text.find
    pos = find("\n")
    while pos != -1:
        starts.append(pos + 1)
        pos = find("\n", pos + 1)
    return starts


def line_col(starts: list[int], offset: int) -> tuple[int, int]:
    """1-based (line, column) of ``offset``, columns counted in characters."""
    line = bisect_right(starts, offset)
    return line, offset - starts[line - 1] + 1


def locate(clauses: tuple[Clause, ...] | list[Clause], offset: int) -> Clause | None:
    """The clause whose span contains ``offset``, or None (e.g. in blank space between clauses)."""
    idx = locate_index(clauses, offset)
    return clauses[idx] if idx is not None else None


def locate_index(clauses: tuple[Clause, ...] | list[Clause], offset: int) -> int | None:
    """The index of the clause whose span contains ``offset``, or None."""
    idx = bisect_right(clauses, offset, key=lambda c: c.start) - 1
    if idx >= 0 and clauses[idx].start <= offset < clauses[idx].end:
        return idx
    return None


def parse_clauses(text: str) -> tuple[Clause, ...]:
    """Split ``text`` into clauses, one per non-blank line (a bare 第X条 line joins its text).

    Offsets slice ``text`` exactly; leading and trailing whitespace of a line is left out.
    """
    lines = _split_lines(text)
    _mark_signatures(text, lines)
    entries, article_bases = _assign(text, lines)
    return _finish(entries, article_bases)


def _split_lines(text: str) -> list[_Line]:
    """Non-blank lines with whitespace trimmed, each classified by its leading marker."""
    out: list[_Line] = []
    pos = 0
    match_marker = _MARKER_RE.match
    for raw in text.split("\n"):
        length = len(raw)
        body = raw.strip()
        if body:
            start = pos + raw.find(body[0])
            end = start + len(body)
            line = _Line(start, end)
            marker = match_marker(text, start, end)
            if marker is not None:
                _classify(line, marker, end)
            elif _ANNEX_RE.match(text, start, end):
                line.role = _ANNEX
            out.append(line)
        pos += length + 1
    return out


def _classify(line: _Line, marker: re.Match[str], end: int) -> None:
    """Record the role and number of a line that starts with a structural marker."""
    groups = marker.groupdict()
    for role, key in ((_CHAPTER, "chap"), (_SECTION, "sec"), (_ARTICLE, "art"),
                      (_L1, "l1"), (_L2, "l2"), (_L3, "l3"), (_L4, "l4")):
        if groups[key] is not None:
            line.role = role
            line.number = groups[key]
            break
    if line.role == _CHAPTER:
        line.extra = groups["chapword"]
    elif line.role == _ARTICLE:
        line.extra = groups["artx"] or ""
    rest = marker.string[marker.end():end].strip(" \t\u3000\xa0*")
    line.bare = not rest


def _mark_signatures(text: str, lines: list[_Line]) -> None:
    """Mark signature blocks: a date line and the issuer lines just above it, and closing lines."""
    for i, line in enumerate(lines):
        if line.end - line.start > 60:
            continue
        if _CLOSING_RE.match(text, line.start, line.end):
            line.role = _SIGNATURE
            continue
        if line.role != _TEXT:
            continue
        if _ISSUER_DATE_RE.fullmatch(text, line.start, line.end):
            line.role = _SIGNATURE
        elif _DATE_LINE_RE.fullmatch(text, line.start, line.end):
            line.role = _SIGNATURE
            _mark_issuer_lines(text, lines, i)


def _mark_issuer_lines(text: str, lines: list[_Line], date_idx: int) -> None:
    """Walk up from a date line over the issuer names (joint issuers, names split in two)."""
    j = date_idx - 1
    while j >= 0 and date_idx - j <= 4:
        line = lines[j]
        content = text[line.start:line.end]
        if line.role != _TEXT or len(content) > 40 or _SENTENCE_PUNCT_RE.search(content) or "《" in content:
            return
        if ORG_SUFFIX_RE.search(content):
            line.role = _SIGNATURE
            j -= 1
            continue
        # A long name wrapped onto two lines: the upper fragment has no suffix of its own.
        below = lines[j + 1]
        if below.role == _SIGNATURE and j + 1 != date_idx and not _DOCTYPE_END_RE.search(content):
            line.role = _SIGNATURE
        return


def _assign(text: str, lines: list[_Line]) -> tuple[list[_Entry], list[str]]:
    """Second pass: turn classified lines into entries, tracking the enclosing structure."""
    entries: list[_Entry] = []
    article_bases: list[str] = []
    st = _State()
    for line in lines:
        role = line.role
        if st.merge_next and role == _TEXT and entries and _can_merge(st.merge_next, text, line):
            entries[-1].end = line.end
            st.merge_next = ""
            continue
        st.merge_next = ""
        if role == _SIGNATURE:
            _reset(st)
            entries.append(_Entry(line.start, line.end, "signature"))
        elif role == _ANNEX:
            _reset(st)
            marker = _ANNEX_RE.match(text, line.start, line.end)
            label = re.sub(r"[\s:：#]", "", marker.group() if marker else "附件")
            entries.append(_Entry(line.start, line.end, "heading", label))
        elif role == _CHAPTER:
            entries.append(_chapter(st, line))
        elif role == _SECTION:
            entries.append(_section(st, line))
        elif role == _ARTICLE:
            entries.append(_article(st, line, article_bases))
        elif role in (_L1, _L2, _L3, _L4):
            entries.append(_item_or_point(st, line))
        else:
            entries.append(_text(st, text, line))
    return entries, article_bases


def _can_merge(waiting: str, text: str, line: _Line) -> bool:
    """A bare 第X条 takes the next line as its text; a bare 第X章 only a short title."""
    if waiting == "article":
        return True
    content = text[line.start:line.end]
    return len(content) <= 20 and not _SENTENCE_PUNCT_RE.search(content)


def _reset(st: _State) -> None:
    """After a signature or an annex heading, what follows is a new front matter."""
    st.front, st.expect_title, st.title_open = True, True, False
    st.chapter = st.section = ""
    st.article_idx = None
    st.points = ["", "", "", ""]
    st.item = st.sub = st.sub_role = st.sub2 = ""


def _cn(raw: str) -> str:
    """A marker number normalised to Chinese numerals (12 → 十二)."""
    value = numeral_or_none(raw)
    return int_to_cn(value) if value is not None else raw


def _arabic(raw: str) -> str:
    """A marker number normalised to ASCII digits (１２ → 12)."""
    value = numeral_or_none(raw)
    return str(value) if value is not None else raw


def _chapter(st: _State, line: _Line) -> _Entry:
    _reset_body(st)
    st.chapter = f"第{_cn(line.number)}{line.extra}"
    st.section = ""
    st.merge_next = "heading" if line.bare else ""
    return _Entry(line.start, line.end, "heading", st.chapter)


def _section(st: _State, line: _Line) -> _Entry:
    _reset_body(st)
    st.section = f"第{_cn(line.number)}节"
    st.merge_next = "heading" if line.bare else ""
    return _Entry(line.start, line.end, "heading", st.chapter + st.section)


def _reset_body(st: _State) -> None:
    """A heading closes the current article and notice points."""
    st.front = st.expect_title = st.title_open = False
    st.article_idx = None
    st.points = ["", "", "", ""]


def _article(st: _State, line: _Line, article_bases: list[str]) -> _Entry:
    st.front = st.expect_title = st.title_open = False
    st.points = ["", "", "", ""]
    article_bases.append(f"第{_cn(line.number)}条{line.extra}")
    st.article_idx = len(article_bases) - 1
    st.paragraph = 1
    st.item = st.sub = st.sub_role = st.sub2 = ""
    st.merge_next = "article" if line.bare else ""
    return _Entry(line.start, line.end, "article", article_idx=st.article_idx, paragraph=1)


def _item_or_point(st: _State, line: _Line) -> _Entry:
    """Inside an article a marker is a 项/目; elsewhere it is a notice point."""
    role = line.role
    if st.article_idx is not None:
        if role in (_L1, _L2):
            st.item, st.sub, st.sub_role, st.sub2 = f"第（{_cn(line.number)}）项", "", "", ""
            kind = "item"
        elif role == _L4 and st.sub_role == _L3:
            st.sub2 = f"（{_arabic(line.number)}）"
            kind = "subitem"
        else:
            st.sub, st.sub_role, st.sub2 = f"第{_arabic(line.number)}目", role, ""
            kind = "subitem"
        return _Entry(line.start, line.end, kind, article_idx=st.article_idx,
                      paragraph=st.paragraph, tail=st.item + st.sub + st.sub2)
    st.front = st.expect_title = st.title_open = False
    level = (_L1, _L2, _L3, _L4).index(role)
    if role == _L1:
        label = f"{_cn(line.number)}、"
    elif role == _L2:
        label = f"（{_cn(line.number)}）"
    elif role == _L3:
        label = f"{_arabic(line.number)}."
    else:
        label = f"（{_arabic(line.number)}）"
    st.points[level] = label
    for deeper in range(level + 1, 4):
        st.points[deeper] = ""
    return _Entry(line.start, line.end, "point", st.chapter + st.section + "".join(st.points))


def _text(st: _State, text: str, line: _Line) -> _Entry:
    """An unnumbered line: a new 款 in an article, text of a point, or front matter."""
    if st.article_idx is not None:
        st.paragraph += 1
        st.item = st.sub = st.sub_role = st.sub2 = ""
        return _Entry(line.start, line.end, "paragraph", article_idx=st.article_idx, paragraph=st.paragraph)
    if st.front:
        return _Entry(line.start, line.end, _front_kind(st, text[line.start:line.end]))
    return _Entry(line.start, line.end, "text", st.chapter + st.section + "".join(st.points))


def _front_kind(st: _State, content: str) -> str:
    """Title or preamble for a line before the body."""
    bare = content.strip(_MD_STRIP)
    if _MD_META_RE.match(content):
        return "preamble"  # "# source: …" style metadata comments
    if st.title_open and _TITLE_NOTE_RE.fullmatch(bare):
        return "title"
    # A title runs on over a second line only without a comma: "养犬管理\n养犬人未…的，处…" is a
    # short title followed by a body line, not a two-line title.
    continuing = st.title_open and not st.expect_title
    if (st.expect_title or st.title_open) and _is_title_like(bare) and not (continuing and "，" in bare):
        st.expect_title = False
        st.title_open = not _DOCTYPE_END_RE.search(bare)
        return "title"
    st.title_open = False
    if "。" in content or len(content) > 80 or content.endswith(("：", ":")):
        st.expect_title = False
    return "preamble"


def _is_title_like(content: str) -> bool:
    """Short, unpunctuated, with Chinese text and no full date: how titles look."""
    if not content or len(content) > 80 or not _CJK_RE.search(content):
        return False
    if _SENTENCE_PUNCT_RE.search(content.replace("，", "")) or content[-1] in "，、":
        return False
    if content.startswith(("【", "•", "<", "当前位置")) or ">" in content or "://" in content:
        return False
    if content.endswith("文件") or _FULL_DATE_RE.search(content) or _DOCNUM_LINE_RE.match(content):
        return False
    return True


def _finish(entries: list[_Entry], article_bases: list[str]) -> tuple[Clause, ...]:
    """Write the final locators now that every article's number of 款 is known."""
    paragraphs = [0] * len(article_bases)
    for entry in entries:
        if entry.article_idx is not None:
            paragraphs[entry.article_idx] = max(paragraphs[entry.article_idx], entry.paragraph)
    numbers = [_article_number(base) for base in article_bases]
    clauses: list[Clause] = []
    for entry in entries:
        idx = entry.article_idx
        if idx is None:
            clauses.append(Clause(entry.locator, entry.start, entry.end, entry.kind))
            continue
        locator = article_bases[idx]
        if paragraphs[idx] > 1:
            locator += f"第{int_to_cn(entry.paragraph)}款"
        clauses.append(Clause(locator + entry.tail, entry.start, entry.end, entry.kind, numbers[idx]))
    return tuple(clauses)


def _article_number(base: str) -> int | None:
    """The article number of a locator base such as 第十二条之一."""
    inner = base[1:base.index("条")]
    return numeral_or_none(inner)
