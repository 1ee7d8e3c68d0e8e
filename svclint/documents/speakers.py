"""Speaker labels that split a script written as lines ("Agente: …", "**Customer:** …")."""

from __future__ import annotations

import re

AGENT_WORDS = {
    "agente", "asesor", "asesora", "operador", "operadora", "teleoperador", "teleoperadora",
    "ejecutivo", "ejecutiva", "representante", "vendedor", "vendedora", "asistente", "empresa",
    "agent", "representative", "rep", "operator", "advisor", "adviser", "associate", "support",
    "assistant", "staff", "bot", "chatbot", "csr",
}
CUSTOMER_WORDS = {
    "cliente", "usuario", "usuaria", "llamante", "interlocutor", "interlocutora",
    "customer", "client", "caller", "user", "member", "guest",
}

# Optional bullet and emphasis, a role word, an optional name in brackets, a colon.
SPEAKER_LABEL = re.compile(
    r"""^[ \t]*(?:[-*+][ \t]+)?(?:\*\*|__|\*|_)?
        (?P<role>[^\W\d_]+)(?:[ \t]*[(\[][^)\]\n]{1,40}[)\]])?
        (?:\*\*|__|\*|_)?[ \t]*:(?:\*\*|__|\*|_)?[ \t]*""",
    re.VERBOSE,
)


def speaker_role(word: str) -> str | None:
    """'agent' or 'customer' for a speaker word or YAML speaker value, else None."""
    word = word.strip().lower()
    if word in AGENT_WORDS:
        return "agent"
    if word in CUSTOMER_WORDS:
        return "customer"
    return None


def match_label(line: str) -> tuple[str, int] | None:
    """(role, length of the label) when `line` opens with a speaker label."""
    match = SPEAKER_LABEL.match(line)
    if not match:
        return None
    role = speaker_role(match.group("role"))
    return (role, match.end()) if role else None
