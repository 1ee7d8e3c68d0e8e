"""Clarity rules on real customer text (issue 11, items 4 and 5): what a trainer
found wrongly flagged in public reply templates and chat answers, and messages
that must read right for the figure they report."""

from __future__ import annotations

import pytest

from svclint.config import Config
from svclint.engine import Linter
from svclint.model import Finding

LINK = "https://help.example.com/account/reset"


def findings(text: str, lang: str, code: str, kind: str = "chat", config: Config | None = None) -> list[Finding]:
    linter = Linter(config or Config(), lang=lang, kind=kind)
    return [f for f in linter.lint_text("reply.txt", text).findings if f.code == code]


def flagged(text: str, lang: str, code: str, kind: str = "chat", config: Config | None = None) -> list[str]:
    """The text under each finding of `code`."""
    return [f.matched for f in findings(text, lang, code, kind, config)]


# ---- CLR001: what is a word, where a sentence ends ---------------------------------

def test_handles_are_not_words() -> None:
    # 25 words after five @handles: over 25 only if the handles count.
    text = ("@ana_r @ship_help @orders @mike_p @team Hi Ana, we checked your order today and the "
            "courier has it now, so it should reach you at home by Thursday at the latest.\n")
    assert findings(text, "en", "CLR001") == []


def test_a_long_sentence_after_a_handle_is_still_long() -> None:
    text = ("@sam_k Thanks for waiting while we looked into this, and I can confirm that the new one "
            "was sent on Monday by tracked post so it should reach you in the next two or three days.\n")
    (finding,) = findings(text, "en", "CLR001")
    assert finding.message == "This sentence has 35 words (limit 25); split it."
    assert finding.matched.startswith("@sam_k Thanks")


def test_a_capitalised_word_after_a_link_opens_a_sentence() -> None:
    ended = (f"Here are the steps to reset your password from your phone or computer: {LINK} "
             "Let us know if the link doesn't work and we'll send you a fresh one today.\n")
    # Lower case ("… y después") or a time zone ("… ET on weekdays") after the link goes
    # on with the sentence: both stay one long sentence.
    going_on = (f"Puede seguir los pasos de esta página {LINK} y después escribirnos con el número de "
                "referencia que aparece al final para que el equipo de facturación pueda asociar el pago "
                "a su cuenta esta misma semana.\n")
    time_zone = (f"You can call the home lending team from the page at {LINK} ET on weekdays, or on "
                 "Saturdays from eight in the morning until eight at night for help with your mortgage.\n")
    assert findings(ended, "en", "CLR001") == []
    assert [f.message for f in findings(going_on, "es", "CLR001")] == ["La frase tiene 36 palabras (máximo 30); divídala."]
    assert [f.message for f in findings(time_zone, "en", "CLR001")] == ["This sentence has 32 words (limit 25); split it."]


def test_a_link_glued_to_a_mark_still_ends_its_sentence_before_a_capital() -> None:
    text = (f"You can find the guide for the sync settings of the app here -{LINK} If there is anything "
            "else you need about your phone or the tablet, write back and we will answer today.\n")
    assert findings(text, "en", "CLR001") == []


@pytest.mark.parametrize(("text", "lang"), [
    ("Hi Sam, I would really like to help you with the sync problem this morning :) To fix it on your "
     "phone, open the settings page, choose the accounts tab and add the account back again.\n", "en"),
    ("Hola, Marta, muchas gracias por avisarnos tan rápido de lo que pasó con el envío de ayer 🙂 Te "
     "mandamos hoy mismo otra caja con el pedido completo y la etiqueta de devolución ya pagada.\n", "es"),
])
def test_an_emoticon_or_emoji_before_a_capital_ends_a_sentence(text: str, lang: str) -> None:
    assert findings(text, lang, "CLR001") == []


def test_a_smile_inside_a_sentence_leaves_it_whole() -> None:
    text = ("Thanks for waiting :) the new one went out on Monday by tracked post, so it should reach you "
            "at home in the next two or three working days, and the tracking link is in your email.\n")
    assert [f.message for f in findings(text, "en", "CLR001")] == ["This sentence has 36 words (limit 25); split it."]


@pytest.mark.parametrize("entity", ["&mdash;", "&#8212;", "&#x2014;", "&ndash;"])
def test_html_entities_are_not_words(entity: str) -> None:
    # 25 words and three entities: the limit, not over it.
    text = (f"Your new card {entity} the one with the blue design {entity} is on its way {entity} it "
            "should arrive within five working days and you can use it.\n")
    assert findings(text, "en", "CLR001") == []


