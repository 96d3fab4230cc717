"""Proposing a cleanup outcome (继续有效 / 修改 / 废止 / 宣布失效) from a document's reasons.

Each reason (checks.py) already says which outcome it argues for; the document gets the
strongest, in this order: 宣布失效 > 废止 > 修改 > 继续有效. The rules the checks apply:

* **宣布失效** — the stated validity period has ended (EXPIRED), or a 暂行/试行 document without a
  stated expiry is older than its limit (PROVISIONAL_OVERDUE, 2 years by default). An expired
  document is not repealed: it lapsed, and the office declares that it has.
* **废止** — a cited higher law was repealed, nothing replaced it, and the document cites no other
  law in force: it has lost its legal basis (LAW_REPEALED). Also the older of two documents from
  the same issuer whose texts are near-identical (DUPLICATE): the newer one carries on.
* **修改** — a cited law was repealed but replaced (the basis must point to the successor), or
  the document cites other laws in force as well (drop the dead basis); a cited law was amended
  after the document was issued (LAW_AMENDED: the cited articles must be checked against the new
  text); today's rules find an error-level problem (RULE); a cited document was repealed or expired
  (DOC_REPEALED); the older of two same-issuer documents with near-identical titles but different
  texts (CONFLICT: they regulate one matter twice).
* **继续有效** — nothing above. Notices that do not change the outcome are still listed: validity
  ending within the warning window (EXPIRING), warning-level findings, the newer document of a pair.
"""

from __future__ import annotations

from collections.abc import Iterable

from reviewer.audit.records import KEEP, OUTCOMES, Reason

_RANK = {outcome: rank for rank, outcome in enumerate(OUTCOMES)}


def propose(reasons: Iterable[Reason]) -> str:
    """The strongest outcome any reason argues for; 继续有效 when there is none."""
    return max((r.proposes for r in reasons), key=_RANK.__getitem__, default=KEEP)


def decisive(reasons: Iterable[Reason], outcome: str) -> list[Reason]:
    """The reasons that argue for ``outcome`` itself (listed first in the workbook)."""
    return [r for r in reasons if r.proposes == outcome]
