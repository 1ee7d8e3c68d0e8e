"""Document purpose (replies versus automated notices), FAQ pages and text in a third
language (issue 11, item 2 and "Bad input")."""

from __future__ import annotations

import json
import re

import pytest

from svclint.api import Session
from svclint.config import Config, load_config
from svclint.documents.unit import PLACEHOLDER_MARK
from svclint.diagnostics import NOTICE_READ
from svclint.engine import Linter
from svclint.model import ENGINE_CODES, KINDS
from svclint.purpose import _MEDIUM, _STRONG, SPANISH_NAMES, _needles, legal_terms, notice_signals, third_language
from svclint.report.json_report import render_json

RESET_NOTICE = (
    "Asunto: Nueva contraseña\n\n"
    "Alguien ha pedido cambiar la contraseña de su cuenta. Para elegir otra, pulse el enlace {{ enlace }}\n\n"
    "Si no ha sido usted, ignore este correo: su contraseña no cambia.\n"
)
CATALAN = (
    "Bon dia,\n\nEl paquet que ens vau demanar dimarts arribarà amb retard perquè el magatzem "
    "és tancat. Us l'enviarem demà i el rebreu dijous.\n\nSalutacions,\nAtenció al client\n"
)


def _codes(result) -> set[str]:
    return {finding.code for finding in result.findings}


def test_a_notice_sent_as_email_skips_the_rules_about_answering_a_customer() -> None:
    result = Linter(Config(), lang="es", kind="email").lint_text("reset.txt", RESET_NOTICE)
    assert not _codes(result) & {"THX001", "ANG003", "APO001", "SIN003", "TPL004"}
    [note] = result.diagnostics
    assert note.code == "SVC102"
    assert "una línea de «si no fue usted»" in note.message and "THX001" in note.message  # in the file's language


def test_a_kind_stated_in_the_file_keeps_a_notice_judged_as_a_reply() -> None:
    stated = "<!-- svclint: kind=email -->\n" + RESET_NOTICE
    assert _codes(Linter(Config(), lang="es", select=["THX001"]).lint_text("reset.txt", stated)) == {"THX001"}
    linter = Linter(Config(), lang="es", kind="email", select=["THX001"])
    assert _codes(linter.lint_text("reset.txt", RESET_NOTICE)) == set()


def test_replies_that_look_like_notices_are_not_notices() -> None:
    assert notice_signals("Hola, Ana:\n\nComo nos indica, el código de verificación no le llega. "
                          "Introduzca este código: {{ codigo }}\n") == []
    assert notice_signals("Hi Sam,\n\nI've checked your order. Please do not reply to the survey link.\n") == []
    assert notice_signals("Your check-in code is ${code}. See you on Friday!\n") == []  # one medium signal


@pytest.mark.parametrize("text", [
    "Lo siento. Tu correo no pertenece a una cuenta del colegio.",
    "El número de pedido que escribiste no es válido: debe tener 8 cifras.",
    "That email address is not registered. Check it and try once more.",
])
def test_a_form_refusing_what_was_typed_is_a_short_interface_error(text: str) -> None:
    assert notice_signals(text) == ["a short interface error"]


@pytest.mark.parametrize("text", [
    "No hay agentes disponibles",
    "Resolving this conversation as it has been inactive for a while. Please start a new one if you need more help.",
])
def test_a_chat_widget_saying_how_the_chat_stands_is_a_notice(text: str) -> None:
    assert notice_signals(text) == ["a chat's status line"]


def test_a_greeted_reader_told_no_agent_is_free_is_answered() -> None:
    """«¡Hola, Sara!» greets as «Hola, Sara» does: a person writes the rest."""
    assert notice_signals("¡Hola, Sara! Ahora no hay agentes disponibles, así que Marta te llama a las 15 h.") == []


def test_an_agent_saying_an_address_is_not_registered_still_replies() -> None:
    """An agent's «he revisado» (or a greeting with a reference to the customer's words) vetoes the error."""
    assert notice_signals("Hola Marta, he revisado y tu correo no está registrado en la tienda.") == []
    assert notice_signals("Tu correo no está registrado en la tienda; lo explicamos abajo con detalle. " * 3) == []


def test_a_person_at_work_replies_even_in_a_message_that_calls_itself_automatic() -> None:
    """The autopilot line SIN005 flags does not make a person's reply a notice; courtesy alone does not
    outweigh it."""
    assert notice_signals("Hola Raúl, te atiende Marina. Este mensaje se ha generado automáticamente, por favor "
                          "no respondas. Tu cambio de plan queda aplicado.\n") == []
    assert notice_signals("Hi Tom,\n\nI have moved your delivery to Thursday. This is an automated email, "
                          "please do not reply.\n") == []
    assert notice_signals("Thank you for your patience.\n\nThis is an automated message, please do not "
                          "reply.\n") == ["a do-not-reply line"]


@pytest.mark.parametrize("text", [
    "Estimado %%NAME%%:\n\nLamentablemente, el registro de su cuenta ha sido rechazado.\n\nAtentamente,\nLa web\n",
    "Tus documentos para aprobar tu cuenta han sido revisados y no cumplen con lo requerido.\nMotivo: {{ motivo }}\n",
    "Your account has been marked as sensitive.\nYou can reply to this address to reach the staff.\n",
])
def test_a_decision_on_the_account_is_account_news(text: str) -> None:
    assert notice_signals(text) == ["an account notice"]


@pytest.mark.parametrize(("text", "fills", "signal"), [
    ("Hola:\n\nTu cupón de descuento especial: {{c}}\nSi tiene alguna pregunta, escríbanos.\n", ["COUPON"],
     "a value only a program fills in"),
    ("Información de tu cuenta\nUsuario: {{u}}\nContraseña: {{p}}\n", ["userName", "password"],
     "a value only a program fills in"),
    ("Puede cambiar su contraseña siguiendo este enlace {{link}}. Esta URL expirará pronto.\n", ["link"],
     "a password reset link"),
    ("Se ha producido un error al migrar su portal.\nPara cambiar el tipo de notificación, administre su "
     "configuración de la suscripción.\n", [], "a why-you-got-this line"),
    ("Tu periodo de prueba terminará pronto\nHola {{n}},\nAñade un método de pago.\n", ["userName"],
     "an account notice"),
    ("You have been banned from the forum\nHello {{n}},\nThis ban will last until {{d}}.\n", ["n", "d"],
     "a moderation notice"),
    ("Hello {{n}},\nPlease confirm your email address via the following link:\n{{u}}\n", ["n", "u"],
     "an account to confirm through a link"),
    ("Password successfully changed\nHello {{n}}\nIt was changed on {{d}}.\n", ["n", "d"],
     "a heading that names a notice"),
])
def test_what_only_a_program_sends(text: str, fills: list[str], signal: str) -> None:
    assert notice_signals(text, fills) == [signal]


def test_an_error_told_to_someone_greeted_is_no_interface_string() -> None:
    error = "Unfortunately, we encountered an issue while creating your request.\nPlease try again later.\n"
    assert notice_signals(error) == ["a short interface error"]
    assert notice_signals("Hello,\n" + error) == []
    assert notice_signals("Hubo un error al procesar su pago\nHola,\nLo sentimos, hubo un error al procesar su "
                          "pago.\n") == ["a heading that names a notice"]


def test_a_coupon_given_with_an_apology_is_still_a_reply() -> None:
    assert notice_signals("Hola, Ana:\n\nSentimos el retraso. Aquí tiene un cupón: {{c}}\n", ["coupon"]) == []


def test_an_order_called_off_is_news_unless_it_answers_the_reader() -> None:
    assert notice_signals("Hola Andrés:\n\nTu pedido 4471 ha sido cancelado. Si tienes dudas, responde.\n") == [
        "an account notice"]
    assert notice_signals("Hemos cancelado tu orden {{ n }} por falta de stock.\n", ["n"]) == ["an account notice"]
    assert notice_signals("Subject: Re: Cancelled booking\n\nHello Priya,\n\nYour booking has been cancelled as "
                          "requested.\n") == []


def test_a_decision_on_what_the_reader_sent_answers_them() -> None:
    assert notice_signals("Hello,\n\nYour email has been rejected because the ticket is closed. Please open a "
                          "new ticket from the portal.\n") == []


def test_signals_name_what_makes_a_notice() -> None:
    receipt = "Order 12\n\nSubtotal: {{ subtotal }}\nTax: {{ tax }}\nTotal: {{ total }}\n"
    assert notice_signals(receipt) == ["an order-total table"]
    assert notice_signals("Something went wrong. Try again.") == ["a short interface error"]
    long_text = "Something went wrong with the order we sent. " * 5 + "Try again."
    assert notice_signals(long_text) == []  # an error message is short; a longer text is prose


def test_the_notice_kind_is_settable_and_keeps_template_hygiene() -> None:
    assert "notice" in KINDS
    result = Linter(Config(), lang="es", kind="notice").lint_text("a.txt", "Hola {{ nombre }:\n\nSu clave ha cambiado.\n")
    assert result.diagnostics == ()
    assert [(f.code, f.kind) for f in result.findings] == [("TPL001", "notice")]


