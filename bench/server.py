"""A static file server on 127.0.0.1 that gzips text as a static host does.

Both sites of the bench are served by this one server, each under its own prefix
(``/course/``, ``/stock/``), so the course and the stock recipe are measured over the same
wire. Text types (HTML, CSS, JS,
SVG, JSON, XML, plain text) are sent gzipped (level 6, cached in memory) to clients that
accept it; other files as they are. ``Content-Length`` is always the bytes on the wire.
"""

from __future__ import annotations

import contextlib
import gzip
import http.server
import mimetypes
import threading
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

LOOPBACK = "127.0.0.1"
COMPRESSED_TYPES = (
    "text/",
    "application/javascript",
    "application/json",
    "application/xml",
    "image/svg+xml",
)
mimetypes.add_type("application/javascript", ".mjs")
mimetypes.add_type("image/webp", ".webp")
mimetypes.add_type("font/woff2", ".woff2")


class _Cache:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._gzipped: dict[tuple[Path, int, int], bytes] = {}

    def gzipped(self, path: Path, data: bytes) -> bytes:
        stat = path.stat()
        key = (path, stat.st_mtime_ns, stat.st_size)
        with self._lock:
            found = self._gzipped.get(key)
        if found is None:
            found = gzip.compress(data, compresslevel=6, mtime=0)
            with self._lock:
                self._gzipped[key] = found
        return found


class GzipHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def __init__(self, *args: Any, mounts: dict[str, Path], cache: _Cache, **kwargs: Any):
        self.mounts = mounts
        self.cache = cache
        super().__init__(*args, **kwargs)

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _mount(self) -> tuple[Path, str] | None:
        """The folder a request is for and the path inside it."""
        path = unquote(urlsplit(self.path).path)
        prefix, _, rest = path.lstrip("/").partition("/")
        root = self.mounts.get(prefix)
        if root is None or ".." in rest.split("/"):
            return None
        return root, rest

    def _file(self) -> Path | None:
        found = self._mount()
        if found is None:
            return None
        root, rest = found
        target = root / rest
        if target.is_dir():
            if rest and not rest.endswith("/"):
                return None
            target = target / "index.html"
        return target if target.is_file() else None

    def do_GET(self) -> None:
        self._respond(body=True)

    def do_HEAD(self) -> None:
        self._respond(body=False)

    def _respond(self, body: bool) -> None:
        target = self._file()
        status = 200
        if target is None:
            found = self._mount()
            status, target = 404, (found[0] / "404.html" if found else Path("/nonexistent"))
            if not target.is_file():
                self.send_error(404)
                return
        data = target.read_bytes()
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        accepts = "gzip" in (self.headers.get("Accept-Encoding") or "")
        self.send_response(status)
        self.send_header(
            "Content-Type", kind + ("; charset=utf-8" if kind.startswith("text/") else "")
        )
        if accepts and kind.startswith(COMPRESSED_TYPES):
            data = self.cache.gzipped(target, data)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        if body:
            self.wfile.write(data)


@contextlib.contextmanager
def serve(mounts: dict[str, Path], port: int = 0) -> Iterator[str]:
    """Serve each folder under /<prefix>/ on 127.0.0.1; yield the base URL ("http://.../")."""
    handler = partial(GzipHandler, mounts=dict(mounts), cache=_Cache())
    server = http.server.ThreadingHTTPServer((LOOPBACK, port), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{LOOPBACK}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
