"""What a document is for, and whether it is in a language svclint judges.

Purpose. A reply is written to a person who wrote, called or complained; an
automated notice (password reset, security alert, verification code, receipt,
bounce, subscription confirmation, an interface's error string) is sent by a
system to whoever triggered it. The rules about talking to a customer (thanks,
apology, acknowledgement, warm address, personalisation) are wrong on notices,
so the engine reads those as the `notice` kind. The signals are general shapes
of notices, not their sentences:

- strong (one is enough): a "do not reply" or "sent automatically" line; a
  "if you did not request this / if this wasn't you" line; a code handed over
  (a verification or security code, "enter this code"); a mail-delivery failure; an order-total
  table (two or more `Total:`/`Subtotal:`/`Tax:`/`IVA:` lines); a short
  interface error ("something went wrong… try again");
- medium (two are needed): a code handed over ("your code is …", a coupon or
  check-in code is not a notice by itself); an interface imperative aimed at a link or button
  ("click the link", "pulse el botón"); a link or code that expires; a table of
  filled-in fields (`Device: {{ device }}`); a subscription or unsubscribe line.

Being conservative matters more than catching every notice: a reply read as a
notice loses its findings. So any sign that a person is answering a person
vetoes the notice: a reference to what the customer wrote or said ("as you
mentioned", "thanks for reaching out", "respecto a su reclamación"), an answer
to an @handle, "hope this helps", or an agent speaking in the first person
singular ("I've checked", "le he cambiado").

Language. Catalan, Portuguese, French, Italian and German text is recognised
from function words and frequent verb forms no Spanish or English text uses
("els", "amb", "però"; "não", "você", "uma"; "vous", "avec"…), and only when
they clearly outnumber the Spanish and English ones, on at least a few of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from svclint.documents.unit import PLACEHOLDER_MARK, URL_MARK, Unit

NOTICE = "notice"
# Kinds a notice can be mistaken for: one-way messages. Scripts and FAQs are
# never notices, and `text` runs no document rule that a notice would silence.
DETECTED_FROM = frozenset({"email", "chat", "sms"})
_FILLED = f"[{PLACEHOLDER_MARK}{URL_MARK}]"
_SECURE_CODE = (r"(?:(?:verification|security|one-time|login|sign-in|access|confirmation) code|"
                r"código (?:de )?(?:verificación|seguridad|acceso|confirmación|un solo uso))")


def _any(*patterns: str) -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE | re.MULTILINE)


_STRONG = {
    "a do-not-reply line": _any(
        r"\b(?:do not|don't|please do not) (?:reply|respond)\b",
        r"\bthis (?:mailbox|inbox|address) is not monitored\b",
        r"\b(?:automated|automatic|auto-generated) (?:message|email|e-mail|notification)\b",
        r"\b(?:sent|generated) automatically\b",
        r"\bno[ -]?reply@",
        r"\bno (?:responda|respondas|conteste|contestes)\b",
        r"\bno (?:admite|recibe|acepta) respuestas\b",
        r"\b(?:mensaje|correo|aviso)s? (?:automáticos?|automatizados?|generados? automáticamente)\b",
        r"\brespuestas? automáticas?\b", r"\b(?:automatic|automated) (?:reply|response)\b", r"\bauto-?reply\b",
        r"\b(?:enviad|generad)[oa]s? automáticamente\b",
    ),
    "an if-this-wasn't-you line": _any(
        r"\bif (?:you did not|you didn't|you did n't) (?:request|make|ask|sign up|create|initiate)\b",
        r"\bif (?:this|it) (?:was not|wasn't) you\b",
        r"\bif you (?:do not|don't) recogni[sz]e\b",
        r"\bsi no (?:ha|has) (?:solicitado|pedido|sido|realizado|iniciado)\b",
        r"\bsi no (?:solicitó|solicitaste|pidió|pediste|realizó|realizaste|hizo|hiciste)\b",
        r"\bsi no (?:fue|fuiste) (?:usted|tú)\b",
        r"\bsi no reconoces?\b",
        # "si es un error o no pidió esta acción"
        r"\bsi [^.\n]{0,25}\bo no (?:ha |has )?(?:solicitado|pedido|solicitó|solicitaste|pidió|pediste)\b",
        # a message that tells its reader to ignore it was not written to answer them
        r"\b(?:ignore|disregard) this (?:email|e-mail|message)\b",
        r"\b(?:ignore|ignora|ignorar) (?:este|el) (?:mensaje|correo|email|e-mail)\b",
        r"\bsi no se ha suscrito\b",
    ),
    "a code to enter": _any(  # a verification code handed over, or "enter this code"; one merely talked about is not
        rf"\b{_SECURE_CODE}\b[^.\n]{{0,20}}?(?:\bis|\bes|:)\s*(?:{_FILLED}|\d{{4,8}}\b)",
        rf"(?:{_FILLED}|\b\d{{4,8}}) (?:is|es) (?:your|tu|su)\b[^.\n]{{0,30}}\b{_SECURE_CODE}\b",
        r"\benter (?:this|the following) code\b",
        r"\b(?:introduzca|introduce) (?:este|el siguiente) código\b",
    ),
    "a mail-delivery failure": _any(
        r"\b(?:message|mail|email|e-mail)\b[^.\n]{0,40}\b(?:could not|couldn't|cannot) be delivered\b",
        r"\bmail delivery (?:failed|failure)\b",
        r"\bdelivery status notification\b",
        r"\bmailer-daemon\b",
        r"\b(?:mensaje|correo)\b[^.\n]{0,40}\bno (?:ha llegado|llegó|se ha podido entregar|se pudo entregar)\b",
        r"\bno se (?:ha )?podido entregar (?:su|tu|el) (?:mensaje|correo)\b",
        # a message that reached the system but was refused («your email message … didn't work»)
        r"\b(?:email|e-mail|mail) message\b[^.\n]{0,80}\b(?:didn't|did not) work\b",
        r"\b(?:correo|email|e-mail|mensaje)\b[^.\n]{0,80}\b(?:no (?:funcionó|ha funcionado|se entregó|se ha entregado|"
        r"se (?:pudo|ha podido) (?:publicar|entregar|procesar))|(?:se ha|ha sido|fue) rechazado)\b",
        r"\b(?:email|e-mail|mail) message\b[^.\n]{0,80}\b(?:was|has been) (?:rejected|refused)\b",
    ),
    # Events reported about someone else or about the system, not an answer to what the reader wrote.
    "an invitation or message from someone else": _any(
        r"\b(?:has|have) invited you\b", r"\binvited you to\b",
        r"\b(?:te|le|os|les) (?:ha|han) invitado\b", r"\b(?:te|le|os|les) invit(?:ó|aron) a\b",
        r"\ban account has been (?:created|opened|set up) for you\b",
        r"\bse (?:ha )?(?:creó|creado|abrió|abierto) una cuenta para (?:usted|ti|vos)\b",
        # a user named by a placeholder did something to the reader («{{ cliente }} te ha enviado…»)
        rf"{_FILLED}(?: {_FILLED})? (?:te|le|les|os) (?:ha |han )?(?:enviado|envió|sugiere|sugirió|recomienda|"
        r"recomendó|invitado|invitó|mencionado|mencionó|respondido|respondió|compartido|compartió|citado|citó)\b",
        rf"{_FILLED}(?: {_FILLED})? (?:has |have )?(?:sent|shared|mentioned|invited|suggested|recommended|"
        r"replied to|quoted|added) you\b",
    ),
    "a bot speaking": _any(  # a program that says what it is
        r"\bsoy (?:un|una|el|la) (?:robot|bot|chatbot|asistente virtual)\b",
        r"\b(?:I'm|I am) (?:a|an|the) (?:robot|bot|chatbot|virtual assistant)\b",
    ),
    "a request made by someone": _any(  # a sign-in link or reset asked for by "someone"
        r"\bsomeone (?:has )?(?:requested|asked|tried|is trying)\b",
        r"\balguien (?:ha )?(?:pedido|solicitado|pidió|solicitó|intentado|intentó)\b",
    ),
    "a notification to staff": _any(
        r"\bhas been assigned to you\b", r"\b(?:se )?te ha(?:n)? (?:sido )?asignad[oa]s?\b",
        r"\b(?:you have|you've) (?:received|got) an? (?:new )?(?:order|message|review|ticket|reply|payment)\b",
        r"\b(?:has|ha) recibido una? (?:nuev[oa] )?(?:pedido|mensaje|reseña|ticket|pago)\b",
        # an order of a named third party, and what happened to it («Order #5 from {{ customer }} has been cancelled»)
        rf"\b(?:order|pedido)\b[^.\n]{{0,30}}\b(?:from|by|de|por) {_FILLED}[^.\n]{{0,40}}"
        r"\b(?:has been|was|ha sido|fue|ha fallado|has failed|failed|se ha)\b",
    ),
}
_TOTAL_LINE = re.compile(
    r"^[ \t]*(?:sub-?total|total|tax|vat|iva|shipping|env[íi]o|gastos de env[íi]o|discount|descuento)\b"
    r"[^:\n]{0,25}:[ \t]*\S", re.IGNORECASE | re.MULTILINE)
_UI_ERROR = _any(
    r"\b(?:try again|vuelve a intentarlo|vuelva a intentarlo)\b",
    r"\b(?:inténtelo|intentelo|inténtalo|intentalo|intente|intenta) (?:de nuevo|nuevamente|otra vez)\b",
    r"\bsomething went wrong\b", r"\balgo (?:ha )?salió mal\b", r"^\s*error\b",
    r"\b(?:try again later|inténtelo más tarde|inténtalo más tarde|intentelo más tarde)\b",
    # a bot that could not read the last answer
    r"\bno (?:entiendo|entendí|he entendido) (?:tu|su) (?:requerimiento|respuesta|pregunta|mensaje|solicitud)\b",
    r"\bI (?:don't|do not|didn't|did not) understand (?:your|that) (?:answer|reply|question|message|request)\b",
    r"\bno es una opción válida\b", r"\bis not a valid (?:option|choice|answer)\b",
)
_SHORT_STRING_WORDS = 25

_MEDIUM = {
    "an interface instruction with a link": _any(
        rf"\b(?:click|tap|press|follow|visit|open)\b[^.\n]{{0,40}}(?:\blink\b|\bbutton\b|{_FILLED})",
        rf"\b(?:haga clic|haz clic|pulse|pulsa|toque|toca|siga|sigue|entre en|entra en)\b[^.\n]{{0,40}}"
        rf"(?:\benlace\b|\bbotón\b|{_FILLED})",
    ),
    "a code handed over": _any(  # a voucher or check-in code is not a notice by itself
        r"\buse (?:this|the following) code\b", r"\b(?:utilice|usa|use) (?:este|el siguiente) código\b",
        rf"\b(?:code|código)\b[^.\n]{{0,40}}?(?:\bis|\bes|:)\s*(?:{_FILLED}|\d{{4,8}}\b)",
        rf"(?:{_FILLED}|\b\d{{4,8}}) (?:is|es) (?:your|tu|su)\b[^.\n]{{0,30}}\b(?:code|código)\b",
    ),
    "a link or code that expires": _any(
        r"\b(?:link|code|enlace|código)\b[^.\n]{0,30}\b(?:expires?|expirará|caduca|caducará|valid for|"
        r"válido durante|deja de funcionar)\b",
    ),
    "a table of filled-in fields": re.compile(rf"^[ \t]*(?:[-*•][ \t]*)?[^\W\d_][\w ]{{0,25}}:[ \t]*{_FILLED}[ \t]*$",
                                             re.MULTILINE),
    "an activity digest": _any(
        r"^[ \t]*(?:(?:daily|weekly|monthly) )?(?:digest|summary|activity)\b",
        r"^[ \t]*(?:resumen|actividad)(?: (?:diario|semanal|mensual))?\b",
    ),
    "an account to confirm": _any(
        r"\b(?:confirm|activate|verify)\b[^.\n]{0,20}\b(?:account|e-?mail address|registration)\b",
        r"\b(?:confirm|activ|verific)ar?\b[^.\n]{0,20}\b(?:cuenta|dirección de correo|registro)\b",
    ),
    "a subscription line": _any(
        r"\b(?:confirm|confirme|confirma|confirmar) (?:your |su |tu )?(?:subscription|suscripción)\b",
        r"\bunsubscribe\b", r"\bdar(?:se|te) de baja\b",
    ),
}

_REPLY = _any(
    r"\b(?:thanks|thank you) for (?:reaching out|contacting|getting in touch|writing|your (?:message|email|"
    r"question|patience|feedback|review|call|enquiry|inquiry))\b",
    r"\b(?:as|like) you (?:mentioned|said|explained|described|asked|noted|told us)\b",
    r"\b(?:regarding|about|re:?|in response to) your (?:complaint|question|message|email|enquiry|inquiry|"
    r"review|feedback|call)\b",
    r"\b(?:gracias por|en respuesta a|respecto a|en relación con) (?:su|tu) (?:consulta|mensaje|correo|"
    r"pregunta|reclamación|queja|comentario|llamada|reseña)\b",
    r"\bgracias por (?:escribirnos|contactar|ponerse en contacto|ponerte en contacto)\b",
    r"\bcomo (?:nos )?(?:indica|indicas|comenta|comentas|menciona|mencionas|cuenta|cuentas|explica|explicas)\b",
    r"\bhope (?:this|that|it) helps\b", r"\bespero que (?:le|te|les|os) (?:sirva|ayude)\b",
    r"\A\s*@\w",  # an answer to someone's post or tweet
    r"\b(?:le|te|les|os)? ?he (?:revisado|cambiado|comprobado|mirado|hablado|enviado|pedido|abierto|"
    r"corregido|hecho)\b",
)
_FIRST_PERSON = re.compile(r"\bI(?:'ve|'m|'ll| have| am| will| can| looked| checked| changed)\b")


def notice_signals(text: str) -> list[str]:
    """The notice signals in a unit's text, or [] when it reads as a reply (or says too little)."""
    # a bot's "I" is not an agent's
    if _REPLY.search(text) or (_FIRST_PERSON.search(text) and not _STRONG["a bot speaking"].search(text)):
        return []
    strong = [name for name, pattern in _STRONG.items() if pattern.search(text)]
    if len(_TOTAL_LINE.findall(text)) >= 2:
        strong.append("an order-total table")
    if len(text.split()) <= _SHORT_STRING_WORDS and _UI_ERROR.search(text):
        strong.append("a short interface error")
    if strong:
        return strong
    medium = [name for name, pattern in _MEDIUM.items() if pattern.search(text)]
    return medium if len(medium) >= 2 else []


