"""A fake LINE Messaging API on loopback: push, reply and issue-link-token, as documented
(https://developers.line.biz/en/reference/messaging-api/). Records every request; switches make it fail."""

import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LINK_TOKEN = re.compile(r"^/v2/bot/user/(?P<uid>[^/]+)/linkToken$")


class FakeLine:
    def __init__(self, token):
        self.token = token
        self.requests = []  # (path, headers dict, json body)
        self.fail_status = None  # e.g. 500: every call answers it
        self.retry_keys = set()
        self.link_tokens = 0
        self._lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):  # noqa: N802 - http.server's name
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                body = json.loads(raw) if raw else None
                with fake._lock:
                    fake.requests.append((self.path, dict(self.headers), body))
                    status, payload = fake._answer(self.path, self.headers, body)
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def _answer(self, path, headers, body):
        if headers.get("Authorization") != f"Bearer {self.token}":
            return 401, {"message": "Authentication failed"}
        if self.fail_status:
            return self.fail_status, {"message": "The server is down"}
        if path == "/v2/bot/message/push":
            key = headers.get("X-Line-Retry-Key")
            if key and key in self.retry_keys:
                return 409, {"message": "The retry key is already accepted"}
            if key:
                self.retry_keys.add(key)
            return 200, {"sentMessages": [{"id": str(len(self.requests)), "quoteToken": "q"}]}
        if path == "/v2/bot/message/reply":
            return 200, {"sentMessages": [{"id": str(len(self.requests)), "quoteToken": "q"}]}
        m = LINK_TOKEN.match(path)
        if m:
            self.link_tokens += 1
            return 200, {"linkToken": f"LinkTok{self.link_tokens:04d}{m['uid'][-6:]}"}
        return 404, {"message": "Not found"}

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    # --- what was sent ---

    def calls(self, path):
        return [(h, b) for p, h, b in self.requests if p == path]

    def pushes(self, to=None):
        return [b for _h, b in self.calls("/v2/bot/message/push") if to is None or b["to"] == to]

    def replies(self):
        return [b["messages"][0]["text"] for _h, b in self.calls("/v2/bot/message/reply")]
