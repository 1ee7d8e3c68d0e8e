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
  interface error ("something went wrong… try again", "WARNING: …", "Defaults to %s"); a short
  chat status line about the chat itself («No hay agentes disponibles», "Resolving this conversation as
  it has been inactive");
  a "you are receiving this email because" / "este resumen se envía…" line; a
  password reset the reader asked for, told back ("You have requested your password
  to be reset"); an invitation or enrolment ("you have been invited", "ha sido
  invitado"), or an act or a decision of a third person named by a placeholder
  ("{{ user }} shared … with you", "{0} has denied your request", "tu ahijado
  {{ nombre }}…"); a notification to staff about a customer ("ticket …
  assigned to you", "{{ comprador }} acaba de hacer el pedido", "{{ poster }}
  commented on ticket"); a bot that says what it is, welcomes the reader to a
  system or platform, asks for a keyword (`type "help"`) or opens with what it can
  help with and lists quoted options («Puedo ayudarte con "Cambiar mi contraseña",
  "Ver mis facturas"»); an announcement the
  organisation sends first (congratulations opening the message, a birthday, "this
  is a reminder", "we are writing to remind you", «este es un recordatorio», news about something the reader
  follows: "something new in the course you are following"); news of the reader's
  account, order, application or payment as the message opens ("Your account has been
  suspended", "Your order has been cancelled", "your application was rejected", "Oh no,
  your payment failed", «El pago de su suscripción ha fallado»); and, when nothing
  else says more, the shape of the whole text: a status line (one short
  paragraph with no greeting that reports a state or hands over a reference
  number: "Su requerimiento ha sido cancelado", "Your case number is {{ n }}") or
  a form (mostly `Label: {{ value }}` lines, as a bot's summary to confirm), or,
  when nothing a person answering writes is there (regret, thanks other than for an
  order, the reader's message, a check promised, a question back), the shape of a
  program's mail: three or more values of a record filled in besides names, or
  sentences the application writes in its code (translation calls or keys, its
  partials and helpers);
- medium (two are needed): a code handed over ("your code is …", a coupon or
  check-in code is not a notice by itself); an interface imperative aimed at a link or button
  ("click the link", "pulse el botón"); a link, code or gift card that expires or has expired; a table of
  filled-in fields (`Device: {{ device }}`); a subscription or unsubscribe line;
  a state change of an order, ticket, invoice or account told in the third person
  or the passive ("your order has shipped", "se ha reembolsado el pago"; alone it
  is what a reply says too); a reference number handed over; a pointer to the
  order or account page ("you can review this order in your account"); a payment or a
  review asked for ("click below to pay your order", "rate us at {{ url }}"); a platform
  footer ("powered by …"); a document handed over ("here is your invoice",
  "adjuntamos"); an amount or reference filled in ("por un importe de {{ x }}").

Being conservative matters more than catching every notice: a reply read as a
notice loses its findings. So any sign that a person is answering a person
vetoes the notice: a reference to what the customer wrote or said ("as you
mentioned", "you asked about", "thanks for reaching out", "respecto a su
reclamación", "nos pregunta por"), an answer to an @handle, "hope this helps",
an agent speaking in the first person singular ("I've checked", "le he cambiado",
"revisé", "my name is"), or a fault of ours owned and explained ("por un error
nuestro", "a bug on our side"): notices announce, they do not answer a complaint.
A message that says it was sent automatically ("This is an automated message from…",
«Este es un mensaje automático») is not vetoed by the courtesies it borrows from replies
("Thank you for your patience").

Legal terms. Contract clauses (terms of service, disclaimers, licences) are
addressed to nobody in particular and written by lawyers to their own
conventions; a service trainer is not handed them. A unit that holds at least
three different marks of contract language ("this Agreement", "hereby",
"indemnify", "licensors", "in no event", "at its sole discretion", "without
limitation"; «el presente contrato», «propiedad intelectual», «en ningún caso»,
«legislación aplicable») is not judged. What terms bind the reader to ("you
agree that", "you authorize", "you are solely responsible for"), what they
disown ("shall not be liable", "no obligation to", "represent or imply",
"indirect damages", harm "resulting from your use of") and copyright terms
("infringer", the DMCA) are marks too: a section of a forum's or a shop's terms
names no agreement or licensor. One or two of them occur in replies
("under our terms and conditions"); three different ones do not. Privacy and
cookie policies are read the same way: what replies also say about privacy
("our privacy policy", "personal data", "third parties") is one mark however
often and however it is put; what only the policy says makes the others (what it
collects, keeps (server logs, IP addresses), sells or discloses and on whose
behalf, what it does with the information "you provide", the cookies it sets and
where they are stored, what a cookie category is for (advertising for publishers
and advertisers, "relevant ads"; following the reader "when you visit other
websites"; authenticating users; protecting users' data), consent and the reader's
rights, the law it names: GDPR, COPPA, «derechos ARCO»; an age limit). A section of a policy read alone may hold
only two: two different marks only a policy says set the unit aside too, unless it
opens with a greeting or thanks the reader (a reply about their data).

Language. Catalan, Portuguese, French, Italian and German text is recognised
from function words and frequent verb forms no Spanish or English text uses
("els", "amb", "però"; "não", "você", "uma"; "vous", "avec"…), and only when
they clearly outnumber the Spanish and English ones, on at least a few of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from itertools import islice
from re import _constants as sre_constants, _parser as sre_parser  # to read a pattern's literal words

from svclint.documents.unit import PLACEHOLDER_MARK, URL_MARK, Placeholder, Unit

NOTICE = "notice"
# Kinds a notice can be mistaken for: one-way messages. Scripts and FAQs are
# never notices, and `text` runs no document rule that a notice would silence.
DETECTED_FROM = frozenset({"email", "chat", "sms"})
_FILLED = f"[{PLACEHOLDER_MARK}{URL_MARK}]"
_SECURE_CODE = (r"(?:(?:verification|security|one-time|login|sign-in|access|confirmation|reset) code|"
                r"code to reset your password|"
                r"código (?:de )?(?:verificación|seguridad|acceso|confirmación|un solo uso|reseteo|recuperación)|"
                r"código (?:para|de) (?:restablecer|reestablecer|recuperar|cambiar) (?:tu|su|la) contraseña)")


class _Lazy:
    """A regular expression compiled when first used. This module's hundred-odd
    alternatives cost a one-file run tens of milliseconds to compile at import, and a
    plain-text file, judged as no kind a notice is detected from, uses few of them."""

    __slots__ = ("_source", "_flags", "_compiled", "_for_lowered", "_needles")

    def __init__(self, source: str, flags: int = 0):
        self._source, self._flags, self._compiled = source, flags, None
        self._for_lowered: re.Pattern | bool | None = None  # see found_in
        self._needles: tuple[str, ...] | None = None  # see found_in

    def __getattr__(self, name: str):  # search, finditer…: those of the compiled pattern
        if self._compiled is None:
            self._compiled = re.compile(self._source, self._flags)
        return getattr(self._compiled, name)

    def found_in(self, text: str, lowered: str) -> bool:
        """Whether the pattern is in `text`, given also as `lowered`. The signals are searched
        in every reply, and a search with many alternatives tries each at every character:
        the lowered text is first searched for the literal words one of which every match
        holds (see _needles), each as a plain substring (a regular expression alternating
        them tries every one at every character again), which fails in most replies.
        Python's case-insensitive matching costs about twice the plain one: a
        case-insensitive pattern that names no capital (escapes such as \\S aside) is
        searched without it in the lowered text; any other pattern as it is, in the text."""
        if self._needles is None:
            self._needles = _needles(self._source, self._flags) or ()
        if self._needles and not any(needle in lowered for needle in self._needles):
            return False
        if self._for_lowered is None:
            letters = re.sub(r"\\.", "", self._source)
            caseless = bool(self._flags & re.IGNORECASE) and not any(char.isupper() for char in letters)
            self._for_lowered = re.compile(self._source, self._flags & ~re.IGNORECASE) if caseless else False
        if self._for_lowered is False:
            return self.search(text) is not None
        return self._for_lowered.search(lowered) is not None


def _any_literal(words: Iterable[str]) -> str:
    """An expression found where any of `words` is, with the words merged on their shared
    beginnings: `re` tries an alternation's ways one by one at every character, and a
    ways-merged one costs a lookup of the next character instead."""
    tree: dict = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here
    return _alternatives(tree)


def _alternatives(node: dict) -> str:
    """The expression of a subtree of _any_literal's words (an ending makes the rest optional:
    any word found is enough)."""
    if "" in node:
        return ""
    ways = [re.escape(char) + _alternatives(child) for char, child in sorted(node.items())]
    return ways[0] if len(ways) == 1 else f"(?:{'|'.join(ways)})"


def _needles(source: str, flags: int) -> tuple[str, ...] | None:
    """Lowercase words one of which the text of every match holds, or None when the
    pattern has an alternative without a literal character."""
    found = _sequence_needles(list(sre_parser.parse(source, flags)))
    return tuple(sorted(found)) if found else None


def _sequence_needles(items: list) -> set[str] | None:
    """The best needles of a sequence of pattern items: a run of literal characters (zero-
    width tests such as \\b do not break it), or the needles of a group or repetition
    that must match; best is the choice whose shortest needle is longest."""
    choices: list[set[str]] = []
    run = ""
    for op, value in items:
        if op is sre_constants.LITERAL:
            run += chr(value).lower()
            continue
        if op is sre_constants.AT:
            continue
        if run:
            choices.append({run})
        run = ""
        inner = _item_needles(op, value)
        if inner:
            choices.append(inner)
    if run:
        choices.append({run})
    return max(choices, key=lambda needles: min(map(len, needles)), default=None)


def _item_needles(op, value) -> set[str] | None:
    """The needles of one item that must match: an alternation (each way through needs
    its own), a group, or a repetition taken at least once."""
    if op is sre_constants.BRANCH:
        ways = [_sequence_needles(list(way)) for way in value[1]]
        return None if any(not way for way in ways) else set().union(*ways)
    if op is sre_constants.SUBPATTERN:
        return _sequence_needles(list(value[-1]))
    if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT) and value[0] >= 1:
        return _sequence_needles(list(value[2]))
    return None


def _any(*patterns: str) -> _Lazy:
    return _Lazy("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE | re.MULTILINE)


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
        # signed by the program that sends it ("The diaspora* email robot", «El robot de correo de Acme»)
        r"\b(?:e-?mail|mail|notification) (?:robot|bot)\b", r"\b(?:robot|bot) (?:de )?(?:correo|e-?mail|notificaciones)\b",
    ),
    "an if-this-wasn't-you line": _any(
        r"\bif (?:you did not|you didn't|you did n't) (?:request|make|ask|sign up|create|initiate)\b",
        r"\bif (?:this|it) (?:was not|wasn't) you\b",
        r"\bif you (?:do not|don't) recogni[sz]e\b",
        # after a sign-in the reader may have made: "You may have installed it on a new device… If that was not the case"
        r"\bif (?:that|this) (?:was not|wasn't) the case\b",
        r"\bsi no (?:fue|ha sido) así\b",
        r"\bsi no (?:lo |la |los |las )?(?:ha|has) (?:solicitado|pedido|sido|realizado|iniciado)\b",
        r"\bsi (?:usted |tú |vos )?no (?:solicitó|solicitaste|pidió|pediste|realizó|realizaste|hizo|hiciste|inició|iniciaste)\b",
        r"\bsi no (?:fue|fuiste) (?:usted|tú)\b",
        r"\b(?:en caso de que|si) no (?:haya|hayas|hayás) sido (?:usted|tú|tu|vos)\b",
        # asked back: "Didn't request this?", «¿No solicitaste esto?»
        r"\b(?:did not|didn't) (?:request|ask for) (?:this|it)\?",
        r"¿no (?:solicitó|solicitaste|solicitaste vos|pidió|pediste) (?:esto|esta \w+|este \w+)\b",
        r"\bsi no reconoces?\b",
        # "si es un error o no pidió esta acción"
        r"\bsi [^.\n]{0,25}\bo no (?:ha |has )?(?:solicitado|pedido|solicitó|solicitaste|pidió|pediste)\b",
        # a message that tells its reader to ignore it was not written to answer them
        r"\b(?:ignore|disregard) this (?:email|e-mail|message)\b",
        r"\b(?:ignore|ignora|ignorar) (?:este|el) (?:mensaje|correo|email|e-mail)\b",
        r"\bsi no se ha suscrito\b",
        # a message its reader may not have expected: the system's, sent on an event («Si no esperabas este mensaje»)
        r"\bif you (?:were not|weren't|did not|didn't) expect(?:ing)? this (?:e-?mail|message)\b",
        r"\bsi no (?:esperaba|esperabas|esperaban) (?:este|esta) (?:mensaje|correo|e-?mail|notificación)\b",
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
        # a mail to the reader turned away by their provider: "An email sent to your alias … was refused (or bounced)"
        r"\b(?:e-?mail|message)s? (?:sent|forwarded) to your\b[^.\n]{0,80}\b(?:was|were|has been|have been) "
        r"(?:refused|rejected|bounced|returned)\b",
        # the system saying what it could not do with the mail it got («No pudimos procesar su correo», "we
        # received a message we cannot decrypt")
        r"\bno (?:pudimos|hemos podido|se pudo|se ha podido) (?:procesar|aceptar|entregar|publicar|descifrar) "
        r"(?:su|tu|el) (?:correo|mensaje|e-?mail)\b",
        r"\b(?:we|the system) (?:could not|couldn't|were unable to|was unable to|are unable to|is unable to|cannot|"
        r"can't) (?:process|accept|"
        r"deliver|decrypt|handle) your (?:e-?mail|message|reply)\b",
        r"\b(?:e-?mail|message) (?:that )?we (?:cannot|can't|could not|couldn't) (?:handle|process|decrypt|accept)\b",
        # (s24) our own mails to the reader come back: «Nuestros últimos mensajes se han devuelto como imposibles de
        # entregar», "our recent emails to you have bounced"
        r"\b(?:nuestros|los) (?:últimos )?(?:mensajes|correos)\b[^.\n]{0,40}\b(?:se han devuelto|han sido devueltos|"
        r"fueron devueltos|han rebotado|rebotaron)\b",
        r"\bour (?:recent |last )?(?:e-?mails|messages)\b[^.\n]{0,40}\b(?:have bounced|bounced|have been returned|"
        r"were returned|came back)\b",
    ),
    # Events reported about someone else or about the system, not an answer to what the reader wrote.
    "an invitation or message from someone else": _any(
        r"\b(?:has|have) invited you\b", r"\binvited you to\b",
        r"\b(?:te|le|os|les) (?:ha|han) invitado\b", r"\b(?:te|le|os|les) invit(?:ó|aron) a\b",
        r"\b(?:you have|you've|you were) been (?:invited|enrolled|added) (?:to|by)\b",
        r"\b(?:has|ha|han) sido invitad[oa]s?\b", r"\binvites you to\b",
        r"\b(?:se ha|te has|te han|le han) (?:inscrito|matriculado) (?:a|en)\b",
        r"\ban account has been (?:created|opened|set up) for you\b",
        r"\bse (?:ha )?(?:creó|creado|abrió|abierto) una cuenta para (?:usted|ti|vos)\b",
        # a user named by a placeholder did something to the reader («{{ cliente }} te ha enviado…»)
        rf"{_FILLED}(?: {_FILLED})? (?:te|le|les|os) (?:ha |han )?(?:enviado|envió|sugiere|sugirió|recomienda|"
        r"recomendó|invitado|invitó|mencionado|mencionó|respondido|respondió|compartido|compartió|citado|citó)\b",
        rf"{_FILLED}(?: {_FILLED})? (?:has |have )?(?:sent|shared|mentioned|invited|suggested|recommended|"
        r"replied to|quoted|added) you\b",
        # «{{ user }} shared the report with you», «{{ seller }} te ha compartido el presupuesto»
        rf"{_FILLED}(?: {_FILLED})? (?:has )?(?:shared|sent|forwarded)\b[^.\n]{{0,60}}\bwith you\b",
        rf"{_FILLED}(?: {_FILLED})? (?:has |have )?(?:suggests|invites|wants to \w+) you\b",
        # …or decided on what the reader asked for ("{0} ({1}) has denied your recovery request", «{{ jefe }} ha
        # aprobado tu solicitud»)
        rf"{_FILLED}(?: {_FILLED})?(?: \({_FILLED}\))? (?:has |have )?(?:approved|denied|rejected|declined|accepted) your\b",
        rf"{_FILLED}(?: {_FILLED})?(?: \({_FILLED}\))? (?:ha |han )?(?:aprobado|denegado|rechazado|aceptado|aprobó|denegó|"
        r"rechazó|aceptó) (?:tu|su)\b",
        # «{answerer} has posted an answer to your question», «{{ autor }} ha comentado tu publicación»
        rf"{_FILLED}(?: {_FILLED})? (?:has |have |just )?(?:posted|replied|commented|answered|responded|reacted|"
        r"liked)\b[^.\n]{0,30}\b(?:to|on) your\b",
        rf"{_FILLED}(?: {_FILLED})? (?:ha |han |acaba de )?(?:publicado|respondido|comentado|reaccionado|"
        r"publicó|respondió|comentó|reaccionó|publicar|responder|comentar)\b[^.\n]{0,30}\b(?:a |en )?(?:tu|su)\b",
        r"\bforward(?:ed)? (?:this|the|a) (?:chat|conversation|message) to you\b",
        # a friend of the reader, named by a placeholder, did something
        rf"\b(?:your|tu|su) (?:sponsored )?(?:friend|amig[oa]|ahijad[oa]|referid[oa])\b,?[^.\n]{{0,15}}{_FILLED}",
    ),
    "a bot speaking": _any(  # a program that says what it is, welcomes the reader to itself or shows its menu
        r"\bsoy (?:un|una|el|la) (?:robot|bot|chatbot|asistente virtual|agente virtual|asistente digital)\b",
        r"\b(?:I'm|I am) (?:a|an|the) (?:robot|bot|chatbot|virtual (?:assistant|agent)|digital assistant|ai assistant)\b",
        r"^[¡!\s]*(?:(?:hola|hi|hello)\W+)?(?:(?:te|le|les|os) (?:damos|doy) la )?bienvenid[oa]s? (?:a|al)\b[^.\n]{0,40}"
        r"\b(?:sistema|plataforma|portal|asistente|helpdesk|mesa de (?:ayuda|servicios?))\b",
        r"^[!\s]*(?:(?:hi|hello)\W+)?welcome to\b[^.\n]{0,40}\b(?:system|platform|portal|assistant|help ?desk)\b",
        r"\b(?:escrib[ae]|escribí|type|send)\s+[\"«“']\w+[\"»”']",  # a keyword that drives the program
        r"\b(?:un[oa]) de (?:estos|estas) (?:requerimientos|opciones|temas|trámites)\b",
        r"\bone of (?:these|the following) (?:options|topics|requests)\b",
        # a menu: it opens by saying what it can help with and lists quoted options («Puedo ayudarte con
        # "Cambiar mi contraseña", "Actualizar mis datos"…»); an agent answering opens so without the options
        r"\A[¡!\s]*(?:(?:hola|buenas|hi|hello)\W+)?(?:te |le |les |os )?(?:puedo|podemos) (?:ayudar(?:te|le|les|os)|"
        r"dar(?:te|le|les|os) una mano)\b[^\n]*?(?:[\"“«][^\"”»\n]{2,40}[\"”»][^\n]*?){2}",
        r"\A\s*(?:(?:hi|hello)\W+)?(?:I|we) can help(?: you)?\b[^\n]*?(?:[\"“][^\"”\n]{2,40}[\"”][^\n]*?){2}",
    ),
    "an announcement sent first": _any(  # the organisation writes first: congratulations, a birthday, a reminder
        r"^[¡!\s]*(?:felicidades|enhorabuena|felicitaciones|congratulations|congrats)\b",
        # a welcome to someone who has just signed up («Bienvenido y gracias por registrarse en…», «Queremos darte
        # la bienvenida a…», "Welcome to Acme!")
        r"^[¡!\s]*(?:bienvenid[oa]s?|welcome)(?: y gracias por registrar\w*| (?:a|al|to|aboard)\b)",
        r"\b(?:queremos|quisiéramos|nos complace|nos alegra) (?:dar(?:te|le|les)|dar(?:te|le|les) la) ?(?:la )?bienvenida\b",
        r"\b(?:te|le|les|os) (?:damos|doy) la bienvenida\b", r"\bwe(?:'re| are) (?:happy|glad|delighted|excited) to welcome you\b",
        r"\byou(?:'ve| have)? (?:just )?(?:created|opened|registered) (?:an|a new|your) account\b",
        r"\b(?:acabas de|acaba de|has|ha) (?:crear|abrir|registrar|creado|abierto|registrado) (?:una|tu|su) (?:nueva )?cuenta\b",
        r"\b(?:happy birthday|feliz cumpleaños)\b",
        # a cart left behind, recalled by the shop ("There's something in your cart", «Olvidaste algo en tu carrito»)
        r"\b(?:something|items?|products?) (?:left |waiting )?in your (?:cart|basket|bag)\b",
        r"\b(?:left|forgot|forgotten) (?:something|items?|products?) in your (?:cart|basket|bag)\b",
        r"\b(?:olvidaste|olvidó|dejaste|dejó|tienes|tiene|tenés) (?:algo|productos?|artículos?) (?:esperando )?en (?:tu|su) "
        r"(?:carrito|cesta|bolsa)\b",
        r"\b(?:this is (?:a|your) (?:friendly |quick |gentle |courtesy )?reminder|"
        r"just a (?:friendly |quick |gentle )?reminder)\b",
        r"\b(?:este|esto) es un (?:breve |amable |pequeño )?recordatorio\b",
        r"\b(?:writing|e-?mailing|contacting you|getting in touch|sending (?:you )?this(?: \w+)?) to remind you\b",
        r"\b(?:(?:le|te|les|os) )?(?:escribimos|contactamos|enviamos este \w+) para recordar(?:le|te|les|os)\b",
        # (s24) "we wanted to remind you": «queríamos recordarte que seguimos aquí», "we just wanted to remind you that"
        r"\b(?:queríamos|queremos|quisiéramos|quisiera|quería) recordar(?:te|le|les|os)\b",
        r"\bwe (?:just )?(?:wanted|want|would like) to remind you\b",
        # news about something the reader follows («hay nuevo contenido en el curso que usted sigue»)
        r"\b(?:something new|new (?:content|posts?|lessons?|activity|episodes?|videos?|replies))\b[^.\n]{0,60}"
        r"\byou(?:'re| are)? (?:following|follow|subscribed to|watching)\b",
        r"\b(?:nuevo contenido|novedades|nuevas? (?:publicaciones|publicación|lecciones|lección|actividad|respuestas|"
        r"vídeos|videos|episodios))\b[^.\n]{0,60}\bque (?:usted |tú |vos )?(?:sigue|sigues|seguís|está siguiendo|"
        r"estás siguiendo)\b",
    ),
    # a system reporting its own failure, with the errors it got ("Mirroring … failed with the following
    # error:", "The errors we encountered were:", «Se produjo el siguiente error:»)
    "an error report": _any(
        r"\bwith the following errors?\b", r"\bthe following errors? (?:occurred|were found|was found)\b",
        r"\berrors? (?:we|that were|that we) encountered\b",
        r"\b(?:con|se produjo|se ha producido|se produjeron|ocurrió) (?:el|los) siguientes? errore?s?\b",
    ),
    # an address or account to confirm through a link: "Please confirm your email address via the following link"
    "an account to confirm through a link": _any(
        r"\b(?:confirm|activate|verify)\b[^.\n]{0,20}\b(?:account|e-?mail(?: address)?|registration)\b[^.\n]{0,30}"
        r"\b(?:link|button)\b",
        r"\b(?:confirm|activ|verific)(?:ar?|e|a|á)\b[^.\n]{0,20}\b(?:cuenta|dirección de (?:correo|e-?mail)|"
        r"correo electrónico|registro)\b[^.\n]{0,30}\b(?:enlace|botón|link)\b",
    ),
    # the mail that carries a password reset: a link to choose a new password («Para restablecer su
    # contraseña, visite el siguiente enlace», "To change your password, click on the following link")
    "a password reset link": _any(
        r"\b(?:you can|puede|puedes|podés) (?:reset|change|restablecer|cambiar) (?:your|su|tu) (?:password|contraseña)\b"
        r"[^.\n]{0,40}\b(?:link|enlace|url)\b",
        r"\b(?:to|para) (?:reset|change|choose|set|restablecer|cambiar|elegir|crear) (?:a new |una nueva |your |su |tu )?"
        r"(?:password|contraseña)\b[^.\n]{0,60}(?:following link|link below|this link|siguiente enlace|este enlace|"
        r"enlace de abajo)",
        # …and the request for one that the mail answers ("We received a request to reset your password")
        r"\b(?:received|got) (?:a|your) (?:request to (?:reset|change|recover) (?:your |the )?(?:\w+ ){0,2}(?:password|e-?mail)|"
        r"request to recover access to (?:your|the) account|password reset request)\b",
        r"\b(?:hemos )?recibido (?:una|tu|su) solicitud (?:para|de) (?:re)?(?:establec|restablec|cambi|recuper)\w+ "
        r"(?:de |la |el |su |tu )?(?:contrase?ña|clave|acceso)\b",  # also as typed in haste ("contrasña")
        # …or told back to the reader who made it ("You have requested your password to be reset", "You just
        # requested to recover your account", «Has solicitado restablecer tu contraseña»)
        r"\byou (?:have |just |recently |have just |have recently )?requested (?:(?:a|the|your) (?:password|account)\b"
        r"[^.\n]{0,40}\b(?:reset|recovery)|to (?:reset|recover|change) (?:your|the) (?:\w+ )?(?:password|account))\b",
        r"\b(?:(?:usted )?(?:ha|has) solicitado|(?:usted )?solicitó|solicitaste|acabas? de solicitar) (?:restablecer|recuperar|"
        r"cambiar|(?:el |un )?(?:restablecimiento|cambio|reseteo) de) (?:tu |su |la )?(?:contraseña|clave)\b",
    ),
    # a helpdesk telling the customer an answer is waiting in their ticket («Acabamos de responder a su ticket»)
    "a reply waiting in a ticket": _any(
        r"\b(?:we(?:'ve| have)|staff has|an agent has) (?:just )?(?:replied|responded) to your (?:ticket|request)\b",
        r"\b(?:hemos|acabamos de|ha) (?:respondido|responder) (?:a )?(?:su|tu) (?:ticket|solicitud)\b",
        r"\bthere is a new (?:reply|response|answer) (?:to|on|in) your (?:ticket|request)\b",
        r"\byou have (?:received|got) an? (?:new )?(?:reply|response|answer) (?:to|on|in) (?:your|the) (?:ticket|request)\b",
        r"\bhay una nueva respuesta (?:a|en) (?:su|tu) (?:ticket|solicitud)\b",
        # a new message or answer waiting in the portal, or the reader's own one said to be answered («Tenés una nueva
        # respuesta en tu casilla de reclamos», «Tu consulta ha sido respondida», "Your question has been answered")
        r"\b(?:tienes|tenés|tiene|hay) (?:un nuevo mensaje|una nueva respuesta) (?:en|de)\b",
        r"\b(?:su|tu|tú) (?:mensaje|consulta|reclamo|reclamación|solicitud|ticket|caso|pregunta) (?:ha|a) sido "
        r"(?:contestad|respondid)[oa]\b",
        r"\byour (?:message|request|ticket|question|case|enquiry|inquiry|complaint) has been (?:answered|replied to)\b",
    ),
    # a survey that asks the reader to rate the service they had ("How would you rate your experience?",
    # «¿Cómo calificarías la atención recibida?»)
    "a satisfaction survey": _any(
        r"\bhow (?:would|do|did) you rate\b", r"\bhow did we do\b", r"\b(?:satisfaction|feedback) survey\b",
        r"\brate (?:your|our|the) (?:experience|service|support|conversation|interaction)\b",
        r"\b(?:cómo|como) (?:calificar[íi]as|calificar[íi]a|valorar[íi]as|valorar[íi]a|evaluar[íi]as|evaluar[íi]a|"
        r"puntuar[íi]as|puntuar[íi]a)\b",
        r"\b(?:califica|califique|calificá|valora|valore|valorá|evalúa|evalúe|evaluá|puntúa|puntúe) "
        r"(?:tu|su|la|nuestra|nuestro|el) (?:experiencia|atención|servicio|soporte)\b",
        r"\bencuesta de satisfacción\b",
        # "We'd like to hear about your experience with our support team" after a ticket closed
        r"\b(?:hear|learn) (?:about )?your experience with\b",
        r"\b(?:conocer|saber) (?:su|tu) (?:opinión|experiencia) (?:con|sobre|acerca de)\b",
    ),
    # a moderation decision about the reader's account or posts ("A mod action was taken against you", «Se han
    # tomado medidas contra tu cuenta»)
    "a moderation notice": _any(
        r"\b(?:mod(?:eration)? )?actions? (?:was |were |has been |have been )?taken against (?:you|your account)\b",
        r"\bmedidas? (?:de moderación )?(?:contra|sobre) (?:ti|usted|tu cuenta|su cuenta)\b",
        r"\b(?:removed|hidden|deleted|locked) by (?:a |the )?(?:moderators?|moderation team|admins?|administrators?)\b",
        r"\b(?:eliminad[oa]s?|ocult[oa]s?|bloquead[oa]s?) por (?:un |una |el |la |los )?(?:moderador(?:es|a)?|administrador(?:es|a)?)\b",
        # the rules of a community said broken from the reader's account: "Someone with access to your account has
        # violated our community guidelines", «tu cuenta ha incumplido nuestras normas de la comunidad»
        r"\b(?:has|have) (?:violated|breached|broken|infringed) (?:our|the) (?:community )?(?:guidelines|rules|"
        r"terms(?: of (?:service|use))?|code of conduct)\b",
        r"\b(?:ha|han) (?:violado|infringido|incumplido) (?:nuestras|las) (?:normas|reglas|condiciones|directrices)"
        r"(?: de (?:la )?comunidad| de uso| de servicio)?\b",
        # the reader shut out of a forum or a site: "You have been banned from %1", «has sido expulsado del foro»
        r"\byou(?:'ve| have)? been (?:banned|suspended|blocked|muted) (?:from|on|in)\b",
        r"\b(?:has|ha) sido (?:expulsad[oa]|baneado|baneada|bloquead[oa]|silenciad[oa]) (?:de|del|en)\b",
        # a thread closed or locked by the program itself: "This issue has been automatically closed because…",
        # «Este tema fue cerrado automáticamente»
        r"\b(?:has been|have been|was|were|will be) automatically (?:closed|locked|archived|deleted|removed|hidden|"
        r"marked as (?:stale|inactive|resolved))\b",
        r"\b(?:ha sido|han sido|fue|fueron|será|serán) (?:cerrad|bloquead|archivad|eliminad|ocultad)[oa]s? "
        r"automáticamente\b",
        # …or signed by it: «Cerrado automáticamente por Bot de Limpieza», "Closed automatically by stale-bot"
        r"\b(?:cerrad|archivad|bloquead)[oa]s? automáticamente por\b", r"\b(?:closed|locked|archived) automatically by\b",
        r"\bautomatically (?:closed|locked|archived) by\b",
    ),
    # a security alert about sign-in ("Your account has failed multiple login attempts", «Detectamos un nuevo
    # inicio de sesión», «varios intentos fallidos de acceso»)
    "a security alert": _any(
        r"\b(?:failed|unsuccessful|multiple|several|repeated) (?:login|log-in|sign-in|signin) attempts\b",
        r"\bnew (?:login|log-in|sign-in|device)\b[^.\n]{0,40}\b(?:detected|noticed)\b",
        r"\bintentos? (?:fallidos? )?de (?:inicio de sesión|acceso|ingreso)\b",
        r"\b(?:detectamos|hemos detectado) un (?:nuevo )?(?:inicio de sesión|acceso)\b",
        # an attempt or odd activity detected, and the reader signed out for it ("has detected an attempt to access your
        # session", "you have been signed out", «hemos detectado un intento de acceso», «hemos cerrado tu sesión»)
        r"\b(?:detected|noticed) (?:an? )?(?:\w+ ){0,2}(?:attempts?|activity|sign-ins?|logins?)\b",
        r"\byou(?:'ve| have)? been (?:signed|logged) out\b",
        r"\b(?:detectamos|hemos detectado|ha detectado|detectó) (?:un |una )?(?:\w+ ){0,2}(?:intentos?|actividad)\b",
        r"\b(?:hemos cerrado|cerramos|se ha cerrado|se cerró) (?:tu|su) sesión\b",
    ),
    "a request made by someone": _any(  # a sign-in link or reset asked for by "someone"
        r"\bsomeone (?:has )?(?:requested|asked|tried|is trying)\b",
        r"\balguien (?:ha )?(?:pedido|solicitado|pidió|solicitó|intentado|intentó)\b",
        # «Alguien, probablemente tú con la dirección de IP…, ha solicitado…», "Someone, probably you, requested…"
        r"\b(?:alguien|someone), (?:probablemente|posiblemente|quizás|tal vez|probably|possibly|perhaps|maybe) "
        r"(?:tú|usted|vos|you)\b",
        # the reader or someone else did it: a security notice does not know which («Usted o alguien con acceso a
        # su cuenta ha cambiado su dirección», "you or someone else has changed…")
        r"\b(?:you|usted|tú|vos) (?:or|o) (?:someone|somebody|alguien)\b",
        # …or a change to the account made by "someone", who may be the reader or an intruder ("Someone has changed your
        # GOV.UK Signon email", «Alguien ha cambiado la contraseña de tu cuenta»)
        r"\b(?:someone|somebody) (?:has |just )?(?:changed|reset|updated|removed|added|disabled|signed in to|logged in to|"
        r"accessed) your (?:[\w.-]+ ){0,3}(?:password|e-?mail|account|login|sign-in|username|phone number|"
        r"two-factor|recovery|security)\b",
        r"\balguien (?:ha |acaba de )?(?:cambiado|cambió|cambiar|restablecido|restableció|eliminado|eliminó|desactivado|"
        r"desactivó|accedido|accedió|iniciado sesión|inició sesión)\b[^.\n]{0,30}\b(?:tu|su) (?:[\w.-]+ ){0,3}"
        r"(?:contraseña|clave|correo|e-?mail|cuenta|usuario|teléfono|número|verificación|seguridad)\b",
    ),
    # a mail that says it is the confirmation or the report of an event ("This email confirms that we are processing a payment")
    "a mail that says it confirms or reports an event": _any(
        r"\bthis (?:e-?mail|message) (?:is to )?confirms?\b",
        r"\beste (?:correo|mensaje|e-?mail) (?:es para )?confirma(?:r)?\b",
        # …or that says it is sent to inform: "This is a notification that…", "This email is to inform you of a
        # scheduled outage", «Este correo es para informarle…», «Esta es una notificación de…»
        r"\bthis (?:e-?mail |message |letter )?is (?:a notification|an? (?:automatic |automated )?notice|to (?:inform|notify|"
        r"advise|let) you)\b",
        r"\b(?:we(?:'re| are)) (?:sending|writing) (?:you )?this (?:e-?mail|message) to (?:notify|inform|let) you\b",
        r"\b(?:este|el presente) (?:correo|mensaje|e-?mail|aviso) (?:es|tiene (?:como|por) (?:objeto|objetivo)) "
        r"(?:para )?(?:informar|notificar|avisar|comunicar)(?:le|te|les)?\b",
        r"\besta es una notificación\b",
    ),
    "a why-you-got-this line": _any(  # a footer that explains why a mail came: a list or an account sends it
        r"\b(?:you(?:'re| are) (?:receiving|getting)|you (?:have |'ve )?(?:received|get)) this (?:e-?mail|message|"
        r"notification|digest)\b",
        r"\bthis (?:e-?mail|message|summary|digest|notification) (?:is|was|has been) sent\b(?! by (?:me|us)\b)",
        r"\b(?:recibes|recibe|has recibido|ha recibido|estás recibiendo|está recibiendo|estás consiguiendo) "
        r"(?:este (?:correo|mensaje|e-?mail|aviso|resumen)|esta notificación)\b[^.\n]{0,40}\bpor ?qu[eé]\b",
        r"\beste (?:correo|mensaje|e-?mail|aviso|resumen)(?: \w+)? se (?:te |le )?envía\b",
        r"\b(?:esta notificación|este (?:correo|mensaje|e-?mail|aviso)) (?:te |le )?(?:fue|ha sido|se ha|se) "
        r"(?:enviad[oa]|envió|envía)\b[^.\n]{0,30}\bporque\b",
        # …or says where to stop such mails: "manage your notification settings", «administre su configuración de
        # la suscripción», «para cambiar el tipo de notificación»
        r"\b(?:manage|change|update|adjust) (?:your |the )?(?:notification|e-?mail|subscription) (?:settings|preferences)\b",
        r"\b(?:administr|gestion|cambi|modific|configur)\w* (?:su |tu |la |las |el |los )?(?:configuración de (?:la )?"
        r"suscripción|preferencias de (?:notificación|correo)|tipo de notificación|notificaciones)\b",
    ),
    "a notification to staff": _any(
        r"\b(?:has been|is now|was) assigned to you\b", r"\b(?:se )?te ha(?:n)? (?:sido )?asignad[oa]s?\b",
        r"\b(?:you have|you've) (?:received|got) an? (?:new )?(?:order|message|review|ticket|reply|payment)\b",
        r"\b(?:has|ha) recibido una? (?:nuev[oa] )?(?:pedido|mensaje|reseña|ticket|pago)\b",
        # an order of a named third party, and what happened to it («Order #5 from {{ customer }} has been cancelled»)
        rf"\b(?:order|pedido)\b[^.\n]{{0,30}}\b(?:from|by|de|por) {_FILLED}[^.\n]{{0,40}}"
        r"\b(?:has been|was|ha sido|fue|ha fallado|has failed|failed|se ha)\b",
        # a customer, named by a placeholder, ordered, wrote or commented («{{ comprador }} acaba de hacer el pedido»)
        rf"{_FILLED}(?: {_FILLED})? (?:just |has |acaba de |ha )?(?:placed|made|hacer|hecho|hizo|realizó|realizado) "
        r"(?:an?|the|el|un) (?:new )?(?:order|pedido)\b",
        rf"{_FILLED}(?: {_FILLED})? (?:just |has )?(?:replied|commented|posted|logged a message|left a comment)\b"
        r"[^.\n]{0,20}\b(?:ticket|request|issue|case|thread)\b",
        rf"{_FILLED}(?: {_FILLED})? (?:ha |acaba de )?(?:comentado|comentó|comentar|respondido|respondió|responder|"
        r"escrito|escribió)\b[^.\n]{0,20}\b(?:incidencia|ticket|solicitud|caso|hilo)\b",
        r"\b(?:a|un) (?:ticket|tickets) (?:in which you participate|en el que participas)\b",
    ),
}
_TOTAL_LINE = _Lazy(
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
    r"\bno (?:te|le) (?:entiendo|entendí|he entendido)\b", r"\b(?:tu|su) respuesta no (?:es|fue) (?:muy )?clara\b",
    r"\bI (?:didn't|did not) (?:catch|get) that\b",
    r"\b(?:action|request|operation|upload) failed\b", r"\b(?:refresh|reload) the page\b",
    # what the program did with the last command, said as a label: «Operación abortada», «Parámetro incorrecto», "Invalid value"
    r"\b(?:operaci[oó]n|par[aá]metro|valor|opci[oó]n|comando|acci[oó]n|formato|operation|parameter|value|option|command|"
    r"action|format) (?:abortad[oa]|cancelad[oa]|cancell?ed|incorrect[oa]|inv[aá]lid[oa]|no v[aá]lid[oa]|fallid[oa]|desconocid[oa]|aborted|"
    r"invalid|incorrect|unknown|not valid|not recogni[sz]ed)\b",
    r"\b(?:invalid|incorrect|unknown) (?:operation|parameter|value|option|command|action|format)\b",
    r"\b(?:recargue|recarga|actualice|actualiza) la página\b",
    # a form that refuses what was typed: the address, number or code is not valid, not registered
    # («ese correo no pertenece a ninguna cuenta», «El número de pedido que escribiste no es válido»)
    r"\b(?:correo|e-?mail|dirección|número|código|usuario|contraseña|clave|documento|dni|rut|cédula)\b[^.;\n]{0,40}"
    r"\bno (?:es (?:válid[oa]|correct[oa])|pertenece a|está registrad[oa]|existe|coincide)\b",
    r"\b(?:e-?mail(?: address)?|address|number|code|username|password)\b[^.;\n]{0,40}\b(?:is not|isn't) "
    r"(?:valid|registered|recogni[sz]ed|correct)\b",
    # a setting described in an administration screen («Defaults to %s», «Por defecto es %s»)
    rf"\b(?:defaults? to|por defecto(?: es)?):?\s*{_FILLED}",
)
# What a chat widget posts about the chat itself: its agents' availability, the conversation resolved or closed
# («No hay agentes disponibles», "Resolving this conversation as it has been inactive for a while").
_CHAT_STATUS = _any(
    r"\bno (?:agents?|advisors?|advisers?|operators?|representatives?|reps) (?:are |is )?(?:currently )?(?:available|online)\b",
    r"\bno hay (?:agentes|asesores|asesoras|operadores|operadoras|representantes) (?:disponibles|en línea|conectad[oa]s)\b",
    r"\b(?:resolving|closing|ending) (?:this|the) (?:conversation|chat)\b",
    r"\b(?:this|the) (?:conversation|chat) (?:has been|was|is being|will be) (?:resolved|closed|ended|marked as resolved)\b",
    r"\b(?:resolviendo|cerrando|finalizando) (?:la|esta) (?:conversación|charla|chat)\b",
    r"\b(?:la|esta) (?:conversación|charla) (?:ha sido|fue|se ha|se) (?:resuelta|cerrada|finalizada|cerrado|resuelto|marcada como resuelta)\b",
    # an away message: closed, said first, then the hours or when the reply comes («Estamos cerrados 🌙 Horario de
    # atención: …», "We're closed right now. Our hours are…"), not a reply that mentions a closing day
    r"\A\W*(?:we(?:'re| are) (?:currently |now )?closed|estamos cerrados|(?:our )?(?:office|store|shop|support team|team) "
    r"is (?:currently |now )?closed|nuestra (?:oficina|tienda) está cerrada)\b[\s\S]{0,200}?\b(?:hours|horario|"
    r"responderemos|te respondemos|le respondemos|we'll (?:reply|respond|get back)|we will (?:reply|respond|get back))",
)
# A system warning opens with its label in capitals («WARNING: you reached the limit…»).
_WARNING_LABEL = _Lazy(r"\A\s*(?:WARNING|ADVERTENCIA|AVISO|ALERT|ALERTA)\s*:")
_SHORT_STRING_WORDS = 25

# Something that happened to an order, ticket, invoice or account, told in the third person or
# the passive («your order has shipped», «su solicitud ha sido actualizada», «se ha reembolsado
# el pago»). One alone is what a reply says too («su pedido ha sido enviado hoy»).
_OBJECT = (r"(?:order|package|parcel|ticket|(?:support )?request|case|invoice|refund|return|payment|account|"
           r"subscription|plan|voucher|gift card|alert|appointment|booking|application|resume|product|item|"
           r"pedido|compra|paquete|env[íi]o|solicitud|requerimiento|caso|incidencia|reclamaci[óo]n|factura|reembolso|"
           r"devoluci[óo]n|pago|cuenta|suscripci[óo]n|vale|cup[óo]n|tarjeta(?: regalo)?|alerta|turno|cita|reserva|"
           r"postulaci[óo]n|curr[íi]culum|producto|art[íi]culo)")
_STATE = (r"(?:cancel+ed|shipped|sent|dispatched|delivered|refunded|processed|updated|created|closed|solved|resolved|"
          r"received|noted|approved|confirmed|activated|locked|renewed|rescheduled|transformed|assigned|reviewed|"
          r"short ?listed|disabled|generated|out for delivery|back in stock|(?:now )?available|ready|"
          r"cancelad[oa]|enviad[oa]|despachad[oa]|entregad[oa]|reembolsad[oa]|procesad[oa]|actualizad[oa]|cread[oa]|"
          r"cerrad[oa]|resuelt[oa]|recibid[oa]|registrad[oa]|aprobad[oa]|confirmad[oa]|activad[oa]|bloquead[oa]|"
          r"renovad[oa]|reprogramad[oa]|asignad[oa]|generad[oa]|preseleccionad[oa]|deshabilitad[oa]|"
          r"(?:ya )?disponible|list[oa]|en camino)")
_STATE_CHANGE = _any(
    rf"\b{_OBJECT}\b[^.\n]{{0,80}}?\b(?:has been|have been|was|were|is now|is|are|has|ha sido|han sido|fue|"
    rf"fueron|quedó|ha quedado|está|están|ya está|se ha|se han|se|ya)\s+(?:\w+\s+)?(?:marked as |marcad[oa] como )?"
    rf"{_STATE}\b",
    rf"\b{_OBJECT}\b[^.\n]{{0,50}}?\b(?:has |ha |have )?(?:shipped|salió|ha salido|left our)\b",
    rf"\bse (?:ha |han )?(?:cancelado|enviado|reembolsado|procesado|actualizado|generado|creado|registrado|"
    rf"aprobado|renovado)\b[^.\n]{{0,20}}\b{_OBJECT}\b",
    r"\b(?:status|stage|state|history|estado)\b[^.\n]{0,60}\b(?:has changed|changed|ha cambiado|cambió)\b",
    r"\b(?:you are|you're) (?:now )?(?:signed|logged) in as\b", r"\b(?:has|ha) iniciado sesión (?:como|con)\b",
)
# What a system tells the holder of an account when the account changes: a security alert or an
# account notice («Your password has been changed», «Su cuenta ha sido suspendida», "Your data export
# is ready"), or a decision on the account itself ("Your registration has been rejected", «tus documentos
# han sido revisados y no cumplen…», "Your account has been marked as sensitive"), or an order or a booking
# called off (below). A shop's other news about orders, bookings and refunds is left out: it is written as a
# reply; so are decisions on what the reader asked for or sent (a request, a proposal, a message denied,
# rejected, marked as unfeasible): they answer them.
_ACCOUNT_OBJECT = (r"(?:password|account|e-?mail(?: address)?|profile|membership|domain|hosting|access token|token|"
                   r"api key|two-factor authentication|data export|export|backup|group|project|repository|"
                   r"workspace|website|site|post|comment|organi[sz]ation|single sign-on|sso|workflow|integration|"
                   r"webhook|automation|flujo de trabajo|integración|automatización|alert|alerta|"
                   r"invitations|invites|invitaciones|"
                   r"contraseña|clave|cuenta|dirección de correo(?: electrónico)?|perfil|membresía|dominio|"
                   r"hospedaje|alojamiento|exportación|copia de seguridad|grupo|proyecto|repositorio|"
                   r"espacio de trabajo|sitio(?: web)?|publicaci[óo]n|publicaciones|comentario|organizaci[óo]n|"
                   r"trial|trial period|free trial|subscription|prueba gratuita|periodo de prueba|período de prueba|"
                   r"suscripción)")
_ACCOUNT_STATE = (r"(?:changed|reset|updated|suspended|deactivated|deleted|removed|locked|disabled|limited|"
                  r"downgraded|upgraded|reactivated|created|validated|banned|cread[oa]|validad[oa]|baneada|baneado|"
                  r"restricted|expired|verified|confirmed|activated|ready|(?:scheduled|marked) for deletion|claimed|transferred|"
                  r"transferid[oa]|revoked|revocad[oa]|"
                  r"cambiad[oa]|restablecid[oa]|actualizad[oa]|suspendid[oa]|desactivad[oa]|eliminad[oa]|"
                  r"borrad[oa]|bloquead[oa]|deshabilitad[oa]|limitad[oa]|restringid[oa]|caducad[oa]|vencid[oa]|"
                  r"verificad[oa]|confirmad[oa]|activad[oa]|list[oa]|paused|pausad[oa]|en pausa|frozen|congelad[oa])")
_HOLDER_OBJECT = (r"(?:account|registration|profile|membership|document|cuenta|registro|perfil|membresía|"
                  r"documento)")
# An order, a booking or an appointment called off: the system reports it, whoever asked (a shop's other
# news about an order, that it was received or sent, is written as a reply).
_CALLED_OFF_OBJECT = r"(?:order|booking|reservation|purchase|appointment|pedido|orden|reserva|compra|cita|turno)"
_CALLED_OFF = (r"(?:cancell?ed|canceled|called off|postponed|rescheduled|cancelad[oa]|anulad[oa]|pospuest[oa]|aplazad[oa]|"
               r"reprogramad[oa])")
# A payment of the reader's and its failure, which the payment system reports ("Your payment failed", «El pago de su
# suscripción ha fallado»); a person answering a question about it opens with the question.
_PAYMENT_OBJECT = (r"(?:payment|transfer|direct debit|renewal|charge|pago|cobro|transferencia|domiciliación|renovación|"
                   r"cargo)")
# ...as the subject the sentence opens with: not the cause of other news ("Your order got cancelled because the payment
# failed" tells what happened to the order, as a reply does)
_PAYMENT_SUBJECT = (rf"(?:(?:your|the|tu|su|el|la)\s+)?(?:(?!(?:because|since|as|after|when|so|and|but|got|was|were|is|has|had|"
                    rf"porque|como|cuando|pero|y|fue|ha|se)\b)[\w{PLACEHOLDER_MARK}\-–]+\s+){{0,6}}?{_PAYMENT_OBJECT}s?\b")
_PAYMENT_FAILED = (r"(?:failed|has failed|did not go through|didn't go through|was not successful|was unsuccessful|"
                   r"has been declined|was declined|could not be processed|ha fallado|falló|no se ha podido procesar|"
                   r"no se pudo procesar|(?:fue|ha sido) rechazad[oa])")
_DECISION = (r"(?:rejected|denied|declined|approved|reviewed|marked as|rechazad[oa]s?|denegad[oa]s?|aprobad[oa]s?|"
             r"revisad[oa]s?|marcad[oa]s? como)")
# …or what we or the reader did to it, said first ("We have scheduled your account for deletion", "You have
# deactivated your organization", «Hemos suspendido su cuenta»).
_ACCOUNT_ACT = _Lazy(
    rf"\A\W*(?:we(?:'ve| have)?|you(?:'ve| have)|hemos|(?:usted )?ha|has) (?:just |now |ya )?"
    rf"(?:deleted|suspended|deactivated|locked|disabled|scheduled|reset|changed|removed|eliminado|suspendido|"
    rf"desactivado|bloqueado|programado|restablecido|cambiado|borrado) (?:your|su|tu) (?:\w+ )?{_ACCOUNT_OBJECT}s?\b|"
    rf"\A\W*(?:we(?:'ve| have)?|hemos) (?:just |ya )?(?:cancell?ed|canceled|cancelado|anulado) (?:your|su|tu) "
    rf"(?:\w+ )?{_CALLED_OFF_OBJECT}\b",
    re.IGNORECASE)


def _subject(objects: str) -> str:
    """One of `objects`, up to six words into the sentence: «Su cuenta de hospedaje», "Your {{ plan }} trial"."""
    return rf"(?:(?:your|the|tu|su|tus|sus|el|la|los|las)\s+)?(?:[\w{PLACEHOLDER_MARK}\-–]+\s+){{0,6}}?{objects}s?\b"


def _news_of(objects: str, states: str) -> str:
    """One of `objects` said to be in one of `states`: "Your organization, {{ url }}, has been
    suspended", «Su cuenta de hospedaje ha sido suspendida»."""
    return (rf"{_subject(objects)}(?:,[^,.;\n]{{1,40}},)?[^.,;\n]{{0,40}}?"
            rf"\b(?:has been|have been|has|have|was|were|is now|is|are|will be|ha sido|han sido|fue|fueron|ha quedado|"
            rf"quedó|está|están|se ha|se han|ya está|será|serán|se encuentra|se encuentran)\s+(?:\w+\s+)?{states}\b")


# ...and the verdict on it (not that it was reviewed: "your application was reviewed by our team and…" is how a reply
# goes on).
_VERDICT = r"(?:rejected|denied|declined|approved|accepted|unsuccessful|rechazad[oa]s?|denegad[oa]s?|aprobad[oa]s?|aceptad[oa]s?)"
# What a reader applies for, and a program decides on: a place, a post, an offer published («Oferta rechazada»). A
# claim for money back is a complaint answered, not an application («Solicitud de reembolso denegada» names no such thing).
_APPLIED_FOR = (r"(?:application|enrol(?:l)?ment|offer|inscripción|inscripcion|postulación|postulacion|candidatura|"
                r"oferta|matrícula|matricula)")


_ACCOUNT_NEWS = _Lazy(
    rf"\A\W*(?:(?:unfortunately|sadly|lamentablemente|desafortunadamente|oh no|(?:we(?:'re| are)|i(?:'m| am)) sorry,? but|"
    rf"lo (?:sentimos|siento),? pero),?\s+)?"  # bad news, said as such
    # a line that says news follows: "We wanted to inform you that…", "We wish to let you know that…"
    rf"(?:we (?:wanted|want|wish|would like) to (?:inform|notify|let) you(?: know)? that\s+)?"
    # after a line that says a notice follows ("We're contacting you to notify you that…", «Le informamos de que…»)
    rf"(?:(?:we(?:'re| are) (?:contacting|writing to|e-?mailing) you to (?:notify|inform|tell) you|"
    rf"we(?:'re| are) (?:notifying|informing) you|this is to (?:notify|inform) you|"
    rf"we regret to (?:inform|tell|let) you(?: know)?) that\s+|"
    rf"(?:lamentamos|sentimos|lamento|siento) (?:informarle|informarte|informarles|comunicarle|comunicarte|comunicarles)"
    rf"(?: de)? que\s+|"
    rf"(?:le|te|les|os) (?:informamos|comunicamos|notificamos)(?: de)? que\s+|"
    rf"(?:(?:lo|la|le|te|los|les) (?:estamos contactando|contactamos|escribimos) para|(?:queremos|deseamos)) "
    rf"(?:notificar|informar|comunicar|avisar)(?:le|te|les|lo|la)? (?:de )?que\s+)?"
    rf"(?:{_news_of(_ACCOUNT_OBJECT, _ACCOUNT_STATE)}|{_news_of(_HOLDER_OBJECT, _DECISION)}|"
    rf"{_news_of(_CALLED_OFF_OBJECT, _CALLED_OFF)}|{_news_of(_APPLIED_FOR, _VERDICT)}|"
    # ...a procedure of the reader's and where it stands («el trámite {{ n }} se encuentra Pendiente de Pago»)
    rf"{_news_of('(?:trámite|expediente)', '(?:pendiente|en revisión|observad[oa]|aprobad[oa]|rechazad[oa]|finalizad[oa])')}|"
    # ...the thing called off named by what the program fills in ("the [booking_title] has been cancelled"), or an
    # order that could not be fulfilled ("your order from {{ store }} could not be fulfilled at this time")
    rf"(?:the|your|tu|su|el|la)\s+{PLACEHOLDER_MARK}+\s+(?:has been|was|ha sido|fue)\s+{_CALLED_OFF}\b|"
    rf"{_subject(_CALLED_OFF_OBJECT)}[^.,;\n]{{0,40}}?\b(?:could not|couldn't|cannot|can't) be (?:fulfilled|completed|"
    rf"processed)\b|"
    # a payment of the reader's that failed: "Your payment failed", "Your commitment of {{ amount }} from payment
    # option {{ card }} was not successful", «El pago de su suscripción ha fallado»
    rf"{_PAYMENT_SUBJECT}(?:[^.,;\n]|\.(?=\w)){{0,60}}?\b{_PAYMENT_FAILED}\b|"  # (a dot inside "Grandcalendar.io")
    # ...or a problem found with the payment or the order, or the order we could not complete («Hay un problema con tu
    # pago para el pedido…», «Hemos detectado un problema con tu pedido», «no hemos podido completar su pedido»)
    rf"(?:hay|there(?:'s| is)|hemos detectado|detectamos|we(?:'ve| have) (?:found|detected)) (?:un|a|an) (?:problema|problem|"
    rf"issue) (?:con|with) (?:tu|su|your) (?:pago|payment|pedido|order|compra|purchase)\b|"
    rf"(?:lo (?:sentimos|siento),? )?no (?:hemos podido|pudimos) (?:completar|procesar|confirmar) (?:su|tu) "
    rf"(?:pedido|orden|compra|pago)\b|"
    rf"(?:we(?:'re| are) sorry,? )?we (?:could not|couldn't|were unable to|have been unable to) (?:complete|process|confirm) "
    rf"your (?:order|purchase|payment)\b|"
    # what is about to happen to it: "Your account will expire on {{ date }}", «Su dominio vence el…»
    rf"{_subject(_ACCOUNT_OBJECT)}[^.,;\n]{{0,40}}?\b(?:will expire|expires|will end|ends|caducará|caduca|expirará|"
    rf"expira|vencerá|vence|terminará|termina|finalizará|finaliza)\b)",
    re.IGNORECASE)
# A subject or heading that names the message as a notice: "Password reset", "Reimbursement
# Notification", "Subject: Credit card payment failed", «#subject=Aviso de suspensión de hospedaje».
# A heading has no full stop; one line in a reply's body that happens to hold the word does. A bare
# «Aviso» or "Notice" is any message's subject ("a heads-up"), so it names nothing.
_NOTICE_HEADING = _Lazy(
    r"^[ \t]*(?:#?subject[=:][ \t]*|asunto[=:][ \t]*)?(?=[^\n.!?]{0,60}$)[^\n]{0,60}?\b(?:"
    r"notification|security alert|reminder|receipt|password reset|reset (?:your )?(?:\w+ ){0,3}password|verification|"
    r"verify (?:your )?(?:e-?mail|subscription|account|one-time (?:password|code)|phone(?: number)?)|payment failed|incident (?:reported|updated|resolved)|"
    r"(?:account|service|hosting|order|subscription|product|plan) suspended|expiring|suspension|"
    r"(?:pedido|servicio|suscripción|plan) suspendid[oa]|"
    r"notificación|alerta de seguridad|recordatorio|recibo|(?:restablec|resete|recuper)\w+ (?:de )?(?:su |tu |la )?contraseña|"
    r"verificación|error (?:en el|al procesar (?:el |su |tu )?) ?pago|pago rechazado|a punto de caducar|suspensión|"
    r"transcript|transcripción|"
    # a notice that calls itself one in its title: «Aviso de corte de servicio», "Service interruption notice", "Notice of
    # disconnection" (not "your notice", nor the bare word: see above)
    r"aviso (?:de|importante)|\b(?!your\b|my\b)\w+ notice\b|\bnotice of\b|"
    # a status change or a date due, as a title: "Order status update", «Estado de ticket actualizado», «Actualización
    # del estado de tu orden», «Factura por vencer», "Subscription about to expire"
    r"(?:status|state) (?:update|updated|change|changed)|"
    r"estado (?:del? (?:la |el |tu |su )?\w+ )?(?:actualizad[oa]|cambiad[oa])|(?:actualización|cambio) (?:del|de) estado|"
    r"(?:pr[óo]xim[oa]s? a|a punto de|por) (?:vencer|caducar|expirar)|(?:about|soon) to expire|expires soon|"
    # a job of the application that failed, as a title: «Error al exportar tus contactos», "Error importing your feeds"
    r"error (?:al |en la )?(?:import|export|sincroniz)\w*|error (?:while )?(?:importing|exporting|syncing)|"
    # an event of a record named as a title: "Cancellation of Order", "GPX Import failure", «Cancelación de Turno»
    r"cancellation|cancelación|anulación|(?:import|export|upload|backup|sync|payment|delivery) failure|"
    # a payment turned back, as a title: "Cheque Dishonoured By the Bank", "Direct debit returned unpaid"
    r"(?:cheque|check|direct debit|payment) (?:dishonou?red|bounced|returned(?: unpaid)?)|"
    # a receipt the program sends, or a verdict, as a title: "Support Ticket Auto-Acknowledgment", «Acuse de recibo»,
    # "Appeal decision", "Application outcome"
    r"auto-?acknowledge?ment|acuse (?:de recibo|automático)|(?:appeal|application|claim|review) (?:decision|outcome)|"
    r"account (?:creation|activation|validation|deletion|deactivation)|"
    # a decision on what the reader applied for, as a title: "Rejection of your application", «Rechazo de solicitud»
    rf"(?:rejection|denial|approval|rechazo|denegación|aprobación) (?:of|de) (?:your |the |su |tu |la )?"
    rf"(?:solicitud|{_APPLIED_FOR})|"
    r"(?:creación|validación|activación|eliminación|desactivación) (?:de )?(?:la |su |tu )?cuenta)\b"
    # …or says what happened to the account or the ticket, as a title: "Password changed", "Account
    # created", "Registration denied for {{ user }}", "Ticket responded", "New response", «Contraseña cambiada»
    # (a ticket the reader opened, "Ticket created", is acknowledged to them: that is a reply)
    # …or that a case was closed, the case named by its number: "Case {{ n }} closed", «Reclamo ${codigo} cerrado»
    rf"|^[ \t]*(?:ticket|case|claim|complaint|reclamo|reclamación|caso|incidencia)[ \t]+(?:[\w{PLACEHOLDER_MARK}#]+[ \t]+)?"
    rf"(?:closed|resolved|cerrad[oa]|resuelt[oa]|solucionad[oa])[ \t]*$"
    rf"|^[ \t]*(?:[\w{PLACEHOLDER_MARK}#]+[ \t]+){{0,2}}?(?:{_ACCOUNT_OBJECT}[ \t]+(?:has been[ \t]+|ha sido[ \t]+)?(?:(?:successfully|automatically|automáticamente)[ \t]+)?(?:{_ACCOUNT_STATE}|created|"
    rf"cread[oa])|"
    # …or that an order or a booking was cancelled, the title of "Cancellation of Order": "Order Cancelled", «Pedido anulado»
    rf"(?:(?:your|tu|su)[ \t]+)?(?:{_CALLED_OFF_OBJECT}|subscription|suscripción)[ \t]+(?:(?:has been|was|ha sido|fue)[ \t]+)?"
    rf"{_CALLED_OFF}|"
    rf"(?:(?:your|tu|su)[ \t]+)?(?:ticket|registration|registro|solicitud|request|{_APPLIED_FOR})[ \t]+"
    rf"(?:(?:has been|was|ha sido|fue)[ \t]+)?(?:responded|answered|denied|approved|"
    rf"rejected|declined|accepted|respondid[oa]|denegad[oa]|aprobad[oa]|rechazad[oa]|aceptad[oa])|"
    rf"new (?:response|reply|answer)|nueva respuesta)\b[^\n.!?]{{0,30}}$",
    re.IGNORECASE | re.MULTILINE)
# A reference number handed over («El Nro. de ticket de su solicitud es: {{ n }}», «Your case number is {{ n }}»).
_REFERENCE = _any(
    rf"\b(?:n[úu]mero|nro\.?|n\.?º) de (?:\w+ )?(?:ticket|pedido|solicitud|caso|referencia|seguimiento|reserva|"
    rf"comprobante)\b"
    rf"[^.\n]{{0,30}}?(?:\bes\b|:)\s*{_FILLED}",
    rf"\b(?:n[úu]mero|nro\.?) de (?:tu|su) (?:ticket|pedido|solicitud|caso|reserva) es\b:?\s*{_FILLED}",
    rf"\b(?:ticket|case|reference|tracking|order|request|booking) (?:number|no\.?|#|id)\b[^.\n]{{0,20}}?"
    rf"(?:\bis\b|:)\s*{_FILLED}",
)
_STATUS_LINE_WORDS = 20

_MEDIUM = {
    "an interface instruction with a link": _any(
        rf"\b(?:click(?:ing)?|tap|press|follow|visit|open)\b[^.\n]{{0,40}}(?:\blink\b|\bbutton\b|{_FILLED})",
        rf"\b(?:haga clic|haz clic|haciendo clic|hacer clic|pulse|pulsa|pulsando|toque|toca|siga|sigue|entre en|entra en)\b"
        rf"[^.\n]{{0,40}}"
        rf"(?:\benlace\b|\bbotón\b|{_FILLED})",
    ),
    "a code handed over": _any(  # a voucher or check-in code is not a notice by itself
        r"\buse (?:this|the following) code\b", r"\b(?:utilice|usa|use) (?:este|el siguiente) código\b",
        rf"\b(?:code|código|voucher|coupon|cupón|vale)\b[^.\n]{{0,40}}?(?:\bis|\bes|:)\s*(?:{_FILLED}|\d{{4,8}}\b)",
        rf"(?:{_FILLED}|\b\d{{4,8}}) (?:is|es) (?:your|tu|su)\b[^.\n]{{0,30}}\b(?:code|código)\b",
    ),
    "a link or code that expires": _any(
        r"\b(?:link|code|card|voucher|coupon|enlace|código|tarjeta|vale|cupón)\b[^.\n]{0,30}\b(?:expires?|expirará|"
        r"caduca|caducará|valid (?:for|until)|válid[oa] (?:durante|hasta)|tiene vigencia|deja de funcionar|"
        r"(?:has|have) expired|expired|ha caducado|caducó|ha expirado|expiró)\b",
    ),
    "a table of filled-in fields": _Lazy(rf"^[ \t]*(?:[-*•][ \t]*)?[^\W\d_][\w ]{{0,25}}:[ \t]*{_FILLED}[ \t]*$",
                                             re.MULTILINE),
    "an activity digest": _any(
        r"^[ \t]*(?:(?:daily|weekly|monthly) )?(?:digest|summary|activity)\b",
        r"^[ \t]*(?:resumen|actividad)(?: (?:diario|semanal|mensual))?\b",
    ),
    "an account to confirm": _any(
        r"\b(?:confirm|activate|verify|verified)\b[^.\n]{0,20}\b(?:account|e-?mail(?: address)?|registration)\b",
        r"\b(?:confirm|activ|verific)ar?\b[^.\n]{0,20}\b(?:cuenta|dirección de (?:correo|e-?mail)|correo electrónico|"
        r"registro)\b",
    ),
    "a subscription line": _any(
        r"\b(?:confirm|confirme|confirma|confirmar) (?:your |su |tu )?(?:subscription|suscripción)\b",
        r"\bunsubscribe\b", r"\bdar(?:se|te) de baja\b",
        r"\bsubscri(?:bing|bed|ption) (?:to )?(?:our|the) newsletter\b", r"\bsuscripción a (?:nuestro|el) boletín\b",
    ),
    "a state change of an order, ticket or account": _STATE_CHANGE,
    "a reference number handed over": _REFERENCE,
    "a pointer to the order or account page": _any(
        r"\byou can (?:also )?(?:view|review|track|check|follow|see|access|manage|pay)\b[^.\n]{0,70}"
        r"\b(?:online|account|order history|orders page|progress|status|client area|dashboard)\b",
        r"\b(?:manage|view|track) (?:your|the) (?:plan|order|subscription|booking)s? (?:from|in|on) (?:your|the)\b",
        r"\b(?:puede|puedes|podés|podrá|podrás|ud puede|usted puede)\s+(?:también\s+)?(?:revisar|ver|seguir|"
        r"consultar|acceder|descargar)(?:l[oa]s?)?\b[^.\n]{0,70}\b(?:cuenta|historial|en línea|progreso|avance|"
        r"estado|área de cliente|panel)\b",
        r"\b(?:sigue|seguí|siga|consulta|consultá|consulte) el (?:estado|avance|progreso) de (?:tu|su)\b",
    ),
    "a platform footer": _Lazy(  # a short line that names the software that sent the mail
        r"^[^\n]{0,40}\b(?:powered by|realised by|realized by|réalisé par|desarrollado por|dirigid[oa] por|"
        r"tecnología de|con la tecnología de)\s+\S[^\n]{0,30}$", re.IGNORECASE | re.MULTILINE),
    "a document handed over": _any(
        r"\bhere is (?:in attachment |attached )?(?:your|a|an|the) (?:\w+ )?(?:invoice|credit note|gift card|"
        r"certificat\w*|purchase order|quotation|receipt|request for quotation)\b",
        r"\bplease find (?:attached|below|enclosed)\b",
        r"\baquí (?:está|tiene|tienes|se adjunta) (?:su|tu|el|la) (?:\w+ )?(?:factura|tarjeta|certificado|"
        r"certificación|pedido|cotización|presupuesto|recibo)\b",
        r"\badjuntamos (?:su|tu|la|el|una|un)\b", r"\ba continuación encontrará adjunt[oa]\b",
    ),
    "an amount or reference filled in": _any(
        rf"\b(?:amounting (?:in|to)|for an amount of|amount of|por (?:un|el) importe(?: total)? de|por valor de|"
        rf"with reference|con (?:la )?referencia)\b:?\s*{_FILLED}",
    ),
    # the reader asked to pay or to rate us: what a shop's system sends after an order («Haga clic en el botón
    # de abajo para pagar su pedido», "Write a review and rate us at {{ url }}")
    "a payment or a review asked for": _any(
        r"\b(?:to )?pay (?:for )?(?:your|the) (?:order|invoice|bill|balance)\b",
        r"\bpagar (?:tu|su|el) (?:pedido|factura|saldo|orden)\b",
        r"\b(?:write|leave) (?:us )?a review\b", r"\brate (?:us|our (?:service|services|store|shop|products?))\b",
        r"\b(?:escriba|escribe|escribí|deje|deja|dejá|déjenos|déjanos) (?:una|su|tu) (?:reseña|opinión|valoración)\b",
        r"\b(?:califique|califica|calificá|valore|valora|valorá|puntúe|puntúa) (?:nuestr[oa]s?|el|la|los|las) "
        r"(?:servicios?|tienda|productos?|atención|compra)\b",
    ),
}

_REPLY = _any(
    r"\b(?:thanks|thank you) for (?:reaching out|contacting|getting in touch|writing|your (?:message|email|"
    r"question|patience|feedback|review|call|enquiry|inquiry))\b",
    r"\b(?:as|like) you (?:mentioned|said|explained|described|asked|noted|told us)\b",
    r"\byou asked (?:about|where|when|whether|if|for|us)\b",
    r"\b(?:nos )?(?:pregunta|preguntas|preguntaba|preguntabas|preguntó|preguntaste) (?:por|cuándo|dónde|si)\b",
    r"\b(?:regarding|about|re:?|in response to) your (?:complaint|question|message|email|enquiry|inquiry|"
    r"review|feedback|call)\b",
    r"\b(?:gracias por|en respuesta a|respecto a|en relación con) (?:su|tu) (?:consulta|mensaje|correo|"
    r"pregunta|reclamación|queja|comentario|llamada|reseña)\b",
    r"\bgracias por (?:escribirnos|contactar(?:nos)?|ponerse en contacto|ponerte en contacto)\b",
    r"\bcomo (?:nos )?(?:indica|indicas|comenta|comentas|menciona|mencionas|cuenta|cuentas|explica|explicas)\b",
    r"\bhope (?:this|that|it) helps\b", r"\bespero que (?:le|te|les|os) (?:sirva|ayude)\b",
    r"\A\s*@\w",  # an answer to someone's post or tweet
    r"\A[ \t]*(?:(?:subject|asunto):[ \t]*)?(?:re|rv|aw):[ \t]",  # the subject of an answer to the reader's mail
    # a fault of ours owned and explained: notices announce, they do not answer a complaint
    r"\b(?:error|fallo|falla|defecto|avería|equivocación)\b[^.\n]{0,30}\b(?:nuestr[oa]s?|de nuestra parte|"
    r"por nuestra parte)\b",
    r"\b(?:error|fault|mistake|bug|glitch|defect)\b[^.\n]{0,30}\b(?:on our (?:side|end|part)|in our|of ours)\b",
    r"\bour (?:mistake|error|fault|bug)\b", r"\bwe (?:mis\w+ed|made (?:a|an) (?:mistake|error)|got (?:it|this) wrong)\b",
    r"\bnos (?:equivocamos|hemos equivocado)\b",
)
# A person at work on the reader's case, in the first person: "I've moved your delivery", "my name is Ana", «revisé
# su caso», «he anulado el cargo», «soy Daniel», «te atiende Marina», «te confirmo que…». Such a message is a
# person's reply even when it also calls itself automatic (SIN005's autopilot line).
_PERSON = _any(
    r"\b(?:le|te|les|os)? ?he (?:revisado|cambiado|comprobado|mirado|hablado|enviado|pedido|abierto|"
    r"corregido|hecho|anulado|movido|aplicado|gestionado|tramitado)\b",
    r"\b(?:revisé|comprobé|miré|hablé|consulté|verifiqué|corregí|cambié|anulé|moví|apliqué|gestioné|tramité)\b",
    r"\b(?:my name is|me llamo|mi nombre es)\b",
    r"\b(?:le|te|les) (?:atiende|habla|escribe)\s+(?-i:[A-ZÁÉÍÓÚ])\w+|\bsoy\s+(?-i:[A-ZÁÉÍÓÚ])\w+",
    r"\b(?:le|te|les|os) (?:confirmo|escribo|cuento|aviso|comento)\b",
    r"\bI(?:'ve| have)? had a look\b",
    # an "I" speaking in English (a bot's too, which the caller tells apart)
    r"\b(?-i:I(?:'ve|'m|'ll| have| am| will| can| looked| checked| changed))\b",
)
# What the reader sent, acknowledged or read: an auto-reply answers them, even one that says it is automatic ("we have
# received your helpdesk query", "Your ticket has now been created and logged", «Hemos recibido tu mensaje», «para
# confirmar que ha registrado un nuevo ticket»). Alone on a screen, without a greeting, the same words are a
# status line.
_ACKNOWLEDGED = _any(
    r"\byour (?:\w+ ){0,2}(?:ticket|request|enquiry|inquiry|message|query|case) (?:\S+ )?(?:has (?:now )?been|was) "
    r"(?:\w+ )?(?:submitted|received|created|logged|registered|opened)\b",
    r"\b(?:we(?:'ve| have)?|I(?:'ve| have)?) (?:\w+ )?received your (?:\w+ ){0,2}(?:query|request|message|e-?mail|enquiry|"
    r"inquiry|ticket|question|complaint)\b",
    r"\b(?:su|tu) (?:\w+ )?(?:ticket|solicitud|consulta|mensaje|caso|petición) (?:\S+ )?(?:ha sido|fue|ha quedado|quedó) "
    r"(?:enviad|recibid|registrad|cread|abiert)[oa]\b",
    r"\b(?:hemos recibido|recibimos) (?:\w+ ){0,2}(?:su|tu) (?:\w+ )?(?:mensaje|consulta|solicitud|ticket|correo|pregunta|"
    r"queja|reclamación|reclamo)\b",
    r"\b(?:ha|has|usted ha) (?:registrado|creado|abierto|enviado) (?:un|una) (?:nuev[oa] )?(?:ticket|solicitud|caso|consulta)\b",
    # ...or read and answered: "we have reviewed your ticket", «hemos revisado tu consulta»
    r"\b(?:we(?:'ve| have)?|I(?:'ve| have)?) (?:carefully )?(?:reviewed|looked (?:into|at)|read) your (?:\w+ )?(?:ticket|request|"
    r"enquiry|inquiry|message|query|case|question|complaint)\b",
    r"\b(?:hemos|he) (?:revisado|leído|analizado|estudiado) (?:con atención )?(?:su|tu) (?:\w+ )?(?:ticket|solicitud|consulta|"
    r"mensaje|caso|petición|pregunta|queja|reclamación|reclamo)\b",
)
# A message that calls itself automatic («Este es un mensaje automático de…», "This is an automated message from…").
_SELF_DECLARED = _any(
    r"\b(?:this|the following) is an? (?:automated|automatic|auto-generated) (?:message|email|e-mail|notification)\b",
    r"\b(?:this|the) (?:message|email|e-mail|notification) (?:was|is|has been) (?:sent|generated) automatically\b",
    r"\b(?:este|esto) es un (?:mensaje|correo|aviso|e-?mail) (?:automático|automatizado|generado automáticamente)\b",
)
# What a person answering a person writes, and a system's mail never needs: regret or an apology, thanks (other
# than for an order, a purchase, signing up, a contribution or using the service: a system thanks for those),
# understanding, the reader's message or trouble, a check or a look into it, a question put back to the reader. Wider than
# _REPLY, it vetoes only the shape of a program's mail below (a record filled in, the application's code),
# which says less than the other signals.
_ANSWERING = _any(
    # (not the stock lines a program's mail carries, SIN005's and CLR003's: "we apologize for any inconvenience this may
    # have caused", "we regret to inform you")
    r"\b(?:sorry|apologi[sz]e\w*|apolog(?:y|ies)|regret\w*|unfortunately|understand\w*|frustrat\w*)\b"
    r"(?! (?:for any inconvenience|to inform)\b)",
    r"(?<!\bany )\binconvenien\w+\b",
    r"\b(?:thanks|thank you)\b(?! for (?:your |the )?(?:order|purchase|shopping|buying|registering|signing up|"
    r"subscribing|joining|booking|contributing|contribution|using))",
    r"\byour (?:message|e-?mail|question|enquiry|inquiry|complaint|claim|query|call|feedback|review|"
    r"comment|report|concern|patience|issue|problem|communication|submission)\b",
    # an answer promised to what the reader sent: "we'll respond to you as soon as we can"
    r"\b(?:we|I)(?:'ll| will) (?:respond|reply|get back) to you\b",
    # what the reader sent, acknowledged: an auto-reply answers them
    r"\b(?:we|I)(?:'ve| have)? (?:\w+ly )?(?:received|got) your (?:\w+ )?(?:request|message|ticket|e-?mail|enquiry|"
    r"inquiry|question|complaint|claim|case|application)\b",
    r"\b(?:hemos recibido|recibimos|he recibido|recibí) (?:\w+ ){0,2}(?:su|tu) (?:\w+ )?(?:solicitud|mensaje|ticket|"
    r"correo|consulta|pregunta|queja|reclamación|reclamo|caso|postulación|candidatura)\b",
    r"\byou(?:'ve| have)? (?:wrote|written|asked|mentioned|reported|contacted|called|told us|said|let us know|"
    r"explained|described|raised)\b",
    r"\byou(?:'re| are|'ve been| have been)? (?:having|experiencing|facing)\b",
    r"\b(?:we|I)(?:'ll| will|'re| are|'m| am)? (?:look(?:ing)? into|check(?:ed|ing)?|review(?:ed|ing)?|"
    r"investigat\w+|escalat\w+)\b",
    r"\b(?:could|can|would) you (?:please )?(?:send|tell|share|confirm|provide|let)\b",
    r"\b(?:sentimos|lamentamos|disculp\w+|perd[oó]n\w*|comprend\w+|entiend\w+|molestias|inconvenientes?)\b"
    r"(?! (?:informarle|informarte|comunicarle|comunicarte|las molestias ocasionadas|cualquier)\b)",
    r"\bgracias\b(?! por (?:su |tu )?(?:compra|pedido|registr\w+|suscri\w+|reserva|adquirir|comprar|contribuir|"
    r"contribución|aporte|usar|utilizar))",
    r"\b(?:su|tu) (?:mensaje|correo|pregunta|consulta|queja|reclamaci[oó]n|reclamo|llamada|comentario|"
    r"reseña|incidencia|problema|paciencia)\b",
    r"\b(?:nos )?(?:escribió|escribiste|preguntó|preguntaste|comentó|comentaste|indicó|indicaste|reportó|"
    r"reportaste|contactó|contactaste|llamó|llamaste)\b",
    r"\b(?:revisaremos|vamos a revisar|estamos revisando|investigaremos|estamos investigando|verificaremos)\b",
    r"\b(?:podr[ií]a|puede|puedes|podr[ií]as|podés) (?:enviarnos|indicarnos|confirmarnos|decirnos|contarnos|"
    r"mandarnos|facilitarnos)\b",
)
# Fills that say who writes or who reads (a name, the organisation, the team), not what a record holds.
_WHO_FILL = _Lazy(r"name|nombre|user|usuari|customer|cliente|client|agent|handle|recipient|destinatari|firma|"
                  r"signature|sender|remitente|staff|operator|operador|apellido|greeting|saludo|contact|"
                  r"member|miembro|persona|empresa|compan|site|sitio|store|shop|tienda|brand|marca|team|equipo|org",
                  re.IGNORECASE)
_MIN_RECORD_FILLS = 3
# Fills that only a program's mail holds: a password or a licence key sent, a button drawn, a coupon or a
# cart laid out, an unsubscribe link (`{{password}}`, `$OrangeButton`, `%COUPON%`, `%BASKET_CART%`).
_PROGRAM_FILL = _Lazy(r"passw|contrase|button|btn|bot[oó]n|coupon|cup[oó]n|basket|cart\b|carrito|licen[cs]e_?key|"
                      r"unsubscri", re.IGNORECASE)
# An agent's «I» in Spanish, as a pointer to a link would say it («te dejo el enlace», «le envío»).
_FIRST_PERSON_ES = _Lazy(r"\b(?:te|le|les|os) (?:dejo|paso|envío|mando|comparto|adjunto)\b|\b(?:yo|puedo|voy a)\b",
                         re.IGNORECASE)
# A field line: a label, a colon and a filled-in value («- Título: {{ titulo }}», «Memoria: {{ ram }} GB»).
_FIELD_LINE = _Lazy(rf"^[ \t]*(?:[-*•][ \t]*)?[^\W\d_][^:\n]{{0,40}}:[ \t]*{_FILLED}[^\n]{{0,40}}$", re.MULTILINE)
_MIN_FORM_FIELDS = 3


def notice_signals(text: str, fills: Iterable[str] = (), localised: bool = False) -> list[str]:
    """The notice signals in a unit's text, or [] when it reads as a reply (or says too little).
    `fills` are the names of the unit's placeholders; `localised`, whether the application writes
    it in its code (see written_for_an_application)."""
    lines = [line for line in text.splitlines() if line.strip()]  # the lines that hold something
    text = _unwrapped(text)  # the shape of the text is read from its lines, its phrases across them
    lowered = text.lower()
    # a person at work on the case answers, even in a message that calls itself automatic (a bot's "I"
    # is not an agent's); a message that says it was sent automatically borrows no more than courtesy
    # from replies ("Thank you for your patience.")
    if _PERSON.found_in(text, lowered) and not _STRONG["a bot speaking"].found_in(text, lowered):
        return []
    if not _SELF_DECLARED.found_in(text, lowered) and _REPLY.found_in(text, lowered):
        return []
    words = len(text.split())
    titled = _heading_names_notice(lines)
    # (unless its title names it a notice: "Support Ticket Auto-Acknowledgment", «NOTIFICACIÓN DE SOLICITUD RECIBIDA»)
    if (_ACKNOWLEDGED.found_in(text, lowered) and (words > _STATUS_LINE_WORDS or greets(text))
            and not _STRONG["a password reset link"].found_in(text, lowered)  # what it acknowledges is a reset
            and not titled):
        return []
    strong = [name for name, pattern in _STRONG.items() if pattern.found_in(text, lowered)]
    if len(_TOTAL_LINE.findall(text)) >= 2:
        strong.append("an order-total table")
    # an interface prints its errors and a chat widget its status bare; one that greets the reader is a mail
    if words <= _SHORT_STRING_WORDS and not greets(text):
        if _UI_ERROR.found_in(text, lowered) or _WARNING_LABEL.found_in(text, lowered):
            strong.append("a short interface error")
        if _CHAT_STATUS.found_in(text, lowered):
            strong.append("a chat's status line")
    if _opens_with_account_news(lines):
        strong.append("an account notice")
    if titled:
        strong.append("a heading that names a notice")
    # the shape of the whole text, named only when no line says more
    if not strong and _is_status_line(text, words):
        strong.append("a status line")
    if not strong and _is_form(lines):
        strong.append("a form of filled-in fields")
    if not strong and not _ANSWERING.found_in(text, lowered):  # the shape of a program's mail
        fills = list(fills)
        if _fills_a_record(fills):
            strong.append("a record filled in")
        if any(_PROGRAM_FILL.search(fill) for fill in fills if fill):
            strong.append("a value only a program fills in")
        if localised:
            strong.append("a mail the application writes in its code")
    if strong:
        return strong
    medium = [name for name, pattern in _MEDIUM.items() if pattern.found_in(text, lowered)]
    return medium if len(medium) >= 2 else []


def _unwrapped(text: str) -> str:
    """`text` with the line breaks of hard-wrapped prose read as spaces (HTML source wrapped at 60
    characters: «Notificación enviada\nautomáticamente»), but not the one after a greeting on its own
    line («Hola\nbienvenido a…» opens its line)."""
    def joined(wrap: re.Match) -> str:
        line = text[text.rfind("\n", 0, wrap.start()) + 1:wrap.start()]
        return wrap.group() if _GREETING.fullmatch(line.strip()) else " "
    return _HARD_WRAP.sub(joined, text)


# A sentence looked up in an application's message catalogue by its key (<% @title = t("mailer.title") %>,
# {{t "Emails.Title" "Your purchase"}}, {{ 'order.greeting' | t }}), or a template that pulls in the
# application's own code ({% load hc_extras %}, {% from "includes/x.txt" import footer %}, {% extends %}).
_APPLICATION_TAG = _Lazy(r"""(?<![\w.$])(?:t|_|__|trans|translate|gettext|I18n\.t|i18n\.t|\$t)\(\s*['"][\w.:\-]+['"]"""
                         r"""|\{\{\s*t\s+["'][\w.:\-]+["']|['"][\w.:\-]+['"]\s*\|\s*t\b"""
                         r"""|\{%-?\s*(?:load|extends|import|from\s+\S+\s+import)\b"""
                         # ...or runs the application's code: a partial rendered, a helper called on its records
                         # (<%= render 'footer' %>, <%= candidate_magic_link(@application_form.candidate) %>)
                         r"""|<%=?\s*render\b|\b[a-z]\w*_\w+\(\s*[@$]?\w+[.\w]*\.\w+"""
                         # ...or reads its records through PHP's objects ("{{ $order->ID_Orden }}", "<?php echo
                         # $usuario->getNombre(); ?>"), where a helpdesk's saved reply names a field
                         r"""|\$\w+->\w""")


def written_for_an_application(unit: Unit) -> bool:
    """Whether an application's message catalogue writes the unit's sentences (they stand in
    translation calls, or are looked up by key) or its template runs the application's code (pulls
    in its libraries, renders its partials, calls its helpers on its records). People answering
    people write their words; a program's mail is localised and assembled with its interface. So is a
    format string whose values are passed by position (printf's "%s" and "%1$s", MessageFormat's
    "{0}"): a person's saved reply names what it fills in."""
    return (unit.translated > 0 or any(_APPLICATION_TAG.search(tag.raw) for tag in unit.statements)
            or any(_APPLICATION_TAG.search(tag.raw) or _positional(tag) for tag in unit.placeholders.values()))


def _positional(placeholder: Placeholder) -> bool:
    """A value passed by position: printf's bare "%s" or "%1$s", MessageFormat's "{0}"."""
    return (placeholder.family == "printf" and not placeholder.name) or placeholder.name.isdigit()


def _fills_a_record(fills: Iterable[str]) -> bool:
    """Three or more different values of a record filled in (a link, an amount, a date, a host, an order
    number), besides names: a program assembles such a mail from its data when something happens. An
    agent's saved reply fills in the reader's name, its own and at most a number or two."""
    return len({fill.lower() for fill in fills if fill and not _WHO_FILL.search(fill)}) >= _MIN_RECORD_FILLS


def says_it_is_automatic(text: str) -> bool:
    """Whether the text asks for no reply or says it was sent automatically (a do-not-reply line)."""
    return _STRONG["a do-not-reply line"].found_in(text, text.lower())


def greets(text: str) -> bool:
    """Whether one of the first lines that hold text (after a subject or a heading) greets the reader;
    markup leaves blank lines between them."""
    return any(_GREETING.match(line.group()) for line in islice(_TEXT_LINE.finditer(text), 3))


def _is_status_line(text: str, words: int) -> bool:
    """One short paragraph, with no greeting, that reports a state or hands over a reference
    number («Su requerimiento ha sido cancelado», «Your case number is {{ n }}»): what a program
    prints when something happened. A greeting, a subject or a second paragraph make a mail."""
    body = text.strip()
    return (words <= _STATUS_LINE_WORDS and "\n\n" not in body and not _GREETING.match(body)
            and bool(_STATE_CHANGE.search(body) or _REFERENCE.search(body)))


def _opens_with_account_news(lines: list[str]) -> bool:
    """The message opens, after its greeting, with what happened to the reader's account or
    password («Your password has been changed», «Su hospedaje ha sido suspendido»), in its
    subject line or its first sentence: a system reporting an event. A person answering
    opens with the reader's message, a courtesy or themselves, and any of those vetoes a
    notice before this is asked."""
    opening = [line.strip().lstrip("¡¿") for line in lines[:3]]
    opening = [line for line in opening if not _GREETING.fullmatch(line)]  # a subject, a greeting, the news
    lead = [_SENTENCE_END.split(_GREETING.sub("", line, count=1), maxsplit=1)[0] for line in opening[:2]]
    return any(_ACCOUNT_NEWS.search(sentence) or _ACCOUNT_ACT.search(sentence) for sentence in lead)


def _heading_names_notice(lines: list[str]) -> bool:
    """One of the first lines of a message of several lines is a heading or subject that
    names a notice (see _NOTICE_HEADING); a one-line chat message is no heading. A letter's
    head (its date, the address, a reference, the greeting: short lines that end no sentence)
    may come first, so the lines are read past it, at least three (not past the lines of a
    hard-wrapped paragraph, which are long)."""
    head = 3
    while (head < min(len(lines), _LETTER_HEAD_LINES) and len(lines[head - 1].strip()) <= _HEAD_LINE_CHARS
           and not _SENTENCE_CLOSED.search(lines[head - 1])):
        head += 1
    return len(lines) > 1 and bool(_NOTICE_HEADING.search("\n".join(lines[:min(head, len(lines) - 1)])))


_LETTER_HEAD_LINES = 12  # a date, a name, four lines of address, a reference, a date again, a greeting, a subject
_HEAD_LINE_CHARS = 45  # an address line or a reference ("Our Ref: RD1"); a wrapped paragraph's lines run longer
_SENTENCE_CLOSED = _Lazy(r"[.!?…]\s*$")


def _is_form(lines: list[str]) -> bool:
    """A text that is mostly filled-in fields (a bot's summary to confirm, a ticket card)."""
    fields = sum(1 for line in lines if _FIELD_LINE.match(line))
    return fields >= _MIN_FORM_FIELDS and fields > len(lines) - fields


# ---- whole replies -----------------------------------------------------------------
# Thanks, apology, acknowledgement and a name are owed by a whole reply: the first answer to
# someone who wrote in, or a complete e-mail. A piece of one stored as its own string (a
# subject, a heading, a link label, one sentence of a mail) or a turn in the middle of a
# conversation (part 2/3 of a thread, an answer to the customer's thanks, a follow-up, a lone
# question asking for a detail) owes none of them by itself: the rest of the message or of the
# conversation may hold them. Nor does the frame a helpdesk wraps around an answer written
# elsewhere (greeting, `%{response}`, signature). Such units are read as notices too, so the
# same rules are off.

_HANDLES = _Lazy(r"\A\s*(?:@\w+[\s,:]*)+")
_GREETING_WORD = _Lazy(r"\A(?:hola|buenas|hi|hello|hey|dear)\b[,!.]?\s*", re.IGNORECASE)
_GREETING = _Lazy(
    r"\A¡?(?:hola|buen[oa]s(?: (?:días|dias|tardes|noches))?|estimad[oa]s?|apreciable|querid[oa]s?|"
    r"hi|hello|hey|dear|good (?:morning|afternoon|evening))\b,?[^,.!:¡¿?\n]{0,40}[,.!:]?\s*", re.IGNORECASE)
_TEXT_LINE = re.compile(r"\S[^\n]*")  # a line's text, from its first visible character
_SIGNATURE = _Lazy(r"\s*(?:[\^*~]|-\s?)\s?[A-Z][\w.]{0,14}\s*\Z")
_SENTENCE_END = _Lazy(rf"[.!?…]+[\"'»”)\]]*(?=\s+[¿¡\"«“(]?[A-ZÁÉÍÓÚÑ\d{PLACEHOLDER_MARK}{URL_MARK}])")  # not «Nro. de»
_CLOSED = _Lazy(r"[.!?…)\"'»”]\s*\Z")
# A part of a thread numbered at its start («1/3 …», "(2/2)", "2. …") or at its end, after the
# signature ("… -Shie 3/3"): the thanks may be in a part not stored with it.
_THREAD_PART = _Lazy(r"\A\(?\d{1,2}\s?/\s?\d{1,2}\)?(?=\s)|\(\d{1,2}/\d{1,2}\)|\A[2-9]\.\s|(?<=\s)[1-9]/[2-9]\s*\Z")
_PART_NUMBER = _Lazy(r"(?<![\w/])([1-9])/([1-9])(?![\w/])")


def _whole_thread(body: str) -> bool:
    """Whether every numbered part of the thread is in the text ("… 1/2 … 2/2"): the parts stored together
    are the whole reply."""
    parts = {(int(part), int(of)) for part, of in _PART_NUMBER.findall(body)}
    return any(all((n, of) in parts for n in range(1, of + 1)) for _, of in parts)


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
_UNIT_HINT = _Lazy(r"\s*\([^()\n]{0,20}\)\Z")  # «¿Cuánta memoria necesita? (GB)»
_LONE_FILL_LINES = _Lazy(rf"\n\s*{_FILLED}(?:\S*{_FILLED})*\S*[ \t]*(?=\n|\Z)")  # a link on its own line
_HARD_WRAP = _Lazy(r"(?<![.!?:;\n])[ \t]*\n(?=[ \t]*[a-záéíóúñü])")  # a line break inside a sentence
# Placeholders that carry the message itself: a mail made of one of them on its own line is the
# frame (greeting, signature, footer) around an answer written elsewhere.
_MESSAGE_FILLS = frozenset({"message", "messages", "response", "reply", "body", "content", "comment", "comments",
                            "note", "mensaje", "mensajes", "respuesta", "cuerpo", "contenido", "comentario",
                            "comentarios", "nota"})
# …and the last word of a compound name that says it holds a message («normas_msg», «cuerpo_mensaje»,
# "welcome_message"); a compound ending in a note or a link («customer_note», «url_seguimiento») is a detail.
_MESSAGE_SUFFIXES = frozenset({"msg", "message", "messages", "body", "response", "reply", "mensaje", "mensajes",
                               "cuerpo", "respuesta"})
_NAME_PART = _Lazy(r"[_\-]")
_VARIABLE = _Lazy(r"\s*[\w.\-]*")


def _body(text: str) -> str:
    """The unit without the @handles it answers and the agent's initials it ends with."""
    return _SIGNATURE.sub("", _HANDLES.sub("", text)).strip()


def _sentences(text: str) -> int:
    return len(_SENTENCE_END.findall(text)) + 1


def _is_fragment(body: str) -> bool:
    """One line that is not a message: no full stop (a subject, heading or link label), a
    lead-in ending in a colon, or a single sentence with no greeting (a line cut out of a mail).
    A sentence wrapped onto a second line by the template is still one line."""
    body = _LONE_FILL_LINES.sub("", _HARD_WRAP.sub(" ", body)).strip()
    if "\n" in body:
        return False
    return not _CLOSED.search(body) or body.endswith(":") or (_sentences(body) == 1 and not _GREETING.match(body))


# A line a mail ends with: a sign-off, a signature naming the team, the stock thanks for the custom.
_CLOSING_LINE = _Lazy(
    rf"(?:(?:kind|best|warm|many) )?regards|sincerely(?: yours)?|yours (?:sincerely|truly)|cheers|thanks|thank you"
    rf"|(?:thank you|thanks) for (?:your (?:business|order|purchase|custom)|shopping with us|choosing us)"
    rf"|atentamente|(?:un )?(?:cordial )?saludos?(?: cordiales)?|gracias(?: por (?:su|tu) (?:compra|confianza|preferencia|pedido))?"
    # a signature that names the team ("The Acme Team", "%{store_name} Team", «El equipo de {{ tienda }}»): names
    # in capitals or filled in, not a sentence that mentions a team ("Contact our support team")
    rf"|(?:the )?(?:(?-i:[A-Z{PLACEHOLDER_MARK}])[\w{PLACEHOLDER_MARK}.&'-]*\s+){{1,4}}team"
    rf"|(?:el )?equipo(?: de)?(?:\s+(?-i:[A-Z{PLACEHOLDER_MARK}])[\w{PLACEHOLDER_MARK}.&'-]*){{1,4}}",
    re.IGNORECASE)
_CLOSING_LINES = 3


def _is_closing_only(body: str) -> bool:
    """A unit that holds only the end of a mail stored as its own string ("%{store_name} Team" and
    "Thank you for your business."): the greeting and the message are elsewhere."""
    lines = [line.strip().rstrip(".,!") for line in body.splitlines() if line.strip()]
    return 0 < len(lines) <= _CLOSING_LINES and all(_CLOSING_LINE.fullmatch(line) for line in lines)


def _is_lone_question(body: str) -> bool:
    question = _UNIT_HINT.sub("", body)
    return question.endswith("?") and _sentences(_GREETING.sub("", question)) == 1


def _openings(body: str) -> set[str]:
    """Where the message proper may start: after a greeting word («Hi, glad to help!») or
    after a greeting and a name («Hi Jeff, if you are still…»)."""
    return {body, _GREETING_WORD.sub("", body, count=1), _GREETING.sub("", body, count=1)}


_RAW_URL = _Lazy(r"\bhttps?://\S|\bwww\.\S")  # a link not yet masked (text read outside the engine)


def _is_link_pointer(text: str, body: str) -> bool:
    """A chat message that is one sentence pointing to a link, with no greeting, no @handle it
    answers and nobody speaking in the first person («Para conectarse a la red siga las
    instrucciones en <link>», "You can book a room here: <link>"): a bot's canned answer, the
    pointer a menu option prints. A person answering a person greets them or answers their post."""
    line = _HARD_WRAP.sub(" ", body).strip()
    return (not _HANDLES.match(text) and "\n" not in line and (URL_MARK in line or _RAW_URL.search(line))
            and _sentences(line) == 1
            and not _GREETING.match(line) and not _REPLY.search(line) and not _PERSON.search(line)
            and not _FIRST_PERSON_ES.search(line))


def notice_reasons(unit: Unit, kind: str, text: str | None = None) -> tuple[list[str], str | None]:
    """Why a unit sent as `kind` reads as a notice: its notice signals, or when it has none why it is
    not a whole reply (None for each when it reads as a reply). `text` stands for the unit's text
    when some of its words are left out (see UnitContext.notice_apart_from)."""
    text = unit.text.text if text is None else text
    # a conversation in which the customer wrote is answered by someone, whoever opened it
    answered = any(turn.role == "customer" for turn in unit.turns)
    signals = [] if answered else notice_signals(text, (p.name for p in unit.placeholders.values()),
                                                 written_for_an_application(unit))
    return signals, None if signals else partial_reply(text, kind) or framed_message(unit)


def partial_reply(text: str, kind: str) -> str | None:
    """Why a unit is not a whole reply that owes thanks, apology or a name; None when it is one.
    The one-line test holds for e-mail only: a chat line needs no full stop to be a whole answer;
    a chat line that only points to a link, with nobody greeted or answered, is a bot's pointer."""
    body = _body(text)
    openings = _openings(body)
    if kind == "email" and _is_fragment(body) and not _REPLY.search(body):
        return "a one-line heading, subject or link"
    if kind == "chat" and _is_link_pointer(text, body):
        return "a lone pointer to a link"
    if _is_closing_only(body):
        return "a mail's closing on its own"
    if _THREAD_PART.search(body) and not _whole_thread(body):
        return "a numbered part of a thread"
    if any(_THANKS_ANSWERED.search(opening) for opening in openings):
        return "an answer to the customer's thanks"
    if any(_FOLLOW_UP.search(opening) for opening in openings) or _STILL.search(body):
        return "a follow-up in a conversation"
    if _is_lone_question(body):
        return "a lone clarifying question"
    return None


def framed_message(unit: Unit) -> str | None:
    """Why a unit is only the frame around a message filled in elsewhere (a line that is just
    `%{response}`, `{message}` or a name ending in one, `{{ group.rules_msg }}`); None when it is not."""
    text = unit.text.text
    for offset, placeholder in unit.placeholders.items():
        line_start = text.rfind("\n", 0, offset) + 1
        line_end = text.find("\n", offset)
        line = text[line_start:len(text) if line_end < 0 else line_end].strip()
        # the variable itself, without what the template does with it («x or ''», «x | default»)
        name = _VARIABLE.match(placeholder.name).group(0).rsplit(".", 1)[-1].lower()
        if line == PLACEHOLDER_MARK and (name in _MESSAGE_FILLS
                                         or _NAME_PART.split(name)[-1] in _MESSAGE_SUFFIXES):
            return "a frame around a message written elsewhere"
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
    "an announcement sent first": "un anuncio que la organización envía primero",
    "a bot speaking": "un bot que habla",
    "a notification to staff": "un aviso al personal",
    "an activity digest": "un resumen de actividad",
    "an account to confirm": "una cuenta que confirmar",
    "a why-you-got-this line": "una línea de «recibe este correo porque»",
    "a status line": "una línea de estado",
    "an account notice": "un aviso sobre la cuenta",
    "a heading that names a notice": "un asunto o un título que dice que es un aviso",
    "a password reset link": "un enlace para restablecer la contraseña",
    "an account to confirm through a link": "una cuenta que confirmar con un enlace",
    "an error report": "un informe de errores del sistema",
    "a reply waiting in a ticket": "una respuesta que espera en una solicitud",
    "a satisfaction survey": "una encuesta de satisfacción",
    "a moderation notice": "una decisión de moderación",
    "a security alert": "una alerta de seguridad sobre el inicio de sesión",
    "a mail that says it confirms or reports an event": "un correo que dice que confirma o notifica lo sucedido",
    "a form of filled-in fields": "un formulario de campos rellenados",
    "a record filled in": "un registro de datos rellenado",
    "a value only a program fills in": "un dato que solo rellena un programa",
    "a mail the application writes in its code": "un correo que la aplicación escribe en su código",
    "a state change of an order, ticket or account": "un cambio de estado de un pedido, una solicitud o una cuenta",
    "a reference number handed over": "un número de referencia entregado",
    "a pointer to the order or account page": "una indicación a la página del pedido o de la cuenta",
    "a platform footer": "un pie con la plataforma que envía",
    "a document handed over": "un documento entregado",
    "an amount or reference filled in": "un importe o una referencia rellenados",
    "a payment or a review asked for": "un pago o una reseña que se piden",
    "a frame around a message written elsewhere": "un marco alrededor de un mensaje escrito en otra parte",
    "a one-line heading, subject or link": "una sola línea, como un asunto, un título o un enlace",
    "a numbered part of a thread": "una parte numerada de un hilo",
    "an answer to the customer's thanks": "una respuesta al agradecimiento del cliente",
    "a follow-up in a conversation": "un seguimiento dentro de una conversación",
    "a lone clarifying question": "una sola pregunta aclaratoria",
    "a lone pointer to a link": "una sola frase que remite a un enlace",
    "a mail's closing on its own": "solo el cierre de un correo",
    "Catalan": "catalán", "Portuguese": "portugués", "French": "francés", "Italian": "italiano", "German": "alemán",
}


def named_in(lang: str, name: str) -> str:
    """A signal's or language's name as a note in `lang` says it."""
    return SPANISH_NAMES.get(name, name) if lang == "es" else name


def is_faq(unit: Unit) -> bool:
    """A page whose headings are questions (`## ¿Cómo cambio la contraseña?`), each with its answer."""
    questions = unit.question_headings()
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
_ANY_THIRD_WORD = frozenset().union(*_THIRD_WORDS.values())
_WORD = _Lazy(r"[^\W\d_]+")
MIN_THIRD_WORDS = 4
MIN_DISTINCT_THIRD_WORDS = 2


def third_language(text: str) -> tuple[str, list[str]] | None:
    """(language, its words found) when the text is clearly in a language other than Spanish
    or English; None otherwise, and always on texts with too few function words to tell."""
    words = [word for word in _WORD.findall(text[:20_000].lower()) if word in _ANY_THIRD_WORD or word in _NATIVE]
    third = [word for word in words if word in _ANY_THIRD_WORD]
    if len(third) < MIN_THIRD_WORDS:  # most texts: no language has the evidence
        return None
    native = len(words) - len(third)
    found = {language: [w for w in third if w in vocabulary] for language, vocabulary in _THIRD_WORDS.items()}
    language, evidence = max(found.items(), key=lambda item: len(item[1]))
    # several different words: one repeated word («é», «é», «é») may be a stray letter
    if (len(evidence) >= MIN_THIRD_WORDS and len(evidence) >= 3 * max(native, 1)
            and len(set(evidence)) >= MIN_DISTINCT_THIRD_WORDS):
        return language, _distinct(evidence)
    return None


# Marks of contract language, each counted once however often it occurs (see the module's
# docstring). Everyday words of service (warranty, liability, guarantee, responsabilidad,
# garantía) are not among them: replies use them all the time. Each mark comes with the
# lowercase letters any of its forms holds: a unit that holds the letters of fewer than
# MIN_LEGAL_MARKS marks (nearly every one) is not searched at all. Contract terms first,
# with what replies also say about privacy; then what only a privacy or cookie policy says.
_TERMS_MARKS = (
    (("hereby", "hereof", "herein", "hereunder", "hereto", "thereof", "thereto", "thereunder", "then-"),
     r"\b(?:here(?:by|of|in|under|to|inafter)|there(?:of|to|under))\b|"
     r"\bthen-(?:applicable|current|prevailing)\b"),
    (("this agreement",), r"\bthis agreement\b"),
    (("indemn", "harmless"), r"\bindemnif\w*|\bhold harmless\b|\bindemniz\w*|\bmantener indemne\b"),
    (("licensor", "licensed under", "licenciante"), r"\blicensors?\b|\blicensed under\b|\blicenciantes?\b"),
    (("in no event", "ningún caso", "ningun caso"), r"\bin no event\b|\ben ning[uú]n caso\b"),
    (("governing law", "governed by the law", "n aplicable", "ley aplicable"),
     r"\bgoverning law\b|\bgoverned by the laws? of\b|\b(?:legislaci[oó]n|ley) aplicable\b"),
    (("jurisdic",), r"\bjurisdicti?on\b|\bjurisdicci[oó]n\b"),
    (("intellectual", "intelectual"), r"\bintellectual property\b|\bpropiedad intelectual\b"),
    (("disclaim", "exenci", "exime", "no responsib", "no liab", "hacemos responsables", "ninguna responsabilidad"),
     r"\bdisclaim\w*|\bexenci[oó]n de responsabilidad\b|\bse exime\b|\b(?:have|has|accept|assume|take) no "
     r"(?:responsibility|liability)\b|\bno nos hacemos responsables\b|\bno (?:asumimos|aceptamos) ninguna responsabilidad\b"),
    (("warrant", "represent or imply"), r"\brepresents? and warrants?\b|\brepresentations? (?:and|or) warrant(?:y|ies)\b|"
                                        r"\brepresent or imply\b"),
    (("discretion", "discreci"), r"\b(?:sole |at (?:our|its) )discretion\b|\ba su (?:sola|entera|exclusiva) discreci[oó]n\b"),
    (("without limit", "not limited to", "limitativ", "sin limitaci", "no limitad"),
     r"\bwithout limit(?:ation|ing)\b|\bincluding,? but not limited to\b|\bsin (?:car[aá]cter )?limitativ\w*|"
     r"\bsin limitaci[oó]n\b|\bincluyendo,? pero no limitad[oa] a\b"),
    (("terms of service", "terms of use", "terms and conditions", "rminos del servicio", "rminos de uso",
      "rminos y condiciones", "condiciones generales", "condiciones de uso"),
     r"\bterms (?:of (?:service|use)|and conditions)\b|"
     r"\bt[eé]rminos (?:del servicio|de uso|y condiciones)\b|\bcondiciones (?:generales|de uso)\b"),
    (("presente",), r"\b(?:el|la) presente (?:contrato|acuerdo|documento|aviso legal)\b|\bpor la presente\b"),
    # What a contract binds the reader to, and the duties it disowns or the harms it ties to use: terms say
    # "you agree that", "you authorize", "arising out of", "no obligation to"; replies say "as agreed at checkout".
    (("you agree", "you acknowledge", "you hereby", "you are fully", "you are solely", "you are entirely"),
     r"\byou (?:hereby )?(?:agree|acknowledge) (?:to|that)\b|\byou are (?:fully|solely|entirely) responsible for\b"),
    (("liable", "omissions"), r"\b(?:will|shall) not be (?:held )?liable\b|\bacts or omissions\b"),
    (("damages",), r"\bdamages of any kind\b|\b(?:direct|indirect|incidental|consequential|special|punitive|exemplary) damages\b"),
    (("you authori", "you hereby authori"), r"\byou (?:hereby )?authori[sz]e\b"),
    (("arising", "resulting from", "in connection with"),
     r"\barising (?:out of|from|under)\b|\b(?:resulting from|in connection with) (?:your|the|any) use of\b"),
    (("obligation",), r"\b(?:has|have|will have|shall have|is under|are under) no obligation\b|\bthough not the obligation\b"),
    (("infring",), r"\binfring(?:e|es|ed|ing|ement|ements|er|ers)\b"),
    # Privacy and cookie policies. What a reply says about privacy (the policy, personal data,
    # third parties) is one mark however it is put; what only the policy itself says (what it
    # collects, keeps and discloses, the cookies it sets, the law it follows) are marks of their own.
    (("privacy polic", "personal data", "personal information", "personally identifiable", "third part", "third-part",
      "outside parties", "de privacidad", "datos personales", "información personal", "informacion personal", "terceros",
      "terceras"),
     r"\bprivacy polic(?:y|ies)\b|\bpersonal(?:ly identifiable)? (?:data|information)\b|\bthird[- ]part(?:y|ies)\b|"
     r"\boutside parties\b|\bpol[ií]ticas? de privacidad\b|\bdatos personales\b|\binformaci[oó]n personal\b|"
     r"\b(?:a|de) terceros\b|\bterceras (?:personas|partes)\b"),
)
# What only a privacy or cookie policy says: two different ones make a section of a policy
# (MIN_POLICY_MARKS) when nothing in the unit answers someone (see _policy_section()).
_POLICY_MARKS = (
    (("collect", "we gather", "we may gather", "recopil", "recolect", "recab", "recogemos", "recogeremos", "recogid"),
     r"\bwe (?:may )?(?:collect|gather)\b|\binformation (?:that )?(?:we )?collect(?:ed)?\b|\bcollected (?:through|via|on|from)\b|"
     r"\b(?:recopil|recolect|recab)\w+|\b(?:recogemos|recogeremos|datos recogidos|informaci[oó]n recogida)\b"),
    (("cookie",), r"\bwe use cookies\b|\bcookies (?:are|enable|allow|also|help)\b|\b(?:analytics?|advertising|essential|"
                  r"functional|performance|third-party|session|persistent|tracking) cookies\b|\buse of cookies\b|\bcookies? "
                  r"(?:policy|settings|consent)\b|\b(?:utilizamos|usamos|utiliza|usa) cookies\b|\blas cookies (?:son|permiten|"
                  r"tambi[eé]n|se)\b|\bestas cookies\b|\bcookies (?:propias|de terceros|anal[ií]ticas|t[eé]cnicas|de sesi[oó]n|persistentes|"
                  r"publicitarias)\b|\b(?:uso|pol[ií]tica) de (?:las )?cookies\b"),
    (("consent", "by using", "by accessing", "by visiting", "al usar", "al utilizar", "al navegar", "al acceder"), r"\byou consent to\b|\byour consent\b|\b(?:parental|prior|express|explicit) consent\b|\bby (?:using|accessing|visiting) (?:our|this) "
                                        r"(?:site|website|web site|service|services)\b|\bconsentimiento\b|\bal (?:usar|utilizar|navegar "
                                        r"por|acceder a) (?:este|nuestro) (?:sitio|sitio web|web|servicio)\b"),
    (("coppa", "gdpr", "ccpa", "rgpd", "lopd", "dmca", "digital millennium", "privacy protection", "data protection", "commissioner", "controller",
      "protección de", "proteccion de", "responsable del tratamiento", "protect user", "protects user", "protecting user",
      "protect the user", "protects the user", "protecting the user", "proteger los datos"),
     r"\b(?:COPPA|GDPR|CCPA|RGPD|LOPD\w*|DMCA)\b|\bchildren's online privacy protection\b|\bdigital millennium copyright act\b|\bdata protection (?:act|officer)\b|"
     r"\binformation commissioner\b|\bdata controller\b|\bprotecci[oó]n de (?:la privacidad|datos)\b|"
     r"\bresponsable del tratamiento\b|\bprotect(?:s|ing)? (?:the )?users?'?s?'? (?:data|information)\b|"
     r"\bproteger los datos de (?:los )?usuarios\b"),
    (("right to", "rights to", "opt-out", "opt out", "complaint", "withdraw", "derecho", "revocar"),
     r"\b(?:the|your) rights? to (?:access|request|object|erasure|rectif\w*|be forgotten|data portability)\b|"
     r"\blodge a complaint\b|\bopt[- ]out\b|\bwithdraw (?:your )?consent\b|\bderechos ARCO\b|"
     r"\bderechos? de (?:acceso|rectificaci[oó]n|supresi[oó]n|oposici[oó]n|cancelaci[oó]n|portabilidad)\b|"
     r"\brevocar (?:su|tu|el) consentimiento\b"),
    (("not sell", "not rent", "not trade", "'t sell", "'t rent", "'t trade", "never sell", "never rent", "never trade",
      "disclos", "vendemos", "cedemos", "cederemos", "revelamos", "revelaremos", "revelemos", "divulgamos"),
     r"\bwe (?:do not|don't|never|will not|won't) (?:sell|rent|trade|disclose)\b|\bdisclos(?:e|es|ed|ure)\b|"
     r"\b(?:no )?(?:vendemos|cedemos|cederemos|revelamos|revelaremos|revelemos|divulgamos)\b"),
    (("retain", "retention", "server log", "conserva", "registros del servidor"),
     r"\bretain(?:s|ed)?\b|\bretention\b|\bserver logs\b|\bconservamos\b|\bconservaremos\b|\bplazo de conservaci[oó]n\b|"
     r"\bregistros del servidor\b"),
    (("behalf", "service provider", "aggregate", "site traffic", "purposes", "nuestro nombre", "proveedores de servicio",
      "con fines", "con prop", "agregados", "tráfico del sitio", "trafico del sitio", "bitos de navegaci",
      "your preferences", "tus preferencias", "sus preferencias", "tu idioma", "su idioma"),
     r"\bon our behalf\b|\bservice providers\b|\baggregated? (?:data|information)\b|\bsite traffic\b|"
     r"\bfor (?:marketing|advertising|analytics) purposes\b|\ben nuestro nombre\b|\bproveedores de servicios\b|"
     r"\bcon (?:fines|prop[oó]sitos) (?:de )?(?:publicitarios|anal[ií]ticos|estad[ií]sticos|marketing|publicidad)\b|"
     r"\bdatos agregados\b|\btr[aá]fico del sitio\b|\bh[aá]bitos de navegaci[oó]n\b|"
     r"\b(?:remember|understand|save) your preferences\b|\b(?:recordar|entender|guardar) (?:tus|sus) preferencias\b|"
     r"\brecordar (?:tu|su) idioma\b"),
    (("your browser", "your device", "your computer", "hard drive", "navegador", "dispositivo", "ordenador", "disco duro"),
     r"\b(?:stored|store|placed|sent) (?:in|on|to) your (?:browser|device|computer)\b|\bhard drive\b|"
     r"\b(?:almacenan?|guardan?) en (?:su|tu) (?:navegador|dispositivo|ordenador)\b|\bdisco duro\b"),
    (("your information", "your personal", "your data", "tu informaci", "su informaci", "tus informaci", "sus informaci",
      "tu datos", "su datos", "tus datos", "sus datos"),
     r"\b(?:use|uses|using|process|processes|processing) (?:of )?your (?:personal )?(?:information|data)\b|"
     r"\byour (?:personal )?(?:information|data) (?:helps|may be|will be) (?:used|us)\b|"
     r"\b(?:usamos|utilizamos|usaremos|utilizaremos|tratamos|trataremos) (?:tu|su|tus|sus) (?:informaci[oó]n|datos)\b|"
     r"\b(?:tu|su) informaci[oó]n nos ayuda\b"),
    (("you provide", "you submit", "you give us"),
     r"\b(?:information|data|e-?mail address(?:es)?|details) (?:that )?you (?:provide|submit|give us)\b"),
    (("under 1", "least 1", "over 1", "age of 1", "es de 1", "os de 1", "3 o m", "4 o m", "6 o m"),
     r"\b(?:under|at least|over) (?:the age of )?1[346]\b|\b(?:menores|mayores) de 1[346] a[nñ]os\b|"
     r"\b1[346] o m[aá]s a[nñ]os\b|\bmenos de 1[346] a[nñ]os\b"),
    (("ip address", "ón ip", "on ip", "ones ip", "ónes ip"), r"\bIP address(?:es)?\b|\bdirecci[oó]n(?:es)? IP\b"),
    # What a cookie category says it is for: advertising made for publishers and advertisers, following
    # the reader to other websites, authenticating users (a reply explains one of them, not two).
    (("advertis", "relevant ad", "targeted ad", "personalised ad", "personalized ad", "interest-based ad", "ad campaign",
      "anunciantes", "anuncios", "publicidad", "publicitari"),
     r"\b(?:publishers and )?advertisers\b|\b(?:more )?relevant (?:ads|advertisements|advertising)\b|"
     r"\b(?:personali[sz]ed|targeted|interest-based) (?:ads|advertisements|advertising)\b|\bad campaigns?\b|"
     r"\b(?:editores y (?:los )?)?anunciantes\b|\banuncios (?:más )?(?:relevantes|personalizados)\b|"
     r"\bpublicidad (?:más )?(?:relevante|personalizada|dirigida|segmentada)\b|\bcampañas? publicitarias?\b"),
    (("other web", "other site", "multiple web", "multiple site", "different web", "different site", "across web", "across site",
      "otros sitios", "distintos sitios", "diferentes sitios", "varios sitios"),
     r"\b(?:when you visit|you visit|across) (?:other|multiple|different) (?:web ?)?sites\b|\bacross (?:web ?)?sites\b|"
     r"\b(?:visita|visitas|visitan|visite|visites) otros sitios(?: web)?\b|"
     r"\b(?:a través de|en) (?:distintos|diferentes|varios) sitios web\b"),
    (("authenticat", "autenticar"), r"\bauthenticat(?:e|es|ing) (?:the )?users\b|\bautenticar a (?:los )?usuarios\b"),
)
_LEGAL_MARKS = (*_TERMS_MARKS, *_POLICY_MARKS,
                (("comply with", "cumplir con la ley"), r"\bcomply with (?:the|applicable) laws?\b|\bcumplir con la ley\b"))
# All the marks in one expression, each a named group: one scan of a unit instead of one per mark.
_ANY_LEGAL_MARK = _Lazy("|".join(f"(?P<m{n}>{mark})" for n, (_, mark) in enumerate(_LEGAL_MARKS)), re.IGNORECASE)
MIN_LEGAL_MARKS = 3
_MESSAGE_BEFORE_FOOTER_WORDS = 12
# The named groups of the marks only a policy uses, and how many different ones make a section of one.
_POLICY_GROUPS = frozenset(f"m{n}" for n in range(len(_TERMS_MARKS), len(_TERMS_MARKS) + len(_POLICY_MARKS)))
MIN_POLICY_MARKS = 2
# Thanks for something the reader did: a reply (or a notice), never a policy's section.
_THANKS = _Lazy(r"\b(?:thanks|thank you) for\b|\bgracias por\b|\b(?:le|te|les|os) agradec\w+", re.IGNORECASE)


def legal_terms(text: str) -> list[str]:
    """The marks of contract language in the text, as written and in its order, when there
    are enough different ones to read it as legal terms, or enough of those only a privacy or
    cookie policy uses to read it as a section of one; otherwise an empty list."""
    lowered = text.lower()
    if not _any_hint().search(lowered) or _hinted_marks(lowered) < MIN_POLICY_MARKS:
        return []
    first: dict[str, str] = {}  # mark -> its first words, in the text's order
    opening = len(text)  # where the first mark starts
    for match in _ANY_LEGAL_MARK.finditer(text):
        if not first:
            opening = match.start()
        first.setdefault(match.lastgroup or "", match.group(0))
    if _footer_of_a_message(text, opening):
        return []
    if len(first) >= MIN_LEGAL_MARKS or _policy_section(text, lowered, first):
        return list(first.values())
    return []


def _footer_of_a_message(text: str, first_mark: int) -> bool:
    """Legal marks that start only after a message that greets its reader has said something
    are its footer (a confidentiality notice, the data-protection clause under a booking
    e-mail): the message above them is still judged. The greeting may follow the mail's title
    («Confirmación de Reserva», then «Hola, Ana»); terms and policies greet nobody."""
    before = text[:first_mark].strip()
    return greets(before) and len(before.split()) >= _MESSAGE_BEFORE_FOOTER_WORDS


def _policy_section(text: str, lowered: str, first: dict[str, str]) -> bool:
    """A section of a privacy or cookie policy («¿Qué información recopilamos?», a minors'
    clause naming COPPA and an age limit): two different marks that only a policy uses, in a unit
    that opens with no greeting and thanks nobody. A reply to a request about someone's data
    («Hola Pablo: gracias por su mensaje… hemos atendido su derecho de acceso… conservamos…»)
    stays judged. (A policy may say "the updates you asked for": the reply signals of a notice
    are not a veto here.)"""
    if len(_POLICY_GROUPS.intersection(first)) < MIN_POLICY_MARKS:
        return False
    return not _GREETING.match(text.lstrip()) and not _THANKS.found_in(text, lowered)


@cache
def _any_hint() -> re.Pattern:
    """Every letter hint of every mark in one expression: most units (nineteen in twenty)
    hold none, and one search says so in a fifth of the time the loop of _hinted_marks
    takes. Built on first use, as _Lazy expressions are compiled."""
    return re.compile(_any_literal(hint for hints, _ in _LEGAL_MARKS for hint in hints))


def _hinted_marks(lowered: str) -> int:
    """How many marks have one of their letter hints in the lowered text (plain loops: this
    runs on every unit, and most have none)."""
    count = 0
    for hints, _ in _LEGAL_MARKS:
        for letters in hints:
            if letters in lowered:
                count += 1
                break
    return count


def _distinct(words: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(words))
