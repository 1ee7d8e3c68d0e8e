"""The wheel carries the rule packs and loads them (pre-commit installs with `pip install .`)."""

from __future__ import annotations

import subprocess
import sys
import zipfile

from conftest import ROOT

from svclint.rules.packs import load_language


def test_wheel_contains_and_loads_the_packs(tmp_path) -> None:
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(tmp_path), str(ROOT)], check=True, capture_output=True, timeout=300)
    wheel = next(tmp_path.glob("svclint-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        archive.extractall(tmp_path / "site")
    for lang in ("es", "en"):
        assert f"svclint/_rules/{lang}/ANG001.yaml" in names
    assert "svclint/_rules/catalogue.yaml" in names
    probe = ("import sys; sys.path.insert(0, sys.argv[1]); from svclint.rules.packs import rules_dir, load_language;"
             "print(rules_dir()); print(len(load_language('es')), len(load_language('en')))")
    out = subprocess.run([sys.executable, "-c", probe, str(tmp_path / "site")], capture_output=True,
                         text=True, check=True, cwd=tmp_path).stdout.split()
    assert out[0].startswith(str(tmp_path / "site"))
    assert [int(n) for n in out[1:]] == [len(load_language("es")), len(load_language("en"))]
