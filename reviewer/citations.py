"""Citations of higher law and of other documents, and the built-in catalogue of key laws.

Three jobs, used by the rule guards and by the citation checks:

* ``find_citations`` finds 《title》第X条 references, bare ``依照行政处罚法第三十条`` references and
  发文字号 references such as ``（龙政办发〔2017〕12号）``, with their offsets;
* ``LawCatalog`` resolves a cited title to a known law (exactly, or forgiving a one-character
  typo, but never across kinds of norm: a …条例 never resolves to a …法);
* ``cites_basis`` decides whether a sentence grounds what it says in a named, current higher law.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from pathlib import Path
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from reviewer import docnumbers
from reviewer.errors import ReviewerError
from reviewer.statuses import IN_FORCE, LAW_STATUSES, REPEALED
from reviewer.yamlio import load_yaml
from reviewer.regexes import compile_re

STATUSES = LAW_STATUSES
REQUIRED_FIELDS: tuple[str, ...] = ("title", "level", "status")

PRC = "中华人民共和国"
# The package's data folder (reviewer is installed as files, never run from a zip).
_DATA = Path(__file__).resolve().parent / "data"

# The last word of a norm's title says what kind of norm it is. Longest first, so that
# 实施条例 is read as 条例 and 法典 is not read as 法.
NORM_KINDS: tuple[str, ...] = ("法典", "条例", "规定", "办法", "细则", "决定", "解释", "规则", "法")

_CN_NUM = "〇零一二三四五六七八九十百千两0-9０-９"
# 第十二条 / 第十二条之一, then optional 第二款 and 第（三）项 / 第三项.
_ARTICLE = rf"第[{_CN_NUM}]+条(?:之[{_CN_NUM}]+)?"
_PARA = rf"第[{_CN_NUM}]+款"
_ITEM = rf"第[（(]?[{_CN_NUM}]+[）)]?项"
_ARTICLE_RE = compile_re(rf"(?P<art>{_ARTICLE})?(?P<para>{_PARA})?(?P<item>{_ITEM})?")
_ARTICLE_NO_RE = compile_re(rf"第([{_CN_NUM}]+)条")
# What may join two article references in a list: 第十二条、第十七条 / 第三条和第五条 / 至.
_JOINER_RE = compile_re(r"\s*(?:、|，|,|和|及|以及|或者|或|至|到)\s*")
# An edition note right after a title: 《…法》（2021年修订） or (2019年修正).
_EDITION_RE = compile_re(r"\s*[（(]\s*\d{4}\s*年[^）)]{0,8}[）)]")

# 发文字号: issuer code, bracketed year, serial number (brackets and digits: reviewer.docnumbers).
# The code is cut from running text afterwards (see _doc_code_offset), because Chinese has no
# spaces to end it.
_DOC_NUMBER_RE = compile_re(rf"(?P<code>[\u4e00-\u9fffA-Za-z]{{1,14}})\s*{docnumbers.YEAR}{docnumbers.SERIAL}")
# Running text before a 发文字号 that is not part of its issuer code: cut after the last
# of these words inside the matched code, then drop one leading particle.
_DOC_CUT_WORDS: tuple[str, ...] = (
    "根据", "依据", "依照", "按照", "参照", "遵照", "对照", "印发", "转发", "执行", "废止", "文件",
    # Single characters that never occur in an issuer code (关于, 制定了 …).
    "的", "了", "于", "在", "将", "把", "对", "为", "号",
)
_DOC_LEADING_PARTICLES = "见按和及与或即以"

_OPEN_PAREN_RE = compile_re(r"\s*[（(]\s*")
_TITLE_BRACKET_RE = compile_re("[《》]")
_BASIS_VERBS = r"(?:依照|依据|根据|按照|遵照|参照|依|按)"
# Bare citation after a basis verb: 依照行政处罚法第三十条. Only 法/条例/办法/细则 endings:
# "按照省政府规定" and "依照本办法" are everyday phrases, not citations.
_BARE_TITLE = r"(?P<title>(?:中华人民共和国)?[\u4e00-\u9fff]{1,30}?(?:法典|法|条例|实施细则|实施办法))"
# …or a verb of what the law is invoked for (依照道路运输条例取得经营许可; 依照治安管理处罚法处罚).
_BARE_FOLLOW = (r"(?=第|的|规定|有关|相关|和|及|、|或者|或|，|,|。|；|;|\s|$|取得|办理|申请|执行|实施|处理|处罚|予以|给予|作出|"
                r"进行|追究|设立|实行|承担|履行|核发|审批|查处|没收|责令)")
_BARE_LAW_RE = compile_re(rf"(?:依照|依据|根据|按照|遵照|按)\s*{_BARE_TITLE}{_BARE_FOLLOW}")
# …or opening a sentence with the article it cites (个人所得税法第四条规定，…): a law's title
# there is the sentence's subject, whatever the verb that follows.
_LEADING_LAW_RE = compile_re(
    r"(?:^|(?<=[。；;：:\n]))\s*(?:[（(]?[一二三四五六七八九十0-9０-９]{1,3}[）)、.．]\s*)?"
    r"(?P<title>(?:中华人民共和国)?[\u4e00-\u9fff]{2,16}?(?:法典|(?<!办)法|条例))(?=第[〇零一二三四五六七八九十百千0-9０-９]+条)")
# Words of the sentence around a title, which no law's title holds (为落实企业所得税法第…条).
# (本法, 该条例 … are refused for every bare title by _plausible_bare_title.)
_LEADING_NOT_TITLE_RE = compile_re(r"为|落实|贯彻|执行|按照|依照|依据|根据|关于|对于|的|是|在|由|按|即|"
                                   # a bare kind of document, no title (管理条例第十条所称…)
                                   r"^(?:管理|实施|暂行|试行)?(?:条例|法)$")
# A further bare title in a list: 依照治安管理处罚法和行政处罚法; 按照反不正当竞争法或者广告法.
_BARE_MORE_RE = compile_re(rf"\s*(?:、|和|及|以及|或者|或)\s*{_BARE_TITLE}{_BARE_FOLLOW}")
_INNER_VERB_RE = compile_re(r"(?:依照|依据|根据|按照|遵照)")
_BARE_TITLE_REJECT = compile_re(r"^(?:本|该|此|上述|前述|有关|相关|国家有关|其他|其它|法律|法规|各|上级)")
# Words no real title contains: deference in general, self-references, "according to need".
_BARE_TITLE_GENERIC = compile_re(r"(?:有关|相关|法律|法规|规章|政策|需要|本(?:办法|规定|细则|通知|意见|条例|决定))")
# Words ending in 法 that are not laws (方法, 立法 …); 立法法 still passes (ends in 法法).
_NOT_A_LAW_ENDINGS = frozenset(
    "方法 做法 看法 想法 手法 说法 用法 写法 立法 执法 司法 守法 违法 合法 依法 非法 算法 语法 疗法 技法 宪法".split()
)

# Generic appeals to law that name none: weak, but not nothing.
_GENERIC_RE = compile_re(
    r"依法(?!行政|治国|治省|治市|治区|治县|治理)"
    r"|依规"
    rf"|{_BASIS_VERBS}(?:国家|上级|省|市|县|区)?(?:的)?(?:有关|相关)?"
    r"(?:法律|法规|规章|规定|政策|程序)"
)
# A sentence that states a basis: 依照…, 根据…, "…的规定处罚/处理/执行".
_BASIS_PHRASE_RE = compile_re(rf"{_BASIS_VERBS}|的规定[予给]?以?(?:处罚|处理|执行|办理|实施)")
_SELF_REFERENCE_RE = compile_re(r"本(?:法|条例|规定|办法|细则|决定|通知|意见|方案|规则|实施细则|文件)")

_FULLWIDTH_PARENS = str.maketrans({"(": "（", ")": "）", "[": "［", "]": "］"})
_STRIP_CHARS_RE = compile_re(r"[《》〈〉<>\s\u3000\"“”'‘’]")
_TRAILING_EDITION_RE = compile_re(r"（\d{4}年[^）]{0,8}）$")
# A local norm's title names its place first (云岭县…办法, 清河区…规定): unless the catalogue holds
# norms of that place (a law base extended with local regulations), it is no misspelling of a title
# in it, and the fuzzy search (and rapidfuzz's import, on the drafter's check path) is skipped.
_LOCAL_TITLE_RE = compile_re(
    r"(?P<place>(?!中华人民共和国)(?:(?!特别行政|经济|保护|开发|加工|自贸)[\u4e00-\u9fff]){2,6}?(?:省|市|县|区|州|盟|旗))"
    r"[\u4e00-\u9fff]{4,}")


# --------------------------------------------------------------------------- catalogue


@dataclass(frozen=True)
class Law:
    """One law, in the one shape every part of the program uses.

    The built-in data (``reviewer/data/laws.yaml``, ``law_titles.csv``), an imported catalogue
    and the archive's ``laws`` table all produce this record; ``reviewer.laws.base`` merges them
    into the law base a review runs against. ``id`` and ``source`` are set for a law read from an
    archive. ``versions`` are the dates of every version a source knows (公布), ``amended`` the
    amendments (修改).

    ``measures`` says what the law itself sets, as kinds of measure (``rules/vocab/measures.yaml``):
    None when the data does not say (the default), an empty tuple for a law that governs how
    measures are set and carried out but sets none of its own (行政处罚法, 行政许可法, 行政强制法,
    立法法 …): citing only such a law grounds no permit, penalty, coercive measure or fee. (The
    fine ranges of articles live in ``reviewer/data/penalties.yaml``.) ``article_measures`` adds
    what single articles of such a law set themselves, as (条 number, kinds) pairs: 行政处罚法
    第二十八条 confiscates illegal gains, though the law as a whole sets no penalty.
    """

    title: str
    short: tuple[str, ...] = ()
    level: str = ""
    issuer: str = ""
    published: dt.date | None = None
    effective: dt.date | None = None
    status: str = "有效"
    amended: tuple[dt.date, ...] = ()
    repealed: dt.date | None = None
    replaced_by: str | None = None
    verified: bool = True
    note: str = ""
    versions: tuple[dt.date, ...] = ()
    id: int | None = None
    source: str = ""
    measures: tuple[str, ...] | None = None
    article_measures: tuple[tuple[int, tuple[str, ...]], ...] = ()

    def provided_by(self, article: str) -> tuple[str, ...] | None:
        """The kinds of measure a citation of ``article`` of this law provides: the law's own,
        with what that article itself sets; None when the data does not say."""
        number = article_number(article) if article else None
        extra = next((kinds for n, kinds in self.article_measures if n == number), ()) if number else ()
        if self.measures is None:
            return extra or None
        return self.measures + extra

    @property
    def in_force(self) -> bool:
        """True when the law applies today as far as the catalogue knows (有效 or 已修改)."""
        return self.status in IN_FORCE

    @property
    def is_repealed(self) -> bool:
        return self.status == REPEALED

    @property
    def kind(self) -> str:
        """The kind of norm, from the last word of the title (法, 条例, 办法 …)."""
        return norm_kind(self.title)

    @property
    def changes(self) -> tuple[str, ...]:
        """ISO dates of every version and amendment, sorted: when the text changed."""
        dates = {*self.versions, *self.amended, *((self.published,) if self.published else ())}
        return tuple(sorted(d.isoformat() for d in dates))

    def changed_after(self, date: str) -> tuple[str, ...]:
        """The version/amendment dates later than ``date`` (the text a document cited has changed)."""
        return tuple(d for d in self.changes if d > date)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready, in the archive's column names (what `reviewer laws show -f json` prints)."""
        return {"id": self.id, "title": self.title, "level": self.level or None, "office": self.issuer or None,
                "publish_date": _iso(self.published), "effective_date": _iso(self.effective),
                "status": self.status, "repealed_date": _iso(self.repealed), "replaced_by": self.replaced_by,
                "source": self.source, "note": self.note or None, "short": list(self.short),
                "changes": list(self.changes)}


