"""Run the viewer under waitress in the background, on a free loopback port: for end-to-end
tests, notebooks and scripts that want the real server without a terminal."""

from __future__ import annotations

import socket
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from flask import Flask


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


@dataclass
class LiveServer:
    app: Flask
    host: str
    port: int

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"


@contextmanager
def live_server(app: Flask, host: str = "127.0.0.1", threads: int = 6) -> Iterator[LiveServer]:
    """waitress serving `app` in a thread until the block ends; waits until it answers."""
    from waitress import create_server

    from . import start

    start(app)  # before create_server starts waitress's threads
    server = create_server(app, host=host, port=0, threads=threads, ident="samsyn-test")
    port = server.socket.getsockname()[1]
    thread = threading.Thread(target=server.run, name=f"waitress-{port}", daemon=True)
    thread.start()
    live = LiveServer(app, host, port)
    deadline = time.monotonic() + 10
    while True:
        try:
            opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback, never a proxy
            with opener.open(f"{live.url}/sparql?query=ASK%7B%7D", timeout=2) as response:
                response.read()
            break
        except OSError:
            if time.monotonic() > deadline:
                server.close()
                raise
            time.sleep(0.05)
    try:
        yield live
    finally:
        server.close()
        thread.join(timeout=5)
