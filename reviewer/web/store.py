"""Uploaded drafts and their check reports, kept for the downloads that follow the page.

Each upload is saved under this server's own temporary folder with a random name (never the
name the browser sent) and addressed by a random token; a token is only honoured for the
account that uploaded it. The newest ``keep`` uploads are kept; older ones are removed.

An upload is filed at most once (``claim``/``filed``): a double click or a resent form must not
put the same draft into the archive twice, where nothing is ever deleted.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import tempfile
import threading
from collections import OrderedDict
from dataclasses import dataclass

from reviewer.model import DocumentReport

SUFFIXES = (".docx", ".txt", ".pdf")
_TOKEN = re.compile(r"[A-Za-z0-9_-]{20,64}")
FILING = 0  # no document has id 0: the upload is being filed by another request


@dataclass(frozen=True)
class Upload:
    token: str
    owner: int
    filename: str  # as the user named it: shown and used for download names, never as a path
    path: str  # the saved copy, inside the store's folder
    report: DocumentReport


class UploadStore:
    def __init__(self, folder: str | None = None, keep: int = 200):
        self.folder = folder or tempfile.mkdtemp(prefix="reviewer-web-")
        self.keep = keep
        self._items: OrderedDict[str, Upload] = OrderedDict()
        self._filed: dict[str, int] = {}  # token → the filing's document id (FILING while in progress)
        self._lock = threading.Lock()

    def save(self, data: bytes, suffix: str) -> tuple[str, str]:
        """Write the bytes under a new token; return (token, path)."""
        if suffix not in SUFFIXES:
            raise ValueError(suffix)
        token = secrets.token_urlsafe(24)
        folder = os.path.join(self.folder, token)
        os.mkdir(folder, 0o700)
        path = os.path.join(folder, "draft" + suffix)
        with open(path, "wb") as fh:
            fh.write(data)
        return token, path

    def add(self, upload: Upload) -> None:
        with self._lock:
            self._items[upload.token] = upload
            while len(self._items) > self.keep:
                _, old = self._items.popitem(last=False)
                self._filed.pop(old.token, None)
                self.discard_files(old.token)

    def discard_files(self, token: str) -> None:
        shutil.rmtree(os.path.join(self.folder, token), ignore_errors=True)

    def get(self, token: str, owner: int) -> Upload | None:
        if not _TOKEN.fullmatch(token or ""):
            return None
        with self._lock:
            upload = self._items.get(token)
        return upload if upload is not None and upload.owner == owner else None

    def claim(self, token: str) -> int | None:
        """None when this request may file the upload (it is now marked as being filed); else the
        document id it was filed as, or ``FILING`` while another request is filing it."""
        with self._lock:
            if token in self._filed:
                return self._filed[token]
            self._filed[token] = FILING
            return None

    def filed(self, token: str, document_id: int | None) -> None:
        """The claimed filing ended: filed as ``document_id``, or refused (None: it may be tried again)."""
        with self._lock:
            if document_id is None:
                self._filed.pop(token, None)
            else:
                self._filed[token] = document_id

    def scratch(self, token: str) -> str:
        """A new empty folder for one download's output, inside the upload's own folder."""
        return tempfile.mkdtemp(prefix="out-", dir=os.path.join(self.folder, token))