# The name the catalogue used before the law had one shape; kept for callers on other branches.
LawEntry = Law


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


@dataclass(frozen=True)
class Resolution:
    """The result of looking a cited title up: the entry (or None), a 0–100 score, exactness."""

    entry: Law | None
    score: float
    exact: bool

    @property
    def known(self) -> bool:
        return self.entry is not None


UNRESOLVED = Resolution(None, 0.0, False)


def normalize_title(title: str) -> str:
    """Normalise a law title for comparison.

    Strips 《》〈〉 and blanks, drops 中华人民共和国 (titles are cited with and without it,
    also inside a nested title), and writes brackets full-width.
    """
    text = _STRIP_CHARS_RE.sub("", title).translate(_FULLWIDTH_PARENS)
    return text.replace(PRC, "")


def norm_kind(title: str) -> str:
    """The kind word a title ends with (法/条例/规定/办法/细则/决定/解释/规则/法典), or ""."""
    text = normalize_title(title)
    for kind in NORM_KINDS:
        if text.endswith(kind):
            return kind
    return ""


def _max_edits(length: int) -> int:
    """How many character edits a fuzzy match may need, by title length.

    Short titles get none: 审计法 and 统计法 differ by one character and are both laws.
    """
    if length < 5:
        return 0
    if length < 15:
        return 1
    return 2


