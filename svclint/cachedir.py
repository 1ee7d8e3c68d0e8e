"""The user's cache folder, and files in it written atomically and read defensively.

Anything read back is plain data (JSON, or marshal's) checked by its caller; a
missing, damaged or unreadable entry is simply rebuilt, never trusted and never
fatal. Files are marked as used when read; those unused for UNUSED_DAYS (left
by other svclint versions, configurations or projects) are removed, so the
folder cannot grow without end.

Another user who can write the folder could plant links or files under the
names svclint uses. So the folder (created 0700) is used only when it is the
user's own and nobody else can write it, or its sticky bit keeps others from
replacing or removing the user's files (a shared folder such as /tmp); svclint
creates every file with O_EXCL and O_NOFOLLOW under a fresh name, reads only
regular files the user owns, and never follows a link.
"""

from __future__ import annotations

import hashlib
import json
import marshal
import os
import stat
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import IO, Any, NamedTuple


UNUSED_DAYS = 30
# How many entries of one family (compiled patterns, packs, catalogues: the name before its
# first "-") are kept, the most recently used. One is written whenever a pack, or the
# configuration it is compiled with, changes, and compiled patterns weigh megabytes: an
# author saving a pack in an editor writes one a save, which UNUSED_DAYS alone would keep
# for a month (gigabytes). Every configuration a user switches between still fits.
KEPT_PER_FAMILY = 16
TEMPORARY = ".tmp-"  # + the writer's process id + "-": the name of a file being written
_READ_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)


def cache_dir() -> Path | None:
    """$SVCLINT_CACHE_DIR, else $XDG_CACHE_HOME/svclint or ~/.cache/svclint; None when unusable."""
    configured = os.environ.get("SVCLINT_CACHE_DIR")
    if configured == "":
        return None
    base = Path(configured) if configured else Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "svclint"
    return base if make_private_dir(base) else None


def make_private_dir(folder: Path | str) -> bool:
    """Create `folder` (0700) if missing; whether it is safe to use (one note when it is not)."""
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        info = os.stat(folder)
    except (OSError, ValueError):
        return False
    why = unsafe_reason(info)
    if why:
        _note_unsafe(str(folder), why)
        return False
    return os.access(folder, os.W_OK)


def unsafe_reason(info: os.stat_result) -> str | None:
    """Why a folder is not safe to cache in, or None: it must be a folder of this user's
    that others cannot write, or whose sticky bit stops them replacing this user's files."""
    if not stat.S_ISDIR(info.st_mode):
        return "not a folder"
    if info.st_uid != os.geteuid():
        return "owned by another user"
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH) and not info.st_mode & stat.S_ISVTX:
        return "writable by other users (and has no sticky bit)"
    return None


@cache
def _note_unsafe(folder: str, why: str) -> None:
    """Say once per folder why it is not used."""
    shown = json.dumps(folder.encode("utf-8", "surrogateescape").decode("utf-8", "replace"), ensure_ascii=False)
    # written without click: the library (svclint.api) must not need the command line's packages
    print(f"svclint: note: the cache folder {shown} is {why}; running without the cache", file=sys.stderr)


@cache
def code_digest() -> str:
    """svclint's own source, so a changed engine never reuses old entries (even without a new version)."""
    digest = hashlib.sha256()
    for source in sorted(Path(__file__).resolve().parent.rglob("*.py")):
        digest.update(source.read_bytes())
    return digest.hexdigest()


def open_own_file(path: Path | str) -> IO[bytes] | None:
    """A regular file of this user's, opened for reading without following a link or
    waiting on a FIFO, and marked as used; None when it is anything else or missing."""
    try:
        handle = os.open(path, _READ_FLAGS)
    except OSError:
        return None
    if not _own_file(os.fstat(handle)):
        os.close(handle)
        return None
    touch(handle)
    return os.fdopen(handle, "rb")


def is_own_file(path: Path | str) -> bool:
    """Whether `path` is a regular file of this user's (not a link): in a shared folder,
    only those can hold what this user's runs wrote."""
    try:
        return _own_file(os.lstat(path))
    except OSError:
        return False


def _own_file(info: os.stat_result) -> bool:
    return stat.S_ISREG(info.st_mode) and info.st_uid == os.geteuid()


def read_own_bytes(path: Path | str) -> bytes | None:
    """The bytes of a cache file of this user's (see open_own_file), or None."""
    handle = open_own_file(path)
    if handle is None:
        return None
    try:
        with handle:
            return handle.read()
    except OSError:
        return None


def touch(file: int | Path | str) -> None:
    """Mark a cache file (an open descriptor, or a name, never followed) as used, so pruning keeps it."""
    try:
        if isinstance(file, int):
            os.utime(file)
        else:
            os.utime(file, follow_symlinks=False)
    except OSError:
        pass


