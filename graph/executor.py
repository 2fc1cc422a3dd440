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
behind; the zygote exits when its parent goes away. The zygote reaps its children and tells the
caller how one ended when it ended without answering (on a pipe passed with the socket): an
allocation refused under RLIMIT_AS aborts Oxigraph's Rust code (SIGABRT), which is the query
needing more memory than allowed, not a server error.

A server must not let queries take every thread it has: `run` admits at most `workers` running
and `queue` waiting queries, and `per_client` from one client, and refuses the rest at once (503
with `retry_after`) rather than holding a thread while they wait. A caller passes `cancelled` (a
server's "has the client gone?") and the query is stopped, its process killed, when it says so.

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
#: seconds a refused client is asked to wait before it asks again (the Retry-After header)
RETRY_AFTER = 5
#: seconds between two looks at `cancelled` while a query waits or runs
POLL = 0.2
#: what a query's process ended by, when it ended without answering: Oxigraph aborts (SIGABRT) when an
#: allocation fails under RLIMIT_AS; the kernel's out-of-memory killer sends SIGKILL
MEMORY_SIGNALS = (signal.SIGABRT, signal.SIGKILL)
NEEDS_MEMORY = "the query needs more memory than samsyn allows a query"


@dataclass
class Outcome:
    """What became of one query. `status` is the SPARQL Protocol's: 200, 400 refused or failed,
    403 an update, 406 no acceptable format, 503 stopped at the time limit (`timed_out`), out of
    memory (NEEDS_MEMORY) or busy (with `retry_after`), 500; 499 (nginx's "client closed request")
    when the client went away, so nobody reads it."""

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
    retry_after: int = 0  # seconds to wait before asking again (refused: busy), else 0


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
    os.nice(10)  # a server's pages (and the rest of the machine) come before queries when the cores are busy
    try:  # and when memory runs out, the kernel stops a query, not the server
        with open("/proc/self/oom_score_adj", "w", encoding="ascii") as score:
            score.write("1000")
    except OSError:
        pass
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
        # the cap counts the triples the engine gives, repeats too: a template over a cross join
        # repeats a few distinct triples without end, and only the count of what was read stops it
        triples = iter(result)
        for triple in (islice(triples, limit) if limit else triples):
            graph.add(triple)
        if limit and next(triples, None) is not None:
            truncated = True
        body = write_graph(graph, fmt)
        count = len(graph)
    return {"status": 200, "form": form, "format": fmt, "count": count,
            "truncated": truncated, "limit": limit}, body


def _serve_one(conn: socket.socket, store: Store) -> None:
    _send(conn, json.dumps({"pid": os.getpid()}).encode())
    job = json.loads(_recv(conn))
    _limit_self(job.get("timeout", DEFAULT_TIMEOUT), job.get("memory", 0))
    # a query out of memory aborts Oxigraph: one line in the server's log ("memory allocation of N
    # bytes failed"), not a backtrace, as it is the query's doing
    os.environ["RUST_BACKTRACE"] = "0"
    try:
        meta, body = evaluate(store, job)
    except QueryError as refused:
        meta, body = {"status": refused.status, "message": refused.message}, b""
    except MemoryError:
        meta, body = {"status": 503, "message": NEEDS_MEMORY}, b""
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
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)  # reaped below, to say how each ended
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the parent; we follow it out
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGALRM, signal.SIG_DFL)
    endings: dict[int, int] = {}  # child pid -> the pipe on which to say how it ended
    while True:
        if os.getppid() != parent:
            return
        ready, _, _ = select.select([control], [], [], POLL)
        _report_endings(endings)
        if not ready:
            continue
        try:
            message, fds, _, _ = socket.recv_fds(control, 16, 2)
        except OSError:
            return
        if not message:
            return  # the parent closed its end
        if len(fds) != 2:
            for fd in fds:
                os.close(fd)
            continue
        conn_fd, ending_fd = fds
        pid = os.fork()
        if pid == 0:
            status = 0
            try:
                control.close()
                for fd in (ending_fd, *endings.values()):
                    os.close(fd)
                with socket.socket(fileno=conn_fd) as conn:
                    _serve_one(conn, store)
            except BaseException:
                status = 1
            finally:
                os._exit(status)
        os.close(conn_fd)
        endings[pid] = ending_fd


def _report_endings(endings: dict[int, int]) -> None:
    """Reap the children that ended and write how on each one's pipe (one JSON line)."""
    while endings:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        fd = endings.pop(pid, None)
        if fd is None:
            continue
        ended = {"signal": os.WTERMSIG(status) if os.WIFSIGNALED(status) else 0,
                 "exit": os.WEXITSTATUS(status) if os.WIFEXITED(status) else None}
        try:
            os.write(fd, json.dumps(ended).encode() + b"\n")
        except OSError:  # the caller stopped listening
            pass
        os.close(fd)


# --- the caller's side --------------------------------------------------------------------------

class _Cancelled(Exception):
    """The caller's client went away."""


