// Papelógrafo's phone page: no framework, no external files. Every text that
// came from a person is shown with textContent, never as HTML.
"use strict";

const STRINGS = {
  es: {
    app: "Papelógrafo", instruction: "Instrucción", code: "Código del taller", enter: "Entrar", groupPick: "Grupo", zone: "¿Dónde va?",
    yourNote: "Tu post-it", name: "Tu nombre (opcional)",
    consent: "Acepto que mi nombre quede registrado junto a mis notas", send: "Enviar", vote: "Votación",
    mine: "Mis notas", minutes: "Relatoría del bloque", kind: "Tipo", speaker: "Quién habla (rol, sector o grupo)",
    entry: "Lo que se dijo", record: "Registrar", edit: "Editar", save: "Guardar", cancel: "Cancelar",
    withdraw: "Retirar", confirmWithdraw: "¿Retirar esta nota?", chars: "{n} de {max} caracteres",
    sent: "Nota enviada.", sentPending: "Nota enviada: aparecerá cuando la revisen.", saved: "Cambios guardados.",
    withdrawn: "Nota retirada.", recorded: "Registrado en la relatoría.", paused: "La captura está en pausa: espera un momento.",
    closed: "La captura se cerró. Gracias por participar.", badLink: "Este enlace no es válido: escanea de nuevo el código QR.",
    badCode: "Ese código no existe. Revisa el código en la pantalla.", slow: "Vas muy rápido: espera unos segundos y vuelve a enviar.",
    tooLong: "La nota es demasiado larga (máximo {max} caracteres).", empty: "Escribe algo antes de enviar.",
    offline: "Sin conexión con el computador del taller. Tu texto sigue aquí: vuelve a intentarlo.",
    failed: "No se pudo guardar. Vuelve a intentarlo.", dotsLeft: "Te quedan {n} votos de {max}.",
    noDots: "Ya usaste todos tus votos.", addVote: "Dar un voto a: {text}", removeVote: "Quitar un voto a: {text}",
    room: "Toda la sala", recorder: "Computador de relatoría",
    status_pending: "En revisión", status_accepted: "En el tablero", status_hidden: "No publicada",
    status_merged: "Unida con otras notas",
    kind_idea_clave: "Idea clave", kind_propuesta: "Propuesta", kind_acuerdo: "Acuerdo",
    kind_compromiso: "Compromiso", kind_pregunta: "Pregunta",
  },
  en: {
    app: "Papelógrafo", instruction: "Instructions", code: "Workshop code", enter: "Join", groupPick: "Group", zone: "Where does it go?",
    yourNote: "Your sticky note", name: "Your name (optional)",
    consent: "I agree that my name is recorded with my notes", send: "Send", vote: "Voting",
    mine: "My notes", minutes: "Minutes of this block", kind: "Kind", speaker: "Who speaks (role, sector or group)",
    entry: "What was said", record: "Record", edit: "Edit", save: "Save", cancel: "Cancel",
    withdraw: "Withdraw", confirmWithdraw: "Withdraw this note?", chars: "{n} of {max} characters",
    sent: "Note sent.", sentPending: "Note sent: it will appear once it is reviewed.", saved: "Changes saved.",
    withdrawn: "Note withdrawn.", recorded: "Recorded in the minutes.", paused: "Capture is paused: please wait a moment.",
    closed: "Capture has closed. Thank you for taking part.", badLink: "This link is not valid: scan the QR code again.",
    badCode: "That code does not exist. Check the code on the screen.", slow: "Too fast: wait a few seconds and send again.",
    tooLong: "The note is too long (at most {max} characters).", empty: "Write something before sending.",
    offline: "No connection to the workshop's computer. Your text is still here: try again.",
    failed: "Could not save. Please try again.", dotsLeft: "You have {n} of {max} votes left.",
    noDots: "You have used all your votes.", addVote: "Give a vote to: {text}", removeVote: "Take a vote from: {text}",
    room: "Whole room", recorder: "Recorder's computer",
    status_pending: "Being reviewed", status_accepted: "On the board", status_hidden: "Not published",
    status_merged: "Merged with other notes",
    kind_idea_clave: "Key idea", kind_propuesta: "Proposal", kind_acuerdo: "Agreement",
    kind_compromiso: "Commitment", kind_pregunta: "Question",
  },
};

