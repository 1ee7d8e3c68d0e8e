"""Rule content turned into something that runs: the pack files read and validated
(`packs`), the pattern language they are written in (`patterns`), the lemma tables
behind `[lemma]` terms (`lexicon`), and one language's selected rules compiled into
a single matcher pass (`ruleset`). The YAML packs themselves live in the
repository's `rules/` folder (shipped as `svclint/_rules`); the checks that judge a
unit with them are in `svclint.checks`.
"""