def test_configuration_globs_may_name_the_notice_kind(tmp_path) -> None:
    (tmp_path / "svclint.yaml").write_text('kinds: {"avisos/*": notice}\n', encoding="utf-8")
    config = load_config(tmp_path / "svclint.yaml")
    reply = "Hola, Ana:\n\nSu pedido llegó roto por un error nuestro. Le enviamos otro hoy.\n"
    linter = Linter(config, lang="es", select=["THX001"])
    assert _codes(linter.lint_text(str(tmp_path / "avisos" / "a.txt"), reply)) == set()
    assert _codes(linter.lint_text(str(tmp_path / "otros" / "a.txt"), "<!-- svclint: kind=email -->\n" + reply)) == {"THX001"}


def test_json_shows_the_notice_kind() -> None:
    text = "Your code is {{ code }}. The code expires in 10 minutes. DO NOT SHARE IT WITH ANYONE.\n"
    result = Linter(Config(), lang="en", kind="sms").lint_text("code.txt", text)
    kinds = {entry["kind"] for entry in json.loads(render_json([result]))}
    assert kinds == {"notice"}


def test_markdown_pages_of_question_headings_are_faqs() -> None:
    answer = ("Para cambiar la contraseña tiene que entrar en su perfil, abrir la sección de seguridad, "
              "escribir la contraseña actual y después la nueva dos veces antes de guardar los cambios del perfil.")
    page = f"# Ayuda\n\n## ¿Cómo cambio la contraseña?\n\n{answer}\n\n## ¿Puedo devolver un pedido?\n\nSí, durante 30 días.\n"
    result = Linter(Config(), lang="es", select=["CLR001"]).lint_text("ayuda.md", page)
    assert [(f.code, f.kind) for f in result.findings] == [("CLR001", "faq")]
    one_question = page.split("## ¿Puedo")[0]
    assert [f.kind for f in Linter(Config(), lang="es", select=["CLR001"]).lint_text("a.md", one_question).findings] == ["text"]


def test_catalan_and_portuguese_get_one_note_and_no_findings() -> None:
    portuguese = ("Olá,\n\nO seu pedido foi enviado com atraso por causa de um problema no armazém. "
                  "Você vai recebê-lo até sexta-feira e não precisa fazer nada.\n")
    for text, language in ((CATALAN, "Catalan"), (portuguese, "Portuguese")):
        result = Linter(Config(), lang="es", kind="email").lint_text("x.txt", text)
        assert result.findings == ()
        [note] = result.diagnostics
        assert note.code == "SVC101" and language in note.message
    assert {"SVC101", "SVC102"} <= set(ENGINE_CODES)  # --ignore accepts them


def test_third_language_detection_is_conservative() -> None:
    assert third_language("Bon dia, gràcies.") is None  # too few words to tell
    spanish_with_catalan_quote = ("Hola, Jordi: le confirmamos que el rótulo «Tancat per vacances» ya está "
                                  "corregido y que su pedido sale hoy con el transportista de siempre.")
    assert third_language(spanish_with_catalan_quote) is None
    assert third_language("Thank you for your order. We will ship it on Monday and email you the tracking link.") is None


def test_a_lang_directive_has_third_language_text_linted() -> None:
    stated = "<!-- svclint: lang=es -->\n" + CATALAN
    result = Linter(Config(), kind="email").lint_text("x.txt", stated)
    assert not any(d.code == "SVC101" for d in result.diagnostics)


def test_the_notes_have_explain_pages() -> None:
    from svclint.explain import explain_rule
    from svclint.rules.packs import rule_book

    book = rule_book([])
    assert explain_rule(book, "SVC101", "es").startswith("SVC101 (third-language)")
    assert "kind=email" in explain_rule(book, "SVC102", "en")


def test_events_about_someone_else_or_the_system_are_notices() -> None:
    """Issue 11 item 2: invitations, accounts opened for the reader, bounces of a message that
    did not work, notifications to staff and activity digests, in Spanish and English."""
    assert notice_signals("{{ remitente }} te ha invitado a unirte al grupo {{ grupo }}.") == [
        "an invitation or message from someone else"]
    assert notice_signals("Dear {{ name }},\n\nAn account has been created for you on the {{ site }} portal.") == [
        "an invitation or message from someone else", "an account notice"]
    assert notice_signals("Sorry, your email message to {{ list }} didn't work: the topic is closed.") == [
        "a mail-delivery failure"]
    assert notice_signals("Lo sentimos, pero tu email para {{ lista }} (titulado {{ asunto }}) no funcionó.") == [
        "a mail-delivery failure"]
    assert notice_signals("Hola:\n\nHas recibido un mensaje de un cliente desde tu tienda {{ tienda }}.") == [
        "a notification to staff"]
    masked = f"Order {PLACEHOLDER_MARK} from {PLACEHOLDER_MARK} has been cancelled."  # placeholders as rules see them
    assert notice_signals(masked) == ["a notification to staff", "an account notice"]
    assert notice_signals("Alguien ha pedido entrar en tu cuenta desde un navegador nuevo.") == [
        "a request made by someone"]
    sent = f"Hi,\n\n{PLACEHOLDER_MARK} has sent you a link to a product: {PLACEHOLDER_MARK}"
    assert notice_signals(sent) == ["an invitation or message from someone else"]
    assert notice_signals("Si es un error o no pidió este cambio, ignore este mensaje.") == [
        "an if-this-wasn't-you line"]
    assert notice_signals("Welcome! Click the link below to activate your new account: {{ link }}") == [
        "an account to confirm through a link"]
    assert notice_signals("Welcome! Activate your new account with the button below.") == [
        "an account to confirm through a link"]
    assert notice_signals("Welcome! Click the button, then activate your new account.") == [
        "an interface instruction with a link", "an account to confirm"]
    assert notice_signals("Lo sentimos, pero tu email para {{ lista }} no se entregó: la cuenta está bloqueada.") == [
        "a mail-delivery failure"]
    assert notice_signals("¡Perdón! No entiendo tu respuesta. Escribe «menú» para ver las opciones.") == [
        "a bot speaking", "a short interface error"]  # a keyword to type, and a bot that could not read the answer
    assert notice_signals("Soy un robot que atiende de noche: elige una opción del menú.") == ["a bot speaking"]
    assert notice_signals("I'm a virtual assistant. Pick one of the topics below.") == ["a bot speaking"]
    digest = "Weekly summary\n\nThree new topics in the groups you follow.\n\nUnsubscribe: {{ link }}\n"
    assert notice_signals(digest) == ["an activity digest", "a subscription line"]
    # our own events told to a customer are not notices by themselves
    assert notice_signals("Hola, Ana:\n\nSu pedido ha sido enviado hoy y llega el jueves.") == []
    assert notice_signals("Hi Sam, we invited the engineer back and he comes on Monday.") == []
    assert notice_signals("Here is a summary of your plan: 20GB and unlimited calls.") == []


M = PLACEHOLDER_MARK  # placeholders as the rules see them


def test_state_changes_of_orders_and_tickets_are_notices_with_a_second_sign() -> None:
    """Issue 11, the largest group of wrong findings: a system reporting what happened to an
    order, ticket or invoice. One sign is what a reply says too; two make a notice."""
    shipped = (f"Hi {M},\n\nYour order has been shipped.\n\nYou can review this order in the Order history "
               f"section of your account.\n\n{M} powered by ShopKit\n")
    assert notice_signals(shipped) == ["a state change of an order, ticket or account",
                                       "a pointer to the order or account page", "a platform footer"]
    invoice = f"Estimado/a {M}:\n\nAquí está su factura {M} (con referencia: {M}) por un importe de {M}.\n"
    assert notice_signals(invoice) == ["a document handed over", "an amount or reference filled in"]
    assert notice_signals(f"Hola {M}:\n\nTu pedido {M} ha sido enviado.\n") == []  # one sign
    gift_card = f"¡Aquí está su tarjeta regalo!\n\n{M}\n\nLa tarjeta tiene vigencia hasta el {M}.\n"
    assert notice_signals(gift_card) == ["a link or code that expires", "a document handed over"]


def test_footers_invitations_and_staff_notifications_are_notices() -> None:
    assert notice_signals("This summary is sent daily because you follow this category.") == [
        "a why-you-got-this line"]
    assert notice_signals("Estás recibiendo este correo porque participas en el ticket.") == [
        "a why-you-got-this line"]
    assert notice_signals(f"Hola\n\nHa sido invitado a revisar el curso {M}.") == [
        "an invitation or message from someone else"]
    assert notice_signals(f"Hello\n\n{M} shared the {M} report with you!") == [
        "an invitation or message from someone else"]
    assert notice_signals(f"Nuevo pedido\n\n{M} acaba de hacer el pedido {M}.") == ["a notification to staff"]
    assert notice_signals(f"Ticket #{M} from {M} is now assigned to you.") == ["a notification to staff"]


