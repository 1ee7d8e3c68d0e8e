"""Which units are judged as a whole reply (issue 11, items 2 and 4): the rules about answering
a customer (thanks, apology, acknowledgement, a name) do not run on a piece of a message or on
a turn in the middle of a conversation; they still run on a first reply, however short."""

from __future__ import annotations

import pytest

from svclint.config import Config
from svclint.engine import Linter
from svclint.purpose import partial_reply

REPLY_RULES = {"THX001", "TPL004", "ANG003", "APO001", "SIN003"}


@pytest.mark.parametrize(("text", "kind", "reason"), [
    ("Tu devolución {{ numero }} ya está registrada\n", "email", "a one-line heading, subject or link"),
    ("Revisa aquí los detalles de tu reserva:\n", "email", "a one-line heading, subject or link"),
    ("Your invoice is attached to this message.\n", "email", "a one-line heading, subject or link"),
    ("@cliente (2/3) Después reinicia el router y espera un minuto.\n", "chat", "a numbered part of a thread"),
    ("@customer 3. Turn the console off and on again.\n", "chat", "a numbered part of a thread"),
    ("@cliente ¡De nada! Que tengas buen fin de semana.\n", "chat", "an answer to the customer's thanks"),
    ("@customer Hi, glad to help! Enjoy the new headphones.\n", "chat", "an answer to the customer's thanks"),
    ("Hi Dana, if you're still seeing the error, clear the cache once more.\n", "chat",
     "a follow-up in a conversation"),
    ("Hola, Luis. Si sigues sin señal, apaga el módem diez segundos.\n", "chat", "a follow-up in a conversation"),
    ("@customer Sorry you're still getting that error. Let's try a reset.\n", "chat",
     "a follow-up in a conversation"),
    ("Hola, ¿todavía tenés el corte de luz? Probá subir el diferencial.\n", "chat", "a follow-up in a conversation"),
    ("¿Me indica el Nro. de su factura?\n", "chat", "a lone clarifying question"),
    ("@customer Which phone model are you using? ^RB\n", "chat", "a lone clarifying question"),
    ("Para entrar en la red de invitados siga los pasos de https://ejemplo.edu/wifi\n", "chat",
     "a lone pointer to a link"),
    ("You can book a study room here: https://example.edu/rooms\n", "chat", "a lone pointer to a link"),
])
def test_pieces_and_mid_conversation_turns_are_not_whole_replies(text: str, kind: str, reason: str) -> None:
    assert partial_reply(text, kind) == reason


@pytest.mark.parametrize(("text", "kind"), [
    ("claro, la tienda del centro abre a las 10 mañana\n", "chat"),  # a chat answer needs no full stop
    ("Hola, Marta: su pedido sale hoy.\n", "email"),  # a greeting and a body
    ("Hola {{nombre}}, ya cambié la dirección. El pedido sale mañana.\n", "chat"),
    ("Happy to help! Your refund went out this morning.\n", "chat"),  # also how first replies open
    ("Hi {{name}}, can you send us a photo of the label? We'll take it from there.\n", "chat"),
    ("Thanks for your email. Your parcel left the depot today.\n", "email"),
    ("Try a restart first. If you're still having trouble, call us on 0300 123 456.\n", "chat"),  # a closing offer
    ("@ana_p Para entrar en la red de invitados siga los pasos de https://ejemplo.edu/wifi\n", "chat"),  # a post answered
    ("Hola, Ana. Para entrar en la red de invitados siga los pasos de https://ejemplo.edu/wifi\n", "chat"),  # greeted
    ("I've checked it: you can book a room here: https://example.edu/rooms\n", "chat"),  # an agent's «I»
    ("Te dejo el enlace para reservar: https://ejemplo.edu/salas\n", "chat"),
    ("Book a room here: https://example.edu/rooms. The desk opens at 9.\n", "chat"),  # more than one sentence
])
def test_first_replies_stay_judged(text: str, kind: str) -> None:
    assert partial_reply(text, kind) is None


def _run(text: str, lang: str, kind: str):
    return Linter(Config(), lang=lang, kind=kind).lint_text("reply.txt", text)


def test_a_subject_line_gets_no_reply_findings_and_a_note_in_the_files_language() -> None:
    result = _run("Detalles de tu pedido {{ pedido }} en nuestra tienda\n", "es", "email")
    assert not {finding.code for finding in result.findings} & REPLY_RULES
    [note] = result.diagnostics
    assert note.code == "SVC102"
    assert "una sola línea, como un asunto" in note.message and "THX001" in note.message


def test_a_whole_reply_with_the_same_words_is_still_judged() -> None:
    result = _run("Hola:\n\nTu pedido {{ pedido }} ya está en camino.\n\nUn saludo,\n{{ agente }}\n", "es", "email")
    assert {finding.code for finding in result.findings} >= {"THX001", "TPL004"}
    assert result.diagnostics == ()


def test_a_kind_stated_in_the_file_keeps_a_piece_judged() -> None:
    stated = "# svclint: kind=chat\n@customer You're welcome! Your order ships today.\n"
    assert "THX001" in {finding.code for finding in _run(stated, "en", None).findings}


def test_a_bots_pointer_to_a_link_gets_no_reply_findings_and_the_greeted_reply_keeps_its_span() -> None:
    pointer = _run("Para entrar en la red de invitados siga los pasos de https://ejemplo.edu/wifi\n", "es", "chat")
    assert not {finding.code for finding in pointer.findings} & REPLY_RULES
    [note] = pointer.diagnostics
    assert note.code == "SVC102" and "una sola frase que remite a un enlace" in note.message
    greeted = _run("Hola, Ana. Para entrar en la red de invitados siga los pasos de https://ejemplo.edu/wifi\n",
                   "es", "chat")
    [thanks] = [finding for finding in greeted.findings if finding.code == "THX001"]
    assert (thanks.start.line, thanks.start.column, thanks.end.line, thanks.end.column) == (1, 1, 1, 11)
    assert thanks.matched == "Hola, Ana."