# ---- whole replies -----------------------------------------------------------------
# Thanks, apology, acknowledgement and a name are owed by a whole reply: the first answer to
# someone who wrote in, or a complete e-mail. A piece of one stored as its own string (a
# subject, a heading, a link label, one sentence of a mail) or a turn in the middle of a
# conversation (part 2/3 of a thread, an answer to the customer's thanks, a follow-up, a lone
# question asking for a detail) owes none of them by itself: the rest of the message or of the
# conversation may hold them. Such units are read as notices too, so the same rules are off.

_HANDLES = re.compile(r"\A\s*(?:@\w+[\s,:]*)+")
_GREETING_WORD = re.compile(r"\A(?:hola|buenas|hi|hello|hey|dear)\b[,!.]?\s*", re.IGNORECASE)
_GREETING = re.compile(
    r"\A(?:hola|buen[oa]s(?: (?:días|dias|tardes|noches))?|estimad[oa]s?|apreciable|querid[oa]s?|"
    r"hi|hello|hey|dear|good (?:morning|afternoon|evening))\b,?[^,.!:¡¿?\n]{0,40}[,.!:]?\s*", re.IGNORECASE)
_SIGNATURE = re.compile(r"\s*(?:[\^*~]|-\s?)\s?[A-Z][\w.]{0,14}\s*\Z")
_SENTENCE_END = re.compile(rf"[.!?…]+[\"'»”)\]]*(?=\s+[¿¡\"«“(]?[A-ZÁÉÍÓÚÑ\d{PLACEHOLDER_MARK}{URL_MARK}])")  # not «Nro. de»
_CLOSED = re.compile(r"[.!?…)\"'»”]\s*\Z")
_THREAD_PART = re.compile(r"\A\(?\d{1,2}\s?/\s?\d{1,2}\)?(?=\s)|\(\d{1,2}/\d{1,2}\)|\A[2-9]\.\s")
_THANKS_ANSWERED = _any(
    r"\Ayou(?:'re|’re| are) (?:very |so |most |more than )?welcome\b",
    r"\A(?:no problem|no worries|my pleasure|any ?time)\b",
    r"\A(?:(?:so|really|very) )?(?:glad|happy|pleased|great|good) (?:to hear|we could help|I could help)\b",
    r"\A(?:(?:so|really|very) )?glad to (?:have )?help(?:ed)?\b",  # «happy to help» also opens first replies
    r"\A(?:it's|it’s|that's|that’s) (?:good|great|nice) to hear\b",
    r"\A(?:I'm|I’m|we're|we’re) (?:so |really )?glad (?:to hear|that|it|you)\b",
    r"\A¡?(?:de nada|no hay de qué|no hay de que|a (?:usted|ti|vos)(?: por)?\b)",
    r"\A¡?(?:con (?:mucho )?gusto|un placer)[!.,]", r"\A¡?(?:fue )?un placer (?:atender|ayudar)",
    r"\A¡?(?:me|nos) alegra\b", r"\A¡?qué (?:bueno|bien) que\b",
)
_FOLLOW_UP = _any(
    r"\Aif (?:you(?:'re|’re| are)|you) still\b", r"\A(?:just )?to confirm\b", r"\A(?:just )?following up\b",
    r"\Ajust checking in\b", r"\Aany (?:luck|update)\b", r"\A(?:were you|have you been) able to\b",
    r"\Adid (?:that|this|it|those|these) (?:help|work|fix)\b", r"\Ahave you had a chance\b",
    r"\Asi (?:aún|aun|todavía|sigue|sigues|seguís|continúa|continúas|persiste)\b", r"\Apara confirmar\b",
    r"\A¿(?:pudo|pudiste|pudieron|logró|lograste|le funcionó|te funcionó|le sirvió|te sirvió)\b",
    r"\A(?:siguiendo con|retomando)\b",
    # the customer has just answered something we asked
    r"\A(?:got it|in (?:this|that) case)\b", r"\Aen (?:este|ese) caso\b",
)
# "still" presupposes an earlier exchange; "if you are still…" is a first reply's closing offer.
_STILL = _any(
    r"(?<!\bif )\b(?:you(?:'re|’re| are)|are you) still (?:having|experiencing|seeing|facing|getting)\b",
    r"(?<!\bsi )\b(?:sigue|sigues|seguís) (?:teniendo|presentando)\b", r"¿(?:aún|todavía) (?:tiene|tienes|tenés)\b",
)
_UNIT_HINT = re.compile(r"\s*\([^()\n]{0,20}\)\Z")  # «¿Cuánta memoria necesita? (GB)»