function pickLanguage() {
  const wanted = (navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || "es"]);
  for (const tag of wanted) {
    const base = String(tag).toLowerCase().split("-")[0];
    if (STRINGS[base]) return base;
  }
  return "es";
}

const LANG = pickLanguage();
function t(key, fields) {
  let text = STRINGS[LANG][key] || STRINGS.es[key] || key;
  for (const name in fields || {}) text = text.split("{" + name + "}").join(String(fields[name]));
  return text;
}

const $ = (id) => document.getElementById(id);
const match = location.pathname.match(/^\/j\/([A-Za-z0-9_-]+)$/);
const TOKEN = match ? match[1] : "";
const PHONE = phoneId();
let state = null;
let events = null;
let editing = null;

function phoneId() {
  const key = "papelografo-phone";
  let id = "";
  try { id = localStorage.getItem(key) || ""; } catch (e) { /* private mode: one id per page load */ }
  if (!/^[A-Za-z0-9_-]{8,64}$/.test(id)) {
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    id = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
    try { localStorage.setItem(key, id); } catch (e) { /* see above */ }
  }
  return id;
}

function el(tag, props, children) {
  const node = document.createElement(tag);
  for (const k in props || {}) {
    if (k === "text") node.textContent = props[k];
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), props[k]);
    else node.setAttribute(k, props[k]);
  }
  for (const child of children || []) node.appendChild(child);
  return node;
}

// replaceChildren is too new for old Android browsers (Chrome < 86): clear, then append.
function fill(node, children) {
  while (node.firstChild) node.removeChild(node.firstChild);
  node.append(...children);
}

function banner(message, kind) {
  const box = $("banner");
  box.textContent = message || "";
  box.className = "banner" + (kind ? " " + kind : "");
  box.hidden = !message;
}

async function api(method, path, body) {
  const headers = { "X-Token": TOKEN, "X-Phone": PHONE };
  const init = { method, headers, credentials: "omit", cache: "no-store" };
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    return { status: 0, data: {} };
  }
  let data = {};
  try { data = await response.json(); } catch (e) { /* empty body */ }
  return { status: response.status, data, retry: response.headers.get("Retry-After") };
}

function explain(result) {
  const max = (state && state.note_max) || 500;
  switch (result.status) {
    case 0: return t("offline");
    case 403: return t("badLink");
    case 410: return t("closed");
    case 413: return t("tooLong", { max });
    case 429: return t("slow");
    case 409: return result.data.error === "paused" ? t("paused") : result.data.error === "no_dots" ? t("noDots") : t("failed");
    default: return t("failed");
  }
}

function shut(message) {
  for (const id of ["send", "vote", "minutes"]) $(id).hidden = true;
  for (const button of document.querySelectorAll("#mine button")) button.disabled = true;
  if (events) { events.close(); events = null; }
  banner(message, "bad");
}

async function load() {
  const result = await api("GET", "/api/state");
  if (result.status !== 200) {
    if (result.status === 403 || result.status === 410) shut(explain(result));
    else banner(explain(result), "bad");
    return;
  }
  state = result.data;
  render();
}