class LawCatalog:
    """A read-only set of laws, looked up by full title, short name or a near-miss title."""

    def __init__(self, entries: Iterable[Law]):
        self._entries: tuple[Law, ...] = tuple(sorted(entries, key=lambda e: e.title))
        self._by_title: dict[str, Law] = {e.title: e for e in self._entries}
        index: dict[str, Law] = {}
        for entry in self._entries:
            for name in (entry.title, *entry.short):
                # The full title wins over a clashing short name of another entry.
                index.setdefault(normalize_title(name), entry)
        self._index = index
        kinds: dict[str, list[str]] = {}
        for key in index:
            kinds.setdefault(norm_kind(key), []).append(key)
        self._keys_by_kind = {k: tuple(v) for k, v in kinds.items()}

    @classmethod
    def builtin(cls) -> LawCatalog:
        """The catalogue shipped in ``reviewer/data/laws.yaml`` (loaded once per process)."""
        return _builtin_catalog()

    @classmethod
    def extended(cls) -> LawCatalog:
        """The built-in catalogue plus the title list of every national law and regulation.

        ``reviewer/data/law_titles.csv`` holds ~960 titles with level and status only; the
        curated ``laws.yaml`` entries win where both know a title. With it, a …法 that does
        not resolve is very probably a wrong title rather than a law we have not heard of.
        """
        return _extended_catalog()

    def nearest(self, title: str, kind: str | None = None) -> str | None:
        """The known title closest to ``title`` (same kind of norm), to suggest a correction."""
        from rapidfuzz import fuzz, process

        key = normalize_title(title)
        choices = self._keys_by_kind.get(kind if kind is not None else norm_kind(key), ())
        found = process.extractOne(key, choices, scorer=fuzz.ratio, score_cutoff=70)
        return self._index[found[0]].title if found else None

    @classmethod
    def from_entries(cls, entries: Iterable[Law]) -> LawCatalog:
        """A catalogue of the given entries (for tests and user-supplied lists)."""
        return cls(entries)

    @classmethod
    def from_yaml(cls, text: str, source: str = "laws.yaml") -> LawCatalog:
        """Parse a catalogue from YAML text; errors name the source, the entry and the field."""
        from yaml import YAMLError  # only when parsing: the check path reads the cached catalogue

        try:
            data = load_yaml(text)
        except YAMLError as exc:
            raise ReviewerError(f"{source}: 不是有效的 YAML（{exc}）") from exc
        if not isinstance(data, list):
            raise ReviewerError(f"{source}: 顶层应为条目列表")
        return cls(entry_from_dict(item, f"{source} → {i + 1}") for i, item in enumerate(data))

    def entries(self) -> tuple[Law, ...]:
        """All entries, sorted by title."""
        return self._entries

    def get(self, title: str) -> Law | None:
        """The entry whose title or short name equals ``title`` after normalisation."""
        if title in self._by_title:
            return self._by_title[title]
        return self._index.get(normalize_title(title))

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[Law]:
        return iter(self._entries)

    def resolve(self, title: str) -> Resolution:
        """Find the law a cited title means.

        Exact on the normalised title or short name first (an edition note such as
        （2021年修订） is ignored); then a near miss of the same kind of norm, allowing one
        edited character (two for long titles). A title that only adds a prefix to a known
        one (某市物业管理条例 vs 物业管理条例) is a different norm and stays unknown.
        """
        key = normalize_title(title)
        if not key:
            return UNRESOLVED
        for candidate in (key, _TRAILING_EDITION_RE.sub("", key)):
            entry = self._index.get(candidate)
            if entry is not None:
                return Resolution(entry, 100.0, True)
        return self._fuzzy(_TRAILING_EDITION_RE.sub("", key))

    @staticmethod
    def _foreign_local(key: str, choices: Sequence[str]) -> bool:
        """A local norm's title whose place no title in ``choices`` starts with."""
        local = _LOCAL_TITLE_RE.match(key)
        return local is not None and not any(c.startswith(local.group("place")) for c in choices)

    def _fuzzy(self, key: str) -> Resolution:
        kind = norm_kind(key)
        limit = _max_edits(len(key))
        choices = self._keys_by_kind.get(kind, ()) if kind else ()
        if not limit or not choices or self._foreign_local(key, choices):
            return UNRESOLVED
        from rapidfuzz import fuzz, process
        from rapidfuzz.distance import Levenshtein

        found = process.extractOne(key, choices, scorer=Levenshtein.distance, score_cutoff=limit)
        if found is None:
            return UNRESOLVED
        match = found[0]
        if key.endswith(match) or match.endswith(key):
            # Only a prefix differs: a local or sectoral norm, or a different law.
            return UNRESOLVED
        return Resolution(self._index[match], float(fuzz.ratio(key, match)), False)


