"""Records the archive hands back to callers: frozen dataclasses, one per kind of row."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields

from reviewer.sanitize import clean_text

from reviewer import statuses

# Filing (备案审查) states and document validity (效力) states.
FILING_PENDING = "待审查"
FILING_PASSED = "通过"
FILING_CORRECT = "需纠正"
FILING_REJECTED = "不予备案"
# Materials incomplete or defective: sent back to the department to complete (补正), not judged yet.
FILING_RETURNED = "退回补正"
DECISIONS = (FILING_PASSED, FILING_CORRECT, FILING_REJECTED, FILING_RETURNED)
# A filing waiting for the department: a corrected text (需纠正) or completed materials (退回补正).
FILING_AWAITING = (FILING_CORRECT, FILING_RETURNED)

# The words are defined once, in reviewer.statuses (laws share them).
STATUS_UNPUBLISHED = statuses.UNPUBLISHED
STATUS_VALID = statuses.VALID
STATUS_AMENDED = statuses.AMENDED
STATUS_REPEALED = statuses.REPEALED
STATUS_EXPIRED = statuses.EXPIRED
STATUSES = (STATUS_UNPUBLISHED, STATUS_VALID, STATUS_AMENDED, STATUS_REPEALED, STATUS_EXPIRED)
# "现行有效": documents still in force (an amended document stays in force as amended).
CURRENT_STATUSES = statuses.IN_FORCE

# Filing package (备案材料) flag → column and label.
PACKAGE_FLAGS: dict[str, tuple[str, str]] = {
    "report": ("has_report", "备案报告"),
    "explanation": ("has_explanation", "起草说明"),
    "legality": ("has_legality_review", "合法性审核意见"),
    "collective": ("has_collective", "集体讨论记录"),
    "basis": ("has_basis", "制定依据"),
}


@dataclass(frozen=True)
class Settings:
    """The office's archive settings, stored in the `settings` table."""

    office: str
    code: str
    template: str = "{code}规〔{year}〕{seq}号"
    by_issuer: bool = False  # a separate sequence per issuing body
    late_days: int = 30  # filings received later than this after publication are 迟报
    reply_days: int = 60  # deadline for replying to a 审查建议
    review_days: int = 30  # a filing is to be reviewed within this many days of its receipt
    require_signoff: bool = False  # registration only after the 负责人's sign-off (签发)
    expiry_notice_days: int = 30  # documents whose 有效期 ends within this many days are listed as expiring

    def __post_init__(self) -> None:
        for name in ("office", "code", "template"):
            value = getattr(self, name)
            if isinstance(value, str):
                object.__setattr__(self, name, clean_text(value))

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class FilingMeta:
    """What the user states when filing; None means "take it from the document"."""

    title: str | None = None
    doc_number: str | None = None
    issuer: str | None = None
    level: str | None = None
    issue_date: str | None = None
    publish_date: str | None = None
    effective_date: str | None = None
    expiry_date: str | None = None
    received_date: str | None = None
    package: frozenset[str] = field(default_factory=frozenset)  # keys of PACKAGE_FLAGS

    def __post_init__(self) -> None:
        # The door for every filing, whatever its source (CLI, document text, import sheet).
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, str):
                object.__setattr__(self, f.name, clean_text(value))


@dataclass(frozen=True)
class Outcome:
    """The result of a command that creates or changes a record: its id and what to tell the user."""

    id: int
    message: str
    data: dict = field(default_factory=dict)
    warnings: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        out = {"id": self.id, "message": self.message, **self.data}
        if self.warnings:
            out["warnings"] = list(self.warnings)
        return out

# An imported row without a 状态 column is taken as a document in force.
DEFAULT_IMPORT_STATUS = STATUS_VALID
