"""Latency of the language server: from `didChange` to the published diagnostics, on a
warm server, for a ~300-word Spanish e-mail and a ~3,000-word English FAQ page.

    python bench/lsp.py [--rounds 40]

The texts are generated here from sentences written for this benchmark. Each round
changes one number in the text after a pause longer than the server's debounce (a
writer who stopped typing), and times the change until the diagnostics of that
version arrive. A second figure times a burst of keystrokes 30 ms apart, from the
last one to the diagnostics: what the debounce adds while the writer types. The
server runs as a real process over stdio (svclint/lsp/client.py); figures are
printed, never asserted (the targets are ≤ 50 ms and ≤ 200 ms after a pause).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from svclint.lsp.client import Editor
from svclint.lsp.server import DEBOUNCE_SECONDS

EMAIL_PARTS = (
    ("Asunto: Su pedido {number}\n\nHola, Lucía:\n\nGracias por escribirnos y por contarnos con tanto detalle "
     "lo que pasó con el pedido {number}."),
    "Entiendo que esperaba el paquete el martes y que nadie le avisó del retraso; lamento mucho las molestias.",
    ("He revisado el envío: salió de nuestro almacén de Zaragoza el lunes, pero la empresa de transporte lo dejó "
     "en un punto de recogida equivocado, a varios kilómetros de su casa."),
    ("Ya he pedido que lo lleven a su domicilio y el transportista me confirma que llegará el jueves por la "
     "mañana, entre las nueve y las doce."),
    "Le enviaremos el número de seguimiento a la mayor brevedad posible, para que pueda ver cada paso.",
    ("Además, le he devuelto los gastos de envío en la misma tarjeta con la que pagó; verá el abono en tres o "
     "cuatro días hábiles, según su banco."),
    ("Como el retraso fue culpa nuestra, he añadido a su cuenta un descuento de diez euros para su próxima "
     "compra; no caduca y se aplica solo al pagar."),
    ("Si prefiere no esperar al jueves, también puede recoger el paquete hoy mismo en el punto de recogida: "
     "solo tiene que enseñar el código que le llegará por SMS y un documento de identidad."),
    ("Si el jueves no ha recibido el paquete, responda a este correo y lo resolveré yo misma, sin que tenga que "
     "explicarlo otra vez."),
    "Cálmese, por favor, que todo tiene arreglo.",
    ("Y si alguna pieza llega dañada, mándenos una foto y le enviaremos otra el mismo día, sin esperar a que "
     "nos devuelva la primera."),
    ("También puede llamarnos al 900 100 200 de lunes a viernes, de nueve de la mañana a ocho de la tarde, o "
     "escribirnos por el chat de la web."),
    "Gracias por su paciencia y por seguir confiando en nosotros.\n\nUn saludo,\nMarta\nAtención al cliente",
)
FAQ_PAIRS = (
    ("How do I change my delivery address?", (
        "Open your account, choose Orders and pick the order. While it has not left the warehouse you can type a "
        "new address; once it has, write to us and we will ask the carrier to redirect it. Redirection is free "
        "and usually adds one working day.")),
    ("When will I get my refund?", (
        "We send the refund the day your return reaches us. Card refunds take three to five working days to show, "
        "bank transfers one or two. If it has not arrived after a week, reply to your return e-mail and we will "
        "trace it with the bank.")),
    ("Can I pay in instalments?", (
        "Yes, for orders over 90 euros you can split the payment into three monthly instalments at no extra cost. "
        "Choose the option at checkout; the first payment is taken when the order ships. The SLA for approval is "
        "one working day.")),
    ("What if my parcel arrives damaged?", (
        "Take a photo of the box and the product and send them to us within fourteen days. We will send a "
        "replacement straight away, without waiting for the damaged item to come back, and a courier will "
        "collect it at a time that suits you.")),
    ("How do I cancel my subscription?", (
        "Go to Settings, then Subscription, and press Cancel. You keep access until the end of the period you "
        "paid for, and we never charge you again. If you change your mind, you can start again from the same "
        "page and keep your history.")),
)


def email() -> str:
    return " ".join(EMAIL_PARTS)


def faq(words: int = 3000) -> str:
    """A FAQ page of about `words` words: the pairs repeated, each copy numbered."""
    sections, count, copy = ["# Help centre\n"], 0, 0
    while count < words:
        copy += 1
        for question, answer in FAQ_PAIRS:
            sections.append(f"## {question} ({copy})\n\n{answer} Reference {{number}}-{copy}.\n")
            count += len(question.split()) + len(answer.split()) + 2
    return "\n".join(sections)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def after_pause(editor: Editor, name: str, template: str, rounds: int) -> list[float]:
    """Milliseconds from each change (after a pause) to its diagnostics."""
    timings = []
    for version in range(2, rounds + 2):
        time.sleep(DEBOUNCE_SECONDS + 0.05)
        seen = len(editor.published[editor.uri(name)])
        start = time.perf_counter()
        editor.change(name, version, template.format(number=4400 + version))
        editor.wait(name, seen, version)
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def burst(editor: Editor, name: str, template: str, first_version: int, keystrokes: int = 5) -> float:
    """Milliseconds from the last of a burst of changes 30 ms apart to its diagnostics."""
    time.sleep(DEBOUNCE_SECONDS + 0.05)
    seen = len(editor.published[editor.uri(name)])
    last = first_version + keystrokes - 1
    for version in range(first_version, last + 1):
        start = time.perf_counter()
        editor.change(name, version, template.format(number=9000 + version))
        time.sleep(0.03)
    editor.wait(name, seen, last)
    return (time.perf_counter() - start) * 1000


def report(label: str, words: int, timings: list[float], bursts: list[float]) -> None:
    print(f"{label:24} {words:6,} words  after a pause: median {statistics.median(timings):6.1f} ms, "
          f"p95 {percentile(timings, 0.95):6.1f} ms (n={len(timings)})  "
          f"end of a burst: median {statistics.median(bursts):6.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=40)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="svclint-lsp-bench-") as folder:
        editor = Editor(Path(folder))
        try:
            for label, name, template in (("e-mail (es)", "respuesta.txt", email()), ("FAQ page (en)", "faq.md", faq())):
                editor.open(name, template.format(number=4400), "markdown" if name.endswith(".md") else "plaintext")
                timings = after_pause(editor, name, template, options.rounds)
                version = options.rounds + 2
                bursts = [burst(editor, name, template, version + 5 * index) for index in range(5)]
                report(label, len(template.split()), timings, bursts)
        finally:
            editor.close()


if __name__ == "__main__":
    main()
