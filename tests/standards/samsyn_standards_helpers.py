"""Helpers for the standards suites (tests/standards): one HTTP request exactly as given."""

from __future__ import annotations

import http.client
from dataclasses import dataclass

from samsyn.viewer.testing import LiveServer


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def media_type(self) -> str:
        return (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()


def send(server: LiveServer, method: str, path: str, body: bytes | None = None,
         headers: dict[str, str] | None = None) -> Answer:
    """One HTTP request as given (no redirect followed, no header added but Host and
    Content-Length), the way the protocol tests describe theirs."""
    connection = http.client.HTTPConnection(server.host, server.port, timeout=60)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return Answer(response.status, response.headers, response.read())
    finally:
        connection.close()
