"""Syllable counts behind the readability scores, on words with known counts."""

from __future__ import annotations

import pytest

from svclint.syllables import english, spanish

SPANISH = {
    "que": 1, "guitarra": 3, "pingüino": 3, "hoy": 1, "muy": 1, "país": 2, "aéreo": 4, "cuidado": 3,
    "reembolso": 4, "atención": 3, "día": 2, "ahí": 2, "leer": 2, "cliente": 2, "pedido": 3, "factura": 3,
    "gracias": 2, "información": 4, "disculpe": 3, "problema": 3, "teléfono": 4, "inconveniente": 5,
    "tranquilícese": 5, "oído": 3, "poeta": 3, "ciudad": 2, "huevo": 2, "agua": 2, "fuimos": 2, "reúne": 3,
    "baúl": 2, "maíz": 2, "construir": 2, "instrucción": 3, "transporte": 3, "averiguar": 4, "buey": 1,
    "ley": 1, "caos": 2, "creer": 2, "roedor": 3, "caída": 3, "reír": 2, "aún": 2, "solución": 3,
    "lamentamos": 4, "guerra": 2, "seguimiento": 4, "garantía": 4, "reclamación": 4,
}
ENGLISH = {
    "the": 1, "customer": 3, "service": 2, "table": 2, "people": 2, "simple": 2, "makes": 1, "boxes": 2,
    "walked": 1, "wanted": 2, "media": 3, "special": 2, "actual": 3, "easier": 3, "nation": 2, "ratio": 3,
    "experience": 4, "apology": 4, "quiet": 2, "refund": 2, "delivery": 4, "family": 3, "idea": 3,
    "create": 2, "science": 2, "being": 2, "going": 2, "really": 2, "because": 2, "received": 2,
    "unfortunately": 5, "information": 4, "immediately": 5, "appreciate": 4, "inconvenience": 5,
    "understand": 3, "frustrating": 3, "case": 1, "invoice": 2, "value": 2, "continue": 3, "available": 4,
    "definitely": 4, "shipped": 1, "charged": 1, "processed": 2, "reviewed": 2, "video": 3, "account": 2,
    "please": 1, "order": 2, "payment": 2, "problem": 2, "resolve": 2, "update": 2, "email": 2,
}


@pytest.mark.parametrize(("counter", "words", "needed"), [(spanish, SPANISH, 1.0), (english, ENGLISH, 0.9)])
def test_syllable_counts(counter, words, needed) -> None:
    wrong = {w: (counter(w), n) for w, n in words.items() if counter(w) != n}
    assert 1 - len(wrong) / len(words) >= needed, wrong
