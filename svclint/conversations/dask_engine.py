"""`svclint qa --engine dask`: chunks of conversations linted on Dask workers.

The driver reads the archive (streamed, as with `--engine local`) and submits chunks
of conversations with `Client.submit`, at most four per worker thread in flight, and
takes the results back in submission order. So the driver holds a bounded window,
never the archive (a dask.bag would be built from the whole sequence first), the
archive need not be on the workers' disks, and the output is the local run's, byte
for byte. A worker that dies mid-chunk is replaced by the cluster's nanny and the
scheduler runs the chunk again elsewhere; the driver counts a chunk only when its
one result comes back, so no conversation is counted twice.

The configuration and rule packs travel with the run: the driver makes the session
portable (read here, pickled whole) and registers it as a worker plugin, which every
worker, including one that joins or restarts later, receives and compiles once.
Importing this module needs `distributed` (the `dask` extra).
"""

from __future__ import annotations

import logging
import pickle
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import dask
from distributed import Client, Future, KilledWorker, LocalCluster, WorkerPlugin, get_worker

from svclint.conversations.lint import SCRIPT_NAME
from svclint.conversations.qa import Outcome, in_order, lint_item
from svclint.errors import SvclintError

if TYPE_CHECKING:
    from svclint.api import Session
    from svclint.conversations.qa import QaRun
    from svclint.conversations.readers import Item

IN_FLIGHT_PER_THREAD = 4
# Conversations per Dask task. Each task costs the scheduler, the driver's event loop and
# the worker's messages that a process pool's does not: on 100,000 turns (2 workers),
# those loops took 2.0 CPU seconds with chunks of 128 and 1.25 with 512. The window in
# flight (IN_FLIGHT_PER_THREAD chunks) stays the same whatever the archive's size.
DASK_CHUNK = 512
MESSAGES_KEPT = 10  # per connection, for Dask's debugging log (see dask_client)
# A LocalCluster is the run's own, with no dashboard anybody watches; by default its
# workers sample their task's stack every 10 ms for the dashboard's profile and read
# /proc ten times a second for the memory limit, and every server (the workers, and the
# scheduler and nannies, which live in the driver) checks its event loop 50 times a
# second: each a wake-up that takes the interpreter lock from the linting, on the same
# cores. A memory limit read every second still pauses or restarts a worker in time, and
# a loop checked every second is still reported when blocked for 3 s.
LOCAL_CLUSTER_CONFIG = {"distributed.worker.profile.enabled": False,
                        "distributed.worker.memory.monitor-interval": "1s",
                        "distributed.admin.system-monitor.interval": "2s",
                        "distributed.admin.tick.interval": "1s"}


class SessionPlugin(WorkerPlugin):
    """A run's portable session on a worker: its rules are compiled on the first chunk
    and kept for every later chunk of the run."""

    def __init__(self, session: Session):
        self.session = session

    def lint(self, items: list[Item]) -> list[Outcome]:
        return [lint_item(self.session, item) for item in items]


def _lint_on_worker(plugin_name: str, chunk: bytes) -> bytes:
    """A chunk's outcomes, both ways as one pickle (see `_Outcomes`)."""
    plugin = get_worker().plugins[plugin_name]
    assert isinstance(plugin, SessionPlugin)
    return pickle.dumps(plugin.lint(pickle.loads(chunk)), protocol=pickle.HIGHEST_PROTOCOL)


class _Outcomes:
    """A submitted chunk; its result is the chunk's outcomes.

    Chunks and results travel as bytes, pickled whole: Dask serialises a list that a
    task returns element by element (a header, a pickle call and a message frame for
    each of a chunk's results) and loads each on the driver's event loop; on 100,000
    turns that took a third of the CPU time the driver's and the workers' event loops
    spent (3.3 of 9.5 seconds)."""

    def __init__(self, client: Client, plugin_name: str, chunk: list[Item]):
        pickled = pickle.dumps(chunk, protocol=pickle.HIGHEST_PROTOCOL)
        self.future: Future[bytes] = client.submit(_lint_on_worker, plugin_name, pickled, pure=False)

    def result(self) -> list[Outcome]:
        outcomes: list[Outcome] = pickle.loads(self.future.result())
        return outcomes


def linted_on_dask(session: Session, items: Iterable[Item], run: QaRun) -> Iterator[Outcome]:
    """Each conversation's result (problems passed through), in archive order."""
    with dask_client(run.scheduler, run.jobs, run.connect_timeout) as client:
        name = f"svclint-qa-{uuid.uuid4().hex}"  # one run's plugin: runs sharing a cluster do not meet
        client.register_plugin(SessionPlugin(session.portable(SCRIPT_NAME)), name=name)
        window = IN_FLIGHT_PER_THREAD * max(1, sum(client.nthreads().values()))
        try:
            yield from in_order(lambda chunk: _Outcomes(client, name, chunk), items, window, DASK_CHUNK)
        except KilledWorker as error:
            raise SvclintError(f"Dask workers died on the same chunk of conversations again and again; "
                               f"the run stopped: {error}") from error
        finally:
            client.unregister_worker_plugin(name)


@contextmanager
def dask_client(scheduler: str | None, jobs: int, timeout: float) -> Iterator[Client]:
    """A client of the scheduler at `scheduler`, with at least one worker, or of a
    LocalCluster of `jobs` worker processes of one thread each. An address that
    answers nothing is an error after `timeout` seconds, never a wait for ever."""
    # Dask keeps the last messages of each connection for debugging (1,000 by default),
    # and a run's messages carry chunks of conversations: with the default, the driver
    # (client, and scheduler of a LocalCluster) would hold tens of thousands of them.
    with dask.config.set({"distributed.admin.low-level-log-length": MESSAGES_KEPT}):
        if scheduler is None:
            yield from _local_client(jobs)
        else:
            yield from _remote_client(scheduler, timeout)


def _local_client(jobs: int) -> Iterator[Client]:
    try:
        with dask.config.set(LOCAL_CLUSTER_CONFIG):  # the nannies pass it on to the worker processes they start
            cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=":0",
                                   silence_logs=logging.ERROR)
    except (OSError, RuntimeError) as error:
        raise SvclintError(f"cannot start a local Dask cluster: {error}") from error
    with cluster, Client(cluster) as client:
        yield client


def _remote_client(scheduler: str, timeout: float) -> Iterator[Client]:
    try:
        client = Client(scheduler, timeout=timeout)
    except (OSError, ValueError, TypeError) as error:  # refused, timed out, or not an address
        raise SvclintError(f"--scheduler {scheduler!r}: cannot reach a Dask scheduler there within "
                           f"{timeout:g} s ({error})") from error
    with client:
        try:
            client.wait_for_workers(1, timeout=timeout)
        except TimeoutError as error:
            raise SvclintError(f"--scheduler {scheduler!r}: no worker joined within {timeout:g} s") from error
        yield client
