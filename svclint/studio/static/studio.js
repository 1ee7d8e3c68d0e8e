// svclint studio: the page's behaviour. Plain DOM, no framework and nothing loaded
// from elsewhere; every finding, fix and explanation comes from the local server's API.
"use strict";

const LABELS = {
  es: {
    studio: "estudio", lang: "Idioma", kind: "Tipo", auto: "automático", name: "Nombre del archivo",
    pick: "Abrir archivo", served: "o de la carpeta:", open: "Abrir", paste: "Pegue aquí el texto que quiere revisar…",
    legend: "Gravedad:", error: "error", warning: "aviso", info: "nota", customer: "turno del cliente",
    applyAll: "Aplicar todas las correcciones", copy: "Copiar texto corregido", download: "Descargar informe JSON",
    findings: "Hallazgos", applyFix: "Aplicar corrección", playground: "Banco de pruebas de reglas",
    playgroundHelp: "Escriba una regla con la sintaxis de los paquetes (con sus ejemplos flag/pass): se valida y se prueba mientras escribe.",
    downloadPack: "Descargar paquete", checking: "Revisando…", none: "Sin hallazgos.", count: "hallazgos",
    copied: "Texto copiado.", suggestion: "Sugerencia:", notUtf8: "El archivo no es texto UTF-8.",
    packOk: "La regla es válida.", line: "línea", expectFlag: "debe señalar", expectPass: "debe pasar",
    ok: "correcto", failed: "falla", found: "encontrado", onText: "En el texto actual:", stale: "El texto cambió; revisando de nuevo.",
    anger: "Enfado", promises: "Promesas", "thanks-apology": "Gracias y disculpas", clarity: "Claridad",
    sins: "Pecados", protocol: "Protocolo", templates: "Plantillas", other: "Otros",
  },
  en: {
    studio: "studio", lang: "Language", kind: "Kind", auto: "automatic", name: "File name",
    pick: "Open file", served: "or from the folder:", open: "Open", paste: "Paste the text you want to check here…",
    legend: "Severity:", error: "error", warning: "warning", info: "info", customer: "customer's turn",
    applyAll: "Apply all fixes", copy: "Copy corrected text", download: "Download JSON report",
    findings: "Findings", applyFix: "Apply fix", playground: "Rule playground",
    playgroundHelp: "Write a rule in the pack syntax (with its flag/pass examples): it is validated and tried as you type.",
    downloadPack: "Download pack", checking: "Checking…", none: "No findings.", count: "findings",
    copied: "Text copied.", suggestion: "Suggestion:", notUtf8: "The file is not UTF-8 text.",
    packOk: "The rule is valid.", line: "line", expectFlag: "must flag", expectPass: "must pass",
    ok: "ok", failed: "fails", found: "found", onText: "In the current text:", stale: "The text changed; checking again.",
    anger: "Anger", promises: "Promises", "thanks-apology": "Thanks and apology", clarity: "Clarity",
    sins: "Service sins", protocol: "Protocol", templates: "Templates", other: "Other",
  },
};

const SAMPLE_PACK = `HSE001:
  name: Internal ticket jargon
  slug: ticket-jargon
  severity: warning
  scope: sentence
  kinds: all
  es:
    check: pattern
    title: Jerga interna de incidencias
    flags: La palabra «ticket» en una respuesta al cliente.
    message: "«{match}» es jerga interna; hable de su consulta."
    suggestion: Diga «su consulta» o «su solicitud».
    why: El cliente no sabe qué es un ticket; sabe lo que nos pidió.
    instead: Nombre lo que el cliente pidió.
    match: [/^tickets?$/]
    examples:
      flag: [{text: Hemos abierto un ticket con su caso., match: ticket}]
      pass: [Hemos registrado su consulta.]
`;

const $ = (id) => document.getElementById(id);
const state = {
  ui: "es", result: null, checkedText: null, selected: null, selectedKey: null, sequence: 0, explained: new Map(),
  packSequence: 0, packTried: null, // the pack and text the playground shows results for
};

function label(key) {
  return LABELS[state.ui][key] || key;
}

function applyLabels() {
  document.documentElement.lang = state.ui;
  for (const element of document.querySelectorAll("[data-label]")) {
    element.textContent = label(element.dataset.label);
  }
  $("text").placeholder = label("paste");
  $("ui-lang").textContent = state.ui === "es" ? "English" : "Español";
  if (state.result) {
    render(state.result);
  }
}

function debounce(run, milliseconds) {
  let timer = null;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(run, milliseconds);
  };
}

async function api(path, body) {
  const options = body === undefined ? {} : {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
  };
  const response = await fetch(path, options);
  const data = await response.json();
  if (!response.ok) {
    throw new Error(data.error || response.statusText);
  }
  return data;
}

function settings() {
  return { lang: $("lang").value, kind: $("kind").value, path: $("name").value || "texto.txt" };
}

// ---- checking ---------------------------------------------------------------------

