"""The pattern language of rule packs and svclint's own matcher for it.

A pack writes what a rule looks for as short patterns (`no se|te $get_angry`,
`[llamar:imp] (de nuevo|otra vez)?`, `/^calm(ed|ing)?$/`): words, one-word
alternatives, groups of phrases, named word lists, every form of a word
(`[lemma]`), gaps, prefixes, regular expressions and token classes (syntax.py
lists them). They are matched on the NORMs of spaCy's tokens (lower case,
accents folded), inside one sentence.

Modules, each importing only those before it: `syntax` parses a pattern into
slots; `validate` refuses, when a pack loads, patterns that would match
anywhere or cost too much; `compile` turns slots into steps and chains and
indexes their literal pieces; `snapshot` saves that index as plain data and reads
it back; `matcher` runs it over a document.

svclint matches them itself instead of compiling them to spaCy's `Matcher` and
`PhraseMatcher`, which the first version did (start-up took 13 s). The reasons:

- A word list, a term or a group stays one step of a pattern, however many
  words it holds; the Matcher wants every phrase a class of classes spells out
  as a pattern of its own, and building it for these lists took seconds.
- `[lemma]` terms are spelled out when packs are compiled, from spaCy's lemma
  lookup tables and the Spanish enclitic and voseo forms they leave out
  (svclint.rules.lexicon), so documents are matched on NORM alone: no lemmatizer and
  no trained pipeline run on them.
- Every literal piece is found through one index of first words in one pass; a
  pattern is tried only in documents that hold every piece it requires, from
  the places of its rarest one, and only when a check asks for its key (most
  anti-patterns matter only where their rule already matched). The Matcher
  tries every pattern from every token.
- A pack's `/regex/` runs with a time limit per word and a budget per run, so a
  catastrophic one is switched off and reported (E905); the Matcher's REGEX
  uses Python's `re`, which cannot be stopped.
- The compiled patterns are saved in the cache and read back faster
  than they compile, which a one-file pre-commit run feels; a Matcher read back
  adds every pattern again.
"""

from svclint.rules.patterns.matcher import RUN_BUDGET, MatcherSet, Matches
from svclint.rules.patterns.syntax import PatternError, Slot, Wild, Word, parse
from svclint.rules.patterns.validate import pattern_problem

__all__ = ["RUN_BUDGET", "Matches", "MatcherSet", "PatternError", "Slot", "Wild", "Word", "parse", "pattern_problem"]