def test_a_message_that_calls_itself_automatic_is_a_notice_despite_a_courtesy_of_replies() -> None:
    """«Thank you for your patience» is what replies say too, but not after the message says it was
    sent automatically; without that line the same courtesy keeps it a reply."""
    notice = (f"Hello,\n\nThis is an automated message from {M} to let you know that your account is no longer "
              "on hold. Thank you for your patience.")
    assert notice_signals(notice) == ["a do-not-reply line"]
    assert notice_signals(f"Hola:\n\nEste es un mensaje automático de {M}. Gracias por su paciencia.") == [
        "a do-not-reply line"]
    assert notice_signals("Hello,\n\nYour account is no longer on hold. Thank you for your patience.") == []


def test_a_link_that_has_expired_is_a_sign_of_a_notice() -> None:
    mail = (f"Thanks for accepting your invitation!\n\nClick this link to choose a password: {M}\n\n"
            "(If the link above has expired, choose \"I forgot my password\".)")
    assert notice_signals(mail) == ["an interface instruction with a link", "a link or code that expires"]


def test_a_payment_or_a_review_asked_for_with_a_second_sign_is_a_notice() -> None:
    assert notice_signals("Haz clic en el botón de abajo para pagar tu pedido.\n\nPagar el pedido") == [
        "an interface instruction with a link", "a payment or a review asked for"]
    assert notice_signals(f"Write a review and rate us at {M}\n\n{M} powered by PrestaShop") == [
        "a platform footer", "a payment or a review asked for"]
    # one sign alone is what a reply says too
    assert notice_signals("You can pay your invoice by card or transfer, whichever suits you.") == []


def test_bot_banners_status_lines_and_forms_are_notices() -> None:
    assert notice_signals("¡Hola! Bienvenido al sistema de ayuda de la facultad.") == ["a bot speaking"]
    assert notice_signals('Tu respuesta no es muy clara. Escribe "ayuda" para ver opciones.') == [
        "a bot speaking", "a short interface error"]
    assert notice_signals("Su requerimiento ha sido cancelado") == ["a status line"]
    assert notice_signals(f"Your case number is {M}.") == ["a status line"]
    assert notice_signals(f"¿Confirma la cita?\n- Sede: {M}\n- Día: {M}\n- Hora: {M}") == [
        "a form of filled-in fields"]
    # a greeting or a second paragraph make it someone's answer, not a status line
    assert notice_signals("Hola, Ana: su pedido ha sido enviado.") == []
    assert notice_signals("WARNING: you reached the daily limit. Further emails will be held.") == [
        "a short interface error"]


def test_a_bot_menu_of_quoted_options_is_a_notice_and_an_agent_offering_help_is_not() -> None:
    """A bot opens by saying what it can help with and lists its options in quotes; an agent who
    opens the same way goes on to answer, and quoted labels in a path are not a menu."""
    assert notice_signals('Puedo ayudarte con "Cambiar mi contraseña" o "Ver mis facturas".') == ["a bot speaking"]
    assert notice_signals("Hola, puedo ayudarle con «Duplicado de factura» y «Cambio de plan».") == [
        "a bot speaking"]
    assert notice_signals('I can help you with "Track my order" or "Start a return".') == ["a bot speaking"]
    assert notice_signals("Puedo ayudarte con el cambio de plan: ya está hecho.") == []
    assert notice_signals('Entra en "Mi cuenta" y luego en "Facturas"; ya corregimos el importe.') == []
    assert notice_signals("I can help you with that: I've changed the plan.") == []


def test_replies_that_report_a_state_keep_the_reply_rules() -> None:
    """The veto: a person answering a complaint, asked question or fault of ours is a reply,
    however much it reads like a status notice."""
    fault = (f"Hola, {M}:\n\nSu pedido ha sido reenviado hoy: el primero se perdió por un error nuestro.\n"
             "Puede seguirlo desde el historial de pedidos de su cuenta.\n")
    asked = ("Hi Jordan,\n\nYou asked about your order: it has been shipped today. You can track it in "
             "your account.\n")
    assert notice_signals(fault) == [] and notice_signals(asked) == []
    reply = "Asunto: Su pedido\n\nHola, Nuria:\n\n" + fault.split("\n\n", 1)[1]
    result = Linter(Config(), lang="es", kind="email", select=["THX001"]).lint_text("r.txt", reply)
    assert [f.code for f in result.findings] == ["THX001"] and result.diagnostics == ()


def test_a_frame_around_an_answer_written_elsewhere_is_not_judged_as_a_reply() -> None:
    frame = "Dear %{recipient.name},\n%{response}\n\nYour %{company.name} Team,\n%{signature}\n"
    result = Linter(Config(), lang="en", kind="email").lint_text("frame.txt", frame)
    assert not _codes(result) & {"THX001", "ANG003", "APO001", "TPL004"}
    [note] = result.diagnostics
    assert note.code == "SVC102" and "a frame around a message written elsewhere" in note.message
    # a placeholder that is not the message itself (a link, a name) is not a frame
    not_frame = "Dear %{recipient.name},\n%{link}\n\nYour order left today.\n"
    assert Linter(Config(), lang="en", kind="email", select=["THX001"]).lint_text("x.txt", not_frame).findings


@pytest.mark.parametrize("lang, frame", [
    ("es", "Hola {{ socio.nombre }}:\n\nAquí tienes las normas del grupo.\n\n{{ grupo.normas_msg }}\n"),
    ("es", "Hola {{ nombre }}:\n\nTe reenviamos el aviso.\n\n{{ aviso.cuerpo_mensaje }}\n"),
    ("en", "Hi {{ member.first_name }},\n\nBelow are the list rules.\n\n{{ group.welcome-message }}\n"),
    ("es", "Hola {{ object.partner_id.name or '' }}:\n\nEstas son las reglas.\n\n{{ object.group_id.rules_msg or '' }}\n"),
])
def test_a_placeholder_named_as_a_message_alone_on_its_line_makes_a_frame(lang: str, frame: str) -> None:
    """A compound name ending in msg/message/mensaje/cuerpo… holds the message written elsewhere."""
    result = Linter(Config(), lang=lang, kind="email", select=["THX001"]).lint_text("frame.txt", frame)
    assert not result.findings and [d.code for d in result.diagnostics] == ["SVC102"]


@pytest.mark.parametrize("lang, mail", [
    ("es", "Hola {{ nombre }}:\n\nTu pedido ya salió del almacén.\n\n{{ pedido.url_seguimiento }}\n"),
    ("en", "Hi {{ name }},\n\nYour order left our warehouse today.\n\n{{ order.customer_note }}\n"),
])
def test_a_link_or_a_note_alone_on_its_line_is_not_the_message(lang: str, mail: str) -> None:
    result = Linter(Config(), lang=lang, kind="email", select=["THX001"]).lint_text("mail.txt", mail)
    assert [f.code for f in result.findings] == ["THX001"]


def test_a_conversation_in_which_the_customer_wrote_is_never_a_notice() -> None:
    """A bot may open the chat with its banner, but once the customer has written, the agent's
    turns answer someone: the reply rules run on them."""
    opened_by_a_bot = ("Agente: ¡Hola! Bienvenido al sistema de ayuda de Acme.\n"
                       "Cliente: Mi pedido llegó roto.\nAgente: Le enviamos otro mañana.\n")
    result = Linter(Config(), lang="es", kind="chat").lint_text("c.txt", opened_by_a_bot)
    assert {"THX001", "ANG003", "APO001"} <= _codes(result) and result.diagnostics == ()
    banner_alone = Linter(Config(), lang="es", kind="chat").lint_text("b.txt", "¡Hola! Bienvenido al sistema de ayuda de Acme.\n")
    assert not _codes(banner_alone) & {"THX001", "TPL004"} and [d.code for d in banner_alone.diagnostics] == ["SVC102"]


TERMS_CLAUSE = (
    "## 15. Limitation of Liability\n\n"
    "In no event will the Company, or its suppliers or licensors, be liable with respect to any subject "
    "matter of this Agreement under any contract, negligence, strict liability or other legal or equitable "
    "theory for any special, incidental or consequential damages.\n"
)


def test_legal_terms_are_not_judged_and_say_why() -> None:
    linter = Linter(Config(), lang="en")
    result = linter.lint_text("terms.md", TERMS_CLAUSE)
    assert not result.findings  # CLR001 and CLR003 ("with respect to") would flag it as service writing
    [note] = result.diagnostics
    assert note.code == "SVC104" and "«In no event», «licensors», «this Agreement»" in note.message
    stated = linter.lint_text("terms.md", "<!-- svclint: kind=faq -->\n" + TERMS_CLAUSE)
    assert {"CLR001", "CLR003"} <= _codes(stated) and not stated.diagnostics


def test_legal_terms_keep_their_template_hygiene() -> None:
    """A blank left in a consent text reaches every visitor: TPL003 still judges legal terms."""
    consent = ("The controller of your personal data is [Company Name]. By starting the chat you agree that your "
               "personal data shall be processed under the General Data Protection Regulation (GDPR).\n")
    result = Linter(Config(), lang="en", kind="chat").lint_text("consent.txt", consent)
    assert [(f.code, f.matched) for f in result.findings] == [("TPL003", "[Company Name]")]
    assert result.diagnostics[0].code == "SVC104" and "only for template leftovers" in result.diagnostics[0].message
    # only those rules judge it: an audit must not read the reply rules as met on it
    scope = Session(lang="en", kind="chat", record_scope=True).lint_text(consent, "consent.txt").scope
    assert scope.applied <= {"TPL001", "TPL002", "TPL003"} and "TPL003" in scope.applied