async function checkNow() {
  const text = $("text").value;
  const sequence = ++state.sequence; // an answer to an older text is dropped
  $("status").textContent = label("checking");
  try {
    const result = await api("/api/check", { text, ...settings() });
    if (sequence !== state.sequence) {
      return;
    }
    state.result = result;
    state.checkedText = text;
    render(result);
  } catch (error) {
    if (sequence === state.sequence) {
      $("status").textContent = error.message;
    }
  }
}

const checkSoon = debounce(checkNow, 400);

function render(result) {
  const count = result.findings.length;
  const first = result.findings[0]; // every finding carries the language and kind the text was judged in
  const judged = first ? ` · ${first.lang} · ${first.kind}` : "";
  $("status").textContent = (count ? `${count} ${label("count")}` : label("none")) + judged;
  renderText(result);
  renderList(result);
  renderSummary(result.families);
  renderDiagnostics(result.diagnostics);
  $("apply-all").disabled = result.fixed_text === null;
  reselect(result);
}

// After a re-check the finding shown in the panel stays selected while the text still
// has it (same rule at the same place); otherwise the panel closes.
function reselect(result) {
  const key = state.selectedKey;
  const index = key === null ? -1
    : result.findings.findIndex((finding) => finding.code === key.code && finding.offset === key.offset);
  if (index >= 0) {
    select(index);
  } else {
    state.selected = null;
    state.selectedKey = null;
    $("detail").hidden = true;
  }
}

// The highlighted text: customer turns and findings as nested elements. Spans that
// only partly overlap an enclosing one are cut at its end, so the nesting stays valid.
function spanTree(result, length) {
  const items = result.turns.filter((turn) => turn.role === "customer")
    .map((turn) => ({ start: turn.utf16_offset, end: turn.utf16_end_offset, turn: true }));
  result.findings.forEach((finding, index) => {
    items.push({ start: finding.utf16_offset, end: finding.utf16_end_offset, index });
  });
  items.sort((a, b) => a.start - b.start || b.end - a.end || (b.turn === true) - (a.turn === true));
  const root = { start: 0, end: length, children: [] };
  const open = [root];
  for (const item of items) {
    while (open.length > 1 && item.start >= open[open.length - 1].end) {
      open.pop();
    }
    const parent = open[open.length - 1];
    const node = { ...item, end: Math.min(item.end, parent.end), children: [] };
    if (node.end > node.start) {
      parent.children.push(node);
      open.push(node);
    }
  }
  return root;
}

function fill(element, node, text) {
  let at = node.start;
  for (const child of node.children) {
    element.append(text.slice(at, child.start), spanElement(child, text));
    at = child.end;
  }
  element.append(text.slice(at, node.end));
}

function spanElement(node, text) {
  if (node.turn) {
    const turn = document.createElement("span");
    turn.className = "turn-customer";
    fill(turn, node, text);
    return turn;
  }
  const finding = state.result.findings[node.index];
  const mark = document.createElement("mark");
  mark.className = `sev-${finding.severity}`;
  mark.dataset.code = finding.code;
  mark.dataset.index = node.index;
  mark.tabIndex = 0;
  mark.title = `${finding.code}: ${finding.message}`;
  mark.addEventListener("click", (event) => {
    event.stopPropagation(); // the innermost finding is the one clicked
    select(node.index);
  });
  fill(mark, node, text);
  return mark;
}

function renderText(result) {
  const text = state.checkedText;
  const rendered = $("rendered");
  rendered.replaceChildren();
  fill(rendered, spanTree(result, text.length), text);
}

function renderList(result) {
  const list = $("finding-list");
  list.replaceChildren(...result.findings.map((finding, index) => {
    const item = document.createElement("li");
    item.className = `sev-${finding.severity}`;
    item.dataset.index = index;
    item.textContent = `${finding.line}:${finding.column} ${finding.code} ${finding.message}`;
    item.addEventListener("click", () => select(index));
    return item;
  }));
}

function renderSummary(families) {
  const [head, body] = $("summary").querySelectorAll("tr");
  head.replaceChildren(...Object.keys(families).map((family) => cell("th", label(family))));
  body.replaceChildren(...Object.entries(families).map(([family, count]) => {
    const value = cell("td", String(count));
    value.dataset.family = family;
    return value;
  }));
}

function cell(tag, text) {
  const element = document.createElement(tag);
  element.textContent = text;
  return element;
}

function renderDiagnostics(diagnostics) {
  $("diagnostics").replaceChildren(...diagnostics.map((diagnostic) =>
    cell("li", `${diagnostic.line}:${diagnostic.column} ${diagnostic.code} ${diagnostic.message}`)));
}

// ---- the side panel ---------------------------------------------------------------

function select(index) {
  const finding = state.result.findings[index];
  state.selected = index;
  state.selectedKey = { code: finding.code, offset: finding.offset };
  for (const element of document.querySelectorAll(".selected")) {
    element.classList.remove("selected");
  }
  for (const element of document.querySelectorAll(`[data-index="${index}"]`)) {
    element.classList.add("selected");
  }
  showDetail(index);
}

