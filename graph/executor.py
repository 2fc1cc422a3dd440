"""Run a person's SPARQL under a real time limit, in a process that can be killed: `samsyn query`,
the web query page and /sparql all run queries here, each through the guard
(`sparql_guard.prepare`).

rdflib has no query timeout, and a thread cannot be stopped from outside: an asynchronous
exception (PyThreadState_SetAsyncExc) is only delivered between bytecodes, never inside a C call
(pyoxigraph's evaluator, a large sort, a regex), and the runaway thread keeps the GIL busy for
the caller's other threads while it runs. So every query is evaluated in its own process, which
is killed with SIGKILL when the limit is reached: the work really stops, its memory is returned,
and the caller's threads never shared a GIL with it.

Forking a multi-threaded process (a server's thread pool) is unsafe: a lock held by another
thread at the moment of fork stays locked forever in the child. So the executor forks once, a
single-threaded *zygote* that holds the store (copy-on-write): on the first query, or earlier
through `start()`, which a server calls before it starts threads. For each query the caller
passes the zygote one end of a fresh socketpair (SCM_RIGHTS); the zygote forks a child that
checks, evaluates and serialises the query and writes the answer on that socket. The caller
waits for it with a timeout and kills the child at the limit. The child also caps its own CPU
time (RLIMIT_CPU) and address space (RLIMIT_AS), so even a lost parent cannot leave a runaway
behind; the zygote exits when its parent goes away.

The wire format between caller and child is length-prefixed JSON and bytes; nothing is
unpickled."""

from __future__ import annotations

import json
import os
import resource
import select
import signal
import socket
import stat
import struct
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from itertools import islice

from rdflib import Graph
from rdflib.util import from_n3

from .namespaces import PREFIXES
from .results import GRAPH_FORMATS, SELECT_FORMATS, write_graph, write_select
from .sparql_guard import QueryError, prepare
from .store import QueryDataset, Store

#: seconds a query may run unless told otherwise (`samsyn query --timeout`, the viewer's QUERY_TIMEOUT)
DEFAULT_TIMEOUT = 30.0


@dataclass
class Outcome:
    """What became of one query. `status` is the SPARQL Protocol's: 200, 400 refused or failed,
    403 an update, 406 no acceptable format, 503 stopped at the time limit or busy, 500."""

    status: int
    message: str = ""
    form: str = ""  # SELECT, ASK, CONSTRUCT, DESCRIBE
    format: str = ""  # the results.SELECT_FORMATS or GRAPH_FORMATS key the body is in
    body: bytes = b""
    count: int = 0  # rows or triples returned
    truncated: bool = False
    limit: int = 0
    elapsed: float = 0.0
    timed_out: bool = False


# --- framing ------------------------------------------------------------------------------------

def _send(sock: socket.socket, payload: bytes) -> None:
    sock.sendall(struct.pack("!Q", len(payload)) + payload)


def _recv_exact(sock: socket.socket, size: int) -> bytes:
    chunks = []
    while size:
        chunk = sock.recv(min(size, 1 << 20))
        if not chunk:
            raise ConnectionError("the query process closed the connection")
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def _recv(sock: socket.socket) -> bytes:
    (size,) = struct.unpack("!Q", _recv_exact(sock, 8))
    return _recv_exact(sock, size)


# --- the child: one query ---------------------------------------------------------------------

def _vm_size() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _limit_self(cpu_seconds: float, memory_bytes: int) -> None:
    cpu = max(1, int(cpu_seconds) + 2)
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # SIGXCPU would otherwise dump core
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    if memory_bytes:
        resource.setrlimit(resource.RLIMIT_AS, (_vm_size() + memory_bytes, resource.RLIM_INFINITY))


