"""Small charts as SVG text, drawn on the server (no script, no chart library, nothing to fetch).

Two shapes cover the dashboard: horizontal bars (one per issuing body or family, long Chinese
labels on the left, a value or "无数据" on the right) and columns over time (filings per month).
Every label and title is XML-escaped here: names come from documents and staff, so the SVG is
safe to place inline in a page or to save as a file. The result is a standalone <svg> element
with a <title> for screen readers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from xml.sax.saxutils import escape, quoteattr

FONT = "Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, SimHei, sans-serif"
BAR = "#2f6fae"
MISSING = "#9a9a9a"
AXIS = "#555"
GRID = "#ddd"
ROW = 26  # px per horizontal bar
LABEL_CHARS = 14  # longer labels are shortened with …


def _text_width(text: str) -> float:
    """Approximate width in px at 12 px: CJK characters are square, others about half."""
    return sum(12 if ord(c) > 0x2E7F else 6.6 for c in text)


def _short(label: str, chars: int = LABEL_CHARS) -> str:
    return label if len(label) <= chars else label[:chars - 1] + "…"


def _svg(width: int, height: int, title: str, body: list[str]) -> str:
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}"'
            f' role="img" aria-label={quoteattr(title)} font-family={quoteattr(FONT)} font-size="12">')
    return "\n".join([head, f"<title>{escape(title)}</title>",
                      f'<text x="8" y="18" font-size="14" font-weight="bold" fill="#222">{escape(title)}</text>',
                      *body, "</svg>"])


def hbars(title: str, items: Sequence[tuple[str, float | None]], fmt: Callable[[float], str],
          scale_max: float | None = None, width: int = 560) -> str:
    """One horizontal bar per (label, value); None is drawn as "无数据" (a rate that cannot be computed)."""
    label_px = min(max((_text_width(_short(label)) for label, _ in items), default=60) + 12, 200)
    value_px = 70
    plot = width - label_px - value_px - 8
    top = 30
    height = top + max(len(items), 1) * ROW + 10
    known = [v for _, v in items if v is not None]
    biggest = scale_max if scale_max is not None else max(known, default=0) or 1
    body = [f'<line x1="{label_px}" y1="{top}" x2="{label_px}" y2="{height - 8}" stroke="{AXIS}"/>']
    if not items:
        body.append(f'<text x="{label_px + 8}" y="{top + 17}" fill="{MISSING}">（无数据）</text>')
    for i, (label, value) in enumerate(items):
        y = top + i * ROW
        body.append(f'<text x="{label_px - 6}" y="{y + 17}" text-anchor="end" fill="#222">'
                    f'<title>{escape(label)}</title>{escape(_short(label))}</text>')
        if value is None:
            body.append(f'<text x="{label_px + 8}" y="{y + 17}" fill="{MISSING}">无数据</text>')
            continue
        length = max(plot * (value / biggest), 1 if value else 0)
        body.append(f'<rect x="{label_px}" y="{y + 5}" width="{length:.1f}" height="{ROW - 10}" fill="{BAR}"/>')
        body.append(f'<text x="{label_px + length + 6:.1f}" y="{y + 17}" fill="#222">{escape(fmt(value))}</text>')
    return _svg(width, height, title, body)


def columns(title: str, items: Sequence[tuple[str, int]], width: int = 560, height: int = 240) -> str:
    """One column per (label, count) in order (months), with a light grid and the count on top."""
    left, right, top, bottom = 36, 10, 34, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    biggest = max((v for _, v in items), default=0)
    step = _nice_step(biggest)
    ceiling = max(step * -(-biggest // step), step)
    body = []
    for tick in range(0, ceiling + 1, step):
        y = top + plot_h - plot_h * tick / ceiling
        body.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="{GRID}"/>')
        body.append(f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end" fill="{AXIS}">{tick}</text>')
    if not items:
        body.append(f'<text x="{left + 8}" y="{top + plot_h / 2:.1f}" fill="{MISSING}">（无数据）</text>')
    slot = plot_w / max(len(items), 1)
    every = max(1, -(-len(items) // 12))  # at most 12 labels under the axis
    for i, (label, value) in enumerate(items):
        x = left + i * slot
        bar_h = plot_h * value / ceiling
        bar_w = max(slot * 0.6, 2)
        body.append(f'<rect x="{x + (slot - bar_w) / 2:.1f}" y="{top + plot_h - bar_h:.1f}" width="{bar_w:.1f}"'
                    f' height="{bar_h:.1f}" fill="{BAR}"><title>{escape(label)}：{value}</title></rect>')
        if value:
            body.append(f'<text x="{x + slot / 2:.1f}" y="{top + plot_h - bar_h - 4:.1f}" text-anchor="middle"'
                        f' fill="#222">{value}</text>')
        if i % every == 0:
            body.append(f'<text x="{x + slot / 2:.1f}" y="{height - bottom + 16}" text-anchor="middle"'
                        f' fill="{AXIS}">{escape(label)}</text>')
    body.append(f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}" stroke="{AXIS}"/>')
    return _svg(width, height, title, body)


def _nice_step(biggest: int) -> int:
    """A grid step (1, 2, 5, 10, 20, 50 …) giving at most five lines."""
    step = 1
    while biggest / step > 5:
        for factor in (2, 5 / 2, 2):
            step = int(step * factor)
            if biggest / step <= 5:
                break
    return step


def percent(value: float) -> str:
    return f"{value:.1%}"


def days(value: float) -> str:
    return f"{value:g} 天"