def prune(folder: Path | str, names: Iterable[str]) -> None:
    """Remove the named regular files of `folder` that were not used for UNUSED_DAYS,
    and the temporary files among them whose writer is no longer running."""
    cutoff = time.time() - UNUSED_DAYS * 86_400
    for name in names:
        path = os.path.join(folder, name)
        try:
            info = os.lstat(path)
            if stat.S_ISREG(info.st_mode) and (info.st_mtime < cutoff or _abandoned(name)):
                os.unlink(path)
        except OSError:
            continue


def _abandoned(name: str) -> bool:
    """Whether `name` is a temporary file whose writing process is gone (killed mid-write)."""
    if not name.startswith(TEMPORARY):
        return False
    pid = name[len(TEMPORARY):].partition("-")[0]
    if not pid.isdigit() or int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except (OSError, OverflowError):
        return False  # alive, as another user's process
    return False


def new_file(folder: Path | str, prefix: str, suffix: str) -> tuple[int, str]:
    """A new file of this user's only (0600, O_EXCL, never a planted link), open for writing."""
    return tempfile.mkstemp(suffix, prefix, folder)


def write_atomically(path: Path | str, chunks: Iterable[bytes]) -> None:
    """Write through a fresh temporary file and rename, so concurrent readers never see
    half a file. Its name holds the process id, so a run killed while writing leaves
    nothing that a later run does not remove (see prune)."""
    folder, name = os.path.split(path)
    handle, temporary = new_file(folder or ".", f"{TEMPORARY}{os.getpid()}-", f"-{name}")
    try:
        with os.fdopen(handle, "wb") as out:
            out.writelines(chunks)
        os.replace(temporary, path)
    except OSError:
        try:
            os.unlink(temporary)
        except OSError:
            pass


# A sealed entry is the SHA-256 of its encoded data, a newline, then that data: a damaged
# entry (a changed value, not only a broken shape) no longer matches its digest and is
# rebuilt. The digest is of the bytes as written, so checking it costs one hash, not a
# second encoding of the data read.
_SEAL = 64  # hex digits


class Codec(NamedTuple):
    """How a sealed entry's data is written as bytes and read back, and how the names of
    its files end (pruning looks for them)."""

    suffix: str
    dumps: Callable[[Any], bytes]
    loads: Callable[[bytes], Any]


JSON = Codec(".json", lambda data: json.dumps(data, ensure_ascii=False).encode("utf-8"), json.loads)
# Plain data (dicts, lists, tuples and sets of str, int, bool and None; an object met twice
# is written once and read back shared), which Python reads several times faster than
# JSON, tuples and sets as they are. Read only once its seal matches: marshal is not
# meant for damaged bytes. Its format may change with Python's version, which the
# entries written so name in their file names.
MARSHAL = Codec(".marshal", marshal.dumps, marshal.loads)
ENTRY_SUFFIXES = (JSON.suffix, MARSHAL.suffix)


def sealed(data: Any, codec: Codec = JSON) -> bytes | None:
    """`data` as a sealed entry's bytes, or None for data that cannot be written (a lone surrogate)."""
    try:
        text = codec.dumps(data)
    except ValueError:
        return None
    return hashlib.sha256(text).hexdigest().encode() + b"\n" + text


def unsealed(entry: bytes | None, codec: Codec = JSON) -> Any | None:
    """The data of a sealed entry's bytes, or None when they are missing, damaged or not one."""
    if entry is None or entry[_SEAL:_SEAL + 1] != b"\n":
        return None
    text = entry[_SEAL + 1:]
    if hashlib.sha256(text).hexdigest().encode() != entry[:_SEAL]:
        return None
    try:
        return codec.loads(text)
    except (ValueError, EOFError, TypeError):
        return None


def write_sealed(path: Path, data: Any, codec: Codec = JSON) -> bytes | None:
    """Write `data` as a sealed entry, then prune its family (see KEPT_PER_FAMILY); the
    entry's bytes (also when the file could not be made), or None."""
    entry = sealed(data, codec)
    if entry is not None:
        write_bytes(path, entry)
        prune_family(path)
    return entry


def prune_family(path: Path) -> None:
    """Remove the entries of `path`'s family but the KEPT_PER_FAMILY most recently used
    (reading one marks it used: see open_own_file). A reader that has one open keeps
    reading it; a process holding its patterns writes it again when it finds it gone."""
    family = path.name.partition("-")[0] + "-"
    entries = []
    try:
        names = os.listdir(path.parent)
    except OSError:
        return
    for name in names:
        if name.startswith(family) and name.endswith(ENTRY_SUFFIXES):
            try:
                info = os.lstat(path.parent / name)
            except OSError:
                continue
            if stat.S_ISREG(info.st_mode):
                entries.append((info.st_mtime_ns, name))
    for _, name in sorted(entries, reverse=True)[KEPT_PER_FAMILY:]:
        try:
            os.unlink(path.parent / name)
        except OSError:
            continue


def write_bytes(path: Path, text: bytes) -> None:
    try:
        write_atomically(path, [text])
    except OSError:  # no file could be made: the cache is only a saving
        pass
