"""Debian's chromium driven by Playwright (no browser download of Playwright's own), against the viewer under
waitress on loopback. Every request a page makes goes through page.route: anything not for
127.0.0.1 is recorded and refused, and the test fails on it."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlparse

import pytest

from samsyn.graph.building import build
from samsyn.viewer.testing import live_server

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).parents[2] / "test-artifacts"
HOSTILE = Path(__file__).parents[1] / "html" / "fixtures" / "hostile.ttl"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync"]


def pytest_collection_modifyitems(config, items):
    if not os.path.exists(CHROMIUM):
        skip = pytest.mark.skip(reason=f"{CHROMIUM} is missing: apt-get install chromium (.ci/run does)")
        for item in items:
            if "browser" in item.keywords:
                item.add_marker(skip)


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def server(make_app, bundled_store):
    with live_server(make_app(bundled_store, WARM=True)) as live:
        yield live


@pytest.fixture(scope="session")
def hostile_server(make_app):
    with live_server(make_app(build([HOSTILE]), [HOSTILE], WARM=True)) as live:
        yield live


class Guard:
    """What a page asked for, what left (nothing may), what went wrong in it."""

    def __init__(self):
        self.requests: list[str] = []
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []


def _open(browser, request, **context_options):
    guard = Guard()
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="en-GB", **context_options)

    def route(route):
        url = route.request.url
        guard.requests.append(url)
        host = urlparse(url).hostname
        if urlparse(url).scheme in ("data", "blob") or host == "127.0.0.1":
            route.continue_()
        else:
            guard.outside.append(url)
            route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("pageerror", lambda error: guard.errors.append(str(error)))
    page.on("console", lambda message: guard.errors.append(message.text) if message.type == "error" else None)

    def on_dialog(dialog):
        guard.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.guard = guard
    return context, page


@pytest.fixture
def page(browser, request):
    context, page = _open(browser, request)
    yield page
    context.close()
    assert page.guard.requests, "the page made no request at all: the guard saw nothing"
    assert not page.guard.outside, f"requests left the machine: {page.guard.outside}"
    assert not page.guard.errors, f"errors in the page: {page.guard.errors}"


@pytest.fixture
def open_page(browser):
    """A factory for pages with context options (e.g. bypass_csp), guarded the same way."""
    opened = []

    def make(**options):
        context, page = _open(browser, None, **options)
        opened.append((context, page))
        return page

    yield make
    for context, page in opened:
        context.close()
        assert not page.guard.outside, f"requests left the machine: {page.guard.outside}"