function render() {
  const s = state;
  $("workshop").textContent = s.workshop;
  $("block").textContent = s.block;
  const box = $("instruction-box");
  if ($("instruction").textContent !== s.instruction) {
    $("instruction").textContent = s.instruction;
    box.hidden = !s.instruction;
    box.open = s.instruction.length <= 160;  // a long instruction folds so the note field shows first
  }
  const group = $("group");
  group.hidden = false;
  group.textContent = s.role === "recorder" ? t("recorder") : s.group ? s.group.name : t("room");
  document.title = s.block + " · Papelógrafo";

  $("send").hidden = false;
  $("group-box").hidden = s.role !== "recorder" || !s.groups.length;
  if (s.role === "recorder") fillSelect($("group-pick"), s.groups.map((g) => [g.id, g.name]));
  renderZones(s.zones);
  $("name-box").hidden = !s.ask_name || s.role === "recorder";
  $("text").maxLength = s.note_max;
  $("send-button").disabled = s.paused;
  if (s.paused) banner(t("paused"));
  else if ($("banner").textContent === t("paused")) banner("");
  updateCount();
  renderVote(s);
  // While a vote is open it is what the room is doing: it comes first.
  if (s.voting && s.ballot) $("send").before($("vote"));
  else $("mine-box").before($("vote"));
  renderMine(s.mine);
  $("minutes").hidden = s.role !== "recorder";
  document.body.classList.toggle("recorder", s.role === "recorder");
  if (s.role === "recorder" && $("send").nextElementSibling !== $("minutes")) $("send").after($("minutes"));
  if (s.role === "recorder") fillSelect($("kind"), s.minutes_kinds.map((k) => [k, t("kind_" + k)]));
}

function fillSelect(select, options) {
  const keep = select.value;
  const wanted = JSON.stringify(options);
  if (select.dataset.options === wanted) return;
  select.dataset.options = wanted;
  fill(select, options.map(([value, label]) => el("option", { value, text: label })));
  if (options.some(([value]) => value === keep)) select.value = keep;
}

function renderZones(zones) {
  const box = $("zone-list");
  $("zones").hidden = zones.length < 2;
  const wanted = JSON.stringify(zones);
  if (box.dataset.zones === wanted) return;
  box.dataset.zones = wanted;
  const chosen = (box.querySelector("input:checked") || {}).value;
  fill(box, zones.map((z, i) => {
    const input = el("input", { type: "radio", name: "zone", value: z.key });
    input.checked = chosen ? chosen === z.key : i === 0;
    return el("label", {}, [input, el("span", { text: z.label })]);
  }));
}

function chosenZone() {
  const input = document.querySelector("#zone-list input:checked");
  if (input) return input.value;
  return state.zones.length ? state.zones[0].key : "";
}

function statusText(status) {
  return t("status_" + status);
}

function renderMine(items) {
  const list = $("mine");
  $("mine-box").hidden = !items.length;
  const zoneLabel = {};
  for (const z of state.zones) zoneLabel[z.key] = z.label;
  fill(list, items.map((item) => {
    const li = el("li", { "data-id": item.id });
    if (editing === item.id) {
      const area = el("textarea", { rows: "3", maxlength: String(state.note_max), "aria-label": t("edit") });
      area.value = item.text;
      li.append(area, el("div", { class: "row" }, [
        el("button", { type: "button", text: t("save"), onclick: () => saveEdit(item.id, area.value) }),
        el("button", { type: "button", class: "secondary", text: t("cancel"), onclick: () => { editing = null; render(); } }),
      ]));
      return li;
    }
    li.append(el("p", { class: "text", text: item.text }));
    const where = state.zones.length > 1 && zoneLabel[item.zone] ? " · " + zoneLabel[item.zone] : "";
    li.append(el("p", { class: "status", text: statusText(item.status) + where }));
    if (item.status === "pending" || item.status === "accepted") {
      li.append(el("div", { class: "row" }, [
        el("button", { type: "button", class: "secondary", text: t("edit"), onclick: () => { editing = item.id; render(); } }),
        el("button", { type: "button", class: "danger", text: t("withdraw"), onclick: () => withdraw(item.id) }),
      ]));
    }
    return li;
  }));
  if (editing) {
    const area = list.querySelector("textarea");
    if (area && document.activeElement !== area) area.focus();
  }
}

