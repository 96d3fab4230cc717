"""Records of a cleanup audit: its settings, one reason, one document's result."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from reviewer.settings import DEFAULT_SETTINGS, ReviewSettings

# The four cleanup outcomes (清理结论), mildest first.
KEEP = "继续有效"
AMEND = "修改"
REPEAL = "废止"
EXPIRE = "宣布失效"
OUTCOMES: tuple[str, ...] = (KEEP, AMEND, REPEAL, EXPIRE)


@dataclass(frozen=True)
class AuditSettings:
    """What a run checks against; stored with the run, so a resumed run uses the same values."""

    as_of: str = field(default_factory=lambda: dt.date.today().isoformat())  # the audit's "today"
    expiring_months: int = 6  # validity ending within this many months is reported
    recheck: bool = True  # run today's rules again
    duplicate_title_score: int = 90  # same issuer, titles at least this similar → a pair is compared
    duplicate_text_score: int = 90  # … and texts at least this similar → duplicates, else possible conflict
    # The review settings (``reviewer.settings.ReviewSettings``) the run uses, as overrides of the
    # defaults (``--set max_validity_years=3``): the same limits as `check` and filing, stored with
    # the run so a resumed run keeps them. 暂行/试行 validity is max_provisional_validity_years.
    review: dict[str, float] = field(default_factory=dict)

    @property
    def review_settings(self) -> ReviewSettings:
        """The review settings of this run (defaults with its overrides)."""
        overrides: dict[str, Any] = dict(self.review)
        return replace(DEFAULT_SETTINGS, **overrides)

    @property
    def provisional_years(self) -> float:
        """暂行/试行 documents: at most this long without a stated expiry (one setting for all paths)."""
        return self.review_settings.max_provisional_validity_years

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> AuditSettings:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        review = dict(known.get("review") or {})
        if "provisional_years" in data:  # runs stored before the settings were shared
            review.setdefault("max_provisional_validity_years", data["provisional_years"])
        return cls(**{**known, "review": review})


@dataclass(frozen=True)
class Reason:
    """One reason a document needs attention, with the outcome it argues for.

    ``code`` is stable (RULE, LAW_REPEALED, LAW_AMENDED, DOC_REPEALED, EXPIRED, EXPIRING,
    PROVISIONAL_OVERDUE, DUPLICATE, CONFLICT); ``message`` is what staff read; ``detail`` holds
    the facts behind it (law id, dates, articles, the other document …) for scripts.
    """

    code: str
    proposes: str
    message: str
    detail: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"code": self.code, "proposes": self.proposes, "message": self.message, "detail": self.detail}

    @classmethod
    def from_dict(cls, data: dict) -> "Reason":
        return cls(data["code"], data["proposes"], data["message"], data.get("detail") or {})


@dataclass(frozen=True)
class DocumentAudit:
    """One document's audit: the proposed outcome and every reason."""

    document_id: int
    outcome: str
    reasons: tuple[Reason, ...]

    def to_dict(self) -> dict:
        return {"document_id": self.document_id, "outcome": self.outcome,
                "reasons": [r.to_dict() for r in self.reasons]}
