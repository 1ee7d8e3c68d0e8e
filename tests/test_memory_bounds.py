"""Memory grows with a file's size, not by hundreds of times it (audit item H16).

A 2 MB text of one-word lines once took 640 MB at its peak, and an unclosed
Markdown front matter of 1.75 MB 800 MB: a spaCy Doc, a Python int per token
offset and an object per sentence for every unit. Each shape is linted at two
sizes, each in a process of its own, and the growth of the peak resident size
between them is compared with the growth of the input: a ratio, so the start-up
cost (the rules, spaCy) and the machine's speed do not count.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import invoke

# Peak bytes per input byte the larger run may add over the smaller one. Measured:
# about 40 for these shapes (a token every two bytes); before the fix, 250 and more.
MAX_GROWTH = 100
SHAPES = {
    # name: (a file of that shape with `lines` lines)
    "tiny-lines.txt": lambda lines: "Hola.\n" * lines,
    "unclosed-front-matter.md": lambda lines: "---\n" + "a: b\n" * lines,
}
SIZES = (15_000, 75_000)  # lines: about 0.08 and 0.4 MB, past the start-up's own peak
# Runs the command given after it and prints its children's peak resident size (KiB on Linux).
_MEASURE = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL); "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


def peak_kib(path: Path) -> int:
    """Peak resident size of `svclint check` on one file, in a process of its own."""
    command = [sys.executable, "-m", "svclint", "check", "--no-cache", "--exit-zero", "--format", "json", str(path)]
    result = subprocess.run([sys.executable, "-c", _MEASURE, *command], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return int(result.stdout)


@pytest.fixture(scope="module")
def compiled_rules(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The same run in this process first, so that every measured run reads the compiled
    patterns from the cache (the first run of a session compiles them, which takes more
    memory). Run here, it takes the patterns this process holds, if it does."""
    path = tmp_path_factory.mktemp("warm") / "warm.txt"
    path.write_text("Hola.\n", encoding="utf-8")
    assert invoke("check", "--no-cache", "--exit-zero", "--format", "json", str(path)).exit_code == 0


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ru_maxrss is in KiB on Linux only")
@pytest.mark.parametrize("name", sorted(SHAPES))
def test_peak_memory_grows_at_most_linearly(tmp_path: Path, name: str, compiled_rules: None) -> None:
    sizes, peaks = [], []
    for lines in SIZES:
        path = tmp_path / f"{lines}-{name}"
        path.write_text(SHAPES[name](lines), encoding="utf-8")
        sizes.append(path.stat().st_size)
        peaks.append(peak_kib(path) * 1024)
    growth = (peaks[1] - peaks[0]) / (sizes[1] - sizes[0])
    assert growth <= MAX_GROWTH, f"{name}: peak memory grew {growth:.0f} bytes per input byte"


@pytest.mark.parametrize("lang", ["es", "en"])
def test_text_read_in_pieces_has_the_whole_texts_tokens(monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    """Tokens are read a piece of text at a time, cut where whitespace meets a word: the
    table is the one the whole text read at once gives, and every attribute the checks
    read is what one spaCy Doc of the whole text gives for the tokens kept (space inside
    a sentence is dropped, see Tokens._drop_inner_space)."""
    from spacy.attrs import IS_TITLE

    from svclint import nlp

    text = ("Sres.  López:\n\n¿Le llegó el pedido?  \t Gracias…\r\nhttps://x.es/a,b  Don't  \u00a0 worry.\n"
            "  ¡Hola!   (ref. 123) — «vale»  \n\n\n e-mail: a@b.es ") * 3
    pipeline = nlp.pipeline(lang)
    whole = nlp.analyse(pipeline, text)  # under PIECE_CHARS: one piece
    monkeypatch.setattr(nlp, "PIECE_CHARS", 7)
    table, doc = nlp.analyse(pipeline, text), pipeline.make_doc(text)
    rows = [(r.text, r.whitespace_, r.is_space, r.is_punct, r.idx) for r in table.doc[0:len(table)]]
    assert rows == [(r.text, r.whitespace_, r.is_space, r.is_punct, r.idx) for r in whole.doc[0:len(whole)]]
    assert table.norm == whole.norm and list(table.sentence_starts) == list(whole.sentence_starts)
    starts = set(table.idx)
    kept = [t for t in doc if t.idx in starts]
    assert len(kept) < len(doc) and all(t.is_space for t in doc if t.idx not in starts)
    assert table.texts == [t.text for t in kept]
    assert table.norm == [t.norm for t in kept]
    assert [table.end(i) for i in range(len(table))] == [t.idx + len(t) for t in kept]
    assert table.column(IS_TITLE) == whole.column(IS_TITLE)
    assert [(r.is_space, r.is_punct, r.is_stop, r.lower_) for r in table.doc[0:len(table)]] == \
        [(t.is_space, t.is_punct, t.is_stop, t.lower_) for t in kept]
    assert table.doc[3:9].text == text[table.idx[3]:table.end(8)]
