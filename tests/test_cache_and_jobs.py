"""The result cache and parallel runs change nothing in what is reported."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path


def run(svclint_bin, *args, cache: Path):
    env = {**os.environ, "SVCLINT_CACHE_DIR": str(cache)}
    return subprocess.run([svclint_bin, "check", "--format", "json", "--exit-zero", *args],
                          capture_output=True, text=True, env=env, timeout=300)


def _folder(tmp_path: Path, count: int) -> Path:
    folder = tmp_path / "templates"
    folder.mkdir()
    for n in range(count):
        text = f"Hola, cliente {n}. Cálmese, por favor. Le garantizo que llega el {n % 28 + 1}.\n"
        (folder / f"r{n:03}.txt").write_text(text if n % 3 else "Gracias por escribir.\n", encoding="utf-8")
    return folder


def test_cached_run_matches_and_survives_corruption(svclint_bin, tmp_path) -> None:
    folder, cache = _folder(tmp_path, 6), tmp_path / "cache"
    first = run(svclint_bin, "--lang", "es", str(folder), cache=cache).stdout
    entries = list((cache / "results").rglob("*.json"))
    clean = [line for keys in (cache / "results").glob("clean-*.keys") for line in keys.read_text().split()]
    assert len(entries) == 4 and len(clean) == 2  # files with findings, files with none
    assert run(svclint_bin, "--lang", "es", str(folder), cache=cache).stdout == first
    for entry in entries:  # damaged entries are ignored and rebuilt
        entry.write_text('{"format": 1, "findings": [{"start": [0, -3]}]', encoding="utf-8")
    assert run(svclint_bin, "--lang", "es", str(folder), cache=cache).stdout == first
    assert run(svclint_bin, "--lang", "es", "--no-cache", str(folder), cache=tmp_path / "other").stdout == first
    assert not (tmp_path / "other" / "results").exists()


def test_edited_file_is_linted_again(svclint_bin, tmp_path) -> None:
    folder, cache = _folder(tmp_path, 2), tmp_path / "cache"
    run(svclint_bin, "--lang", "es", str(folder), cache=cache)
    (folder / "r001.txt").write_text("Tranquilícese.\n", encoding="utf-8")
    out = run(svclint_bin, "--lang", "es", str(folder / "r001.txt"), cache=cache).stdout
    assert "Tranquilícese" in out


def test_parallel_output_equals_serial(svclint_bin, tmp_path) -> None:
    folder, cache = _folder(tmp_path, 60), tmp_path / "cache"
    serial = run(svclint_bin, "--lang", "es", "--no-cache", "--jobs", "1", str(folder), cache=cache).stdout
    parallel = run(svclint_bin, "--lang", "es", "--no-cache", "--jobs", "2", str(folder), cache=cache).stdout
    assert parallel == serial and serial.count('"ANG001"') == 40


def test_compiled_patterns_read_back_give_the_same_findings(svclint_bin, tmp_path) -> None:
    """Every fixture, linted with patterns compiled afresh, read back from the
    snapshot, and read past a damaged snapshot: the same report each time."""
    fixtures, cache = Path(__file__).resolve().parent.parent / "fixtures", tmp_path / "cache"
    folders = [str(fixtures / "es"), str(fixtures / "en")]
    fresh = run(svclint_bin, "--no-cache", *folders, cache=cache)
    snapshots = sorted(cache.glob("matcher-*.json"))
    assert len(snapshots) == 2 and fresh.stdout.count('"code"') > 500
    assert run(svclint_bin, "--no-cache", *folders, cache=cache).stdout == fresh.stdout
    for snapshot in snapshots:
        snapshot.write_text('{"singles": [[1, ["slot:0"]]], "chains": [["x", [[null, [[["?"]]], 0]], []]]}')
    assert run(svclint_bin, "--no-cache", *folders, cache=cache).stdout == fresh.stdout


def test_clean_key_lists_are_merged_and_damage_ignored(svclint_bin, tmp_path) -> None:
    folder, cache = _folder(tmp_path, 9), tmp_path / "cache"
    first = run(svclint_bin, "--lang", "es", str(folder), cache=cache).stdout
    (lists,) = (cache / "results").glob("clean-*.keys")
    salt = lists.name.split("-")[1]
    for n in range(9):  # many lists, some with damaged lines
        (cache / "results" / f"clean-{salt}-{n + 1}.keys").write_text(f"zz{n}\nnot a key\n" + "f" * 63 + "\n")
    assert run(svclint_bin, "--lang", "es", str(folder), cache=cache).stdout == first
    merged = list((cache / "results").glob(f"clean-{salt}-*.keys"))
    assert len(merged) <= 2 and all("not a key" not in path.read_text() for path in merged)
    assert run(svclint_bin, "--lang", "es", str(folder), cache=cache).stdout == first
