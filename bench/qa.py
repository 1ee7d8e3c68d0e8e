"""Throughput and driver memory of `svclint qa` on a synthetic archive built from the
reference corpus: `--engine local --jobs 1`, `--jobs 2`, and `--engine dask` on a
LocalCluster of two workers, each at the full size and at a tenth of it.

    python bench/qa.py [--corpus ../shared/corpus] [--turns 1000000]

The archive is JSON Lines, one message a row: each conversation takes paragraphs of
the corpus texts of one language as its turns (the customer's and the agent's
alternating), chosen by a seeded generator, so the same --turns gives the same file.
Each run is a whole process (start-up and cluster start included; the packs are
compiled into the cache by a warm-up run first, as a user's second run finds them);
its peak memory is that of the driver alone (the process reading the archive and
writing the results; worker processes are not counted). Speeds are given as ratios
to the `--jobs 1` run of the same invocation, since machines are noisy; the memory
ratio compares a tenth of the archive with the whole (a flat driver is near 1.0).
Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = 15  # the number: any fixed value keeps the archive the same
MAX_TURN_CHARS = 600  # longer paragraphs are cut at a space: chat turns, not whole e-mails
DRIVER = """
import resource, sys
from svclint.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(f"peak-kb {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}", file=sys.stderr)
"""
ENGINES = {"local --jobs 1": ["--engine", "local", "--jobs", "1"],
           "local --jobs 2": ["--engine", "local", "--jobs", "2"],
           "dask, 2-worker LocalCluster": ["--engine", "dask", "--jobs", "2"]}


def paragraphs(corpus: Path) -> dict[str, list[str]]:
    """Per language, the corpus texts' paragraphs, each cut to a turn's length."""
    found: dict[str, list[str]] = {}
    for lang in ("es", "en"):
        for line in (corpus / f"{lang}.jsonl").read_text(encoding="utf-8").splitlines():
            for part in json.loads(line)["text"].split("\n\n"):
                part = " ".join(part.split())
                if len(part) > MAX_TURN_CHARS:
                    part = part[:MAX_TURN_CHARS].rsplit(" ", 1)[0]
                if part:
                    found.setdefault(lang, []).append(part)
    return found


def build_archive(corpus: Path, turns: int, path: Path) -> int:
    """Write conversations of 2 to 8 turns until `turns` are written; return the conversations."""
    texts = paragraphs(corpus)
    chooser = random.Random(SEED)
    written = conversations = 0
    with path.open("w", encoding="utf-8") as out:
        while written < turns:
            lang = chooser.choice(("es", "en"))
            length = min(chooser.randint(2, 8), turns - written)
            meta = {"agent": f"agent-{chooser.randrange(40)}", "queue": chooser.choice(("billing", "orders", "returns"))}
            for index in range(length):
                role = "customer" if index % 2 == 0 else "agent"
                row = {"conversation": f"{lang}-{conversations}", "role": role,
                       "text": chooser.choice(texts[lang]), **meta}
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
            written += length
            conversations += 1
    return conversations


def timed_qa(archive: Path, options: list[str], output: Path) -> tuple[float, float]:
    """Wall seconds and the driver's peak resident memory (MB) of one `svclint qa` process."""
    command = [sys.executable, "-c", DRIVER, "qa", *options, "--output", str(output), str(archive)]
    start = time.perf_counter()
    finished = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    last = finished.stderr.strip().splitlines()[-1:] or [""]
    if not last[0].startswith("peak-kb ") or not output.stat().st_size:
        sys.exit(f"failed: {' '.join(command)}\n{finished.stderr[-2000:]}")
    return elapsed, int(last[0].split()[1]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--turns", type=int, default=1_000_000, help="turns in the full archive (default 1,000,000)")
    args = parser.parse_args()
    if not (args.corpus / "es.jsonl").exists():
        sys.exit(f"no corpus at {args.corpus}: this benchmark builds its archive from it (give --corpus)")
    sizes = {"full": args.turns, "tenth": max(1, args.turns // 10)}
    rows = []
    with tempfile.TemporaryDirectory(prefix="svclint-bench-qa-") as tmp:
        archives = {name: Path(tmp) / f"{name}.jsonl" for name in sizes}
        conversations = {name: build_archive(args.corpus, turns, archives[name]) for name, turns in sizes.items()}
        print(f"archive: {sizes['full']:,} turns in {conversations['full']:,} conversations "
              f"({archives['full'].stat().st_size / 2**20:.0f} MB); tenth: {sizes['tenth']:,} turns", flush=True)
        # Compile the packs into the cache first: a run that compiles them peaks ~70 MB above
        # one that reads them back, and only the first timed run would pay it, so the memory
        # ratio would measure the compiler, not growth with the archive.
        warm_up = Path(tmp) / "warm-up.jsonl"
        build_archive(args.corpus, 10, warm_up)
        timed_qa(warm_up, ENGINES["local --jobs 1"], Path(tmp) / "out.jsonl")
        for engine, options in ENGINES.items():
            runs = {name: timed_qa(archives[name], options, Path(tmp) / "out.jsonl") for name in sizes}
            rows.append((engine, runs))
            print(f"  done: {engine}", file=sys.stderr, flush=True)
    baseline = rows[0][1]["full"][0]
    print(f"{'engine':30} {'seconds':>8} {'turns/s':>8} {'speed':>6} {'driver MB':>10} "
          f"{'MB at 1/10':>10} {'MB ratio':>8}")
    for engine, runs in rows:
        (seconds, memory), (_, small_memory) = runs["full"], runs["tenth"]
        print(f"{engine:30} {seconds:8.1f} {sizes['full'] / seconds:8,.0f} {baseline / seconds:6.2f} "
              f"{memory:10.0f} {small_memory:10.0f} {memory / small_memory:8.2f}")
    print("speed: against local --jobs 1 in this run; MB ratio: driver peak at full size / at a tenth")


if __name__ == "__main__":
    main()