def evaluate(store: Store, job: dict) -> tuple[dict, bytes]:
    """Check, evaluate and serialise one query. Returns (meta, body). Runs in the child."""
    named = job.get("dataset")
    dataset = QueryDataset(tuple(named["default_graphs"]), tuple(named["named_graphs"])) if named else None
    prepared = prepare(job["query"], store.graph_names, dataset)
    form = prepared.form
    limit = int(job.get("limit") or 0)
    fmt, offered = (job.get("select_format"), SELECT_FORMATS) if form in ("SELECT", "ASK") \
        else (job.get("graph_format"), GRAPH_FORMATS)
    if fmt not in offered:
        return {"status": 406, "form": form,
                "message": f"a {form} query answers in {', '.join(offered)}; the request accepts none of them"}, b""
    bindings = {name: from_n3(value) for name, value in (job.get("bindings") or {}).items()}
    result = store.query(prepared.text, bindings or None, prepared.dataset)
    truncated = False
    if form == "ASK":
        body = write_select(form, [], [], bool(result.askAnswer), fmt)
        count = 1
    elif form == "SELECT":
        variables = [str(v) for v in (result.vars or [])]
        rows_iter = iter(result)
        rows = [tuple(row[i] for i in range(len(variables))) for row in
                (islice(rows_iter, limit) if limit else rows_iter)]
        if limit and len(rows) == limit and next(rows_iter, None) is not None:
            truncated = True
        body = write_select(form, variables, rows, None, fmt)
        count = len(rows)
    else:
        graph = Graph()
        for prefix, namespace in PREFIXES.items():
            graph.bind(prefix, namespace)
        triples = iter(result.graph if result.graph is not None else result)
        for triple in (islice(triples, limit) if limit else triples):
            graph.add(triple)
        if limit and len(graph) >= limit and next(triples, None) is not None:
            truncated = True
        body = write_graph(graph, fmt)
        count = len(graph)
    return {"status": 200, "form": form, "format": fmt, "count": count,
            "truncated": truncated, "limit": limit}, body


def _serve_one(conn: socket.socket, store: Store) -> None:
    _send(conn, json.dumps({"pid": os.getpid()}).encode())
    job = json.loads(_recv(conn))
    _limit_self(job.get("timeout", DEFAULT_TIMEOUT), job.get("memory", 0))
    try:
        meta, body = evaluate(store, job)
    except QueryError as refused:
        meta, body = {"status": refused.status, "message": refused.message}, b""
    except MemoryError:
        meta, body = {"status": 503, "message": "the query needed more memory than samsyn allows it"}, b""
    except RecursionError:
        meta, body = {"status": 400, "message": "the query is nested too deeply to evaluate"}, b""
    except Exception as error:  # an evaluation error is the query's, reported as such
        first = str(error).strip().splitlines()[0] if str(error).strip() else ""
        meta, body = {"status": 400, "message": f"the query failed: {type(error).__name__}: {first}"}, b""
    _send(conn, json.dumps(meta).encode())
    _send(conn, body)


def _let_go_of_inherited_channels(keep: int) -> None:
    """Point every pipe and socket the zygote inherited, but `keep`, at /dev/null: held here, a
    server's listening socket or a driver's pipe would stay open after the parent closes it.
    (Replaced, not closed: a copied Python object may still close its number later.)"""
    null = os.open(os.devnull, os.O_RDWR)
    for name in os.listdir("/proc/self/fd"):
        fd = int(name)
        if fd <= 2 or fd in (keep, null):
            continue
        try:
            mode = os.fstat(fd).st_mode
        except OSError:  # the listing's own descriptor, gone
            continue
        if stat.S_ISSOCK(mode) or stat.S_ISFIFO(mode):
            os.dup2(null, fd)
    os.close(null)


def _zygote(control: socket.socket, store: Store, parent: int) -> None:
    """The zygote's loop: one fork per query. Single-threaded by construction."""
    _let_go_of_inherited_channels(control.fileno())
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped by the kernel
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the parent; we follow it out
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGALRM, signal.SIG_DFL)
    while True:
        if os.getppid() != parent:
            return
        ready, _, _ = select.select([control], [], [], 1.0)
        if not ready:
            continue
        try:
            message, fds, _, _ = socket.recv_fds(control, 16, 1)
        except OSError:
            return
        if not message:
            return  # the parent closed its end
        if not fds:
            continue
        pid = os.fork()
        if pid == 0:
            status = 0
            try:
                control.close()
                with socket.socket(fileno=fds[0]) as conn:
                    _serve_one(conn, store)
            except BaseException:
                status = 1
            finally:
                os._exit(status)
        os.close(fds[0])


# --- the caller's side --------------------------------------------------------------------------

