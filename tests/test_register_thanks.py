"""LNG002 (register read from word endings, only real mixing unless `register` is set),
THX001 (thanks in other words and glued sign-offs) and PRO004 (offers of help in the
present tense and with lo/la), issue 11 items 4 and 5."""

from __future__ import annotations

import pytest

from svclint.checks.named.register import morphological_register
from svclint.config import Config
from svclint.engine import Linter


def _findings(text: str, lang: str = "es", kind: str = "chat", register: str | None = None, code: str = "LNG002"):
    config = Config()
    config.register = register
    result = Linter(config, lang=lang, kind=kind).lint_bytes("reply.txt", text.encode("utf-8"))
    return [f for f in result.findings if f.code == code]


@pytest.mark.parametrize("word, register", [
    ("tómese", "usted"), ("Diríjase", "usted"), ("siéntase", "usted"),
    ("cálmate", "tu"), ("acuérdate", "tu"), ("tendrás", "tu"), ("podéis", "tu"),
    ("estás", "informal"), ("tenés", "vos"), ("necesitás", "vos"), ("vivís", "vos"), ("revisá", "vos"),
    # not second-person verbs: adverbs, nouns, demonyms, third persons, first-person preterites
    ("además", None), ("país", None), ("inglés", None), ("interés", None), ("está", None),
    ("llegará", None), ("tomate", None), ("paquete", None), ("envié", None), ("cálmense", None),
])
def test_register_from_the_word_ending(word, register) -> None:
    assert morphological_register(word) == register


def test_consistent_tu_or_vos_is_not_flagged_without_a_configured_register() -> None:
    assert _findings("Gracias por tu pedido. Regístrate en la web y podrás seguir el envío.") == []
    assert _findings("Gracias por escribirnos. Si tenés dudas, fijate en tu cuenta o escribinos.") == []


def test_configured_register_still_flags_the_opposite_one() -> None:
    [finding] = _findings("Gracias por escribirnos. Si tenés dudas, escribinos.", register="usted")
    assert (finding.start.line, finding.start.column, finding.matched) == (1, 29, "tenés")
    assert finding.message == "«tenés» trata de vos al cliente; el trato configurado es usted."


def test_mixing_names_the_register_of_the_text_and_the_setting() -> None:
    [finding] = _findings("Tómese su tiempo, gracias. Usted recibirá la factura hoy.\nSi tenés dudas, escribinos.")
    assert (finding.start.line, finding.start.column, finding.matched) == (2, 4, "tenés")
    assert finding.message == ("«tenés» (vos) se aparta del trato de usted que lleva el texto, como en «Tómese» "
                               "(línea 1, columna 1); el ajuste `register` fija el trato de la casa.")


@pytest.mark.parametrize(("text", "register", "matched"), [
    # a stray «tu» in the sign-off of a reply written to usted: the «tu» is marked, though it comes first
    ("Tu equipo de soporte\n\nSi desea añadir algo, responda a este correo o acceda a su cuenta.", None, "Tu"),
    # one marker each: the first sets the text's register
    ("Revisa tu correo. Si no lo encuentra, escríbanos.", None, "escríbanos"),
    # a configured register is the house's, whatever most of the text says
    ("Gracias por tu compra. Escríbanos si necesita algo.", "usted", "tu"),
])
def test_mixing_marks_the_odd_words_out(text: str, register: str | None, matched: str) -> None:
    [finding] = _findings(text, kind="email", register=register)
    assert finding.matched == matched


def test_a_name_inside_a_sentence_is_not_a_verb() -> None:
    assert _findings("Gracias, Andrés. Usted recibirá la factura hoy.") == []


def test_thanks_glued_to_a_signature_counts() -> None:
    text = "@user Could you share your OS and RAM so we can dig in? Thanks.^Kim\n"
    assert _findings(text, lang="en", code="THX001") == []


@pytest.mark.parametrize(("text", "lang"), [
    ("Hi there, I am sorry about that. You can also reach us via this link https://example.com/contact?open=true .Thanks! ^Ana", "en"),
    ("Hola, Marta, sentimos el retraso. Te dejamos el enlace https://example.com/ayuda .Gracias por escribir.", "es"),
])
def test_thanks_after_a_mark_with_its_space_left_out_counts(text, lang) -> None:
    """The mark glued to the next word (".Thanks") is its own token, so the word is read."""
    assert _findings(text, lang=lang, code="THX001") == []


