"""create_app over a built store is cheap: it builds nothing and forks nothing; the query process
starts on the first query."""

from __future__ import annotations

import os
from pathlib import Path


def _children() -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{os.getpid()}/task").iterdir():
        found |= {int(pid) for pid in (task / "children").read_text().split()}
    return found


def test_the_app_starts_its_query_process_on_the_first_query(make_app, exempelby_store):
    before = _children()
    app = make_app(exempelby_store)
    assert app.extensions["samsyn"].knowledge.store is exempelby_store
    assert _children() == before, "create_app forked"
    response = app.test_client().get("/sparql?query=ASK%7B%3Fs%20a%20sam%3AGoal%7D", headers={"Accept": "text/csv"})
    assert response.status_code == 200 and response.data.decode().splitlines()[-1] == "true"
    assert len(_children() - before) == 1, "the first query did not start exactly one query process"
