"""Records that flow through the pipeline: reading → structure → matching → findings → reports.

Every record is a frozen dataclass: stages build new records instead of mutating old ones,
so data flows one way and nothing downstream can corrupt what upstream produced.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    """How sure the engine is that a clause is unlawful."""

    ERROR = "error"  # unlawful on its face
    WARNING = "warning"  # needs a reviewer's judgement
    INFO = "info"  # worth a look, never fails a check on its own

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]

    @property
    def label(self) -> str:
        return {"error": "错误", "warning": "警告", "info": "提示"}[self.value]


# Document levels (文件层级), highest first. A rule states the levels it applies to.
LEVELS: tuple[str, ...] = ("法律", "行政法规", "地方性法规", "规章", "行政规范性文件")
DEFAULT_LEVEL = "行政规范性文件"

FAMILIES: dict[str, str] = {
    "LICENSE": "行政许可",
    "PENALTY": "行政处罚",
    "COERCION": "行政强制",
    "SANCTION": "处分",
    "FEE": "收费",
    "RIGHTS": "减损权利、增加义务",
    "ULTRA_VIRES": "超越职权",
    "COMPETITION": "排除限制竞争",
    "PROCEDURE": "程序与形式",
    "CITATION": "引用依据",
}
# The families of unlawful content (the others concern form and citations).
SUBSTANTIVE: tuple[str, ...] = (
    "LICENSE", "PENALTY", "COERCION", "SANCTION", "FEE", "RIGHTS", "ULTRA_VIRES", "COMPETITION",
)


@dataclass(frozen=True)
class Block:
    """One paragraph of the source in reading order, as a slice of the document text.

    ``ref`` addresses the paragraph in its source format, so a writer can find it again:
    for .docx it is ``("para", k)``, the k-th paragraph yielded by
    ``reviewer.readers.docx.iter_paragraphs`` (body and table cells in reading order); for
    .pdf ``("page", p, n)``; for text formats ``("line", n)`` (all 0-based).
    """

    start: int
    end: int
    ref: tuple = ()


@dataclass(frozen=True)
class SourceText:
    """The plain text of one input file, with where each paragraph came from."""

    path: str
    format: str  # "docx", "txt", "md", "pdf", "stdin"
    text: str
    blocks: tuple[Block, ...] = ()
    encoding: str | None = None
    # What the reader wants the user to know, e.g. that a draft has unaccepted tracked changes.
    notes: tuple[str, ...] = ()
    # The file name as given, when ``path`` had to be cleaned for display (a name that is not
    # UTF-8); the Word-comments writer reopens the file by this name.
    origin: str | None = None


@dataclass(frozen=True)
class Metadata:
    """What the document says about itself; any field may be unknown."""

    title: str | None = None
    doc_number: str | None = None  # 发文字号, e.g. 龙政办发〔2017〕12号
    issuer: str | None = None  # 制定机关
    issue_date: dt.date | None = None  # 印发/成文日期
    publish_date: dt.date | None = None  # 公布日期
    effective_date: dt.date | None = None  # 施行日期
    expiry_date: dt.date | None = None  # 有效期至
    validity_years: float | None = None  # "有效期5年"
    provisional: bool = False  # 暂行/试行 in the title

    def to_dict(self) -> dict:
        out = {}
        for key, value in self.__dict__.items():
            out[key] = value.isoformat() if isinstance(value, dt.date) else value
        return out


@dataclass(frozen=True)
class Clause:
    """The smallest structural unit of a document: one 款/项/目 or a notice point.

    ``locator`` is how a lawyer cites it (第十二条第二款第（三）项, or 二、（一）3. in a notice);
    it is empty for the title and preamble. ``kind`` is one of: title, preamble, heading,
    article, paragraph, item, subitem, point, signature, text.
    """

    locator: str
    start: int
    end: int
    kind: str = "text"
    article: int | None = None  # article number when inside 第X条


@dataclass(frozen=True)
class Document:
    """A source text split into clauses, with its metadata and review level."""

    source: SourceText
    clauses: tuple[Clause, ...]
    metadata: Metadata = field(default_factory=Metadata)
    level: str = DEFAULT_LEVEL

    @property
    def text(self) -> str:
        return self.source.text

    @property
    def path(self) -> str:
        return self.source.path


@dataclass(frozen=True)
class Basis:
    """A legal basis: a law (full title) and an article."""

    law: str
    article: str = ""

    def to_dict(self) -> dict:
        return {"law": self.law, "article": self.article}

    def __str__(self) -> str:
        return f"《{self.law}》{self.article}"


@dataclass(frozen=True)
class Location:
    """Where a finding is: the lawyer's locator plus line/column (1-based) and offset/length."""

    locator: str
    line: int
    column: int
    offset: int
    length: int

    def to_dict(self) -> dict:
        return {
            "locator": self.locator,
            "line": self.line,
            "column": self.column,
            "offset": self.offset,
            "length": self.length,
        }


@dataclass(frozen=True)
class Finding:
    """One problem the engine found, with everything a reader needs to act on it."""

    code: str
    name: str
    family: str
    severity: Severity
    title: str
    message: str
    match: str
    context: str
    location: Location
    basis: tuple[Basis, ...]
    suggestion: str
    fingerprint: str
    # What the shared clause analysis concluded (additive to the v1 JSON contract): the kind of
    # measure (rules/vocab/measures.yaml), how the sentence imposes it and the words that do.
    measure: str = ""
    imposition: str = ""
    cue: str = ""
    addressee: str = ""  # public, own_staff or subordinate, as the analysis judged the subject

    def to_dict(self) -> dict:
        return {
            "code": self.code,
            "name": self.name,
            "family": self.family,
            "severity": self.severity.value,
            "title": self.title,
            "message": self.message,
            "match": self.match,
            "context": self.context,
            "location": self.location.to_dict(),
            "basis": [b.to_dict() for b in self.basis],
            "suggestion": self.suggestion,
            "fingerprint": self.fingerprint,
            "measure": self.measure,
            "imposition": self.imposition,
            "cue": self.cue,
            "addressee": self.addressee,
        }


@dataclass(frozen=True)
class DocumentReport:
    """The result of checking one document."""

    document: Document
    findings: tuple[Finding, ...]

    @property
    def path(self) -> str:
        return self.document.path

    def to_dict(self) -> dict:
        meta = self.document.metadata
        return {
            "path": self.document.path,
            "level": self.document.level,
            "title": meta.title,
            "metadata": meta.to_dict(),
            "findings": [f.to_dict() for f in self.findings],
        }