class QueryExecutor:
    """Evaluates queries in killable processes forked from a zygote, `workers` at a time.

    The zygote is forked on the first query; a server calls `start()` before it starts threads.
    `limit` caps the rows or triples of one answer (0: no cap); `memory_bytes` the address space
    one query may add (0: no cap)."""

    def __init__(self, store: Store, timeout: float = DEFAULT_TIMEOUT, limit: int = 10_000, workers: int = 4,
                 memory_bytes: int = 2 << 30):
        self.store = store
        self.timeout = float(timeout)
        self.limit = int(limit)
        self.memory_bytes = int(memory_bytes)
        self._slots = threading.BoundedSemaphore(max(1, workers))
        self._lock = threading.Lock()
        self._control: socket.socket | None = None
        self._zygote_pid: int | None = None
        self._closed = False

    def __enter__(self) -> QueryExecutor:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def start(self) -> None:
        """Fork the zygote now (once); a no-op if it runs or the executor was closed."""
        with self._lock:
            if self._control is not None or self._closed:
                return
            parent_end, zygote_end = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
            parent = os.getpid()
            pid = os.fork()
            if pid == 0:
                code = 0
                try:
                    parent_end.close()
                    _zygote(zygote_end, self.store, parent)
                except BaseException:
                    code = 1
                finally:
                    os._exit(code)
            zygote_end.close()
            self._control = parent_end
            self._zygote_pid = pid

    def close(self) -> None:
        with self._lock:
            self._closed = True
            control, self._control = self._control, None
            pid, self._zygote_pid = self._zygote_pid, None
        if control is not None:
            try:
                control.close()
            except OSError:
                pass
        if pid:
            try:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass

    def run(self, query: str, select_format: str | None = "json", graph_format: str | None = "turtle",
            bindings: Mapping[str, str] | None = None, timeout: float | None = None, limit: int | None = None,
            on_start: Callable[[int], None] | None = None, dataset: QueryDataset | None = None) -> Outcome:
        """Evaluate `query` and return its serialised answer or why there is none.
        `select_format` (for SELECT and ASK) is a key of results.SELECT_FORMATS, `graph_format`
        (CONSTRUCT, DESCRIBE) one of results.GRAPH_FORMATS; None where the caller accepts none.
        `bindings` maps variable names to terms in N3 syntax (`<iri>`, `"text"@sv`); `dataset`
        is the SPARQL Protocol's (default-graph-uri, named-graph-uri), checked by the guard."""
        timeout = self.timeout if timeout is None else float(timeout)
        limit = self.limit if limit is None else int(limit)
        started = time.monotonic()
        self.start()
        if not self._slots.acquire(timeout=timeout):
            return Outcome(503, f"samsyn is busy: no query slot came free within {timeout:g} s", limit=limit)
        try:
            return self._run(query, select_format, graph_format, dict(bindings or {}), timeout, limit,
                             started, on_start, dataset)
        finally:
            self._slots.release()

    def _run(self, query, select_format, graph_format, bindings, timeout, limit, started, on_start,
             dataset=None) -> Outcome:
        control = self._control
        if control is None:
            return Outcome(503, "the query service is not running", limit=limit)
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        child = None
        try:
            try:
                with self._lock:
                    socket.send_fds(control, [b"q"], [theirs.fileno()])
            finally:
                theirs.close()
            job = {"query": query, "select_format": select_format, "graph_format": graph_format,
                   "bindings": bindings, "limit": limit, "timeout": timeout, "memory": self.memory_bytes,
                   "dataset": asdict(dataset) if dataset else None}
            _send(ours, json.dumps(job).encode())

            def remaining() -> float:
                left = timeout - (time.monotonic() - started)
                if left <= 0:
                    raise TimeoutError
                return left

            ours.settimeout(remaining())
            child = json.loads(_recv(ours))["pid"]
            if on_start:
                on_start(child)
            ours.settimeout(remaining())
            meta = json.loads(_recv(ours))
            ours.settimeout(remaining())
            body = _recv(ours)
            child = None  # it answered: nothing to stop
        except (TimeoutError, socket.timeout):
            return Outcome(503, f"the query was stopped at the time limit of {timeout:g} s",
                           limit=limit, elapsed=time.monotonic() - started, timed_out=True)
        except (ConnectionError, OSError) as error:
            return Outcome(500, f"the query process failed: {error}", limit=limit,
                           elapsed=time.monotonic() - started)
        finally:
            if child is not None:
                try:
                    os.kill(child, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            ours.close()
        return Outcome(meta["status"], meta.get("message", ""), form=meta.get("form", ""),
                       format=meta.get("format", ""), body=body, count=meta.get("count", 0),
                       truncated=meta.get("truncated", False), limit=meta.get("limit", limit),
                       elapsed=time.monotonic() - started)
