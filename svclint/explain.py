"""`svclint explain CODE`: a rule's page, written from its catalogue entry and pack,
or the page of one of the engine's own codes (svclint/diagnostics.py)."""

from __future__ import annotations

from svclint.errors import SvclintError
from svclint.diagnostics import engine_code
from svclint.model import KINDS
from svclint.rules.packs import RuleBook

# The line a rule page adds when the rule has a learned scorer (svclint/checks/scorer.py).
SCORED = {
    "es": "También: una frase con palabras que no recoge ninguna construcción de la lista, si el evaluador aprendido "
          "de la regla la puntúa con {threshold} o más (la opción scorer-confidence sube ese umbral; 1 lo apaga).",
    "en": "Also: a sentence in wording no listed construction covers, when the rule's learned scorer rates it "
          "{threshold} or more (the option scorer-confidence raises that threshold; 1 turns it off).",
}
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
        *([SCORED[lang].format(threshold=rule.spec["scorer"]["threshold"])] if rule.spec.get("scorer") else []),
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