def _body(text: str) -> str:
    """The unit without the @handles it answers and the agent's initials it ends with."""
    return _SIGNATURE.sub("", _HANDLES.sub("", text)).strip()


def _sentences(text: str) -> int:
    return len(_SENTENCE_END.findall(text)) + 1


def _is_fragment(body: str) -> bool:
    """One line that is not a message: no full stop (a subject, heading or link label), a
    lead-in ending in a colon, or a single sentence with no greeting (a line cut out of a mail)."""
    if "\n" in body:
        return False
    return not _CLOSED.search(body) or body.endswith(":") or (_sentences(body) == 1 and not _GREETING.match(body))


def _is_lone_question(body: str) -> bool:
    question = _UNIT_HINT.sub("", body)
    return question.endswith("?") and _sentences(_GREETING.sub("", question)) == 1


def _openings(body: str) -> set[str]:
    """Where the message proper may start: after a greeting word («Hi, glad to help!») or
    after a greeting and a name («Hi Jeff, if you are still…»)."""
    return {body, _GREETING_WORD.sub("", body, count=1), _GREETING.sub("", body, count=1)}


def partial_reply(text: str, kind: str) -> str | None:
    """Why a unit is not a whole reply that owes thanks, apology or a name; None when it is one.
    The one-line test holds for e-mail only: a chat line needs no full stop to be a whole answer."""
    body = _body(text)
    openings = _openings(body)
    if kind == "email" and _is_fragment(body) and not _REPLY.search(body):
        return "a one-line heading, subject or link"
    if _THREAD_PART.search(body):
        return "a numbered part of a thread"
    if any(_THANKS_ANSWERED.search(opening) for opening in openings):
        return "an answer to the customer's thanks"
    if any(_FOLLOW_UP.search(opening) for opening in openings) or _STILL.search(body):
        return "a follow-up in a conversation"
    if _is_lone_question(body):
        return "a lone clarifying question"
    return None


