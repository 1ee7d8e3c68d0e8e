"""`svclint serve`: a local studio page for writers (svclint/studio/app.py).

The page pastes or opens a text, shows svclint's findings in it, explains each
rule, applies fixes and tries new rules written in the pack syntax. Everything
goes through the library API (svclint.api), so the page and the command line
never disagree; the server listens on loopback only and writes no file.
"""
