"""Conversations (chats, tickets, call transcripts) as an input: a model, readers for
common export formats, and linting of one conversation as a call script."""
