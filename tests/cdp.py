"""A small Chrome DevTools Protocol client for the browser tests: Debian's headless Chromium, driven over
a websocket on 127.0.0.1 (standard library only; no browser download, no Playwright).

`Browser.start()` launches Chromium with `--remote-debugging-port=0`, reads the port from the profile's
`DevToolsActivePort` file and connects. `browser.open(url, width, height)` loads a page in a fresh
tab with a phone or desktop viewport and records console errors, exceptions and every network request.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import shutil
import socket
import struct
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from poscheck.pdf import CHROMIUM_FLAGS, find_chromium


class WebSocket:
    """Just enough of RFC 6455 for CDP: one text message at a time, client frames masked."""

    def __init__(self, host: str, port: int, path: str, timeout: float = 30.0) -> None:
        self.sock = socket.create_connection((host, port), timeout=timeout)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall(
            (
                f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\n"
                f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"
            ).encode()
        )
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise ConnectionError("DevTools closed the connection during the handshake")
            head += chunk
        status = head.split(b"\r\n", 1)[0]
        if b" 101 " not in status:
            raise ConnectionError(f"DevTools refused the websocket: {status!r}")
        self.buf = head.split(b"\r\n\r\n", 1)[1]

    def _read(self, n: int) -> bytes:
        while len(self.buf) < n:
            chunk = self.sock.recv(max(65536, n - len(self.buf)))
            if not chunk:
                raise ConnectionError("DevTools closed the connection")
            self.buf += chunk
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def send(self, text: str) -> None:
        payload = text.encode()
        mask = os.urandom(4)
        n = len(payload)
        if n < 126:
            head = struct.pack("!BB", 0x81, 0x80 | n)
        elif n < 65536:
            head = struct.pack("!BBH", 0x81, 0x80 | 126, n)
        else:
            head = struct.pack("!BBQ", 0x81, 0x80 | 127, n)
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        self.sock.sendall(head + mask + masked)

    def recv(self) -> str:
        parts: list[bytes] = []
        while True:
            b0, b1 = self._read(2)
            n = b1 & 0x7F
            if n == 126:
                n = struct.unpack("!H", self._read(2))[0]
            elif n == 127:
                n = struct.unpack("!Q", self._read(8))[0]
            data = self._read(n)
            opcode = b0 & 0x0F
            if opcode == 0x8:
                raise ConnectionError("DevTools closed the websocket")
            if opcode == 0x9:  # ping
                self.sock.sendall(struct.pack("!BB", 0x8A, 0x80) + b"\0\0\0\0")
                continue
            parts.append(data)
            if b0 & 0x80:
                return b"".join(parts).decode()

    def close(self) -> None:
        self.sock.close()


@dataclass
class Page:
    """What one page load produced: console errors, exceptions, requests, and measurements."""

    session: str
    target: str = ""
    console: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)


class Browser:
    def __init__(self, proc: subprocess.Popen[bytes], profile: str, ws: WebSocket) -> None:
        self.proc, self.profile, self.ws = proc, profile, ws
        self.next_id = 0
        self.pages: dict[str, Page] = {}

    @classmethod
    def start(cls) -> Browser:
        exe = find_chromium()
        if exe is None:
            raise RuntimeError("Chromium is not installed (apt-get install chromium fonts-noto-cjk)")
        profile = tempfile.mkdtemp(prefix="poscheck-cdp-")
        proc = subprocess.Popen(
            [
                exe,
                *CHROMIUM_FLAGS,
                f"--user-data-dir={profile}",
                "--remote-debugging-port=0",
                "--remote-debugging-address=127.0.0.1",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        port_file = Path(profile) / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while not (port_file.is_file() and len(port_file.read_text().split("\n")) >= 2):
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                raise RuntimeError("Chromium did not open its DevTools port")
            time.sleep(0.05)
        port, path = port_file.read_text().split("\n")[:2]
        return cls(proc, profile, WebSocket("127.0.0.1", int(port), path))

    def _event(self, msg: dict[str, Any]) -> None:
        page = self.pages.get(msg.get("sessionId", ""))
        if page is None:
            return
        method, p = msg["method"], msg.get("params", {})
        if method == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert", "warning"):
            page.console.append(
                " ".join(str(a.get("value", a.get("description", ""))) for a in p.get("args", []))
            )
        elif method == "Runtime.exceptionThrown":
            page.console.append(str(p.get("exceptionDetails", {}).get("text", "exception")))
        elif method == "Log.entryAdded" and p.get("entry", {}).get("level") in ("error", "warning"):
            page.console.append(str(p["entry"].get("text", "")))
        elif method == "Network.requestWillBeSent":
            page.requests.append(str(p.get("request", {}).get("url", "")))

    def call(
        self,
        method: str,
        params: dict[str, Any] | None = None,
        session: str | None = None,
        wait_for: str | None = None,
        timeout: float = 30.0,
    ) -> dict[str, Any]:
        """Send a command; return its result (or, with `wait_for`, once that event has also arrived)."""
        self.next_id += 1
        mid = self.next_id
        msg: dict[str, Any] = {"id": mid, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        self.ws.send(json.dumps(msg))
        result: dict[str, Any] | None = None
        seen_event = wait_for is None
        deadline = time.monotonic() + timeout
        while result is None or not seen_event:
            if time.monotonic() > deadline:
                raise TimeoutError(f"{method}: no answer within {timeout}s")
            reply = json.loads(self.ws.recv())
            if reply.get("id") == mid:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                result = reply.get("result", {})
            elif "method" in reply:
                self._event(reply)
                if reply["method"] == wait_for and reply.get("sessionId") == session:
                    seen_event = True
        return result

    def open(self, url: str, width: int, height: int, *, mobile: bool) -> Page:
        """A new tab with the given viewport, `url` loaded; events recorded on the returned Page."""
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        page = Page(session)
        self.pages[session] = page
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable", session=session)
        self.call(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 2 if mobile else 1, "mobile": mobile},
            session=session,
        )
        self.call("Page.navigate", {"url": url}, session=session, wait_for="Page.loadEventFired")
        page.target = target
        return page

    def close_page(self, page: Page) -> None:
        self.call("Target.closeTarget", {"targetId": page.target})
        self.pages.pop(page.session, None)

    def evaluate(self, page: Page, expression: str) -> Any:
        res = self.call(
            "Runtime.evaluate", {"expression": expression, "returnByValue": True}, session=page.session
        )
        return res.get("result", {}).get("value")

    def screenshot(self, page: Page, path: Path, *, full: bool = False) -> Path:
        params: dict[str, Any] = {"format": "png"}
        if full:
            size = self.evaluate(
                page, "[document.documentElement.scrollWidth, document.documentElement.scrollHeight]"
            )
            params.update(
                captureBeyondViewport=True,
                clip={"x": 0, "y": 0, "width": size[0], "height": min(size[1], 16000), "scale": 1},
            )
        data = self.call("Page.captureScreenshot", params, session=page.session)["data"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))
        return path

    def close(self) -> None:
        with contextlib.suppress(ConnectionError, TimeoutError, RuntimeError, OSError):
            self.call("Browser.close", timeout=5)
        self.ws.close()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        shutil.rmtree(self.profile, ignore_errors=True)
