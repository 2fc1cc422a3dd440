"""Embedded Oxigraph (pyoxigraph): `oxigraph` keeps the graph in memory, `oxigraph:DIR` on disk.

Queries run over the union of the named graphs, parameters are bound as Oxigraph
substitutions, and results come back as rdflib `Result` objects, so callers do not see which
store answered. `oxigraph()` hands out the pyoxigraph Store itself for native queries.

In memory, adopting a prepared dataset swaps it in as it is: no copy.

On disk, DIR holds:

    samsyn-current           a symbolic link to the database folder in use, replaced atomically
    data-<id>/               Oxigraph databases: the one in use, a new one while a build writes it,
                             an old one while another process still reads it
    .samsyn.lock             the writer's lock (fcntl.flock), held by a build from start to end
    .scratch-<id>-load.nq    the N-Quads a build bulk-loads its new database from

Opening reads the folder as it is, read-only, and creates nothing: a folder that is not there,
or holds no database yet, is an empty store. A reader holds a shared lock on the database folder
it reads, so a build never removes a database another process still reads. A build (under the
writer's lock) dumps the prepared dataset to a scratch file, bulk-loads it into a new folder,
flushes it and swaps the link; on any exit it removes its scratch file and, unless swapped in,
its new folder. What a killed build leaves behind is removed by the next open or build that
finds the writer's lock free, never while another process holds it."""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import shutil
import threading
import time
import uuid
import weakref
from collections.abc import Iterator, Mapping
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, URIRef
from rdflib.query import Result
from rdflib.term import Node

from .rdf_terms import fill_dataset, ox_result, to_ox
from .sparql_text import has_dataset_clause, with_values
from .store import QueryDataset, Status, Store, StoreError, StoreSpec, new_dataset

#: the symbolic link, inside the store's folder, to the database folder in use
LINK = "samsyn-current"
#: the writer's lock file, inside the store's folder
LOCK = ".samsyn.lock"
#: seconds a build waits for the writer's lock, which an opening reader holds for an instant
LOCK_WAIT = 1.0
_ID = "[0-9a-f]{32}"
_DATA = re.compile(f"^data-{_ID}$")
_LEFTOVER = re.compile(f"^\\.scratch-{_ID}-load\\.nq$|^\\.current-{_ID}$")


class _Handle:
    """What every OxigraphStore on the same folder in this process shares: the open database,
    the shared lock on its folder, the rdflib copy once asked for."""

    def __init__(self, store: ox.Store, folder_fd: int | None = None, foreign: bool = False):
        self.store = store
        self.folder_fd = folder_fd
        self.foreign = foreign  # a database another tool made: read, never written
        self.dataset: Dataset | None = None
        self.lock = threading.Lock()  # swapping the database in

    def swap(self, store: ox.Store, folder_fd: int | None) -> None:
        with self.lock:
            old_fd = self.folder_fd
            self.store, self.folder_fd, self.dataset = store, folder_fd, None
        if old_fd is not None:
            os.close(old_fd)

    def __del__(self) -> None:
        if self.folder_fd is not None:
            os.close(self.folder_fd)


_OPEN: weakref.WeakValueDictionary[Path, _Handle] = weakref.WeakValueDictionary()
_OPEN_LOCK = threading.Lock()


