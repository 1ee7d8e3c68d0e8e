"""Which conversation ids a file has already closed, in fixed memory.

An export should write each conversation's rows together; when rows of one come
back after other conversations, the reader has already linted the first part and
reads the rest as a second conversation with the same id. Telling the user needs
the ids seen so far, and an exact set grows with the archive (tens of megabytes a
million conversations), which streaming must not. A Bloom filter answers "seen
before?" in a fixed 16 MiB: never "no" for an id it holds, and a wrong "yes" for
fewer than one id in a million while the file has under two million conversations
(seven probes in 2**27 bits), so the warning it raises is as good as certain."""

from __future__ import annotations

import hashlib

BITS = 1 << 27
PROBES = 7


class SeenIds:
    def __init__(self) -> None:
        self._bits = bytearray(BITS // 8)

    def _positions(self, key: str) -> list[int]:
        digest = hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=16).digest()
        first, step = int.from_bytes(digest[:8], "little"), int.from_bytes(digest[8:], "little") | 1
        return [(first + probe * step) % BITS for probe in range(PROBES)]

    def add(self, key: str) -> bool:
        """Record `key`; whether it was (almost certainly) recorded before."""
        positions = self._positions(key)
        seen = all(self._bits[p >> 3] & (1 << (p & 7)) for p in positions)
        for p in positions:
            self._bits[p >> 3] |= 1 << (p & 7)
        return seen