# The notes name signals and languages in the project's language (SVC101, SVC102).
SPANISH_NAMES = {
    "a do-not-reply line": "una línea de no responder",
    "an if-this-wasn't-you line": "una línea de «si no fue usted»",
    "a code to enter": "un código que introducir",
    "a mail-delivery failure": "un fallo de entrega de correo",
    "an interface instruction with a link": "una instrucción de interfaz con un enlace",
    "a code handed over": "un código entregado",
    "a link or code that expires": "un enlace o código que caduca",
    "a table of filled-in fields": "una tabla de campos rellenados",
    "a subscription line": "una línea de suscripción",
    "an order-total table": "una tabla de totales de un pedido",
    "a short interface error": "un error breve de interfaz",
    "an invitation or message from someone else": "una invitación o un mensaje de otra persona",
    "a request made by someone": "una petición hecha por «alguien»",
    "a bot speaking": "un bot que habla",
    "a notification to staff": "un aviso al personal",
    "an activity digest": "un resumen de actividad",
    "an account to confirm": "una cuenta que confirmar",
    "a one-line heading, subject or link": "una sola línea, como un asunto, un título o un enlace",
    "a numbered part of a thread": "una parte numerada de un hilo",
    "an answer to the customer's thanks": "una respuesta al agradecimiento del cliente",
    "a follow-up in a conversation": "un seguimiento dentro de una conversación",
    "a lone clarifying question": "una sola pregunta aclaratoria",
    "Catalan": "catalán", "Portuguese": "portugués", "French": "francés", "Italian": "italiano", "German": "alemán",
}


