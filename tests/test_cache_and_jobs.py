"""The result cache and parallel runs change nothing in what is reported."""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path

import pytest
from click.testing import Result

from conftest import RunSvclint, invoke
from svclint.cachedir import KEPT_PER_FAMILY

CHECK = ("check", "--format", "json", "--exit-zero")


def run(*args: str, cache: Path) -> Result:
    """`svclint check` with a JSON report, in-process, caching in `cache`."""
    return invoke(*CHECK, *args, env={"SVCLINT_CACHE_DIR": str(cache)})


@pytest.fixture
def run_process(run_svclint: RunSvclint):
    """The same as `run`, as a process of its own: for worker processes (--jobs, or the
    automatic choice for many files), and for what a process reads once (the packs' JSON
    copies are loaded once per process)."""
    def run_alone(*args: str, cache: Path) -> subprocess.CompletedProcess:
        return run_svclint(*CHECK, *args, env={**os.environ, "SVCLINT_CACHE_DIR": str(cache)}, timeout=300)
    return run_alone


def _folder(tmp_path: Path, count: int) -> Path:
    folder = tmp_path / "templates"
    folder.mkdir()
    for n in range(count):
        text = f"Hola, cliente {n}. Cálmese, por favor. Le garantizo que llega el {n % 28 + 1}.\n"
        (folder / f"r{n:03}.txt").write_text(text if n % 3 else "Gracias por escribir.\n", encoding="utf-8")
    return folder


def _lines(cache: Path) -> list[str]:
    return [line for found in (cache / "results").glob("*.lines") for line in found.read_text().splitlines()]


def test_cached_run_matches_and_survives_corruption(tmp_path) -> None:
    folder, cache = _folder(tmp_path, 6), tmp_path / "cache"
    first = run("--lang", "es", str(folder), cache=cache).stdout
    entries = [line for line in _lines(cache) if "\t" in line]
    assert len(entries) == 4 and len(_lines(cache)) == 6  # files with findings, and two with none
    assert run("--lang", "es", str(folder), cache=cache).stdout == first
    (lines,) = (cache / "results").glob("*.lines")
    damaged = [line.split("\t")[0] + '\t{"findings": [{"start": [0, -3]}]' for line in entries]
    lines.write_text("\n".join(damaged) + "\n", encoding="utf-8")  # damaged entries are ignored and rebuilt
    assert run("--lang", "es", str(folder), cache=cache).stdout == first
    assert run("--lang", "es", "--no-cache", str(folder), cache=tmp_path / "other").stdout == first
    assert not (tmp_path / "other" / "results").exists()


def test_cut_lines_are_not_trusted(tmp_path) -> None:
    """A run killed mid-write leaves a line without its newline: a finding must
    never be read back as "nothing to report" from what is left of it."""
    folder, cache = _folder(tmp_path, 2), tmp_path / "cache"
    first = run("--lang", "es", str(folder / "r001.txt"), cache=cache).stdout
    assert '"ANG001"' in first
    (lines,) = (cache / "results").glob("*.lines")
    key = lines.read_text().split("\t")[0]
    for damaged in (key, key + "\u00e9\n"):  # cut before its tab; a byte svclint never writes
        for stale in (cache / "results").glob("*.lines"):
            stale.unlink()
        lines.write_text(damaged, encoding="utf-8")
        assert run("--lang", "es", str(folder / "r001.txt"), cache=cache).stdout == first


def test_files_with_notes_are_served_from_the_cache(tmp_path, monkeypatch) -> None:
    """A file read as a notice (SVC102), as legal terms (SVC104) or in a third language
    (SVC101) is not linted again on the next run: its note comes back with its findings."""
    from svclint.config import Config
    from svclint.engine import Linter

    monkeypatch.setenv("SVCLINT_CACHE_DIR", str(tmp_path / "cache"))
    texts = {"notice.txt": "Asunto: Nueva contraseña\n\nAlguien ha pedido cambiar la contraseña de su cuenta. "
                           "Pulse el enlace {{ enlace }}\n\nSi no ha sido usted, ignore este correo.\n",
             "terms.txt": "En ningún caso la empresa responde de daños indirectos. El presente contrato se rige "
                          "por la legislación aplicable en España.\n",
             "catalan.txt": "Bon dia, el paquet que ens vau demanar arribarà amb retard perquè el magatzem és tancat.\n"}
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")

    def linted() -> list:
        linter = Linter(Config(), lang="es", kind="email")
        linter.use_cache()
        return [linter.lint_path(str(tmp_path / name)) for name in texts]

    first = linted()
    assert [[d.code for d in result.diagnostics] for result in first] == [["SVC102"], ["SVC104"], ["SVC101"]]
    monkeypatch.setattr(Linter, "_findings", lambda *args: pytest.fail("a cached file was linted again"))
    assert linted() == first