class OxigraphStore(Store):
    """pyoxigraph's Store behind samsyn's Store interface."""

    def __init__(self, spec: StoreSpec = StoreSpec("oxigraph")):
        super().__init__(spec)
        self.path: Path | None = Path(spec.location).expanduser().resolve() if spec.location else None
        self._h: _Handle | None = None
        self._writer = threading.RLock()
        self._writer_fd: int | None = None
        self._writer_depth = 0

    # --- capabilities ---
    @property
    def persistent(self) -> bool:  # type: ignore[override]
        return self.path is not None

    @property
    def writable(self) -> bool:
        return not self._handle().foreign

    def oxigraph(self) -> ox.Store:
        return self._handle().store

    # --- opening ---
    def open(self) -> None:
        if self._h is not None:
            return
        if self.path is None:
            self._h = _Handle(ox.Store())
            return
        with _OPEN_LOCK:  # one database handle per folder and process, shared by every OxigraphStore on it
            handle = _OPEN.get(self.path)
            if handle is None:
                handle = _OPEN[self.path] = self._open_disk()
            self._h = handle

    def _handle(self) -> _Handle:
        if self._h is None:
            self.open()
        assert self._h is not None
        return self._h

    def _open_disk(self) -> _Handle:
        path = self.path
        assert path is not None
        try:
            if path.exists() and not path.is_dir():
                raise StoreError(f"{path} is a file, not a store folder: give a folder for oxigraph:DIR")
            if not path.is_dir():
                return _Handle(ox.Store())  # nothing built here yet
            if (path / "CURRENT").is_file() and not (path / LINK).is_symlink():
                # an Oxigraph (RocksDB) database made by another tool: read it as it is
                return _Handle(ox.Store.read_only(str(path)), foreign=True)
            _remove_leftovers_if_free(path)
            return _open_current(path)
        except OSError as error:
            raise StoreError(f"cannot open the Oxigraph store at {path}: {error}") from None

    # --- writing ---
    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        if self.path is None:
            yield
            return
        with self._writer:
            if self._writer_depth == 0:
                _check_ours(self.path)
                self._writer_fd = _take_writer_lock(self.path, LOCK_WAIT)
                try:
                    _remove_leftovers(self.path)
                except BaseException:
                    _release_writer_lock(self._writer_fd)
                    raise
            self._writer_depth += 1
            try:
                yield
            finally:
                self._writer_depth -= 1
                if self._writer_depth == 0:
                    _release_writer_lock(self._writer_fd)
                    self._writer_fd = None

    def adopt(self, dataset: ox.Store, status: Status | None = None) -> None:
        if self.path is None:
            self._handle().swap(dataset, None)
            return
        if self._h is not None and self._h.foreign:
            raise _foreign(self.path)
        with self.writing():  # (refuses another tool's database before taking the lock)
            try:
                fresh, folder_fd = self._write_database(dataset, status)
            except OSError as error:  # a full disk, a file too big, a folder gone read-only
                raise StoreError(f"cannot write the Oxigraph store at {self.path}: {error.strerror or error}; "
                                 "it holds what it held before") from None
            with _OPEN_LOCK:  # every OxigraphStore of this process on the folder reads the new database
                if self._h is None:
                    self._h = _OPEN.get(self.path)
                if self._h is None:
                    self._h = _OPEN[self.path] = _Handle(fresh, folder_fd)
                else:
                    self._h.swap(fresh, folder_fd)
            _remove_leftovers(self.path)

    def _write_database(self, dataset: ox.Store, status: Status | None) -> tuple[ox.Store, int]:
        """A new database folder holding `dataset`, flushed and linked in as the one in use, with
        a shared lock held on it; on any failure before the link is swapped, the folder is
        removed. The rules would run on RocksDB several times slower: the dataset was prepared
        in memory and goes over as one N-Quads file, through Oxigraph's bulk loader."""
        assert self.path is not None
        folder = self.path / f"data-{uuid.uuid4().hex}"
        dump = self.path / f".scratch-{uuid.uuid4().hex}-load.nq"
        fresh: ox.Store | None = None
        folder_fd: int | None = None
        try:
            if status:
                status("writing the database")
            dataset.dump(output=str(dump), format=ox.RdfFormat.N_QUADS)
            fresh = ox.Store(str(folder))
            # Oxigraph's own output: its IRIs need no second check
            fresh.bulk_load(path=str(dump), format=ox.RdfFormat.N_QUADS, lenient=True)
            fresh.flush()
            folder_fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
            fcntl.flock(folder_fd, fcntl.LOCK_SH)
            link = self.path / f".current-{uuid.uuid4().hex}"
            os.symlink(folder.name, link)
            os.replace(link, self.path / LINK)
            return fresh, folder_fd
        except BaseException:
            if folder_fd is not None:
                os.close(folder_fd)
            fresh = None  # closes the database before its folder goes
            shutil.rmtree(folder, ignore_errors=True)
            raise
        finally:
            dump.unlink(missing_ok=True)

    # --- reading ---
    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None,
              dataset: QueryDataset | None = None) -> Result:
        store = self._handle().store
        substitutions = {ox.Variable(str(k)): to_ox(v) for k, v in (bindings or {}).items()}
        if dataset is not None:  # both given, even empty: Oxigraph then sets the query's FROM aside
            scope = {"default_graph": [ox.NamedNode(name) for name in dataset.default_graphs],
                     "named_graphs": [ox.NamedNode(name) for name in dataset.named_graphs]}
        else:
            # the default graph is the union of the named graphs, unless the query names its own
            # with FROM (Oxigraph would otherwise ignore the FROM)
            scope = {"use_default_graph_as_union": not has_dataset_clause(sparql)}
        try:
            answer = store.query(sparql, substitutions=substitutions or None, **scope)
        except RuntimeError as error:
            # Oxigraph substitutes only projected variables; bind others with VALUES instead.
            if substitutions and "projection" in str(error):
                answer = store.query(with_values(sparql, bindings or {}), **scope)
            else:
                raise
        return ox_result(answer)

    def dataset(self) -> Dataset:
        handle = self._handle()
        with handle.lock:
            if handle.dataset is not None:
                return handle.dataset
            store = handle.store
        dataset = fill_dataset(new_dataset(), store)
        with handle.lock:
            if handle.store is store:
                handle.dataset = dataset
        return dataset

    def graph_names(self) -> list[URIRef]:
        return sorted(URIRef(g.value) for g in self._handle().store.named_graphs() if isinstance(g, ox.NamedNode))

    def __len__(self) -> int:
        return len(self._handle().store)