SPANISH_CONTRACT = ("Aviso legal. El presente contrato se rige por la legislación aplicable en España. En ningún caso "
                    "la empresa responderá de los daños indirectos, y cualquier controversia se someterá a los "
                    "tribunales de Madrid con renuncia expresa a cualquier otro fuero que pudiera corresponder.\n")
SPANISH_COOKIE_POLICY = ("Uso de cookies\n\nEste sitio web utiliza cookies propias y de terceros con fines analíticos y "
                         "para mostrarle publicidad relacionada con sus preferencias, elaborada a partir de un perfil "
                         "obtenido de sus hábitos de navegación, como las páginas que ha visitado.\n")


@pytest.mark.parametrize(("text", "note"), [
    (SPANISH_CONTRACT, "se lee como texto legal («El presente contrato», «legislación aplicable»"),
    (SPANISH_COOKIE_POLICY, "se lee como texto legal («Uso de cookies», «de terceros», «con fines analíticos»"),
])
def test_spanish_legal_terms_and_policies_are_set_aside_with_a_spanish_note(text: str, note: str) -> None:
    result = Linter(Config(), lang="es").lint_text("aviso.txt", text)
    assert not result.findings and [d.code for d in result.diagnostics] == ["SVC104"]
    assert result.diagnostics[0].message.startswith(note)


def test_a_reply_that_mentions_the_terms_is_still_judged() -> None:
    """One or two marks of contract language are what replies say about the terms."""
    reply = ("Hi Sam, under our terms and conditions the warranty covers the screen, and in no event do we "
             "charge for the repair. Calm down, we will sort it out.\n")
    result = Linter(Config(), lang="en").lint_text("reply.txt", reply)
    assert "ANG001" in _codes(result) and not result.diagnostics


def test_a_message_above_a_legal_footer_is_still_judged() -> None:
    """A booking e-mail that greets its reader and says what happened, then carries the
    confidentiality and data-protection footer the firm puts under every mail: the footer
    does not make the message legal text. Terms open with no greeting."""
    mail = ("Hola, Marta:\n\nHa cancelado su reserva para el jueves con éxito. Si tienes alguna pregunta, no dudes "
            "en escribirnos.\n\nRestaurante Pinocho\n\nEste mensaje va dirigido exclusivamente a su destinatario. "
            "Le informamos que tratamos sus datos con su consentimiento y no los cedemos a terceros; puede ejercer "
            "su derecho de acceso según la normativa de protección de datos.\n")
    result = Linter(Config(), lang="es", kind="email", select=["LNG002"]).lint_text("reserva.txt", mail)
    assert [f.matched for f in result.findings] == ["tienes"] and not result.diagnostics
    assert legal_terms(mail.split("\n\n", 3)[3])  # the footer alone still reads as legal text


def test_a_mail_titled_before_its_greeting_keeps_its_legal_footer_a_footer() -> None:
    """An HTML mail opens with its title, then greets: markup leaves blank lines between them,
    and the greeting is still one of the mail's first lines."""
    mail = ("<html><body>\n  <h1>Solicitud de reserva</h1>\n\n  <p>Hola {{ $cliente }},</p>\n  <p>Tu reserva para "
            "el {{ $fecha }} queda anotada. Si no puede venir, cancele su reserva desde el enlace.</p>\n  <p>Este "
            "mensaje va dirigido exclusivamente a su destinatario. Le informamos que tratamos sus datos con su "
            "consentimiento y no los cedemos a terceros; puede ejercer su derecho de acceso según la normativa de "
            "protección de datos.</p>\n</body></html>\n")
    result = Linter(Config(), lang="es", kind="email", select=["LNG002"]).lint_text("reserva.html", mail)
    assert [f.matched for f in result.findings] == ["Tu"] and not result.diagnostics  # usted holds the majority


def test_only_the_units_in_legal_terms_are_set_aside() -> None:
    catalogue = json.dumps({"terms": TERMS_CLAUSE, "reply": "Calm down, please."})
    result = Linter(Config(), lang="en").lint_text("messages.json", catalogue)
    assert _codes(result) == {"ANG001"} and [d.code for d in result.diagnostics] == ["SVC104"]


@pytest.mark.parametrize("text", [
    "Hola {{ nombre }},\n\n¡Felicidades!\n\nCompletó el curso {{ curso }}.\n",
    "Hi {{ name }}, this is a friendly reminder that your table is booked for 8pm.\n",
    "Estimado proveedor:\n\nEste es un recordatorio de que la entrega se espera el lunes.\n",
    "Hola {{ nombre }}:\n\nHay novedades en el taller de fotografía que usted sigue.\n\nVer novedades\n",
    "Hi {{ name }},\n\nThere are new lessons in the Spanish course you are following.\n\nOpen the course\n",
])
def test_announcements_the_organisation_sends_first_are_notices(text: str) -> None:
    """Congratulations opening a message, a birthday, a reminder: nobody wrote first, so
    nobody is owed thanks."""
    assert notice_signals(text) == ["an announcement sent first"]


def test_news_the_customer_asks_about_leaves_a_reply_judged() -> None:
    # the customer's own words about what they follow, answered: a reply, not a notice
    assert notice_signals("Hola Ana, revisé el curso que sigue: no hay contenido nuevo hasta el lunes.\n") == []
    result = Linter(Config(), lang="es", kind="email").lint_text(
        "curso.txt", "Hola {{ nombre }}:\n\nHay novedades en el taller de fotografía que usted sigue.\n")
    assert "THX001" not in _codes(result)
    [note] = result.diagnostics
    assert note.code == "SVC102" and "un anuncio que la organización envía primero" in note.message


def test_congratulations_inside_an_answer_leave_it_a_reply_and_a_birthday_mail_owes_no_thanks() -> None:
    assert notice_signals("Hola Ana, revisé su pedido. Felicidades por la mudanza: le llega el lunes a la casa nueva.\n") == []
    result = Linter(Config(), lang="es", kind="email").lint_text(
        "cumple.txt", "Hola {nombre},\n\n{tienda} le desea un feliz cumpleaños y le regala un cupón.\n")
    assert "THX001" not in _codes(result) and "un anuncio que la organización envía primero" in result.diagnostics[0].message


PRIVACY_SECTION = (
    "Sharing your information\n\n"
    "We never sell or rent your personally identifiable information, but we may disclose it to service "
    "providers who process payments or deliver orders on our behalf, and to the authorities when we "
    "believe disclosure is required to comply with the law.\n"
)


def test_privacy_policies_are_read_as_legal_terms() -> None:
    result = Linter(Config(), lang="en", kind="faq").lint_text("privacy.md", PRIVACY_SECTION)
    assert not result.findings  # CLR001 would flag its 38-word sentence as service writing
    [note] = result.diagnostics
    assert note.code == "SVC104"
    assert "«We never sell», «personally identifiable information», «service providers», «comply with the law»" in note.message


def test_a_reply_about_privacy_is_still_judged() -> None:
    """The policy, personal data and third parties are one mark, however often a reply names them."""
    reply = ("Hi Dan, as our privacy policy explains, we never pass your personal data to third parties, so the "
             "emails you got from that other retailer can't have come from the list you joined with us last year.\n")
    result = Linter(Config(), lang="en", kind="email").lint_text("reply.txt", reply)
    assert "CLR001" in _codes(result) and not result.diagnostics


POLICY_SECTIONS = [
    ("es", "¿Qué datos guardamos?\n\nRecopilamos los datos que nos das al registrarte y utilizamos tus datos para "
           "preparar los envíos, responder a lo que nos escribes por el formulario y mandarte los avisos del "
           "estado de tu pedido cuando nos los pides.\n",
     ["Recopilamos", "utilizamos tus datos"]),
    ("es", "Menores\n\nEl sitio se dirige a personas de 14 o más años; si tienes menos, según la ley de protección "
           "de datos no abras una cuenta ni nos mandes información tuya sin el permiso de tus padres o tutores "
           "legales, que podrán pedirnos que la borremos.\n",
     ["14 o más años", "protección de datos"]),
    ("es", "Publicidad\n\nLas usamos para mostrar anuncios más relevantes cuando visitas otros sitios web y para que "
           "los editores y anunciantes sepan cuántas veces se vio cada anuncio y en qué páginas, sin guardar tu "
           "nombre ni tu correo.\n",
     ["anuncios más relevantes", "visitas otros sitios web"]),
    ("en", "Essential\n\nThey authenticate users when they sign in, protect user data from anyone who should not see "
           "it and keep the site working the way people expect, such as remembering what is in the basket.\n",
     ["authenticate users", "protect user data"]),
    ("en", "What we collect\n\nWe collect your name and address when you sign up, and we use your information to "
           "run your account, answer what you send through the contact form and send the delivery updates "
           "you asked for.\n",
     ["we collect", "use your information"]),
]