def test_an_entity_inside_a_word_keeps_the_word() -> None:
    # "informaci&oacute;n" is one word; "&amp;" between words is none: 33 words in all.
    text = ("Le enviamos la informaci&oacute;n de su pedido &amp; la factura por correo, y si algo no "
            "cuadra con lo que compró puede responder a este mensaje para que lo revisemos hoy mismo sin falta.\n")
    (finding,) = findings(text, "es", "CLR001")
    assert finding.message == "La frase tiene 33 palabras (máximo 30); divídala."


# ---- CLR002: the figure and the threshold ------------------------------------------

def test_readability_score_is_never_shown_equal_to_the_threshold_it_is_below() -> None:
    # INFLESZ 54.55: rounded it would read "55 … below 55".
    text = ("Estimado cliente: hemos recibido su solicitud y un representante le contestará tan pronto "
            "como sea posible. Puede consultar el progreso de su petición en línea. Si quiere añadir "
            "información o comentarios, responda a este correo o entre en su cuenta para ver el "
            "historial completo de sus solicitudes.\n")
    (finding,) = findings(text, "es", "CLR002", kind="email")
    assert finding.message == "Legibilidad 54 (algo difícil), por debajo de 55: use palabras y frases más cortas."


# ---- CLR004: names, chat words, signatures are not acronyms to explain ---------------

@pytest.mark.parametrize("text", [
    "Send us a DM with your order number and we'll take a look.\n",  # an everyday chat word
    "Phone lines are open from 8am to 8pm ET on weekdays.\n",  # a time zone
    "The Galaxy S10 supports wireless charging.\n",  # a model code: letters and digits
    "Your HP ProBook ships with the charger in the box.\n",  # a brand before a product name
    "Photos on this page are shared under CC-BY-SA.\n",  # a licence name joined by hyphens
    "Sorry, BHIM is not developed by Apple, so its developer can help best.\n",  # said to be made by someone
])
def test_names_and_everyday_abbreviations_are_not_unexplained_acronyms(text: str) -> None:
    assert flagged(text, "en", "CLR004") == []


def test_a_product_said_to_be_made_by_someone_is_a_name_in_spanish_too() -> None:
    assert flagged("Lo sentimos, BHIM no está desarrollada por Apple.\n", "es", "CLR004") == []
    assert flagged("Lo sentimos, BHIM no está disponible hoy.\n", "es", "CLR004") == ["BHIM"]


def test_the_organisations_own_name_comes_from_the_configuration() -> None:
    text = "En BXT nunca le pediremos la clave por teléfono.\n"
    assert flagged(text, "es", "CLR004", config=Config(organization=["Banco BXT"])) == []
    assert flagged(text, "es", "CLR004") == ["BXT"]


def test_initials_after_a_sign_off_sign_the_message_but_an_acronym_ending_a_sentence_does_not() -> None:
    assert flagged("If the update fails, restart the phone and let us know. Thanks! KM\n", "en", "CLR004") == []
    assert flagged("Glad we could sort that out for you.\nCheers,\nDJ\n", "en", "CLR004") == []
    assert flagged("Sorry for the wait. This page has the new dates: https://example.com/travel HRB\n",
                   "en", "CLR004") == []  # signed after the link it ends with
    assert flagged("Gracias por su paciencia. Hemos pasado el caso al CAT\n", "es", "CLR004") == ["CAT"]
    assert flagged("Thanks for bearing with us. I've passed your case to our CSM.\n", "en", "CLR004") == ["CSM"]


def test_the_suggestion_spells_out_the_acronym_found_or_stays_generic() -> None:
    (known,) = findings("Su incidencia se resolverá según el SLA.\n", "es", "CLR004")
    (unknown,) = findings("Hemos trasladado su consulta a RRCC.\n", "es", "CLR004")
    (english,) = findings("We'll have an answer for you by COB tomorrow.\n", "en", "CLR004")
    assert known.suggestion == ("Desarróllela la primera vez: «acuerdo de nivel de servicio (SLA)», "
                                "o escriba solo «acuerdo de nivel de servicio».")
    assert unknown.suggestion == ("Escriba el nombre completo la primera vez, con «RRCC» entre paréntesis "
                                  "detrás, o use solo el nombre completo.")
    assert english.suggestion == "Spell it out the first time: \"close of business (COB)\", or write only \"close of business\"."


# ---- CLR007: labels and names are quoted, not shouted; one message per kind ----------

@pytest.mark.parametrize("text, lang", [
    ('Para confirmar, pulse "ACEPTAR" en la pantalla.\n', "es"),  # a quoted button label
    ("Cuando vea el mensaje «PAGO COMPLETADO», ya puede cerrar la ventana.\n", "es"),  # quoted screen text
    ("Para usar internet en el campus, elija la red CAMPUSNET.\n", "es"),  # a network name
    ("Press and hold the RESET button for ten seconds.\n", "en"),  # a button name before "button"
    ('Reply "YES PLEASE" to book the slot.\n', "en"),  # a quoted keyword with a known word in it
    ("This follows COPPA (the Children's Online Privacy Protection Act).\n", "en"),  # spelled out after
])
def test_labels_and_names_in_capitals_are_not_shouting(text: str, lang: str) -> None:
    assert flagged(text, lang, "CLR007", kind="text") == []