def named_in(lang: str, name: str) -> str:
    """A signal's or language's name as a note in `lang` says it."""
    return SPANISH_NAMES.get(name, name) if lang == "es" else name


def is_faq(unit: Unit) -> bool:
    """A page whose headings are questions (`## ¿Cómo cambio la contraseña?`), each with its answer."""
    text = unit.text.text
    questions = [start for start, end in unit.headings if text[start:end].rstrip().endswith("?")]
    return len(questions) >= 2 and len(questions) * 2 > len(unit.headings)


# ---- third languages ---------------------------------------------------------------

_THIRD = {
    "Catalan": "els amb però perquè és més aquest aquesta aquests aquestes dels pels pel nosaltres vosaltres "
               "vostè vostès seva seves meva teva molt molts moltes també fins sense hem heu gràcies doncs "
               "avui demà podeu podem volem vols quan estem sou són cal vostra vostre nostra nostre nostres ho li ens vau uns unes rebreu "
               "rebràs tingueu tenim fer",
    "Portuguese": "não você vocês obrigado obrigada uma umas ao aos à às pelo pela pelos pelas sua suas nosso "
                  "nossa nossos nossas isso isto essa esse muito muita também já ainda agora hoje onde há é são "
                  "estão foi têm tem mais ou em seu seus atenciosamente cumprimentos olá fatura",
    "French": "et du pour avec vous nous pas votre vos merci bonjour est sont cette dans être été aux "
              "très peut nous avons",
    "Italian": "il della delle degli gli nel nella alla sono questo questa grazie anche più di ci siamo vostro",
    "German": "der und ist nicht sie wir ihr ihre ihren mit für auf ein eine einen bitte danke zu von "
              "dem wird haben sind oder auch",
}
_NATIVE = frozenset(
    # Spanish words none of the languages above uses as a word of its own
    "y los las con usted ustedes su sus muy pero hemos hay gracias también ya hoy cuenta correo contraseña "
    "puede pueden nuestro nuestra nuestros nuestras le lo mismo desde hasta cuando donde porque tiene tienes "
    "está están esto eso aquí señor señora estimado estimada "
    # English
    "the and of to is are you your we our for with this that it will have has please thank thanks be was "
    "would could should here there".split()
)
_THIRD_WORDS = {language: frozenset(words.split()) - _NATIVE for language, words in _THIRD.items()}
_WORD = re.compile(r"[^\W\d_]+")
MIN_THIRD_WORDS = 4
MIN_DISTINCT_THIRD_WORDS = 2


def third_language(text: str) -> tuple[str, list[str]] | None:
    """(language, its words found) when the text is clearly in a language other than Spanish
    or English; None otherwise, and always on texts with too few function words to tell."""
    words = _WORD.findall(text[:20_000].lower())
    native = sum(word in _NATIVE for word in words)
    found = {language: [w for w in words if w in vocabulary] for language, vocabulary in _THIRD_WORDS.items()}
    language, evidence = max(found.items(), key=lambda item: len(item[1]))
    # several different words: one repeated word («é», «é», «é») may be a stray letter
    if (len(evidence) >= MIN_THIRD_WORDS and len(evidence) >= 3 * max(native, 1)
            and len(set(evidence)) >= MIN_DISTINCT_THIRD_WORDS):
        return language, _distinct(evidence)
    return None


def _distinct(words: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(words))
