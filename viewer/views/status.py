"""/status.json: what the server holds and does, for operators and the benchmarks: the caches'
entries and bytes (viewer.knowledge), the query executor's slots, queue and counts
(graph.executor), and the process's memory."""

from __future__ import annotations

import resource

from flask import Blueprint, jsonify

from ..web import samsyn

bp = Blueprint("status", __name__)


def _memory() -> dict:
    """Resident and peak memory of the server process, in bytes (Linux's /proc; the peak from
    getrusage elsewhere)."""
    out = {"peakBytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    out["residentBytes"] = int(line.split()[1]) * 1024
    except OSError:
        pass
    return out


@bp.route("/status.json")
def status():
    app = samsyn()
    response = jsonify({"caches": app.knowledge.status(), "queries": app.executor.status(), "memory": _memory()})
    response.headers["Cache-Control"] = "no-store"
    return response