def _as_date(value: Any, where: str, field: str) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise ReviewerError(f"{where} → {field}: 日期格式应为 YYYY-MM-DD，实际为“{value}”") from exc


def entry_from_dict(item: Any, where: str) -> Law:
    """Build a Law from one YAML mapping; ``where`` names it in error messages."""
    if not isinstance(item, dict):
        raise ReviewerError(f"{where}: 条目应为键值映射")
    for field in REQUIRED_FIELDS:
        if not item.get(field):
            raise ReviewerError(f"{where} → {field}: 缺少必填字段")
    title = str(item["title"])
    where = f"{where}（{title}）"
    status = str(item["status"])
    if status not in STATUSES:
        raise ReviewerError(f"{where} → status: 应为 {'/'.join(STATUSES)} 之一，实际为“{status}”")
    short = item.get("short") or ()
    if isinstance(short, str):
        short = (short,)
    amended = tuple(d for d in (_as_date(v, where, "amended") for v in item.get("amended") or ()) if d)
    return Law(
        title=title,
        short=tuple(str(s) for s in short),
        level=str(item["level"]),
        issuer=str(item.get("issuer") or ""),
        published=_as_date(item.get("published"), where, "published"),
        effective=_as_date(item.get("effective"), where, "effective"),
        status=status,
        amended=amended,
        repealed=_as_date(item.get("repealed"), where, "repealed"),
        replaced_by=str(item["replaced_by"]) if item.get("replaced_by") else None,
        verified=bool(item.get("verified", True)),
        note=str(item.get("note") or ""),
        measures=_measures(item, where),
        article_measures=_article_measures(item, where),
    )


