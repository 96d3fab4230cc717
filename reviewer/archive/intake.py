"""Reading and checking a document for filing: the pipeline's report plus the user's metadata.

The archive calls the same library entry point as `reviewer check`
(``reviewer.pipeline.check_path``), so a filing stores exactly the findings a drafter saw.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reviewer.archive.records import FilingMeta
from reviewer.sanitize import clean_text
from reviewer.errors import ArchiveError
from reviewer.model import DEFAULT_LEVEL, LEVELS, DocumentReport, Finding

if TYPE_CHECKING:
    from reviewer.context import ReviewContext

# (path, level) -> DocumentReport; tests and batch tools may pass their own.
Checker = Callable[[str, str], DocumentReport]


def default_checker(path: str, level: str) -> DocumentReport:
    """Read and check one file with the shipped rules, default settings and built-in law base."""
    from reviewer.pipeline import check_path

    return check_path(path, level=level)


def context_checker(ctx: ReviewContext) -> Checker:
    """A checker that reviews under ``ctx`` (the archive's law base and the office's settings)."""

    def check(path: str, level: str) -> DocumentReport:
        from reviewer.pipeline import check_path

        return check_path(path, level=level, ctx=ctx)

    return check


@dataclass(frozen=True)
class Intake:
    """One document ready to be stored: resolved metadata, text, findings."""

    meta: FilingMeta
    path: str
    format: str
    text: str
    sha256: str
    findings: tuple[Finding, ...]
    notes: tuple[str, ...] = ()  # what the reader noticed (e.g. unaccepted tracked changes)


def _iso(value: dt.date | str | None) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    return check_date(value)


# No normative document in the archive predates the People's Republic; dates past 2199 are typos.
EARLIEST_DATE = dt.date(1949, 10, 1)
LATEST_DATE = dt.date(2199, 12, 31)
# Registration and publication are recorded when they happen, or shortly before.
RECORDING_AHEAD = dt.timedelta(days=366)


def check_date(value: str, label: str = "日期", latest: dt.date | None = None) -> str:
    """A date given in any form offices write it (reviewer.dates), within the archive's range (and
    ``latest``), as YYYY-MM-DD."""
    from reviewer.dates import DateError, iso

    try:
        day = dt.date.fromisoformat(iso(value, label))
    except DateError as exc:
        raise ArchiveError(str(exc)) from None
    last = min(latest, LATEST_DATE) if latest else LATEST_DATE
    if not EARLIEST_DATE <= day <= last:
        raise ArchiveError(f"{label}“{value}”超出合理范围（应在 {EARLIEST_DATE} 至 {last} 之间），请核对")
    return day.isoformat()


def recording_date(value: str, label: str) -> str:
    """A date on which something is recorded (registration, publication): not far in the future."""
    return check_date(value, label, dt.date.today() + RECORDING_AHEAD)


def text_digest(text: str) -> str:
    """SHA-256 of the text, to recognise an identical document filed again."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _given(value: str | None) -> str | None:
    """A value the user typed, blank counting as not given (--issuer "  " is no issuer)."""
    value = (value or "").strip()
    return value or None


def _doc_number(value: str | None) -> str | None:
    """A typed 发文字号 in canonical form, so ﹝2019﹞ and 〔2019〕 file and resolve alike."""
    from reviewer.docnumbers import normalize_doc_number

    return normalize_doc_number(value) if value else None


def _check_order(meta: FilingMeta) -> None:
    """Dates that cannot be in this order are a typing slip; refuse them before storing.

    Only the impossible order is refused: a document cannot be published before it is signed.
    An effective date before issue (溯及既往) is a problem of the document, which the check
    reports; the archive must still record it as issued.
    """
    issue, publish = meta.issue_date, meta.publish_date
    if issue and publish and publish < issue:
        raise ArchiveError(f"公布日期 {publish} 早于印发日期 {issue}，请核对")


def take(path: str, given: FilingMeta, checker: Checker | None = None) -> Intake:
    """Check the file and fill in what the user did not state from what the document says."""
    level = given.level or DEFAULT_LEVEL
    if level not in LEVELS:
        raise ArchiveError(f"未知的文件层级“{level}”；可选：{'、'.join(LEVELS)}")
    report = (checker or default_checker)(path, level)
    found = report.document.metadata
    meta = FilingMeta(
        title=_given(given.title) or found.title or Path(os.fsdecode(path)).stem,
        doc_number=_doc_number(_given(given.doc_number)) or found.doc_number,
        issuer=_given(given.issuer) or found.issuer,
        level=level,
        issue_date=_iso(given.issue_date) or _iso(found.issue_date),
        publish_date=_iso(given.publish_date) or _iso(found.publish_date),
        effective_date=_iso(given.effective_date) or _iso(found.effective_date),
        expiry_date=_iso(given.expiry_date) or _iso(found.expiry_date),
        received_date=_iso(given.received_date) or dt.date.today().isoformat(),
        package=given.package,
    )
    _check_order(meta)
    text = report.document.text
    return Intake(
        meta=meta,
        path=clean_text(os.fsdecode(path)),  # a name that is not UTF-8 cannot be stored as given
        format=report.document.source.format,
        text=text,
        sha256=text_digest(text),
        findings=tuple(report.findings),
        notes=tuple(getattr(report.document.source, "notes", ())),
    )
