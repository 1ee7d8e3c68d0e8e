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

# A template's tag: {{ x }}, {x}, <%= x %>, %x%, ${x}, $x, [NAME], *|X|*.
_TAG = re.compile(r"\{\{.*?\}\}|\{[^{}\n]*\}|<%.*?%>|%[A-Za-z_][\w.]*%|\$\{[^}\n]*\}|\$[A-Za-z_][\w.>-]*"
                  r"|\[[A-Z][A-Z0-9_ ]*\]|\*\|[A-Z0-9_]+\|\*")
_FIELD_WORDS = 2


def speaker_role(word: str) -> str | None:
    """'agent' or 'customer' for a speaker word or YAML speaker value, else None."""
    word = word.strip().lower()
    if word in AGENT_WORDS:
        return "agent"
    if word in CUSTOMER_WORDS:
        return "customer"
    return None


def match_label(line: str) -> tuple[str, int] | None:
    """(role, length of the label) when `line` opens with a speaker label, not a form's field
    (see _is_field)."""
    match = SPEAKER_LABEL.match(line)
    if not match:
        return None
    role = speaker_role(match.group("role"))
    if not role or (role == "customer" and _is_field(line[match.end():])):
        return None
    return role, match.end()


def _is_field(value: str) -> bool:
    """A customer label's value that a template fills in ("Cliente: {{ nombre }}", "Customer: {$name}
    ({$email})"): a form's field in a notice, not the customer speaking, and the lines after it are the
    organisation's. A line said ends as a sentence does ("Agent: {{ company }}." opens a call)."""
    rest, tags = _TAG.subn(" ", value)
    said = value.rstrip().endswith((".", "!", "?", "…"))
    return tags > 0 and len(re.findall(r"\w+", rest)) <= _FIELD_WORDS and not said