def _measures(item: dict, where: str) -> tuple[str, ...] | None:
    """``measures:`` of a catalogue entry: absent = unknown; a list of kinds (may be empty)."""
    if "measures" not in item:
        return None
    value = item["measures"]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ReviewerError(f"{where} → measures: 应为措施种类名称的列表（可以为空列表）")
    return tuple(value)


def _article_measures(item: dict, where: str) -> tuple[tuple[int, tuple[str, ...]], ...]:
    """``article_measures:`` of a catalogue entry: {第二十八条: [kinds]} → ((28, kinds), …)."""
    value = item.get("article_measures") or {}
    if not isinstance(value, dict):
        raise ReviewerError(f"{where} → article_measures: 应为“第×条: 措施种类列表”的映射")
    pairs = []
    for article, kinds in value.items():
        number = article_number(str(article))
        if number is None or not isinstance(kinds, list) or not all(isinstance(k, str) and k for k in kinds):
            raise ReviewerError(f"{where} → article_measures → {article}: 应为“第×条: 措施种类列表”")
        pairs.append((number, tuple(kinds)))
    return tuple(pairs)


@functools.lru_cache(maxsize=1)
def _builtin_catalog() -> LawCatalog:
    text = (_DATA / "laws.yaml").read_text(encoding="utf-8")
    return LawCatalog.from_yaml(text, "reviewer/data/laws.yaml")


def _read_title_list() -> Iterator[Law]:
    """Entries of ``data/law_titles.csv`` (title, level, status, published; ``#`` lines are comments)."""
    import csv

    text = (_DATA / "law_titles.csv").read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln and not ln.startswith("#")]
    for row in csv.DictReader(lines):
        yield Law(
            title=row["title"],
            level=row["level"],
            status=row["status"] if row["status"] in STATUSES else "有效",
            published=_as_date(row.get("published"), "data/law_titles.csv", "published"),
            verified=False,
            note="标题清单（catalog.csv）",
        )


@functools.lru_cache(maxsize=1)
def _extended_catalog() -> LawCatalog:
    from reviewer.cache import cached

    data = _DATA
    # This file is a source too: the pickled catalogue holds Law records defined here.
    return cached("laws", [data / "laws.yaml", data / "law_titles.csv", Path(__file__)], _build_extended_catalog)


def _build_extended_catalog() -> LawCatalog:
    curated = _builtin_catalog()
    known = {normalize_title(e.title) for e in curated}
    extra = [e for e in _read_title_list() if normalize_title(e.title) not in known]
    return LawCatalog((*curated.entries(), *extra))


# --------------------------------------------------------------------------- citations


@dataclass(frozen=True)
class Citation:
    """One reference found in a text.

    ``kind`` is "law" for a norm (a title ending in 法/条例/办法 …, with or without 《》) and
    "document" for another document (a 《…通知》 title or a bare 发文字号). ``title`` is the
    title as written (without 《》), or the normalised 发文字号 when no title is given;
    ``article`` is e.g. 第十六条第二款 or ""; in a list (《…》第十二条、第十七条) each article
    is its own Citation, the first spanning the title too, the others only their own words.
    ``number`` is the normalised 发文字号 (〔〕
    brackets) when one is given. ``start``/``end`` delimit ``raw`` in the input text.
    """

    kind: str
    title: str
    article: str
    start: int
    end: int
    raw: str
    number: str = ""


def normalize_doc_number(raw: str) -> str:
    """Write a 发文字号 with 〔〕 around the year and no blanks: 龙政办发〔2017〕12号."""
    match = _DOC_NUMBER_RE.search(raw)
    if match is None:
        return re.sub(r"\s+", "", raw)
    code = match["code"][_doc_code_offset(match["code"]) :]
    return docnumbers.canonical(code, match["year"], match["serial"])


def _doc_code_offset(code: str) -> int:
    """How many leading characters of a matched issuer code are running text, not code."""
    offset = 0
    for word in _DOC_CUT_WORDS:
        at = code.rfind(word)
        if at >= 0 and at + len(word) < len(code):
            offset = max(offset, at + len(word))
    if offset < len(code) - 1 and code[offset] in _DOC_LEADING_PARTICLES:
        offset += 1
    return offset