def test_edited_file_is_linted_again(tmp_path) -> None:
    folder, cache = _folder(tmp_path, 2), tmp_path / "cache"
    run("--lang", "es", str(folder), cache=cache)
    (folder / "r001.txt").write_text("Tranquilícese.\n", encoding="utf-8")
    out = run("--lang", "es", str(folder / "r001.txt"), cache=cache).stdout
    assert "Tranquilícese" in out


def test_parallel_output_equals_serial(run_process, tmp_path) -> None:
    folder, cache = _folder(tmp_path, 60), tmp_path / "cache"
    serial = run("--lang", "es", "--no-cache", "--jobs", "1", str(folder), cache=cache).stdout
    parallel = run_process("--lang", "es", "--no-cache", "--jobs", "2", str(folder), cache=cache).stdout
    assert parallel == serial and serial.count('"ANG001"') == 40


def _fixture_sample(into: Path, per_rule: int) -> list[str]:
    """The first `per_rule` fixtures of every rule folder of both languages, with the
    folder's own configuration: every rule's patterns meet its own flagged texts, and
    each configured folder compiles patterns of its own."""
    fixtures = Path(__file__).resolve().parent.parent / "fixtures"
    for lang in ("es", "en"):
        for folder in sorted(path for path in (fixtures / lang).iterdir() if path.is_dir()):
            copy = into / lang / folder.name
            copy.mkdir(parents=True)
            texts = sorted(p for p in folder.iterdir() if p.is_file() and p.name not in CONFIGURATIONS)
            for path in [*(folder / name for name in CONFIGURATIONS), *texts[:per_rule]]:
                if path.is_file():
                    copy.joinpath(path.name).write_bytes(path.read_bytes())
    return [str(into / "es"), str(into / "en")]


CONFIGURATIONS = ("svclint.yaml", "expected.yaml")  # expected.yaml: excluded from the texts, not copied


def test_compiled_patterns_read_back_give_the_same_findings(run_process, tmp_path) -> None:
    """Fixtures linted with patterns compiled afresh, then read back from the snapshot
    (by the run and by its worker processes): the same report. A damaged snapshot is
    compiled again, not trusted."""
    folders, cache = _fixture_sample(tmp_path / "fixtures", per_rule=2), tmp_path / "cache"
    fresh = run_process("--no-cache", "--jobs", "1", *folders, cache=cache)
    snapshots = sorted(cache.glob("matcher-*.marshal"))
    # one per language and configuration (fixture folders with a svclint.yaml of their own add theirs)
    assert len(snapshots) > 2 and fresh.stdout.count('"code"') > 150
    assert run_process("--no-cache", "--jobs", "2", *folders, cache=cache).stdout == fresh.stdout
    for snapshot in snapshots:
        snapshot.write_text('{"singles": [[1, ["slot:0"]]], "chains": [["x", [[null, [[["?"]]], 0]], []]]}')
    one_folder = str(tmp_path / "fixtures" / "es" / "ANG001")  # reads one damaged snapshot, compiles it again
    expected = [found for found in json.loads(fresh.stdout) if found["path"].startswith(one_folder)]
    damaged = json.loads(run_process("--no-cache", "--jobs", "1", one_folder, cache=cache).stdout)
    assert damaged == expected and len(expected) >= 2


