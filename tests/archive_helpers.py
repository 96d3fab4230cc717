"""Shared builders for the archive tests: real files, a real archive, a real CSV sheet."""

from __future__ import annotations

import csv
from pathlib import Path

from reviewer.archive import Archive, Settings


def make_collection(folder: Path, texts: list[str], extra: dict[str, list] | None = None) -> Path:
    """Write one .txt per text and a metadata CSV next to the folder; returns the CSV path."""
    folder.mkdir(parents=True, exist_ok=True)
    sheet = folder.parent / f"{folder.name}.csv"
    extra = extra or {}
    with open(sheet, "w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["文件名", "标题", "发文字号", "制定机关", "公布日期", *extra])
        for i, text in enumerate(texts):
            name = f"doc{i:05d}.txt"
            (folder / name).write_text(text, encoding="utf-8")
            out.writerow([name, text.splitlines()[0][:40], f"某政发〔2023〕{i + 1}号", "某市人民政府",
                          "2023-05-01", *(values[i] for values in extra.values())])
    return sheet


def new_archive(path: Path, **settings) -> Archive:
    """A fresh archive with the office's settings."""
    return Archive.create(path, Settings(office="某市司法局", code="某", **settings), user="测试")