class _Frames:
    """Length-prefixed frames read from a query's socket without blocking the caller for longer
    than POLL, so that a deadline and `cancelled` are looked at while the query runs."""

    def __init__(self, sock: socket.socket, deadline: float, cancelled: Callable[[], bool] | None):
        self.sock, self.deadline, self.cancelled = sock, deadline, cancelled
        self.buffer = bytearray()

    def next(self) -> bytes:
        while True:
            if len(self.buffer) >= 8:
                (size,) = struct.unpack_from("!Q", self.buffer)
                if len(self.buffer) >= 8 + size:
                    frame = bytes(self.buffer[8:8 + size])
                    del self.buffer[:8 + size]
                    return frame
            left = self.deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError
            ready, _, _ = select.select([self.sock], [], [], min(POLL, left))
            if self.cancelled is not None and self.cancelled():
                raise _Cancelled
            if ready:
                chunk = self.sock.recv(1 << 20)
                if not chunk:
                    raise ConnectionError("the query process closed the connection")
                self.buffer += chunk


class QueryExecutor:
    """Evaluates queries in killable processes forked from a zygote, `workers` at a time, with at
    most `queue` more waiting for one of them and at most `per_client` (0: any number) running or
    waiting for one client; the rest are refused at once.

    The zygote is forked on the first query; a server calls `start()` before it starts threads.
    `limit` caps the rows or triples of one answer (0: no cap); `memory_bytes` the address space
    one query may add (0: no cap)."""

    def __init__(self, store: Store, timeout: float = DEFAULT_TIMEOUT, limit: int = 10_000, workers: int = 4,
                 memory_bytes: int = 2 << 30, queue: int = 4, per_client: int = 0):
        self.store = store
        self.timeout = float(timeout)
        self.limit = int(limit)
        self.memory_bytes = int(memory_bytes)
        self.workers = max(1, int(workers))
        self.queue = max(0, int(queue))
        self.per_client = max(0, int(per_client))
        self._slots = threading.BoundedSemaphore(self.workers)
        self._lock = threading.Lock()
        self._admission = threading.Lock()
        self._admitted = 0  # running or waiting for a slot
        self._running = 0
        self._clients: dict[str, int] = {}  # client -> its queries running or waiting
        self._counts = dict.fromkeys(("answered", "refusedBusy", "refusedClient", "timedOut", "cancelled",
                                      "neededMemory", "failed"), 0)
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

    def status(self) -> dict:
        """What the executor is doing and has done: for a server's status page and the benchmarks."""
        with self._admission:
            return {"workers": self.workers, "queue": self.queue, "perClient": self.per_client,
                    "running": self._running, "waiting": self._admitted - self._running,
                    "clients": len(self._clients), **self._counts}

    def run(self, query: str, select_format: str | None = "json", graph_format: str | None = "turtle",
            bindings: Mapping[str, str] | None = None, timeout: float | None = None, limit: int | None = None,
            on_start: Callable[[int], None] | None = None, dataset: QueryDataset | None = None,
            client: str = "", cancelled: Callable[[], bool] | None = None) -> Outcome:
        """Evaluate `query` and return its serialised answer or why there is none.
        `select_format` (for SELECT and ASK) is a key of results.SELECT_FORMATS, `graph_format`
        (CONSTRUCT, DESCRIBE) one of results.GRAPH_FORMATS; None where the caller accepts none.
        `bindings` maps variable names to terms in N3 syntax (`<iri>`, `"text"@sv`); `dataset`
        is the SPARQL Protocol's (default-graph-uri, named-graph-uri), checked by the guard. `client`
        names who asks (for `per_client`); `cancelled()` says whether they still want the answer."""
        timeout = self.timeout if timeout is None else float(timeout)
        limit = self.limit if limit is None else int(limit)
        started = time.monotonic()
        self.start()
        refused = self._admit(client, limit)
        if refused is not None:
            return refused
        try:
            outcome = self._wait_for_slot(started, timeout, limit, cancelled)
            if outcome is None:
                try:
                    outcome = self._run(query, select_format, graph_format, dict(bindings or {}), timeout, limit,
                                        started, on_start, dataset, cancelled)
                finally:
                    self._slots.release()
        finally:
            self._leave(client)
        self._count(outcome)
        return outcome

    def _admit(self, client: str, limit: int) -> Outcome | None:
        with self._admission:
            if self.per_client and self._clients.get(client, 0) >= self.per_client:
                self._counts["refusedClient"] += 1
                return Outcome(503, f"samsyn is busy with {self.per_client} queries of yours: send this one when "
                                    "one of them has been answered", limit=limit, retry_after=RETRY_AFTER)
            if self._admitted >= self.workers + self.queue:
                self._counts["refusedBusy"] += 1
                return Outcome(503, f"samsyn is busy: {self.workers} queries are running and {self.queue} waiting; "
                                    "try again shortly", limit=limit, retry_after=RETRY_AFTER)
            self._admitted += 1
            self._clients[client] = self._clients.get(client, 0) + 1
            return None

    def _leave(self, client: str) -> None:
        with self._admission:
            self._admitted -= 1
            left = self._clients.pop(client) - 1
            if left:
                self._clients[client] = left

    def _wait_for_slot(self, started: float, timeout: float, limit: int,
                       cancelled: Callable[[], bool] | None) -> Outcome | None:
        """None once a slot is taken (the caller releases it), else why not."""
        while True:
            left = timeout - (time.monotonic() - started)
            if left <= 0:
                return Outcome(503, f"samsyn is busy: no query slot came free within {timeout:g} s", limit=limit,
                               retry_after=RETRY_AFTER, elapsed=time.monotonic() - started)
            if self._slots.acquire(timeout=min(POLL, left)):
                with self._admission:
                    self._running += 1
                return None
            if cancelled is not None and cancelled():
                return Outcome(499, "the client went away before the query started", limit=limit,
                               elapsed=time.monotonic() - started)

    def _count(self, outcome: Outcome) -> None:
        with self._admission:
            if outcome.status == 200:
                self._counts["answered"] += 1
            elif outcome.timed_out:
                self._counts["timedOut"] += 1
            elif outcome.status == 499:
                self._counts["cancelled"] += 1
            elif outcome.message == NEEDS_MEMORY:
                self._counts["neededMemory"] += 1
            elif outcome.retry_after:
                self._counts["refusedBusy"] += 1
            elif outcome.status >= 500:
                self._counts["failed"] += 1

    def _run(self, query, select_format, graph_format, bindings, timeout, limit, started, on_start,
             dataset, cancelled) -> Outcome:
        try:
            return self._evaluate(query, select_format, graph_format, bindings, timeout, limit, started, on_start,
                                  dataset, cancelled)
        finally:
            with self._admission:
                self._running -= 1

    def _evaluate(self, query, select_format, graph_format, bindings, timeout, limit, started, on_start,
                  dataset, cancelled) -> Outcome:
        control = self._control
        if control is None:
            return Outcome(503, "the query service is not running", limit=limit)
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        ending, ending_theirs = os.pipe()
        child = None
        try:
            try:
                with self._lock:
                    socket.send_fds(control, [b"q"], [theirs.fileno(), ending_theirs])
            finally:
                theirs.close()
                os.close(ending_theirs)
            job = {"query": query, "select_format": select_format, "graph_format": graph_format,
                   "bindings": bindings, "limit": limit, "timeout": timeout, "memory": self.memory_bytes,
                   "dataset": asdict(dataset) if dataset else None}
            _send(ours, json.dumps(job).encode())
            # close() stops the queries running too, not only the zygote that forks new ones
            frames = _Frames(ours, started + timeout, lambda: self._closed or (cancelled is not None and cancelled()))
            child = json.loads(frames.next())["pid"]
            if on_start:
                on_start(child)
            meta = json.loads(frames.next())
            body = frames.next()
            child = None  # it answered: nothing to stop
        except (TimeoutError, socket.timeout):
            return Outcome(503, f"the query was stopped at the time limit of {timeout:g} s",
                           limit=limit, elapsed=time.monotonic() - started, timed_out=True)
        except _Cancelled:
            if self._closed:
                return Outcome(503, "the query service was stopped", limit=limit, elapsed=time.monotonic() - started)
            return Outcome(499, "the client went away: the query was stopped", limit=limit,
                           elapsed=time.monotonic() - started)
        except (ConnectionError, OSError) as error:
            child = None  # it ended by itself
            return self._ended_without_answer(ending, error, limit, timeout, started)
        finally:
            if child is not None:
                try:
                    os.kill(child, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            ours.close()
            os.close(ending)
        return Outcome(meta["status"], meta.get("message", ""), form=meta.get("form", ""),
                       format=meta.get("format", ""), body=body, count=meta.get("count", 0),
                       truncated=meta.get("truncated", False), limit=meta.get("limit", limit),
                       elapsed=time.monotonic() - started)

    @staticmethod
    def _ended_without_answer(ending: int, error: Exception, limit: int, timeout: float, started: float) -> Outcome:
        """Why a query's process ended without answering, as the zygote saw it end."""
        ready, _, _ = select.select([ending], [], [], 2.0)
        ended = json.loads(os.read(ending, 256) or b"{}") if ready else {}
        elapsed = time.monotonic() - started
        if ended.get("signal") in MEMORY_SIGNALS:
            return Outcome(503, NEEDS_MEMORY, limit=limit, elapsed=elapsed)
        if ended.get("signal") == signal.SIGXCPU:
            return Outcome(503, f"the query was stopped at the time limit of {timeout:g} s", limit=limit,
                           elapsed=elapsed, timed_out=True)
        how = (f"signal {ended['signal']}" if ended.get("signal")
               else f"exit code {ended['exit']}" if ended.get("exit") is not None else str(error))
        return Outcome(500, f"the query process failed ({how})", limit=limit, elapsed=elapsed)
