"""`svclint explain CODE`: a rule's page, written from its catalogue entry and pack,
or the page of one of the engine's own codes (svclint/diagnostics.py)."""

from __future__ import annotations

from svclint.errors import SvclintError
from svclint.diagnostics import engine_code
from svclint.model import KINDS
from svclint.rules.packs import RuleBook

HEADINGS = {
    "es": ("Qué señala", "Por qué importa", "Ejemplo a evitar", "Ejemplo correcto", "Qué escribir en su lugar"),
    "en": ("What it flags", "Why it matters", "Example to avoid", "Good example", "What to write instead"),
}


def explain_rule(book: RuleBook, code: str, lang: str) -> str:
    engine = engine_code(code)  # the engine's own codes have a page, though no rule
    if engine is not None:
        return engine.page()
    catalogue = book.catalogue
    if code not in catalogue:
        raise SvclintError(f"unknown rule {code}; `svclint rules` lists them")
    rule = book.language(lang).get(code)
    if rule is None:
        raise SvclintError(f"{code} has no {lang} data")
    meta = catalogue[code]
    kinds = "all" if len(meta.kinds) == len(KINDS) else ", ".join(meta.kinds)
    what, why, bad, good, instead = HEADINGS[lang]
    lines = [
        f"{code} ({meta.slug}) — {rule.title}",
        f"severity: {meta.severity.label} · scope: {meta.scope} · kinds: {kinds}",
        "",
        f"## {what}",
        rule.flags.strip(),
        "",
        f"## {why}",
        rule.why.strip(),
        "",
        f"## {bad}",
        *(_example(example) for example in rule.flag[:2]),
        "",
        f"## {good}",
        *(_example(example) for example in rule.passes[:2]),
        "",
        f"## {instead}",
        rule.instead.strip(),
    ]
    return "\n".join(lines)


def _example(example) -> str:
    """An indented example; the kind and configuration it needs, when it needs some."""
    text = "\n".join("    " + line for line in example.text.strip().splitlines())
    needs = [f"kind: {example.kind}"] if example.kind else []
    needs += [f"{key}: {value}" for key, value in example.config.items()]
    return text + (f"\n    ({'; '.join(needs)})" if needs else "")