def _bracketed_titles(text: str) -> Iterator[tuple[int, int, str]]:
    """Yield (start, end, inner) for each outermost 《…》, allowing nested 《》 inside."""
    depth = 0
    start = -1
    # Jump from bracket to bracket (a regex scan) instead of visiting every character.
    for m in _TITLE_BRACKET_RE.finditer(text):
        i = m.start()
        if m.group() == "《":
            if depth == 0:
                start = i
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                yield start, i + 1, text[start + 1 : i]


def _articles_after(text: str, pos: int) -> list[tuple[str, int, int]]:
    """Read 第X条(第X款)(第X项) references starting at ``pos``, with lists joined by 、/和/至.

    Returns (article, start, end) tuples. A bare 第二款 or 第（三）项 in a list inherits the
    article (and paragraph) before it; a range 第三条至第五条 gives its two ends only.
    """
    found: list[tuple[str, int, int]] = []
    cursor = pos
    art = para = ""
    while True:
        match = _ARTICLE_RE.match(text, cursor)
        if not match or match.end() == cursor:
            break
        if match["art"]:
            art, para = match["art"], match["para"] or ""
        elif match["para"]:
            if not art:
                break
            para = match["para"]
        elif not art:
            break
        item = match["item"] or ""
        found.append((art + para + item, match.start(), match.end()))
        cursor = match.end()
        joiner = _JOINER_RE.match(text, cursor)
        if not joiner or not text.startswith("第", joiner.end()):
            break
        cursor = joiner.end()
    return found


def article_number(article: str) -> int | None:
    """The 条 number of an article reference: 第十六条第二款 → 16, 第１６条 → 16; None when there is none."""
    from reviewer.numerals import numeral_or_none

    match = _ARTICLE_NO_RE.search(article or "")
    return numeral_or_none(match.group(1)) if match else None


def _title_kind(title: str) -> str:
    return "law" if norm_kind(title) else "document"


def _doc_number_near(text: str, pos: int) -> re.Match[str] | None:
    """A 发文字号 in brackets right after a title: 《…》（龙政办发〔2017〕12号）."""
    match = _OPEN_PAREN_RE.match(text, pos)
    if not match:
        return None
    return _DOC_NUMBER_RE.match(text, match.end())


def _law_citations(text: str, start: int, end: int, title: str, kind: str, number: str) -> list[Citation]:
    """One Citation per article after a title ending at ``end`` (or one without article)."""
    after = end
    edition = _EDITION_RE.match(text, after)
    if edition:
        after = edition.end()
    articles = _articles_after(text, after)
    if not articles:
        return [Citation(kind, title, "", start, end, text[start:end], number)]
    # The first article's span includes the title; later ones cover only their own words,
    # so that spans never overlap (a finding highlights 第十七条, not the whole list again).
    spans = [(start, articles[0][2])] + [(a_start, a_end) for _, a_start, a_end in articles[1:]]
    return [
        Citation(kind, title, art, c_start, c_end, text[c_start:c_end], number)
        for (art, _, _), (c_start, c_end) in zip(articles, spans)
    ]


def find_citations(text: str) -> list[Citation]:
    """Every citation in ``text``, sorted by position.

    Finds 《title》 with optional articles (one Citation per article in a list such as
    《…法》第十二条、第十七条), bare titles after 依照/依据/根据/按照 (依照行政处罚法第三十条),
    and 发文字号 references in any bracket style, normalised to 〔〕.
    """
    citations: list[Citation] = []
    taken: list[tuple[int, int]] = []
    for start, end, inner in _bracketed_titles(text):
        title = inner.strip()
        taken.append((start, end))
        number_match = _doc_number_near(text, end)
        number = normalize_doc_number(number_match.group(0)) if number_match else ""
        if number_match:
            taken.append((number_match.start(), number_match.end()))
        citations.extend(_law_citations(text, start, end, title, _title_kind(title), number))
    citations.extend(_bare_law_citations(text, taken))
    for match in _DOC_NUMBER_RE.finditer(text):
        n_start = match.start() + _doc_code_offset(match["code"])
        if _overlaps(n_start, match.end(), taken):
            continue
        number = normalize_doc_number(match.group(0))
        citations.append(Citation("document", number, "", n_start, match.end(), text[n_start : match.end()], number))
    citations.sort(key=lambda c: (c.start, c.end))
    return citations


