"""Document titles: the measure a 印发通知 issues.

``清河区人民政府关于印发《清河区农贸市场管理办法》的通知`` issues ``清河区农贸市场管理办法``: a letter
names the measure, and a search for the measure's name finds the notice.
"""

from __future__ import annotations

import re

_PROMULGATING = re.compile(r"^.*?(?:印发|转发|颁布|发布)\s*《(?P<name>[^《》]+)》\s*的?(?:通知|决定)$")


def promulgated_name(title: str) -> str | None:
    """The name of the measure a 印发/转发 notice issues, or None for any other title."""
    hit = _PROMULGATING.match(title.strip())
    return hit.group("name").strip() if hit else None