@pytest.mark.parametrize("lang, section, marks", POLICY_SECTIONS)
def test_a_policy_section_with_two_marks_only_a_policy_uses_is_set_aside(lang: str, section: str,
                                                                         marks: list[str]) -> None:
    """What it collects and how it uses your data, or the law and an age limit: a section of a
    privacy policy, even with fewer than three marks."""
    assert legal_terms(section) == marks
    result = Linter(Config(), lang=lang, kind="faq").lint_text("privacy.md", section)
    assert not result.findings  # CLR001 would flag its long sentence
    [note] = result.diagnostics
    assert note.code == "SVC104" and ", ".join(f"«{mark}»" for mark in marks) in note.message


@pytest.mark.parametrize("lang, kind, text", [
    # a greeting or thanks for what the reader did: a reply, whatever it says about their data
    ("es", "email", "Hola Pablo:\n\nGracias por tu mensaje. Hemos atendido tu derecho de acceso y conservamos tus "
                    "datos de facturación seis años porque lo exige la normativa fiscal, y el resto lo borraremos en "
                    "cuanto nos lo confirmes por este canal.\n"),
    ("en", "email", "Thanks for your email about your account. We collect only what you gave us at sign-up and we use "
                    "your information to send your orders, so the catalogue you got from another shop did not come "
                    "from us.\n"),
    # relevant ads or authenticating users, said once, is what a long explanation to a customer says too
    ("es", "text", "Los anuncios más relevantes que ve en la aplicación dependen de los productos que marcó como "
                   "favoritos, de las búsquedas que hizo en la tienda durante la última semana y de la ciudad de su "
                   "perfil de cliente.\n"),
    ("en", "text", "To authenticate users on the portal we ask for the customer number and a six-digit PIN, and if you "
                   "have forgotten yours you can request a new one from the sign-in screen by clicking the link under "
                   "the button.\n"),
])
def test_a_reply_or_an_explanation_that_names_policy_marks_is_still_judged(lang: str, kind: str, text: str) -> None:
    """Two policy marks in a reply that greets or thanks, or one cookie purpose in a long answer:
    not a policy section, so the text is judged (its long sentence is CLR001's) with no SVC104 note."""
    assert legal_terms(text) == []
    result = Linter(Config(), lang=lang, kind=kind).lint_text("reply.txt", text)
    assert "CLR001" in _codes(result) and not any(d.code == "SVC104" for d in result.diagnostics)


def test_marks_replies_also_use_do_not_make_a_policy_section() -> None:
    """Third parties and «no nos hacemos responsables» are said in replies too: two of them are not enough."""
    text = ("Enlaces externos\n\nA veces enlazamos productos de terceros; no nos hacemos responsables de lo que "
            "publican esos sitios.\n")
    assert legal_terms(text) == []


def test_sole_discretion_is_a_mark_of_contract_language() -> None:
    clause = ("We may suspend the account at our sole discretion, and in no event shall we be liable "
              "under this agreement.")
    assert legal_terms(clause) == ["sole discretion", "in no event", "this agreement"]


@pytest.mark.parametrize("pattern, needles", [
    (r"\bthis mailbox is not monitored\b", ("this mailbox is not monitored",)),
    (r"\A\s*@\w", ("@",)),
    (r"\bour (?:mistake|error)\b|\bnos equivocamos\b", ("error", "mistake", "nos equivocamos")),  # longer than "our "
    (r"(?:Order|Pedido) n\.?º? ?\d+", ("order", "pedido")),  # lowered, as the text they are looked for in
    (r"\b\w+\b|\bthanks\b", None),  # one way through holds no literal character
])
def test_a_signal_is_searched_only_where_one_of_its_literal_words_is(pattern: str, needles: tuple[str, ...] | None) -> None:
    assert _needles(pattern, re.IGNORECASE) == needles


@pytest.mark.parametrize(("clause", "marks"), [
    ("When you choose a paid plan, you agree to pay the then-current fee, and you authorize us to charge your card.",
     ["you agree to", "then-current", "you authorize"]),
    ("A link does not represent or imply that we endorse the site; we disclaim any harm resulting from your use of it.",
     ["represent or imply", "disclaim", "resulting from your use of"]),
    ("The company will have no obligation to refund a repeat infringer under its DMCA policy.",
     ["will have no obligation", "infringer", "DMCA"]),
    ("You are solely responsible for your account, and the company shall not be liable for indirect damages.",
     ["You are solely responsible for", "shall not be liable", "indirect damages"]),
    ("Posts are licensed under a Creative Commons licence; without limiting any representations or warranties, we "
     "may remove them.", ["licensed under", "without limiting", "representations or warranties"]),
    ("Any information we collect may be used to improve the site, and the email address you provide may be used "
     "to send updates; we use your information for nothing else.",
     ["information we collect", "email address you provide", "use your information"]),
])
def test_what_terms_bind_the_reader_to_and_disown_are_marks_of_contract_language(clause: str, marks: list[str]) -> None:
    """Sections of a forum's or a shop's terms (payment and renewal, links to other sites, copyright, the
    reader's account) that name no agreement or licensor: the duties they put on the reader and the ones
    they disown are marks of their own."""
    assert legal_terms(clause) == marks


@pytest.mark.parametrize("reply", [
    "Hi Ana, when you signed up you agreed to the plan, and as your video infringes a song's copyright we had to "
    "take it down.",
    "Hi Ana, you agree to our terms when you upload, and the clip infringes a label's copyright, so it came down.",
    "Hi Jo, the email address you provide at checkout is where we send the receipt, and we never share your "
    "personal data.",
])
def test_a_reply_that_quotes_what_the_reader_agreed_to_is_still_judged(reply: str) -> None:
    assert legal_terms(reply) == []


