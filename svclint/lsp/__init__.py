"""`svclint lsp`: a language server over standard input and output (svclint/lsp/server.py)."""