def _bare_law_citations(text: str, taken: list[tuple[int, int]]) -> list[Citation]:
    """Citations without 《》 after a basis verb; appends their spans to ``taken``."""
    found: list[Citation] = []
    leading = [m for m in _LEADING_LAW_RE.finditer(text) if not _LEADING_NOT_TITLE_RE.search(m.group("title"))]
    for first in (*_BARE_LAW_RE.finditer(text), *leading):
        t_start, t_end = first.span("title")
        match: re.Match[str] | None = first
        while match:
            title = text[t_start:t_end]
            # "根据会议精神依照食品安全法": the title starts after the last verb inside it.
            inner = list(_INNER_VERB_RE.finditer(title))
            if inner:
                t_start += inner[-1].end()
                title = text[t_start:t_end]
            if _overlaps(t_start, t_end, taken) or not _plausible_bare_title(title):
                break
            taken.append((t_start, t_end))
            cites = _law_citations(text, t_start, t_end, title, "law", "")
            found.extend(cites)
            match = _BARE_MORE_RE.match(text, max(c.end for c in cites))
            if match:
                t_start, t_end = match.span("title")
    return found


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < s_end and s_start < end for s_start, s_end in spans)


def _plausible_bare_title(title: str) -> bool:
    """Reject bare "titles" that are self-references or everyday words (本办法, 有关法, 方法)."""
    core = title.removeprefix(PRC)
    if _BARE_TITLE_REJECT.match(core) or _BARE_TITLE_GENERIC.search(core):
        return False
    if len(core) < 3 and core != "宪法":
        return False  # 按照办法执行: a kind of document, no title
    if _METHOD_RE.search(core):
        return False  # 按照市场比较法或者收益法评估: a method of valuing, no law
    return core[-2:] not in _NOT_A_LAW_ENDINGS or core == "宪法"


# The methods of valuation and measurement documents name after 按照 (房地产估价规范's 比较法, 收益法,
# 成本法, 假设开发法); none is a law's title.
_METHOD_RE = compile_re(r"(?:比较|收益|重置成本|(?<!基)成本|现值|假设开发|剩余|系数修正|逼近|还原|抽样|插值|加权平均|内插|类比)法$")


# --------------------------------------------------------------------------- basis


def is_suspect_law_title(title: str) -> bool:
    """A title of the …法 kind: only the NPC and its standing committee make 法, so an unresolved
    one (against the extended catalogue) is most likely a mis-cited title."""
    return norm_kind(title) == "法"


@dataclass(frozen=True)
class BasisCheck:
    """Whether a sentence grounds itself in higher law.

    ``status``: "valid" (names a known law in force), "repealed" (names a law the catalogue
    marks 已废止 — a finding), "suspect" (names a …法 the catalogue does not know: only the
    national legislature makes 法, so with a complete title list this is a wrong title),
    "unknown" (names a norm or document the catalogue cannot confirm), "generic" (依法,
    按照有关规定 — names none), "none" (no basis).
    ``citations`` are the citations used as a basis and ``resolutions`` the catalogue result
    for each, in the same order (documents are never resolved).
    """

    status: str
    citations: tuple[Citation, ...] = ()
    resolutions: tuple[Resolution, ...] = ()

    @property
    def grounded(self) -> bool:
        """True only for a named, known, current law."""
        return self.status == "valid"

    @property
    def exempts(self) -> bool:
        """Whether the basis lets a clause restate a measure (the policy the guard applies).

        A known law in force exempts. So does an unknown norm of a legal kind (…条例、…规定、
        …办法 — a provincial regulation or a ministry rule the small catalogue lacks), because
        the catalogue is incomplete and the clause at least names where the measure comes from.
        A repealed law, a suspect …法 title, a plain document (《…通知》, 〔2017〕12号) or a
        village covenant (村规民约) does not: none of them can set a permit, penalty or fee.
        """
        if self.status == "valid":
            return True
        if self.status != "unknown":
            return False
        return any(c.kind == "law" and r.entry is None and not _below_rulemaking(c.title)
                   for c, r in zip(self.citations, self.resolutions))


# A county, district, banner, township or street office makes no 规章 (立法法 第九十三条): an
# unknown 《某县…办法》 is a normative document like the one citing it, not a basis.
_LOCAL_ISSUER_RE = compile_re(
    r"^(?:[\u4e00-\u9fff]{1,6}?(?:(?<!自治)[县旗]|(?<![社小景园新特治开保试校营])区(?!域)|(?<!城)[乡镇](?![村镇企])|街道)"
    # an anonymised title names only the level: 《县城市管理办法》, 《区物业管理实施细则》
    r"|县(?![域级])|区(?![域块间别])|街道)"
)


