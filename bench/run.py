"""Throughput benchmark: svclint against the floor (spaCy's blank tokenizer
alone) and proselint, on the reference corpus of real templates, replicated
deterministically to a target size.

    python bench/run.py [--corpus ../shared/corpus] [--words 2000000]

Each tool runs as a whole process (start-up included) over the same files; the
report gives files, words, wall seconds, words per second and peak memory, and
the ratios to the floor and to proselint. Before the corpus runs, svclint lints
one small file twice with an empty cache folder: the first run after install
(it compiles the Spanish rule pack) and a later run (it reads it back); the
corpus runs then start with both packs compiled. Timings are printed, never asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KINDS = ("email", "chat", "faq", "sms", "text", "call-script")
FLOOR = """
import sys, spacy
from pathlib import Path
nlps = {"es": spacy.blank("es"), "en": spacy.blank("en")}
tokens = 0
for path in sorted(Path(sys.argv[1]).rglob("*.txt")):
    tokens += len(nlps[path.name[:2]].make_doc(path.read_text(encoding="utf-8")))
print(tokens)
"""


def build_corpus(corpus: Path, target_words: int, folder: Path) -> tuple[int, int]:
    """Write the corpus texts, copied as many times as needed, one file each; return (files, words)."""
    texts = []
    for lang in ("es", "en"):
        for line in (corpus / f"{lang}.jsonl").read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            texts.append((lang, item.get("kind", "text"), item["text"]))
    per_copy = sum(len(text.split()) for _, _, text in texts)
    copies = max(1, -(-target_words // per_copy))
    for copy in range(copies):
        sub = folder / f"copy{copy:03}"
        sub.mkdir(parents=True)
        for number, (lang, kind, text) in enumerate(texts):
            (sub / f"{lang}-{number:05}.{kind}.txt").write_text(text, encoding="utf-8")
    kinds = "\n".join(f'  "*.{kind}.txt": {kind}' for kind in KINDS)
    (folder / "svclint.yaml").write_text(f"kinds:\n{kinds}\n", encoding="utf-8")
    return copies * len(texts), copies * per_copy


def timed(command: list[str], env: dict | None = None) -> tuple[float, int]:
    """Wall seconds and peak resident memory (MB) of one whole process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        sys.exit(f"failed: {' '.join(command)}")
    return elapsed, usage.ru_maxrss // 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--words", type=int, default=2_000_000)
    args = parser.parse_args()
    if not (args.corpus / "es.jsonl").exists():
        sys.exit(f"no corpus at {args.corpus} (give --corpus)")
    bindir = Path(sys.executable).parent
    with tempfile.TemporaryDirectory(prefix="svclint-bench-") as tmp:
        folder, cache = Path(tmp) / "corpus", Path(tmp) / "cache"
        files, words = build_corpus(args.corpus, args.words, folder)
        env = {**os.environ, "SVCLINT_CACHE_DIR": str(cache)}
        svclint = [str(bindir / "svclint"), "check", "--format", "json", "--exit-zero", "--config",
                   str(folder / "svclint.yaml")]
        one_file = [*svclint, "--no-cache", str(min(folder.rglob("es-*.txt")))]
        start_up = {"one Spanish file, first run after install": timed(one_file, env),
                    "one Spanish file, packs compiled": timed(one_file, env)}
        timed([*svclint, "--no-cache", str(min(folder.rglob("en-*.txt")))], env)  # compiles the English pack
        runs = {
            "floor (blank tokenizer)": timed([sys.executable, "-c", FLOOR, str(folder)]),
            "svclint --jobs 1 --no-cache": timed([*svclint, "--jobs", "1", "--no-cache", str(folder)], env),
            "svclint --jobs 2 --no-cache": timed([*svclint, "--jobs", "2", "--no-cache", str(folder)], env),
            "svclint cache, first run": timed([*svclint, "--jobs", "1", str(folder)], env),
            "svclint cache, second run": timed([*svclint, "--jobs", "1", str(folder)], env),
        }
        proselint = shutil.which("proselint", path=str(bindir)) or shutil.which("proselint")
        if proselint:
            english = Path(tmp) / "english"
            english.mkdir()
            for path in folder.rglob("en-*.txt"):
                shutil.copy(path, english / f"{path.parent.name}-{path.name}")
            en_words = sum(len(p.read_text(encoding="utf-8").split()) for p in english.iterdir())
            seconds, memory = timed([proselint, "-o", "compact", "check", str(english)])
            runs["proselint (English files only)"] = (seconds * words / en_words, memory)
    for name, (seconds, memory) in start_up.items():
        print(f"{name:42} {seconds:6.2f} s {memory:6} MB")
    print(f"{files:,} files, {words:,} words (the reference corpus replicated)")
    print(f"{'run':34} {'seconds':>9} {'words/s':>10} {'peak MB':>8}")
    for name, (seconds, memory) in runs.items():
        print(f"{name:34} {seconds:9.2f} {words / seconds:10,.0f} {memory:8}")
    one = runs["svclint --jobs 1 --no-cache"][0]
    print(f"svclint / floor speed:      {runs['floor (blank tokenizer)'][0] / one:.2f}")
    if "proselint (English files only)" in runs:
        print(f"svclint / proselint speed:  {runs['proselint (English files only)'][0] / one:.2f}"
              " (proselint time scaled from its English share of the words)")
    print(f"--jobs 2 speed-up:          {one / runs['svclint --jobs 2 --no-cache'][0]:.2f}")
    print(f"second cached run / first:  {runs['svclint cache, second run'][0] / runs['svclint cache, first run'][0]:.2%}")


if __name__ == "__main__":
    main()
