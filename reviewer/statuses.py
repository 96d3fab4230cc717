"""The life-cycle statuses of laws and of documents, defined once.

Laws and normative documents share the words: 有效 and 已修改 are in force, 已废止 has ended.
A law may also be 尚未生效 (published, not yet in effect) or 未知 (an imported catalogue did not
say); a document may also be 未公布 (filed, not yet published) or 失效 (its validity ran out).
"""

from __future__ import annotations

VALID = "有效"
AMENDED = "已修改"
REPEALED = "已废止"
NOT_YET = "尚未生效"
UNKNOWN = "未知"
EXPIRED = "失效"
UNPUBLISHED = "未公布"

# In force: what the audit covers, what a citation may rest on.
IN_FORCE: tuple[str, ...] = (VALID, AMENDED)
# Statuses a law can have in the built-in data (laws.yaml, law_titles.csv) ...
LAW_STATUSES: tuple[str, ...] = (VALID, AMENDED, REPEALED, NOT_YET)
# ... and in the archive's catalogue, where an import may leave the status open.
CATALOGUE_STATUSES: tuple[str, ...] = (*LAW_STATUSES, UNKNOWN)
# A document that no longer applies.
ENDED: tuple[str, ...] = (REPEALED, EXPIRED)