# --- the folder: locks, the database in use, leftovers ---

def _take_writer_lock(path: Path, wait: float) -> int:
    """The writer's lock on a store folder (made if missing), or StoreError naming the holder."""
    try:
        path.mkdir(parents=True, exist_ok=True)
        fd = os.open(path / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as error:
        raise StoreError(f"cannot write into the Oxigraph store at {path}: {error.strerror or error}") from None
    deadline = time.monotonic() + wait
    while not _try_flock(fd, fcntl.LOCK_EX):
        if time.monotonic() >= deadline:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
            os.close(fd)
            raise StoreError(f"another samsyn build{f' (process {holder})' if holder else ''} is writing "
                             f"into {path}: wait until it ends, then build again")
        time.sleep(0.02)
    os.ftruncate(fd, 0)
    os.pwrite(fd, str(os.getpid()).encode("ascii"), 0)
    return fd


def _release_writer_lock(fd: int | None) -> None:
    if fd is not None:
        os.ftruncate(fd, 0)
        os.close(fd)  # closing releases the flock


def _try_flock(fd: int, operation: int) -> bool:
    try:
        fcntl.flock(fd, operation | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _remove_leftovers_if_free(path: Path) -> None:
    """On opening: remove what killed builds left, if no build holds the writer's lock now.
    (No lock file: no build ever ran here, nothing to remove, and reading creates nothing.)"""
    try:
        fd = os.open(path / LOCK, os.O_RDWR)
    except OSError:
        return
    try:
        if _try_flock(fd, fcntl.LOCK_EX):
            _remove_leftovers(path)
    finally:
        os.close(fd)


def _remove_leftovers(path: Path) -> None:
    """Remove what killed builds left (scratch files, half-made links, databases not in use
    that no process reads). Only with the writer's lock held."""
    link = path / LINK
    live = os.readlink(link) if link.is_symlink() else None
    for child in path.iterdir():
        if _LEFTOVER.match(child.name):
            child.unlink(missing_ok=True)
        elif _DATA.match(child.name) and child.name != live:
            _remove_unread(child)


def _remove_unread(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    if not _try_flock(fd, fcntl.LOCK_EX):  # another process still reads it: a later build removes it
        os.close(fd)
        return
    try:
        shutil.rmtree(folder, ignore_errors=True)
    finally:
        os.close(fd)


def _open_current(path: Path) -> _Handle:
    """The database the link names, read-only, with a shared lock on its folder. A build may
    swap the link and remove the old folder meanwhile: then read the link again."""
    link = path / LINK
    for _ in range(100):
        if not link.is_symlink():
            return _Handle(ox.Store())  # no database built here yet
        name = os.readlink(link)
        folder = path / name
        try:
            fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        except FileNotFoundError:
            if link.is_symlink() and os.readlink(link) == name:
                return _Handle(ox.Store())  # the link points nowhere: as good as never built
            continue
        if not _try_flock(fd, fcntl.LOCK_SH):  # a build is removing this folder
            os.close(fd)
            time.sleep(0.01)
            continue
        if (folder / "CURRENT").is_file():
            try:
                return _Handle(ox.Store.read_only(str(folder)), fd)
            except BaseException:
                os.close(fd)
                raise
        os.close(fd)
    raise StoreError(f"cannot open the Oxigraph store at {path}: builds keep replacing its database; try again")


def _check_ours(path: Path) -> None:
    """Refuse to build into a folder holding files samsyn did not write (a build there would
    mix its files with them), before making anything in it."""
    if not path.is_dir() or (path / LINK).is_symlink() or (path / LOCK).exists():
        return
    if (path / "CURRENT").is_file():
        raise _foreign(path)
    others = sorted(c.name for c in path.iterdir() if not _DATA.match(c.name) and not _LEFTOVER.match(c.name))
    if others:
        raise StoreError(f"{path} holds files samsyn did not write ({others[0]}, ...): build into a new or "
                         "empty folder")


def _foreign(path: Path | None) -> StoreError:
    return StoreError(f"{path} is an Oxigraph database samsyn did not make: samsyn only reads it; to build "
                      "a store, give a new or empty folder")