function renderVote(s) {
  const box = $("vote");
  box.hidden = !s.voting || !s.ballot;
  if (box.hidden) return;
  $("dots").textContent = t("dotsLeft", { n: s.dots_left, max: s.dots });
  fill($("ballot"), s.ballot.map((note) => el("li", {}, [
    el("p", { class: "text", text: note.text }),
    el("div", { class: "row" }, [
      el("button", { type: "button", class: "secondary", text: "−", "aria-label": t("removeVote", { text: note.text }),
                     onclick: () => castVote(note.id, false) }),
      el("span", { class: "votes", text: String(note.mine), "aria-hidden": "true" }),
      el("button", { type: "button", text: "+", "aria-label": t("addVote", { text: note.text }),
                     onclick: () => castVote(note.id, true) }),
    ]),
  ])));
  for (const [i, note] of s.ballot.entries()) {
    const buttons = $("ballot").children[i].querySelectorAll("button");
    buttons[0].disabled = note.mine < 1;
    buttons[1].disabled = s.dots_left < 1;
  }
}

function updateCount() {
  const n = $("text").value.length;
  $("count").textContent = t("chars", { n, max: (state && state.note_max) || 500 });
}

async function send(event) {
  event.preventDefault();
  const area = $("text");
  const text = area.value.trim();
  if (!text) { banner(t("empty"), "bad"); area.focus(); return; }
  const body = { text, zone: chosenZone() };
  if (state.role === "recorder") body.group_id = $("group-pick").value || null;
  if (state.ask_name && $("consent").checked && $("name").value.trim()) {
    body.name = $("name").value.trim();
    body.consent = true;
  }
  $("send-button").disabled = true;
  const result = await api("POST", "/api/notes", body);
  $("send-button").disabled = state.paused;
  if (result.status === 201) {
    area.value = "";
    updateCount();
    banner(result.data.status === "pending" ? t("sentPending") : t("sent"), "ok");
    await load();
    area.focus();
  } else {
    banner(explain(result), "bad");  // the text stays in the field
    if (result.status === 403 || result.status === 410) shut(explain(result));
  }
}

async function saveEdit(id, text) {
  const result = await api("PATCH", "/api/notes/" + encodeURIComponent(id), { text: text.trim() });
  if (result.status === 200) { editing = null; banner(t("saved"), "ok"); await load(); }
  else banner(explain(result), "bad");
}

async function withdraw(id) {
  if (!window.confirm(t("confirmWithdraw"))) return;
  const result = await api("DELETE", "/api/notes/" + encodeURIComponent(id));
  if (result.status === 200) { banner(t("withdrawn"), "ok"); await load(); }
  else banner(explain(result), "bad");
}

async function castVote(noteId, add) {
  const result = await api("POST", "/api/votes", { note_id: noteId, add });
  if (result.status === 200) await load();
  else banner(explain(result), "bad");
}

async function recordMinutes(event) {
  event.preventDefault();
  const text = $("entry").value.trim();
  if (!text) { banner(t("empty"), "bad"); return; }
  const result = await api("POST", "/api/minutes", { text, kind: $("kind").value, speaker: $("speaker").value.trim() });
  if (result.status === 201) { $("entry").value = ""; banner(t("recorded"), "ok"); }
  else banner(explain(result), "bad");
}

async function join(event) {
  event.preventDefault();
  const result = await api("POST", "/api/code", { code: $("code").value });
  if (result.status === 200 && /^[A-Za-z0-9_-]+$/.test(result.data.token || "")) location.replace("/j/" + result.data.token);
  else banner(result.status === 404 ? t("badCode") : explain(result), "bad");
}

function listen() {
  if (!window.EventSource) return;
  events = new EventSource("/api/events?t=" + encodeURIComponent(TOKEN) + "&p=" + encodeURIComponent(PHONE));
  events.addEventListener("refresh", () => { if (!editing) load(); });
  events.addEventListener("closed", () => shut(t("closed")));
  events.onerror = () => { if (events && events.readyState === EventSource.CLOSED) load(); };
}

function start() {
  document.documentElement.lang = LANG;
  for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
  $("join").addEventListener("submit", join);
  $("send").addEventListener("submit", send);
  $("minutes").addEventListener("submit", recordMinutes);
  $("text").addEventListener("input", updateCount);
  if (!TOKEN) { $("join").hidden = false; $("code").focus(); return; }
  load().then(() => { if (state) listen(); });
}

document.addEventListener("DOMContentLoaded", start);
