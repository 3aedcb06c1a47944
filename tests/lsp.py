"""A small client of the Language Server Protocol over stdio, enough to ask
yaml-language-server (the server behind VS Code's YAML extension) what an editor shows:
the diagnostics of an open file and the completions at a position."""

from __future__ import annotations

import json
import queue
import subprocess
import threading
import time
from pathlib import Path
from typing import Any


class LanguageServer:
    def __init__(self, command: list[str], root: Path, settings: dict[str, Any]) -> None:
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL)
        self.settings = settings
        self.inbox: queue.Queue[dict[str, Any]] = queue.Queue()
        self.next_id = 0
        self.version = 0  # every opening is a new version: the server keeps no stale text
        threading.Thread(target=self._read, daemon=True).start()
        reply = self.request("initialize", {
            "processId": None, "rootUri": root.as_uri(),
            "capabilities": {"workspace": {"configuration": True},
                             "textDocument": {"completion": {
                                 "completionItem": {"snippetSupport": False}}}},
        })
        assert "capabilities" in reply
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": {"yaml": settings}})

    def _read(self) -> None:
        out = self.process.stdout
        assert out is not None
        while True:
            headers: dict[str, str] = {}
            while True:
                line = out.readline()
                if not line:
                    return
                text = line.decode("ascii").strip()
                if not text:
                    break
                key, value = text.split(":", 1)
                headers[key.lower()] = value.strip()
            self.inbox.put(json.loads(out.read(int(headers["content-length"]))))

    def _send(self, message: dict[str, Any]) -> None:
        data = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        stdin = self.process.stdin
        assert stdin is not None
        stdin.write(b"Content-Length: %d\r\n\r\n" % len(data) + data)
        stdin.flush()

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self._send({"method": method, "params": params})

    def request(self, method: str, params: dict[str, Any]) -> Any:
        self.next_id += 1
        wanted = self.next_id
        self._send({"id": wanted, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == wanted and "method" not in m)["result"]

    def wait(self, wanted: Any, timeout: float = 60) -> dict[str, Any]:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                message = self.inbox.get(timeout=0.2)
            except queue.Empty:
                continue
            if "method" in message and "id" in message:  # the server asks the client
                items = message.get("params", {}).get("items", [])
                result = ([self.settings for _ in items]
                          if message["method"] == "workspace/configuration" else None)
                self._send({"id": message["id"], "result": result})
                continue
            if wanted(message):
                return message
        raise TimeoutError("the language server did not answer")

    def diagnostics(self, path: Path, text: str) -> list[tuple[int, int, str]]:
        """(line, column, message), 1-based, of a file opened with ``text``."""
        uri = path.as_uri()
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "yaml", "version": self._version(), "text": text}})
        found = self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                          and m["params"]["uri"] == uri)
        self.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
        return sorted((d["range"]["start"]["line"] + 1, d["range"]["start"]["character"] + 1,
                       d["message"]) for d in found["params"]["diagnostics"])

    def completions(self, path: Path, text: str, line: int, col: int) -> list[str]:
        """The labels offered at (line, column), 1-based."""
        uri = path.as_uri()
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "yaml", "version": self._version(), "text": text}})
        result = self.request("textDocument/completion", {
            "textDocument": {"uri": uri}, "position": {"line": line - 1, "character": col - 1}})
        self.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
        items = result["items"] if isinstance(result, dict) else result
        return sorted({item["label"] for item in items})

    def _version(self) -> int:
        self.version += 1
        return self.version

    def close(self) -> None:
        self.process.kill()
        self.process.wait()