def test_a_name_right_after_an_interface_word_is_a_label_but_not_in_the_next_clause() -> None:
    assert flagged("Haga clic en el botón ENVIAR al terminar.\n", "es", "CLR007", kind="text") == []
    assert flagged("Pulse el botón y ESPERE A QUE se encienda la luz.\n", "es", "CLR007", kind="text") == ["ESPERE A QUE"]


def test_capitals_and_repeated_marks_have_their_own_messages() -> None:
    capitals, marks = findings("Su pedido ha sido RECHAZADO por falta de pago!!\n", "es", "CLR007", kind="text")
    assert (capitals.matched, capitals.message) == ("RECHAZADO", "«RECHAZADO» en mayúsculas se lee como un grito al cliente.")
    assert (marks.matched, marks.message) == ("!!", "«!!»: los signos repetidos se leen como un grito, o como exceso de efusividad, en una respuesta; basta con uno.")
    assert marks.suggestion == "Use un solo signo; si algo es importante, dígalo con palabras."


def test_a_step_of_a_menu_path_is_a_label() -> None:
    text = "Open Help &gt; Logging in &gt; I STILL NEED HELP and fill in the form.\n"
    assert flagged(text, "en", "CLR007", kind="text") == []
    assert flagged("Entre en Ajustes > PRIVACIDAD Y SEGURIDAD y active la opción.\n", "es", "CLR007", kind="text") == []


# ---- sentences joined by a comma typo or run into a heading (g5c) --------------------

def test_a_capitalised_function_word_after_a_comma_opens_a_sentence() -> None:
    # 16 and 13 words joined by ", After": two sentences, neither over 25.
    spliced = ("@user I'm sorry, we're unable to change the delivery slot once the driver has left the "
               "depot, After that you can pick a new day from the link in your email.\n")
    # A name after the comma ("Visa") goes on with the sentence: still 42 words.
    named = ("Te escribo para confirmarte que la devolución del abrigo que compraste en la tienda del "
             "centro ya está registrada y que el importe volverá a tu tarjeta, Visa acabada en 4411, en un "
             "plazo de cinco a siete días hábiles desde hoy.\n")
    assert findings(spliced, "en", "CLR001") == []
    assert [f.message for f in findings(named, "es", "CLR001")] == ["La frase tiene 42 palabras (máximo 30); divídala."]


def test_the_word_i_after_a_comma_goes_on_with_the_sentence() -> None:
    text = ("Thanks for waiting, I checked the order you sent back last week and the refund has been approved "
            "so it should reach your bank account within three to five working days.\n")
    assert flagged(text, "en", "CLR001") == [text.strip()]


def test_a_heading_run_into_its_first_sentence_is_split_where_the_sentence_starts() -> None:
    # "### Cómo pedir un reembolso" then 27 words: the heading's 4 words made it 31.
    run_on = ("### Cómo pedir un reembolso Si el producto te llegó dañado o incompleto, escríbenos desde la "
              "sección Mis pedidos y adjunta una foto del embalaje para que podamos tramitar la devolución "
              "cuanto antes.\n")
    assert findings(run_on, "es", "CLR001", kind="text") == []
    long_body = ("### Delivery times In the busy season orders placed after two in the afternoon can take up to "
                 "three more working days to leave our warehouse because the courier only collects once a day.\n")
    (finding,) = findings(long_body, "en", "CLR001", kind="text")
    assert finding.matched.startswith("In the busy season") and finding.message.startswith("This sentence has 31 words")


def test_title_case_headings_stay_one_sentence() -> None:
    from svclint.nlp import analyse, pipeline
    table = analyse(pipeline("en"), "### How to Reset Your Password\n\nOpen Settings.")
    assert [table.texts[i] for i in table.sentence_starts] == ["#", "Open"]


@pytest.mark.parametrize(("text", "lang", "words"), [
    # a hyphenated compound is one word; a dash between spaced words is no word
    ("Our new app lets you track your on-the-go orders and manage your account settings from any device, "
     "wherever you are, at any time of the day or night.", "en", 28),
    ("Le enviamos hoy el acuerdo franco-español firmado y la factura de marzo por correo postal certificado "
     "a la dirección que nos indicó en su último mensaje - esperamos que llegue pronto a su casa.", "es", 33),
])
def test_a_hyphenated_compound_counts_as_one_word(text: str, lang: str, words: int) -> None:
    (finding,) = findings(text, lang, "CLR001", kind="email")
    assert finding.message.split()[3] == str(words)