async function showDetail(index) {
  const finding = state.result.findings[index];
  $("detail").hidden = false;
  $("detail-title").textContent = `${finding.code} (${finding.slug}) · ${label(finding.severity)}`;
  $("detail-message").textContent = finding.message;
  $("detail-suggestion").textContent = finding.suggestion ? `${label("suggestion")} ${finding.suggestion}` : "";
  $("apply-fix").hidden = finding.fix === null;
  $("detail-explain").textContent = await explanation(finding.code, finding.lang || state.ui);
}

async function explanation(code, lang) {
  const key = `${code}/${lang}`;
  if (!state.explained.has(key)) {
    try {
      state.explained.set(key, (await api(`/api/rule/${encodeURIComponent(code)}?lang=${lang}`)).page);
    } catch (error) {
      return error.message;
    }
  }
  return state.explained.get(key);
}

// ---- fixes and exports ------------------------------------------------------------

function replaceText(text) {
  $("text").value = text;
  checkNow();
}

function applyFix() {
  const finding = state.result.findings[state.selected];
  const text = $("text").value;
  if (text !== state.checkedText) { // the offsets describe the text as it was checked
    $("status").textContent = label("stale");
    checkNow();
    return;
  }
  const fix = finding.fix;
  replaceText(text.slice(0, fix.utf16_offset) + fix.replacement + text.slice(fix.utf16_end_offset));
}

function applyAll() {
  if (state.result && state.result.fixed_text !== null && $("text").value === state.checkedText) {
    replaceText(state.result.fixed_text);
  }
}

async function copyText() {
  const text = $("text").value;
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    $("text").select();
    document.execCommand("copy");
  }
  $("status").textContent = label("copied");
}

function download(name, content, type) {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([content], { type }));
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

function downloadReport() {
  if (state.result) {
    download(`${settings().path}.svclint.json`, state.result.report, "application/json");
  }
}

// ---- opening files ----------------------------------------------------------------

async function pickFile() {
  const file = $("file").files[0];
  if (!file) {
    return;
  }
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer());
    $("name").value = file.name;
    replaceText(text);
  } catch {
    $("status").textContent = label("notUtf8");
  }
}

async function openServed() {
  const path = $("served-path").value;
  try {
    const data = await api(`/api/file?path=${encodeURIComponent(path)}`);
    $("name").value = path;
    replaceText(data.text);
  } catch (error) {
    $("status").textContent = error.message;
  }
}

// ---- the playground ---------------------------------------------------------------

async function tryPack() {
  const tried = { pack: $("pack").value, text: $("text").value };
  const sequence = ++state.packSequence; // an answer to an older rule or text is dropped
  try {
    const result = await api("/api/playground", { ...tried, ...settings() });
    if (sequence === state.packSequence) {
      state.packTried = tried;
      renderPack(result);
    }
  } catch (error) {
    if (sequence === state.packSequence) {
      $("pack-errors").replaceChildren(cell("li", error.message));
    }
  }
}

function renderPack(result) {
  const errors = result.errors.map((error) =>
    cell("li", error.line ? `${label("line")} ${error.line}: ${error.message}` : error.message));
  $("pack-errors").replaceChildren(...(errors.length ? errors : [cell("li", label("packOk"))]));
  $("pack-errors").className = errors.length ? "invalid" : "valid";
  $("pack-examples").tBodies[0].replaceChildren(...result.examples.map((example) => {
    const row = document.createElement("tr");
    row.className = example.ok ? "ok" : "failed";
    const expected = label(example.expected === "flag" ? "expectFlag" : "expectPass");
    row.append(cell("td", `${example.code} ${example.lang}`), cell("td", expected), cell("td", example.text),
      cell("td", `${label("found")}: ${example.found.join(", ") || "—"}`),
      cell("td", label(example.ok ? "ok" : "failed")));
    return row;
  }));
  const findings = result.findings.map((finding) =>
    cell("li", `${finding.line}:${finding.column} ${finding.code} «${finding.matched}» ${finding.message}`));
  $("pack-findings").replaceChildren(...(findings.length ? [cell("li", label("onText")), ...findings] : []));
}

const tryPackSoon = debounce(tryPack, 600);

// ---- start ------------------------------------------------------------------------

function start() {
  state.ui = (navigator.language || "es").toLowerCase().startsWith("es") ? "es" : "en";
  applyLabels();
  $("pack").value = SAMPLE_PACK;
  $("ui-lang").addEventListener("click", () => {
    state.ui = state.ui === "es" ? "en" : "es";
    applyLabels();
  });
  $("text").addEventListener("input", () => {
    checkSoon();
    tryPackSoon();
  });
  for (const id of ["lang", "kind", "name"]) {
    $(id).addEventListener("change", checkNow);
  }
  $("pack").addEventListener("input", tryPackSoon);
  $("apply-fix").addEventListener("click", applyFix);
  $("apply-all").addEventListener("click", applyAll);
  $("copy").addEventListener("click", copyText);
  $("download").addEventListener("click", downloadReport);
  $("download-pack").addEventListener("click", () => download("svclint-pack.yaml", $("pack").value, "application/yaml"));
  $("file").addEventListener("change", pickFile);
  $("open-served").addEventListener("click", openServed);
  checkNow();
  tryPack();
}

document.addEventListener("DOMContentLoaded", start);