def test_every_form_of_a_legal_mark_holds_one_of_its_letter_hints() -> None:
    """A unit is searched for legal marks only when it holds the letters of enough of them:
    a mark whose hints miss one of its forms would let a contract or a policy be judged as a
    reply. Strings generated from each mark's expression must hold one of its hints."""
    pytest.importorskip("hypothesis")
    from hypothesis import HealthCheck, given, settings, strategies as st

    from svclint.purpose import _LEGAL_MARKS

    for hints, mark in _LEGAL_MARKS:
        @settings(max_examples=80, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        @given(st.from_regex(re.compile(mark, re.IGNORECASE), fullmatch=True))
        def holds_a_hint(written: str) -> None:
            assert any(letters in written.lower() for letters in hints), (written, hints)

        holds_a_hint()


def test_an_sms_read_as_a_notice_keeps_its_160_characters() -> None:
    reminder = ("Hola Ana, su cita del martes 14 a las 10:30 en la sucursal de la calle Mayor queda confirmada. Traiga "
                "su DNI y la carta que le enviamos. Si no puede venir, responda CANCELAR. No responda a otros mensajes.\n")
    result = Linter(Config(), lang="es", kind="sms", select=["CLR006"]).lint_text("cita.txt", reminder)
    [finding] = result.findings
    assert (finding.code, finding.kind, finding.start.line, finding.start.column) == ("CLR006", "notice", 1, 1)
    assert finding.message.startswith("204 caracteres") and finding.end.column == 95  # the first sentence
    # an e-mail notice has no reading budget: the words of a long security notice are not counted
    notice = "Your password was changed. If this was not you, reset it here: {{ link }}. " + "This notice is long. " * 60
    assert Linter(Config(), lang="en", kind="email", select=["CLR006"]).lint_text("n.txt", notice + "\n").findings == ()
    assert _codes(Linter(Config(), lang="en", kind="email", select=["CLR006"]).lint_text(
        "r.txt", "<!-- svclint: kind=email -->\n" + notice + "\n")) == {"CLR006"}


def test_news_about_the_readers_account_opening_the_mail_is_a_notice() -> None:
    """A security alert or account notice opens, after its greeting, with what happened to the
    account («Your password has been changed»), sometimes after a line that says a notice
    follows; orders and refunds are left out, since shops write those as replies."""
    assert notice_signals(f"Hello {M}!\n\nWe're contacting you to notify you that your password on {M} has "
                          "been changed.\n") == ["an account notice"]
    assert notice_signals(f"Hi {M},\n\nOne or more of your personal access tokens have expired.\n\n"
                          f"Go to {M} to create a new one.\n") == ["an account notice"]
    assert notice_signals(f"Estimado {M}:\n\nSu hospedaje ha sido suspendido debido a una falta de pago.\n") == [
        "an account notice"]
    assert notice_signals(f"Hola, {M}:\n\nSu pedido {M} ya está en camino. Puede seguir el envío desde {M}.\n") == []
    # the account comes later, or a person answers: a reply
    assert notice_signals("Hi Ana,\n\nThanks for reaching out. Your account has been unlocked.\n") == []
    assert notice_signals("Hola Eva:\n\nHe revisado su caso y su cuenta ya está activada.\n") == []


def test_a_heading_that_names_a_notice_makes_one() -> None:
    """A subject or heading line names the message: "Password reset", «Aviso de suspensión».
    A one-line chat message, or a long wrapped line of a body, is no heading."""
    assert notice_signals(f"Reimbursement Notification\nDear Customer,\nThe reimbursement of {M} is on its way.\n") == [
        "a heading that names a notice"]
    assert notice_signals(f"#subject=Aviso de suspensión de hospedaje\nEstimado {M}:\nLe escribimos por su "
                          "factura.\n") == ["a heading that names a notice"]
    assert notice_signals("give it 5 min and the password reset will take effect on all your devices\n") == []
    wrapped = ("Le escribo este aviso porque la revisión de su caldera que pidió el lunes\nya está hecha. "
               "Un saludo.\n")
    assert notice_signals(wrapped) == []


def test_a_password_reset_link_and_a_reply_waiting_in_a_ticket_are_notices() -> None:
    assert notice_signals(f"Estimado {M}:\n\nPara restablecer su contraseña, visite el siguiente enlace (caduca en "
                          f"1 hora):\n{M}\n") == ["a password reset link"]
    assert notice_signals(f"Dear {M},\n\nWe have just replied to your ticket \"{M}\". To read it, please visit:\n{M}\n") == [
        "a reply waiting in a ticket"]
    assert notice_signals(f"Tu encuentro «{M}» se ha cerrado.\nHas recibido esta notificación porque has organizado el "
                          f"encuentro «{M}».\n") == ["a why-you-got-this line"]
    # an agent pointing to the steps, and a decision on what the reader asked for, answer them
    assert notice_signals("Hi Sam! To reset your password, follow the steps here: https://example.com/reset\n") == []
    assert notice_signals(f"Your investment project {M} has been marked as unfeasible\nDear user,\nYou can propose "
                          "a new one.\n") == []


def test_a_system_reporting_its_errors_or_what_it_did_to_the_account_is_a_notice() -> None:
    assert notice_signals(f"Mirroring from {M} to {M} failed with the following error:\n\n{M}\n") == ["an error report"]
    assert notice_signals(f"Hello {M},\n\nWe have scheduled your account for deletion. Your data will be removed "
                          "within 30 days.\n") == ["an account notice"]
    # an agent telling what they changed, after the customer asked, replies
    assert notice_signals("Hi Ana,\n\nAs you asked, we have reset your password; the new one is in the app.\n") == []


def test_spanish_account_notices_after_a_subject_and_a_greeting() -> None:
    """A subject, then «¡Hola …!», then the news: the greeting line is passed over wherever
    it stands among the first lines, and «Lo estamos contactando para notificarle que…» or
    «Queremos informarle que…» announce the news as «Le informamos de que…» does."""
    assert notice_signals(f"Cambio de contraseña\n¡Hola {M}!\nLo estamos contactando para notificarle que su "
                          "contraseña ha sido cambiada.\n") == ["an account notice"]
    assert notice_signals(f"Instrucciones para desbloquear\n¡Hola {M}!\nSu cuenta ha sido bloqueada por los "
                          "intentos fallidos.\n") == ["an account notice"]
    assert notice_signals(f"Hola {M},\n\nHemos recibido una solicitud de restablecimiento de contraseña de tu "
                          "cuenta. Para cambiarla haz clic aquí.\n") == ["a password reset link"]


def test_a_title_that_says_what_happened_to_the_account_names_a_notice() -> None:
    """"Password changed", "Registration denied for …", "Chat transcript", "New response"
    as a mail's title; a ticket the reader opened ("Ticket created") is acknowledged to them."""
    assert notice_signals(f"Password changed\nHi, {M}. We want to inform you that your password has changed.\n") == [
        "an account notice", "a heading that names a notice"]
    assert notice_signals(f"Registration denied for {M}\nYour application was reviewed.\n\nSee {M}.\n") == [
        "a heading that names a notice"]
    assert notice_signals(f"Chat transcript\nDear {M},\n\nTranscript:\n{M}\n") == ["a heading that names a notice"]
    assert notice_signals(f"Ticket created\nHello, {M}. You have sent a new ticket titled {M} to our support "
                          "center.\n") == []


def test_a_mail_the_system_could_not_process_is_a_bounce() -> None:
    assert notice_signals(f"Estimado {M}:\n\nNo pudimos procesar su correo electrónico «{M}» porque no tiene una "
                          "cuenta con nosotros.\n") == ["a mail-delivery failure"]
    assert notice_signals(f"Subject: We received a message we cannot handle\n\nYou sent us a message that we cannot "
                          f"handle due to a corrupted signature.\n{M}\n") == ["a mail-delivery failure"]


def test_a_satisfaction_survey_is_a_notice() -> None:
    """A mail that asks the reader to rate the help they had is sent by the helpdesk when a
    conversation closes; an agent asking how they did inside an answer replies first."""
    assert notice_signals(f"Your conversation #{M} has been resolved.\nWe would love to hear how it went.\n"
                          "How would you rate your experience?\n") == ["a satisfaction survey"]
    assert notice_signals(f"Hola {M}:\n¿Cómo calificarías la atención recibida? Responde la encuesta en {M}.\n") == [
        "a satisfaction survey"]
    assert notice_signals("Hi Ana,\n\nThanks for your patience. I've refunded the fee. How would you rate our "
                          "service today?\n") == []


def test_what_happened_to_an_organization_or_what_the_reader_did_opens_an_account_notice() -> None:
    """The object may carry its name between commas ("Your organization, {{ url }}, has been
    downgraded"); the reader's own act may be what the system reports ("You have deactivated
    your organization"); an account created or validated is news of the account too."""
    assert notice_signals(f"Your organization, {M}, has been downgraded to the Free plan because of unpaid "
                          "invoices.\n\nTo continue, please upgrade again.\n") == ["an account notice"]
    assert notice_signals(f"You have deactivated your Zulip organization, {M}, on {M}.\n\nAll data will be "
                          f"deleted on {M}.\n") == ["an account notice"]
    assert notice_signals(f"Validación Cuenta {M}\n\nTu cuenta ha sido validada, ya puedes usar la plataforma.\n") \
        == ["an account notice", "a heading that names a notice"]


def test_headings_of_status_pages_and_subscription_checks_name_notices() -> None:
    assert notice_signals(f"New Incident Reported\nA new incident was reported at {M}.\nView\n") == [
        "a heading that names a notice"]
    assert notice_signals(f"Verify Your Subscription\nClick to verify your subscription to {M}.\nVerify\n") == [
        "a heading that names a notice"]
    assert notice_signals(f"Creación de cuenta\nHola {M}, ingresa tu correo en el siguiente enlace.\n") == [
        "a heading that names a notice"]


def test_a_greeted_acknowledgement_of_the_readers_ticket_is_a_reply_and_alone_a_status_line() -> None:
    mail = (f"Dear {M},\n\nYour support ticket \"{M}\" has been submitted.\n\nWe reply within 24 to 48 hours.\n\n"
            f"Ticket tracking ID: {M}\n\nYou can view the status of your ticket here: {M}\n\nTicket Status: {M}\n")
    assert notice_signals(mail) == []
    assert notice_signals("Su solicitud ha sido enviada exitosamente.") == ["a status line"]
    assert notice_signals(f"Estimado {M}:\n\nNos gustaría conocer su experiencia con nuestro equipo de soporte. "
                          f"Valore la atención en {M}.\n") == ["a satisfaction survey"]


def test_a_welcome_to_someone_who_signed_up_is_an_announcement() -> None:
    assert notice_signals(f"{M} - Gracias por Registrarse\nBienvenido y Gracias por Registrarse en {M}.\nLa cuenta "
                          "ha sido creada y se puede iniciar sesión.\n") == ["an announcement sent first"]
    assert notice_signals(f"Hola {M}!\n\nQueremos darte la bienvenida a Instructores.\n\nPara continuar, verifica el "
                          "e-mail de tu cuenta.\n") == ["an announcement sent first"]
    # an agent who welcomes the reader back while answering replies
    assert notice_signals("Welcome back, Sam! I've checked your order and it ships today.\n") == []


def test_a_moderation_decision_and_a_new_account_are_notices() -> None:
    assert notice_signals(f"Mod action {M} taken against you\nA mod action was taken against you.\nReason: {M}\n") == [
        "a moderation notice"]
    assert notice_signals(f"Hola {M}:\nTu comentario fue eliminado por un moderador por incumplir las normas.\n") == [
        "a moderation notice", "an account notice"]
    assert notice_signals(f"Welcome {M}!\n\nYou just created an account on {M}.\n\nTo confirm it, click the "
                          f"following link:\n{M}\n") == ["an announcement sent first"]
    # an agent telling what a moderator did, while answering, replies
    assert notice_signals("Hi Ana, thanks for your message. I checked, and your post was removed by a moderator "
                          "because it held a phone number.\n") == []


def test_a_sign_in_alert_is_a_security_alert() -> None:
    assert notice_signals("Your account has failed multiple login attempts. To log in, complete the captcha.\n") == [
        "a security alert"]
    assert notice_signals(f"Hola {M}:\nHemos detectado un nuevo inicio de sesión en tu cuenta desde {M}.\n") == [
        "a security alert"]


def test_a_message_its_reader_may_not_have_expected_and_a_reset_code_are_notices() -> None:
    assert notice_signals("Se cambió su dirección de email\nHola,\nUsted o alguien con acceso a su cuenta ha cambiado "
                          "su dirección. Si no esperabas este mensaje, por favor ignórelo.\n") == [
        "an if-this-wasn't-you line", "a request made by someone"]
    # the reader or someone else: a security notice does not know which
    assert notice_signals("Hola,\nUsted o alguien con acceso a su cuenta ha cambiado su dirección de correo.\n") == [
        "a request made by someone"]
    assert notice_signals(f"Hola {M},\nTu código para reestablecer tu contraseña es {M}. Este código expira en "
                          f"{M} minutos.\n") == ["a code to enter"]


def test_a_ban_or_a_suspension_named_in_a_title_is_a_notice() -> None:
    assert notice_signals(f"Account Banned\nHello, {M},\nAfter a review by our team, your account {M} has been "
                          "permanently banned.\n") == ["a heading that names a notice"]
    assert notice_signals(f"Order Suspended\nHello {M},\nYour {M} that was activated on {M} is now suspended.\n") == [
        "a heading that names a notice"]


def test_a_mail_that_says_it_confirms_an_event_is_a_notice() -> None:
    assert notice_signals(f"This email confirms that we are processing a payment of {M} against invoice {M}.\n\n"
                          "You will receive an email when the payment has been processed.\n") == [
        "a mail that says it confirms or reports an event"]
    assert notice_signals("Hi Sam, sorry for the wait. I can confirm the refund went through this morning.\n") == []


def test_every_notice_signal_has_a_spanish_name() -> None:
    """The SVC102 note of a Spanish text names its signals in Spanish: a signal added without
    its Spanish name would show up in English there."""
    named_in_code = {"an order-total table", "a short interface error", "an account notice",
                     "a heading that names a notice", "a status line", "a form of filled-in fields"}
    assert {*_STRONG, *_MEDIUM, *named_in_code} - SPANISH_NAMES.keys() == set()


def test_a_mail_that_fills_in_a_record_and_answers_nobody_is_a_notice() -> None:
    """A program assembles a mail from a record's values (a link, an amount, a date) when something
    happens; a person answering fills in a name or two. What a person answering writes (regret,
    thanks for more than an order, the reader's message acknowledged) keeps it a reply."""
    fills = ["handle", "url", "disabled_reason", "last_success"]
    feed = (f"Hi {M}!\n\nYour feed that posted to {M} has been disabled due to {M}.\n"
            f"It last succeeded at {M}.\n")
    assert notice_signals(feed, fills) == ["a record filled in"]
    assert notice_signals(feed, ["name", "agent", "url", "company"]) == []  # names say who, not what
    sorry = feed.replace("Your feed", "Sorry: your feed")
    received = feed + "\nWe have successfully received your support request.\n"
    assert notice_signals(sorry, fills) == [] and notice_signals(received, fills) == []
    # a webhook is the reader's own, like an account: what happened to it is account news
    assert notice_signals(feed.replace("Your feed", "Your webhook"), fills) == ["an account notice"]
    shop = f"Hola {M}:\n\nGracias por su compra. Su pedido {M} de {M} sale el {M}.\n"
    assert notice_signals(shop, ["nombre", "pedido", "importe", "fecha"]) == ["a record filled in"]


def test_a_mail_written_through_an_applications_message_catalogue_is_a_notice() -> None:
    """Sentences in translation calls, or looked up by key, are the application's own mail: the
    THX001 and TPL004 a reply owes are not asked of it, unless it answers someone."""
    expiry = ("<%= _('{{body}} has asked you to explain part of your request.', body: @body) %>\n\n"
              "<%= _('To do this, click on the link below.') %>\n<%= @url %>\n")
    linter = Linter(Config(), lang="en", kind="email", select=["THX001", "TPL004"])
    result = linter.lint_text("expiry.erb", expiry)
    assert result.findings == () and "a mail the application writes in its code" in result.diagnostics[0].message
    keyed = '<% @title = t("mailer.totp_disabled.title") %>\nAn authentication app was turned off on <%= @at %>.\n'
    assert linter.lint_text("keyed.erb", keyed).findings == ()
    answered = ("{{ _('Hi Sam,') }}\n\n{{ _('Sorry for the wait: we looked at your question and fixed the page. "
                "It works again now.') }}\n")
    assert [f.code for f in linter.lint_text("answer.j2", answered).findings] == ["THX001"]


def test_someone_named_by_a_placeholder_answering_the_readers_post_is_a_notice() -> None:
    assert notice_signals(f"Hi {M},\n\n{M} has posted an answer to your question on {M}.\n") == [
        "an invitation or message from someone else"]
    assert notice_signals(f"Hola {M}:\n\n{M} ha comentado tu publicación.\n") == [
        "an invitation or message from someone else"]


@pytest.mark.parametrize("title", ["Cancellation of Order", "[OpenStreetMap] GPX Import failure", "Cancelación de Turno",
                                   "Nueva cancelación de pedido"])
def test_a_title_that_names_an_event_of_a_record_makes_a_notice(title: str) -> None:
    assert notice_signals(f"{title}\nHi {M},\nYour booking {M} is no longer on the list.\n") == [
        "a heading that names a notice"]


def test_what_is_about_to_happen_to_an_account_opening_the_mail_is_account_news() -> None:
    assert notice_signals(f"Hi {M},\n\nYour account will expire on {M}. Click on the link below to extend it.\n") == [
        "an account notice"]
    assert notice_signals(f"Hola {M}:\n\nSu dominio {M} vence el {M}.\n") == ["an account notice"]
    assert notice_signals(f"Reset your Mibew Messenger password\nHi, {M}\n\nPlease click the link below:\n{M}\n") == [
        "a heading that names a notice"]


@pytest.mark.parametrize("text", [
    "Hello,\n\nThis is a courtesy e-mail to let you know that we have received your helpdesk query. Your ticket has "
    "been assigned a number and will be responded to shortly. Do not reply to this message.\n",
    f"Ticket Created: {M}\nHello,\nYour ticket has now been created and logged.\nThis was an automated message.\n",
    "Hemos recibido tu mensaje\nHola,\nHemos recibido tu mensaje. Nuestro equipo lo revisará y te responderemos a la "
    "brevedad. Este es un correo automático, no es necesario responder.\n",
])
def test_an_auto_reply_acknowledging_what_the_reader_sent_answers_them(text: str) -> None:
    """Saying it is automatic does not make a notice of a mail that acknowledges the reader's
    message: an auto-reply answers someone who wrote, and owes them thanks."""
    assert notice_signals(text) == []


def test_an_acknowledgement_alone_on_a_screen_is_still_a_status_line() -> None:
    assert notice_signals(f"Your request {M} has been received.") == ["a status line"]


@pytest.mark.parametrize("text", [
    f"Dear {M},\nThis is a notification that your card was declined for our last debit attempt.\n",
    f"Dear user,\nThis email is to inform you of an outage of the cloud on {M}.\n",
    "Hola:\nEste correo es para informarle de que su plan cambia el mes que viene.\n",
])
def test_a_mail_that_says_it_is_sent_to_inform_is_a_notice(text: str) -> None:
    assert notice_signals(text) == ["a mail that says it confirms or reports an event"]


def test_a_template_that_runs_the_applications_code_is_an_applications_mail() -> None:
    """A partial rendered or a helper called on the application's records is a program's mail: it owes no
    thanks when it answers nobody."""
    course_full = ("Dear <%= @form.first_name %>,\n\nThere are no more places on your course.\n\nUpdate your choice:\n"
                   "<%= candidate_magic_link(@form.candidate) %>\n\n<%= render 'get_help' %>\n")
    linter = Linter(Config(), lang="en", kind="email", select=["THX001"])
    result = linter.lint_text("full.erb", course_full)
    assert result.findings == () and "a mail the application writes in its code" in result.diagnostics[0].message


@pytest.mark.parametrize("mail", [
    "Hi %s,\n\nYour order on %s has been refunded. There are more details below for your reference:\n",
    "The refund for order %1$s has failed. Reason: %2$s.\n\nThe order details are as follows:\n",
    "Hola {0}:\n\nEl pago del pedido {1} no se ha podido completar.\n",
])
def test_a_format_string_filled_by_position_is_an_applications_mail(mail: str) -> None:
    """printf's "%s" and MessageFormat's "{0}" are filled by a program from its data; a person's saved
    reply names what it fills in. Such a mail owes no thanks when it answers nobody."""
    spanish = mail.startswith("Hola")
    linter = Linter(Config(), lang="es" if spanish else "en", kind="email", select=["THX001"])
    result = linter.lint_text("mail.txt", mail)
    assert result.findings == () and [d.code for d in result.diagnostics] == [NOTICE_READ]
    named = re.sub(r"%\d\$s|%s|\{\d\}", "{{ value }}", mail)
    assert [f.code for f in linter.lint_text("mail.txt", named).findings] == ["THX001"]
    sorry = "Sentimos el problema con su pago. " if spanish else "Sorry about the trouble with your payment. "
    answered = mail.replace("\n\n", "\n\n" + sorry, 1)
    assert [f.code for f in linter.lint_text("mail.txt", answered).findings] == ["THX001"]


def test_a_template_that_reads_the_applications_records_through_php_objects_is_an_applications_mail() -> None:
    linter = Linter(Config(), lang="es", kind="email", select=["THX001"])
    delivered = ("<h1>¡Tu pedido ha sido entregado!</h1>\n<p>Hola {{ $order->usuario->name }},</p>\n"
                 "<p>Tu pedido {{ $order->id }} ha sido entregado.</p>\n")
    assert linter.lint_text("entregado.blade.php", delivered).findings == ()
    returned = ("Hola <?php echo $usuario->getNombre(); ?>:\n\nEl paquete de tu pedido volvió a nuestra oficina y lo "
                "enviamos de nuevo mañana.\n")
    assert linter.lint_text("vuelto.php", returned).findings == ()
    # a helpdesk's saved reply names its fields: it is still judged as a reply
    saved = delivered.replace("$order->usuario->name", "ticket.requester.name").replace("$order->id", "ticket.id")
    assert [f.code for f in linter.lint_text("entregado.html", saved).findings] == ["THX001"]


def test_a_reset_the_reader_asked_for_and_someone_probably_them_are_notices() -> None:
    """Acknowledging the reader's request answers them, unless what they asked for is a password reset."""
    reset = (f"¡Hola {M}!\n\nHemos recibido tu solicitud para reestablecer tu contraseña. Solo necesitamos que "
             "confirmes esta solicitud.\n\n¿Deseas cambiar tu contraseña?\n")
    assert notice_signals(reset) == ["a password reset link"]
    assert notice_signals(f"Alguien, probablemente tú con la dirección de IP {M}, ha solicitado una cuenta con esta "
                          "dirección de correo electrónico.\n") == ["a request made by someone"]
    assert notice_signals(f"Una página ha sido actualizada en {M}.\nEsta notificación fue enviada porque {M} cubre "
                          "este tipo de actividad.\n") == ["a why-you-got-this line"]


@pytest.mark.parametrize("lang, text", [
    ("en", "%{store_name} Team\n\nThank you for your business.\n"),
    ("es", "Gracias por su compra.\nEl equipo de {{ tienda }}\n"),
])
def test_a_mails_closing_stored_alone_owes_no_name_or_thanks(lang: str, text: str) -> None:
    result = Linter(Config(), lang=lang, kind="email").lint_text("closing.txt", text)
    assert not _codes(result) & {"THX001", "TPL004", "SIN003"}
    [note] = result.diagnostics
    assert note.code == "SVC102"


def test_a_sentence_that_names_a_team_is_no_closing() -> None:
    result = Linter(Config(), lang="en", kind="chat", select=["THX001"]).lint_text("reply.txt", "Contact our support team\n")
    assert _codes(result) == {"THX001"}


@pytest.mark.parametrize("text", [
    f"Hi {M},\n\nOh no, your payment failed. Please update your card in your account settings.\n",
    f"Hi {M},\n\nYour commitment of {M} in {M} from payment option {M} was not successful due to payment processing "
    "issues.\n",
    f"El pago de su suscripción con {M} ha fallado debido a un problema con su tarjeta de crédito.\n",
    f"Dear {M},\n\nWe wanted to inform you that your monthly subscription payment to Grandcalendar.io {M} has failed.\n",
    f"Hello {M},\n\nWe're sorry but your application, {M}, was rejected for the following reason:\n{M}\n",
    f"Dear {M},\n\nWe regret to inform you that the {M} has been cancelled.\n",
    f"Hi {M},\n\nUnfortunately, your order from {M} could not be fulfilled at this time.\n",
    f"Dear {M},\n\nWe wanted to inform you that your appointment has been postponed.\n",
    f"Hola {M},\n\nHay un problema con tu pago para el pedido {M}. Por favor, ponte en contacto con nosotros.\n",
    f"¡Hola {M}!\n\nHemos detectado un problema con tu pedido y no hemos podido procesarlo correctamente.\n",
    "Lo sentimos, no hemos podido completar su pedido.\n",
    f"Sr: {M}\n\nLe comunicamos que el trámite {M} se encuentra Pendiente de Pago.\n",
])
def test_a_failed_payment_a_decided_application_or_a_booking_called_off_opening_the_mail_is_news(text: str) -> None:
    assert notice_signals(text) == ["an account notice"]


def test_a_failed_payment_explained_to_the_reader_who_asked_is_a_reply() -> None:
    assert notice_signals("Hi Ana,\n\nThanks for your message. Your payment failed because the card had expired; "
                          "I've sent you a new link.\n") == []
    # the reader's claim for money back, decided, is a complaint answered (see _APPLIED_FOR)
    assert notice_signals("Hola, Ana:\n\nSu solicitud de reembolso ha sido rechazada.\n") == []


def test_a_title_that_names_an_acknowledgement_or_a_verdict_makes_a_notice() -> None:
    """An auto-acknowledgement answers the reader, unless its title says it is one."""
    body = f"Hi {M},\n\nWe received your support request regarding: {M}\n\nOur team will respond within 24 hours.\n"
    assert notice_signals(body) == []
    assert notice_signals("# Support Ticket Auto-Acknowledgment\n\n" + body) == ["a heading that names a notice"]
    assert notice_signals("# Appeal decision\n\nWe have reviewed your appeal and decided that it is invalid.\n") == [
        "a heading that names a notice"]


def test_broken_community_rules_and_a_frozen_account_are_notices() -> None:
    assert notice_signals(f"Hello {M},\n\nSomeone with access to your account has violated our community guidelines. "
                          "As a result, your account has been banned.\n") == ["a moderation notice"]
    assert notice_signals("Tu cuenta en nuestra instancia será congelada y ya no podrá ser utilizada.\n") == [
        "an account notice"]


def test_a_flight_or_a_class_called_off_is_told_as_a_reply_is() -> None:
    """Passengers and pupils are answered: the labelled sets ask an apology of "your flight was cancelled"."""
    assert notice_signals("Estimado cliente:\nLamento informarle de que su vuelo ha sido cancelado. Le hemos reubicado "
                          "en el de las 18:40.\n") == []
    assert notice_signals(f"Hello,\n\nThe {M} class is cancelled this week because the instructor is ill.\n") == []


def test_an_away_message_is_a_chat_status_but_a_closing_day_answered_is_not() -> None:
    away = "Estamos cerrados 🌙\nHorario de atención:\nLun-Vie: 9am-6pm\nTu mensaje es importante. Responderemos mañana.\n"
    assert notice_signals(away) == ["a chat's status line"]
    assert notice_signals("Sorry, we're closed on Sundays, but you can order online and collect on Monday.") == []


def test_our_own_mails_come_back_and_a_reminder_we_wanted_to_send_are_notices() -> None:
    assert notice_signals("Lo sentimos, estamos teniendo problemas para contactarte por correo electrónico. Nuestros "
                          "últimos mensajes se han devuelto como imposibles de entregar.\n") == ["a mail-delivery failure"]
    assert notice_signals("Hola,\n\nSomos el equipo de Jardines y queríamos recordarte que seguimos aquí para "
                          "ayudarte a encontrar tu casa.\n") == ["an announcement sent first"]
    # a reply that answers the reader keeps the reminder a reply
    assert notice_signals("Hola Ana, gracias por escribirnos. Queríamos recordarte que la tienda abre a las diez.\n") == []


def test_a_virtual_agent_and_a_mail_we_are_unable_to_process_are_notices() -> None:
    assert notice_signals("I'm a virtual agent. I can help you schedule appointments, so let me know if you would like "
                          "to speak with a human!") == ["a bot speaking"]
    assert notice_signals(f"Dear {M},\n\nWe are unable to process your email.\nPlease check if you have followed all "
                          "the instructions.\n") == ["a mail-delivery failure"]


def test_a_letters_head_comes_before_the_title_that_names_a_notice() -> None:
    letter = (f"{M}\n{M}\n[Address Line 1]\n[Address Line 2]\nOur Ref: RD1\n\nDear {M}\n\nRe: Cheque Dishonoured By the "
              f"Bank\n\nYou recently made a payment to your account by cheque.\nI regret to inform you that your bank "
              "has dishonoured the cheque.\n")
    assert notice_signals(letter) == ["a heading that names a notice"]
    # past the head, a line that names a notice is the body's, not a title
    assert notice_signals("Hi Ana,\n\nThanks for your message. I looked at it today.\n\nPayment failed\n") == []


def test_a_hard_wrapped_paragraph_is_no_letter_head() -> None:
    wrapped = ("Hello,\nwe have looked at the account this morning and we can see that the\nlast attempt did not go "
               "through, and the reason\nwas that the payment failed\nat the bank's end; a new link follows.\n")
    assert notice_signals(wrapped) == []