@pytest.mark.parametrize("text", ["Cheers for the photos, Ken. Your claim is open.",
                                  "Much obliged for the quick reply; the part is on order.",
                                  "Ta for checking in. The car is ready after two."])
def test_informal_english_thanks_count(text) -> None:
    assert _findings(text, lang="en", code="THX001") == []


def test_obliged_to_inform_is_no_thanks() -> None:
    [finding] = _findings("We are obliged to let you know that your policy renews in May.", lang="en", code="THX001")
    assert (finding.start.line, finding.start.column) == (1, 1)


def test_apreciamos_thanks_but_apreciable_does_not() -> None:
    assert _findings("Apreciamos su valoración; nos ayuda a mejorar.", kind="email", code="THX001") == []
    [finding] = _findings("Apreciable señora Ruiz:\n\nSu factura ya está disponible.", kind="email", code="THX001")
    assert finding.matched == "Apreciable señora Ruiz:"


@pytest.mark.parametrize("offer", ["¿En qué le ayudo?", "¿Le ayudo en algo?", "¿En qué lo puedo ayudar?",
                                   "¿Qué se le ofrece?", "¿En qué puedo serle útil?", "¿Puedo ayudarla?"])
def test_offers_of_help_in_other_words(offer) -> None:
    script = f"Agente: Buenos días, Ópticas Sur, soy Nerea. {offer}\nCliente: Quería una cita."
    assert _findings(script, kind="call-script", code="PRO004") == []


def test_an_opening_without_an_offer_is_still_flagged() -> None:
    script = "Agente: Buenos días, Ópticas Sur, soy Nerea. Dígame su número de cliente.\nCliente: El 4471."
    [finding] = _findings(script, kind="call-script", code="PRO004")
    assert (finding.start.line, finding.start.column, finding.matched) == (1, 9, "Buenos días, Ópticas Sur, soy Nerea.")


@pytest.mark.parametrize("text, matched", [
    # forms of any verb, read from their person: present after «si», preterite, enclitic imperative
    ("Gracias por su mensaje y por su paciencia. Si notas otro cargo, adjúntanos una captura.", "Si notas"),
    ("Lamento el inconveniente con su línea. ¿Ya intentaste apagar el módem?", "intentaste"),
    ("Disculpe la demora. Para avanzar, adjuntame una foto de la etiqueta.", "adjuntame"),
    ("¡Hola! Ya vi tu mensaje. Permítame un momento mientras lo consulto.", "Permítame"),
    ("¡Hola! ¿En qué podemos ayudarte hoy? Para iniciar la devolución, seleccione el pedido.", "seleccione"),
    ("Ya hemos recibido tu devolución. Guarde el justificante hasta ver el abono.", "Guarde"),
])
def test_register_from_the_person_of_any_verb(text, matched) -> None:
    [finding] = _findings(text)
    assert finding.matched == matched


@pytest.mark.parametrize("text", [
    "Su pedido de té llega el jueves. Le enviaremos el número de seguimiento.",  # the drink
    "Gracias por su interés en el programa Tu Casa Propia. Le enviaremos la documentación.",  # a name
    "Buenos días, le atiende Rocío.\n[Nota interna: pídele el número de pedido]\nPermítame, reviso su pedido.",
    "Puede que el banco consulte tu historial; te aviso en cuanto sepa algo.",  # a subjunctive, not usted
    "Hola Lucía, revisé tu caso y ya te emití una nueva factura.",  # the agent's preterite
    # the customer's earlier e-mail quoted under the reply
    "Le enviamos la factura corregida.\n\nEl 3 de mayo, Juan escribió:\n> ¿Me puedes mandar la factura?",
    "Le enviamos la factura.\n\n-----Mensaje original-----\nHola, ¿me puedes mandar la factura?",
])
def test_look_alikes_notes_and_third_persons_are_no_markers(text) -> None:
    assert _findings(text) == []