# The same issuer written before the title (临河县《农家乐管理办法》第九条; 某县人民政府办公室
# 《…方案》; 经开区管委会《…规定》), as review findings and amending decisions name the document they
# deal with. Development zones and their committees make no 规章 either.
_LOCAL_ISSUER_BEFORE_RE = compile_re(
    r"(?:(?:(?<!自治)[县旗]|(?<!自治)区|(?<!城)[乡镇]|街道)(?:人民政府|办事处|管委会|管理委员会)?"
    r"(?:办公室|[\u4e00-\u9fff]{1,10}?(?:局|委员会|委|办|中心|所|站))?|"
    # a province's or a city's department (某市体育局, 省住房城乡建设厅): only the State Council's
    # departments and the governments themselves make 规章 (立法法 第九十一条、第九十三条)
    r"(?:某|[\u4e00-\u9fff]{1,6}?)?(?:省|(?<!城)市(?!场)|州|盟)(?!人民政府(?:[0-9０-９]|$|关于|印发|制定|发布))"
    # …not a people's congress or its standing committee (地方性法规), nor a ministry's rule a
    # province's office passes on (省能源局转发的国家能源局《…办法》)
    r"(?:(?!人民代表大会|人大|常务委员会|常委会|转发|国家|国务院)[\u4e00-\u9fff]){1,12}?(?<!总)(?:局|厅|委员会|委|办公室|办))"
    # as a review's finding names the document it reviews: 某县民政局2022年印发的《…》, 镇政府关于印发《…》
    r"(?:[0-9０-９]{4}年(?:[0-9０-９]{1,2}月)?(?:[0-9０-９]{1,2}日)?)?(?:(?:关于)?(?:印发|制定|发布|出台|下发|制发)(?:的)?)?$")


def _as_local_document(sentence: str, citation: Citation) -> Citation:
    """An unknown norm named after a county's, township's or street office's name is that body's
    normative document, which sets nothing a clause could rest on: read it as a document."""
    if citation.kind == "law" and not citation.title.endswith("条例") and \
            _LOCAL_ISSUER_BEFORE_RE.search(sentence, max(0, citation.start - 30), citation.start):
        return replace(citation, kind="document")
    return citation


def _below_rulemaking(title: str) -> bool:
    """Whether a title's issuer prefix is a level of government that cannot make 规章."""
    title = normalize_title(title)
    return not title.endswith("条例") and bool(_LOCAL_ISSUER_RE.match(title))


# A law named as the one broken in a finding (…，违反《政府采购法实施条例》第二十条。): no basis. A law
# whose breach a clause goes on to punish (违反《城乡规划法》第四十条规定…的，由…处…罚款) restates it.
_BREACHED_BEFORE_RE = compile_re(r"(?:违反|违背|有悖于?|抵触|背离|突破)了?$")
_PUNISHED_AFTER_RE = compile_re(r"[^。；;]*?(?:处以?|并处|予以|责令|没收|罚款|吊销|给予)")


def _used_as_basis(sentence: str, citation: Citation) -> bool:
    """A citation grounds the sentence when it names an article or a basis phrase surrounds it,
    and it is not named as the law the sentence breaks."""
    before = sentence[: citation.start]
    if _BREACHED_BEFORE_RE.search(before[-10:]) and not _PUNISHED_AFTER_RE.match(sentence, citation.end):
        return False
    if citation.article:
        return True
    after = sentence[citation.end : citation.end + 12]
    if _BASIS_PHRASE_RE.search(before[-20:]):
        return True
    return bool(re.match(r"[^。；;]{0,4}?(?:的)?(?:有关|相关)?规定", after))


def cites_basis(sentence: str, catalog: LawCatalog) -> BasisCheck:
    """Decide whether ``sentence`` rests what it says on higher law (see BasisCheck).

    A reference to the document itself (本办法第十条, 本通知) is not a basis. When a sentence
    names several laws, a repealed one wins (it must be reported); otherwise one valid law
    is enough.
    """
    used = [c for c in find_citations(sentence) if _used_as_basis(sentence, c)]
    resolutions = tuple(catalog.resolve(c.title) if c.kind == "law" else UNRESOLVED for c in used)
    used = [_as_local_document(sentence, c) if r.entry is None else c for c, r in zip(used, resolutions)]
    if used:
        statuses = {_status_of(c, r) for c, r in zip(used, resolutions)}
        for status in ("repealed", "suspect", "valid", "unknown"):
            if status in statuses:
                return BasisCheck(status, tuple(used), resolutions)
    # Blank out self-references so that 按照本办法规定 does not read as 按照规定.
    if _GENERIC_RE.search(_SELF_REFERENCE_RE.sub("□", sentence)):
        return BasisCheck("generic")
    return BasisCheck("none")


def _status_of(citation: Citation, resolution: Resolution) -> str:
    entry = resolution.entry
    if entry is None:
        return "suspect" if citation.kind == "law" and is_suspect_law_title(citation.title) else "unknown"
    if entry.status == "已废止":
        return "repealed"
    # 尚未生效 is not yet a basis: leave it to the reviewer, like an unknown law.
    return "valid" if entry.in_force else "unknown"
