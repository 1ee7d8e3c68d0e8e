"""Which of Spain's languages a text is in: Spanish, Catalan, Galician, Basque, or English.

Offline and deterministic, for the es-ley-10-2025 profile (LEY005). Each word is
evidence for a language when it is one of that language's very common words that
the other four do not share (Catalan «amb», «però»; Galician «non», «unha», «xa»;
Basque «eta», «zure», «eskerrik»), or when its spelling is one only that language
has (Spanish «ue»/«ie» diphthongs, Catalan «l·l» and grave accents, Galician «nh»
and an initial «x» before a vowel, Basque «tz» and its case endings, English «th»). Words the
languages share («de», «la», «que», «no», «un») are evidence for none.

The detector abstains (returns None) rather than guess:
- on fewer than MIN_WORDS words: a greeting or a one-line answer («Hola», «D'acord»)
  is written alike in several of these languages;
- on fewer than MIN_EVIDENCE pieces of evidence for the leading language: one
  distinctive word can be a name or a quoted term;
- when the leading language does not have MARGIN times the runner-up's evidence:
  the text mixes languages (a Catalan customer quoting a Spanish bill), and saying
  which one "the" language is would be a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LANGUAGES = ("es", "ca", "gl", "eu", "en")
NAMES = {"es": "castellano", "ca": "catalán", "gl": "gallego", "eu": "euskera", "en": "inglés"}
MIN_WORDS = 4
MIN_EVIDENCE = 2
MARGIN = 2.0

# Common words each language uses and the other four do not (as words of their own).
_WORDS = {
    "es": """y los usted ustedes muy hemos gracias su sus le lo nuestro nuestra nuestros nuestras
        también puede pueden ya hay muchas muchos mucho cuando ahora disculpe disculpas lamentamos
        sentimos atentamente saludos quiero tengo necesito mi mis estoy qué cómo dónde cuál hoy
        mañana ayer mismo misma nadie servicio suministro llamada las hacer hacerlo hace
        hacemos hecho mío mía línea eso esto entonces otro otra otros otras hasta""",
    "ca": """i els amb per però perquè què és són molt moltes molts gràcies vostè vostès seva seves
        hem heu ens nostre nostra nostres aquest aquesta això també ja dia dies avui demà fins
        tot tots totes encara quan hi ho pel pels dels als voldria vull tinc puc pot podem
        mateix setmana rebut reclamació servei subministrament gestió atenció informació bon
        bona tingueu plau meu meva més li em línia dues hores l d""",
    "gl": """e os do das na nas non moi grazas unha unhas xa tamén vostede vostedes súa súas noso
        nosa nosos nosas coa co polo pola ao aos cando onde agora hoxe mañá teño quero podo pode
        facer ten hai isto iso servizo subministración xestión máis algunha ningunha nin vai boa
        bos bo pagamento moito moita lle lles dúas dous onte deste desta neste nesta
        ninguén mesmo mesma vén preciso é meu""",
    "eu": """eta zure zuk zuen gure dugu duzu du dut ez bai eskerrik asko mesedez kaixo egun agur
        bat hau hori hemen orain gaur bihar ere edo baina baino behar nahi dago daude dira izan
        egin egiten bidali faktura zerbitzua erreklamazioa kexa laguntza bezeroa zenbakia
        ordaindu esker ahal nola zer noiz nire den jada bi""",
    "en": """the and to of is are you your we our for with this that it be will have has can not
        please thank thanks hello dear order if at from by my would could sorry any been was
        because am what when there about all want need know""",
}
# Spellings only one of the five languages writes, matched inside a word: Spanish
# diphthongs where Catalan and Galician keep the plain vowel («puede», «tiene») and
# «-dad» (Catalan «-tat», Galician «-dade»); the Catalan grave accent, «l·l» and
# first-person plural «-em»; Galician «nh», initial «x», the enclitic «-lle» after a
# stressed syllable and the preterite «-ou»/«-íu»; Basque «tz», participles in «-tu»
# and case endings; English «th».
_SPELLINGS = {
    "es": re.compile(r"ñ|ciones$|dad$|(?<![qg])ue|ie(?!s$)"),
    "ca": re.compile(r"l·l|[àèò]|ció$|cions$|em$|mpt"),
    "gl": re.compile(r"nh[ao]|^x[aeiou]|[ie]zo$|cións$|[áéíóú]\w*lles?$|(?<![ty])ou$|íu$"),
    "eu": re.compile(r"tz|(?:ak|ek|ok|ko|tu|tik|rekin|aren|etan)$"),
    "en": re.compile(r"th|ing$|ould$"),
}
# A word listed under two languages (Catalan and Galician «meu») is evidence for neither.
_SHARED = frozenset().union(*({*_WORDS[a].split()} & {*_WORDS[b].split()}
                              for a in LANGUAGES for b in LANGUAGES if a < b))
_VOCABULARY = {lang: frozenset(words.split()) - _SHARED for lang, words in _WORDS.items()}
# Placeholders, links and addresses say nothing about the language the text is in.
_NOT_PROSE = re.compile(r"\{\{.*?\}\}|\{[^{}]*\}|%\w|https?://\S+|\S+@\S+|\ue000|\ue001")
_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|·)*")


@dataclass(frozen=True)
class Guess:
    lang: str
    evidence: int  # words that speak for it
    runner_up: int  # the most any other language got


def evidence(text: str) -> dict[str, int]:
    """How many words of the text speak for each language."""
    scores = dict.fromkeys(LANGUAGES, 0)
    for written in _WORD.findall(_NOT_PROSE.sub(" ", text)):
        if written == "I":  # the English pronoun: Catalan «i» (and) is written in lower case
            scores["en"] += 1
            continue
        word = written.lower()
        for lang in LANGUAGES:
            if word in _VOCABULARY[lang] or (len(word) > 2 and _SPELLINGS[lang].search(word)):
                scores[lang] += 1
    return scores


def identify(text: str) -> Guess | None:
    """The language the text is in, or None when it is too short, too weak or mixed to say."""
    if len(_WORD.findall(_NOT_PROSE.sub(" ", text))) < MIN_WORDS:
        return None
    ranked = sorted(evidence(text).items(), key=lambda item: -item[1])
    (lang, best), (_, second) = ranked[0], ranked[1]
    if best < MIN_EVIDENCE or best < MARGIN * second:
        return None
    return Guess(lang, best, second)