def test_result_lists_are_merged_and_damage_ignored(tmp_path) -> None:
    folder, cache = _folder(tmp_path, 9), tmp_path / "cache"
    first = run("--lang", "es", str(folder), cache=cache).stdout
    (lines,) = (cache / "results").glob("*.lines")
    salt = lines.name.split("-")[0]
    for n in range(9):  # many lists, some with damaged lines
        (cache / "results" / f"{salt}-{n + 1}.lines").write_text(f"zz{n}\nnot a key\n" + "f" * 63 + "\n")
    assert run("--lang", "es", str(folder), cache=cache).stdout == first
    merged = list((cache / "results").glob(f"{salt}-*.lines"))
    assert len(merged) <= 2 and all("not a key" not in path.read_text() for path in merged)
    assert run("--lang", "es", str(folder), cache=cache).stdout == first


def test_unused_cache_files_are_removed(run_process, tmp_path) -> None:
    """Files left by other versions or configurations go once unused for a month;
    what a run reads is marked as used and stays. (Processes of their own: a process
    reads the packs' JSON copies only at its first run, and marks them used then.)"""
    folder, cache = _folder(tmp_path, 3), tmp_path / "cache"
    run("--lang", "es", "--no-cache", str(folder), cache=cache)  # writes the compiled rules: no process compiles
    first = run_process("--lang", "es", str(folder), cache=cache).stdout
    results = cache / "results"
    old = 1_000_000_000  # 2001
    stale = [results / "0123456789abcdef-1.lines", results / "x.lines.tmp", cache / "matcher-old.marshal",
             cache / "packs-old.json"]
    recent = results / "fedcba9876543210-2.lines"
    for path in [*stale, recent]:
        path.write_text("f" * 64 + "\n")
    for path in [*stale, *results.glob("*.lines"), *cache.glob("*.json"), *cache.glob("*.marshal")]:
        os.utime(path, (old, old))
    os.utime(recent)
    assert run_process("--lang", "es", str(folder), cache=cache).stdout == first
    assert not any(path.exists() for path in stale) and recent.exists()
    kept = [*results.glob("*.lines"), *cache.glob("*.json"), *cache.glob("*.marshal")]
    assert len(kept) >= 3 and all(path.stat().st_mtime > old for path in kept)  # this run's list, packs, catalogue


def test_compiled_entries_beyond_the_few_most_recently_used_are_removed(run_process, tmp_path) -> None:
    """A new compiled snapshot prunes its family to the KEPT_PER_FAMILY most recently used
    (a pack author's every save writes one); other families are left alone. (A process of
    its own: one that holds the patterns compiled already writes no new snapshot.)"""
    folder, cache = _folder(tmp_path, 1), tmp_path / "cache"
    cache.mkdir(mode=0o700)
    now = time.time()
    earlier = [cache / f"matcher-{n:02}.marshal" for n in range(KEPT_PER_FAMILY + 4)]  # oldest first, all this week
    packs = cache / "packs-other.json"
    for age, path in enumerate(reversed([*earlier, packs])):
        path.write_text("f" * 64 + "\n")
        os.utime(path, (now - 3600 * (age + 1),) * 2)
    run_process("--lang", "es", str(folder), cache=cache)
    kept = {path.name for path in cache.glob("matcher-*.marshal")}
    written = kept - {path.name for path in earlier}
    assert len(kept) == KEPT_PER_FAMILY and len(written) == 1
    assert kept - written == {path.name for path in earlier[-(KEPT_PER_FAMILY - 1):]} and packs.exists()


def test_concurrent_runs_share_the_cache(svclint_bin, run_process, tmp_path) -> None:
    """Three runs at once over one cache folder (one of them parallel): each reports
    what an uncached run reports, and so does a run served from what they wrote."""
    folder, cache = _folder(tmp_path, 48), tmp_path / "cache"
    # the uncached report, in this process: what is raced for is the cache, not this run
    expected = run("--lang", "es", "--no-cache", str(folder), cache=cache).stdout
    env = {**os.environ, "SVCLINT_CACHE_DIR": str(cache)}
    command = [svclint_bin, *CHECK, "--lang", "es"]
    runs = [subprocess.Popen([*command, "--jobs", jobs, str(folder)], stdout=subprocess.PIPE, text=True, env=env)
            for jobs in ("1", "2", "1")]
    assert [process.communicate(timeout=300)[0] for process in runs] == [expected] * 3
    assert run_process("--lang", "es", str(folder), cache=cache).stdout == expected
