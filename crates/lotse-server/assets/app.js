// lotse web UI: chat with cited answers, document management, demo mode.
// Plain JavaScript, no framework and nothing loaded from elsewhere; talks only to lotse's
// own HTTP API (/api/ask as server-sent events, /api/search, /api/documents, /healthz).
"use strict";

(() => {
  const $ = (sel, root = document) => root.querySelector(sel);

  /** Builds an element: el("div", {class: "x", onclick: f}, child, "text", …). */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key.startsWith("on") && typeof value === "function") {
        node.addEventListener(key.slice(2), value);
      } else if (key === "class") {
        node.className = value;
      } else if (key === "dataset") {
        Object.assign(node.dataset, value);
      } else if (value === true) {
        node.setAttribute(key, "");
      } else {
        node.setAttribute(key, String(value));
      }
    }
    append(node, children);
    return node;
  }

  function append(node, children) {
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  const numberDe = (x, digits) =>
    Number(x).toLocaleString("de-DE", { minimumFractionDigits: digits, maximumFractionDigits: digits });

  function formatMs(ms) {
    if (ms === null || ms === undefined || Number.isNaN(Number(ms))) return "–";
    if (ms >= 1000) return `${numberDe(ms / 1000, 2)} s`;
    if (ms >= 100) return `${numberDe(ms, 0)} ms`;
    return `${numberDe(ms, 1)} ms`;
  }

  function formatBytes(n) {
    if (n < 1024) return `${n} B`;
    if (n < 1024 * 1024) return `${numberDe(n / 1024, 0)} KB`;
    return `${numberDe(n / 1024 / 1024, 1)} MB`;
  }

  const FORMATS = { pdf: "PDF", docx: "DOCX", html: "HTML", markdown: "Markdown", text: "Text" };

  // ---------------------------------------------------------------- errors in German

  const API_MESSAGES = {
    overloaded: "Der Server ist gerade ausgelastet. Bitte versuchen Sie es in einem Moment noch einmal.",
    no_generator: "Für generierte Antworten ist kein Sprachmodell eingerichtet. Wählen Sie „nur Zitate“ oder bitten Sie die IT, ein Sprachmodell zu konfigurieren.",
    empty_question: "Bitte geben Sie eine Frage ein.",
    question_too_long: "Die Frage ist zu lang (höchstens 2000 Zeichen). Bitte kürzen Sie sie.",
    invalid_collection: "Diese Sammlung gibt es nicht oder ihr Name ist ungültig.",
    payload_too_large: "Die Anfrage ist zu groß für den Server.",
    timeout: "Die Antwort hat zu lange gedauert. Bitte versuchen Sie es erneut oder formulieren Sie die Frage kürzer.",
    generation_failed: "Das Sprachmodell konnte keine Antwort erzeugen. Bitte versuchen Sie es erneut.",
    retrieval_failed: "Die Suche in den Quellen ist fehlgeschlagen. Bitte versuchen Sie es erneut.",
    no_embedding_model: "Die Vektorsuche ist nicht eingerichtet (kein Embedding-Modell).",
    no_files: "Die Anfrage enthielt keine Datei.",
    unauthorized: "Bitte melden Sie sich an.",
    invalid_token: "Der Zugangsschlüssel ist unbekannt oder wurde widerrufen.",
    forbidden: "Sie dürfen in dieser Sammlung nichts ändern.",
    csrf: "Die Sitzung ist abgelaufen. Bitte laden Sie die Seite neu.",
    not_found: "Das gesuchte Dokument gibt es nicht mehr.",
    file_unavailable: "Die Originaldatei ist nicht mehr verfügbar.",
    one_file_to_replace: "Ein Dokument kann nur durch genau eine Datei ersetzt werden.",
    network: "Keine Verbindung zum Server. Bitte prüfen Sie die Netzwerkverbindung und versuchen Sie es erneut.",
  };

  const FILE_REASONS = {
    empty: "Die Datei ist leer.",
    unsupported_type: "Dieser Dateityp wird nicht unterstützt (möglich: PDF, DOCX, HTML, Markdown, Text).",
    binary_data: "Die Datei enthält Binärdaten statt lesbaren Texts.",
    encrypted: "Die PDF-Datei ist kennwortgeschützt. Bitte ohne Kennwort speichern und erneut hochladen.",
    no_text_layer: "Die PDF-Datei enthält keinen Text, nur Bilder (Scan), und die Texterkennung ist auf dem Server nicht eingerichtet. Bitte eine durchsuchbare PDF-Datei hochladen.",
    no_ocr: "Die Datei ist ein Bild (Scan), und die Texterkennung ist auf dem Server nicht eingerichtet.",
    corrupt: "Die Datei ist beschädigt oder hat nicht das angegebene Format.",
    no_text: "In der Datei wurde kein Text gefunden.",
    timeout: "Das Lesen der Datei hat zu lange gedauert und wurde abgebrochen.",
    crashed: "Die Datei konnte nicht gelesen werden (Lesefehler).",
    unreadable: "Die Datei konnte nicht gelesen werden.",
    invalid_file_name: "Der Dateiname ist nicht zulässig.",
    payload_too_large: "Die Datei ist größer, als der Server annimmt.",
    invalid_collection: "Der Name der Sammlung ist ungültig.",
    overloaded: "Der Server ist gerade ausgelastet. Bitte später erneut hochladen.",
  };

  class ApiError extends Error {
    constructor(code, message, status) {
      super(message || code);
      this.code = code;
      this.status = status;
    }
    /** The message a person reads. */
    get friendly() {
      if (this.status === 429) return API_MESSAGES.overloaded;
      return API_MESSAGES[this.code] || `Es ist ein Fehler aufgetreten (${this.code}). Bitte versuchen Sie es erneut.`;
    }
  }

  async function errorFrom(response) {
    let code = `http_${response.status}`;
    let message = response.statusText;
    try {
      const body = await response.json();
      if (body && body.error) {
        code = body.error.code || code;
        message = body.error.message || message;
      }
    } catch (_) { /* not JSON */ }
    if (response.status === 429) code = "overloaded";
    return new ApiError(code, message, response.status);
  }

  // the signed-in user (GET /api/me) and the CSRF token a login session sends with changes
  const session = { me: null, csrf: null };

  function withCsrf(headers) {
    const h = Object.assign({}, headers || {});
    if (session.csrf) h["X-CSRF-Token"] = session.csrf;
    return h;
  }

  async function api(path, options = {}) {
    let response;
    try {
      response = await fetch(path, Object.assign({}, options, { headers: withCsrf(options.headers) }));
    } catch (e) {
      throw new ApiError("network", String(e), 0);
    }
    if (response.status === 401 && path !== "/api/login") showLogin();
    if (!response.ok) throw await errorFrom(response);
    return response.json();
  }

  function postJson(path, body) {
    return api(path, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(body),
    });
  }

  let toastTimer = 0;
  function toast(text, kind) {
    const t = $("#toast");
    t.textContent = text;
    t.className = `toast ${kind || ""}`;
    t.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => { t.hidden = true; }, 4500);
  }

  // ---------------------------------------------------------------- shared state

  const state = {
    documents: [],        // all documents (GET /api/documents)
    collections: [],      // [{name, documents}]
    chosen: new Set(),    // collections to ask in; empty: all
    turns: [],            // [{question, answer|null, error|null, node}]
    busy: false,
    demo: false,
    selected: null,       // the turn the demo panel explains
    generator: null,
  };

  const docById = (id) => state.documents.find((d) => d.id === id);

  // ---------------------------------------------------------------- tabs

  const tabs = [$("#tab-chat"), $("#tab-docs")];
  function showTab(tab) {
    for (const t of tabs) {
      const selected = t === tab;
      t.setAttribute("aria-selected", String(selected));
      t.tabIndex = selected ? 0 : -1;
      document.getElementById(t.getAttribute("aria-controls")).hidden = !selected;
    }
    if (tab.id === "tab-docs") refreshDocuments();
    else $("#question").focus();
  }
  for (const t of tabs) {
    t.addEventListener("click", () => showTab(t));
    t.addEventListener("keydown", (e) => {
      if (e.key !== "ArrowRight" && e.key !== "ArrowLeft") return;
      const next = tabs[(tabs.indexOf(t) + (e.key === "ArrowRight" ? 1 : tabs.length - 1)) % tabs.length];
      next.focus();
      showTab(next);
    });
  }

  // ---------------------------------------------------------------- server status and documents

  async function refreshHealth() {
    const status = $("#server-status");
    try {
      const h = await api("/healthz");
      state.generator = h.generator || null;
      const parts = [];
      if (h.documents !== undefined) parts.push(`${h.documents} ${h.documents === 1 ? "Dokument" : "Dokumente"}`);
      parts.push(h.vector_search ? "Stichwort- und Vektorsuche" : "Stichwortsuche");
      parts.push(h.generator ? "mit Sprachmodell" : "zitierend, ohne Sprachmodell");
      status.textContent = parts.join(" · ");
      status.title = h.generator ? `Sprachmodell: ${h.generator}` : "Antworten sind wörtliche Auszüge aus den Quellen.";
      status.classList.remove("down");
    } catch (e) {
      status.textContent = "Server nicht erreichbar";
      status.classList.add("down");
    }
  }

  async function loadDocuments() {
    const body = await api("/api/documents");
    state.documents = body.documents || [];
    const counts = new Map();
    for (const d of state.documents) counts.set(d.collection, (counts.get(d.collection) || 0) + 1);
    const fromServer = body.collections || [...counts].map(([name, documents]) => ({ name, documents }));
    // collections created here but still empty stay in the list
    const names = new Set(fromServer.map((c) => c.name));
    for (const name of localCollections) {
      if (!names.has(name)) fromServer.push({ name, documents: 0 });
    }
    state.collections = fromServer.sort((a, b) => a.name.localeCompare(b.name, "de"));
    for (const c of [...state.chosen]) if (!state.collections.some((x) => x.name === c)) state.chosen.delete(c);
    renderCollectionPicker();
    renderDocCollections();
  }

  // ---------------------------------------------------------------- collection picker (chat)

  function renderCollectionPicker() {
    const box = $("#collection-options");
    box.replaceChildren();
    if (state.collections.length === 0) {
      box.append(el("p", { class: "dropdown-hint" }, "Noch keine Sammlungen vorhanden."));
    }
    for (const c of state.collections) {
      const input = el("input", { type: "checkbox", value: c.name });
      input.checked = state.chosen.has(c.name);
      input.addEventListener("change", () => {
        if (input.checked) state.chosen.add(c.name);
        else state.chosen.delete(c.name);
        renderCollectionSummary();
      });
      box.append(el("label", {}, input, el("span", {}, c.name), el("span", { class: "count" }, c.documents)));
    }
    renderCollectionSummary();
  }

  function renderCollectionSummary() {
    const chosen = [...state.chosen];
    $("#collection-summary").textContent = chosen.length === 0 ? "alle" : chosen.join(", ");
  }

  document.addEventListener("click", (e) => {
    const picker = $("#collection-picker");
    if (picker.open && !picker.contains(e.target)) picker.open = false;
  });
  $("#collection-picker").addEventListener("keydown", (e) => {
    if (e.key === "Escape") {
      e.currentTarget.open = false;
      $("summary", e.currentTarget).focus();
    }
  });

  // ---------------------------------------------------------------- chat

  const thread = $("#thread");
  const form = $("#ask-form");
  const textarea = $("#question");

  const EXAMPLES = [
    "Wie viele Tage pro Woche darf ich mobil arbeiten?",
    "Wie lange werden Protokolle der KI-Nutzung gespeichert?",
    "Wie viel Wegstreckenentschädigung gibt es je Kilometer?",
  ];
  for (const q of EXAMPLES) {
    $("#examples").append(el("button", { type: "button", class: "example", onclick: () => { textarea.value = q; ask(q); } }, q));
  }

  function autosize() {
    textarea.style.height = "auto";
    textarea.style.height = `${Math.min(textarea.scrollHeight, 200)}px`;
  }
  textarea.addEventListener("input", autosize);
  textarea.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      form.requestSubmit();
    }
  });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const q = textarea.value.trim();
    if (q) ask(q);
  });

  $("#new-chat").addEventListener("click", () => {
    if (state.busy) return;
    state.turns = [];
    state.selected = null;
    thread.replaceChildren($("#welcome") || welcome);
    renderDemo();
    textarea.value = "";
    autosize();
    textarea.focus();
  });
  const welcome = $("#welcome");

  /** The conversation so far, for follow-up questions: finished turns only. */
  function history() {
    const out = [];
    for (const t of state.turns) {
      if (!t.answer) continue;
      out.push({ role: "user", content: t.question });
      out.push({ role: "assistant", content: t.answer.answer });
    }
    return out.slice(-12);
  }

  function scrollDown() {
    thread.scrollTop = thread.scrollHeight;
  }

  function setBusy(busy) {
    state.busy = busy;
    $("#ask-button").disabled = busy;
    $("#ask-button").textContent = busy ? "Antwortet …" : "Fragen";
    $("#new-chat").disabled = busy;
  }

  async function ask(question, retryOf) {
    if (state.busy) return;
    welcome.remove();
    const body = { question, stream: true };
    const h = history();
    if (h.length) body.history = h;
    if (state.chosen.size) body.collections = [...state.chosen];
    const mode = $("#answer-mode").value;
    if (mode) body.mode = mode;

    let turn = retryOf;
    if (!turn) {
      turn = { question, answer: null, error: null, request: body };
      state.turns.push(turn);
      thread.append(el("div", { class: "msg msg-user" }, el("div", { class: "bubble" }, question)));
    } else {
      turn.error = null;
      turn.node.remove();
    }
    turn.request = body;
    turn.search = null;
    const card = el("article", { class: "answer pending", "aria-busy": "true" });
    turn.node = el("div", { class: "msg msg-assistant" }, card);
    thread.append(turn.node);
    card.append(answerHead(null), el("div", { class: "thinking" }, el("span", { class: "dots" }, el("span"), el("span"), el("span")), "Suche in den Quellen …"));
    textarea.value = "";
    autosize();
    scrollDown();
    setBusy(true);
    if (state.demo) selectTurn(turn);

    let streamed = "";
    let textNode = null;
    let draftNote = null;
    try {
      const answer = await streamAnswer(body, {
        retrieval(data) {
          turn.retrieval = data;
          const thinking = $(".thinking", card);
          if (thinking) thinking.lastChild.textContent = `${data.hits.length} Passagen gefunden – Antwort wird erstellt …`;
          if (state.demo) renderDemo();
        },
        draft(data) {
          // the quoted answer, shown until the model's text replaces it
          if (textNode) return;
          const thinking = $(".thinking", card);
          if (thinking) thinking.remove();
          textNode = el("div", { class: "answer-text draft" });
          card.append(textNode);
          renderText(textNode, data.answer, data.citations, turn);
          draftNote = el("p", { class: "draft-note", role: "status" },
            "Vorläufig: wörtlich aus den Quellen zitiert – die formulierte Antwort folgt …");
          card.append(draftNote);
          scrollDown();
        },
        token(data) {
          streamed += data.text;
          if (!textNode) {
            const thinking = $(".thinking", card);
            if (thinking) thinking.remove();
            textNode = el("div", { class: "answer-text streaming" });
            card.append(textNode);
          }
          if (draftNote) {
            draftNote.remove();
            draftNote = null;
            textNode.className = "answer-text streaming";
          }
          renderText(textNode, streamed, null, turn);
          scrollDown();
        },
      });
      turn.answer = answer;
      renderAnswer(turn);
      if (state.demo) selectTurn(turn);
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError("network", String(e), 0);
      turn.error = err;
      renderError(turn, err, streamed);
    } finally {
      setBusy(false);
      scrollDown();
      if (document.activeElement === document.body || !document.activeElement) textarea.focus();
    }
  }

  /** POST /api/ask with stream:true; calls handlers per server-sent event, resolves with `done`. */
  async function streamAnswer(body, handlers) {
    let response;
    try {
      response = await fetch("/api/ask", {
        method: "POST",
        headers: withCsrf({ "Content-Type": "application/json", Accept: "text/event-stream" }),
        body: JSON.stringify(body),
      });
    } catch (e) {
      throw new ApiError("network", String(e), 0);
    }
    if (!response.ok) throw await errorFrom(response);
    const type = response.headers.get("Content-Type") || "";
    if (!type.includes("text/event-stream")) return response.json();
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    let done = null;
    let citations = null;
    const dispatch = (block) => {
      let event = "message";
      const data = [];
      for (const line of block.split("\n")) {
        if (line.startsWith(":")) continue;
        const colon = line.indexOf(":");
        const field = colon < 0 ? line : line.slice(0, colon);
        let value = colon < 0 ? "" : line.slice(colon + 1);
        if (value.startsWith(" ")) value = value.slice(1);
        if (field === "event") event = value;
        else if (field === "data") data.push(value);
      }
      if (data.length === 0) return;
      let parsed;
      try {
        parsed = JSON.parse(data.join("\n"));
      } catch (_) {
        return;
      }
      if (event === "error") {
        const err = parsed.error || {};
        throw new ApiError(err.code || "internal", err.message, 200);
      }
      if (event === "done") done = parsed;
      else if (event === "citations") citations = parsed;
      else if (handlers[event]) handlers[event](parsed);
    };
    for (;;) {
      let chunk;
      try {
        chunk = await reader.read();
      } catch (e) {
        throw new ApiError("network", String(e), 0);
      }
      if (chunk.done) break;
      buffer += chunk.value.replace(/\r\n?/g, "\n");
      let cut;
      while ((cut = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        dispatch(block);
      }
    }
    if (buffer.trim()) dispatch(buffer);
    if (!done) throw new ApiError("network", "the answer stream ended early", 0);
    if (citations && !done.context && citations.context) done.context = citations.context;
    return done;
  }

  const MARKER = /\[(\d+(?:\s*[,;]\s*\d+)*)\]/g;

  /** Answer text with [n] markers as citation chips; paragraphs and "- " lists kept. */
  function renderText(node, text, citations, turn) {
    node.replaceChildren();
    const blocks = text.trim().split(/\n{2,}/);
    for (const block of blocks) {
      const lines = block.split("\n");
      const isList = lines.every((l) => /^\s*([-*•]|\d+\.)\s+/.test(l));
      if (isList) {
        const ul = el("ul");
        for (const l of lines) ul.append(inline(el("li"), l.replace(/^\s*([-*•]|\d+\.)\s+/, ""), citations, turn));
        node.append(ul);
      } else {
        const p = el("p");
        lines.forEach((l, i) => {
          if (i) p.append(el("br"));
          inline(p, l, citations, turn);
        });
        node.append(p);
      }
    }
    return node;
  }

  function inline(parent, text, citations, turn) {
    let last = 0;
    for (const m of text.matchAll(MARKER)) {
      parent.append(text.slice(last, m.index));
      for (const n of m[1].split(/\s*[,;]\s*/).map(Number)) {
        parent.append(chip(n, citations, turn));
      }
      last = m.index + m[0].length;
    }
    parent.append(text.slice(last));
    return parent;
  }

  function chip(n, citations, turn) {
    const citation = citations ? citations.find((c) => c.n === n) : null;
    if (!citation) {
      return el("span", { class: "cite pending", title: "Quelle wird geprüft …" }, n);
    }
    return el("button", {
      type: "button",
      class: "cite",
      "aria-label": `Quelle ${n} öffnen: ${citation.title}`,
      title: `${citation.title}${citation.page ? `, S. ${citation.page}` : ""}`,
      onclick: () => openSource(citation, turn),
    }, n);
  }

  const MODE_LABEL = { extractive: "Zitierte Auszüge", generative: "Vom Sprachmodell formuliert" };

  function answerHead(answer) {
    const head = el("div", { class: "answer-head" }, el("span", { class: "who" }, "lotse"));
    if (!answer) return head;
    if (answer.abstained) head.append(el("span", { class: "badge amber" }, "Keine belastbare Quelle gefunden"));
    else head.append(el("span", { class: "badge" }, MODE_LABEL[answer.mode] || answer.mode));
    if (answer.timings_ms && answer.timings_ms.total !== undefined) {
      head.append(el("span", {}, formatMs(answer.timings_ms.total)));
    }
    return head;
  }

  function renderAnswer(turn) {
    const a = turn.answer;
    const card = el("article", { class: `answer${a.abstained ? " abstained" : ""}`, "aria-label": "Antwort" });
    turn.card = card;
    card.append(answerHead(a));
    card.append(renderText(el("div", { class: "answer-text" }), a.answer, a.citations, turn));
    if (a.citations && a.citations.length) {
      const list = el("ol");
      for (const c of a.citations) {
        list.append(el("li", {}, el("button", { type: "button", class: "source-item", onclick: () => openSource(c, turn) },
          el("span", { class: "cite" }, c.n),
          el("span", { class: "src-main" },
            el("span", { class: "src-title" }, c.title),
            el("span", { class: "src-where" }, ` · ${where(c)}`)))));
      }
      card.append(el("div", { class: "sources" }, el("h3", {}, "Quellen"), list));
    }
    const actions = el("div", { class: "answer-actions" },
      el("button", { type: "button", class: "button ghost small", onclick: () => copyAnswer(turn) },
        a.citations && a.citations.length ? "Antwort mit Quellen kopieren" : "Antwort kopieren"));
    if (state.demo) {
      actions.append(el("button", { type: "button", class: "button ghost small", onclick: () => selectTurn(turn) }, "Herleitung zeigen"));
    }
    card.append(actions);
    turn.node.replaceChildren(card);
    if (state.selected === turn) card.classList.add("selected");
  }

  function renderError(turn, err, streamed) {
    const card = el("article", { class: "answer error", role: "alert" },
      el("div", { class: "answer-head" }, el("span", { class: "who" }, "lotse"), el("span", { class: "badge red" }, "Fehler")),
      el("div", { class: "answer-text" }, el("p", {}, err.friendly)));
    if (streamed) card.append(el("p", { class: "help" }, "Die bis dahin erzeugte Teilantwort wurde verworfen, weil ihre Quellen nicht geprüft werden konnten."));
    card.append(el("div", { class: "answer-actions" },
      el("button", { type: "button", class: "button secondary small", onclick: () => ask(turn.question, turn) }, "Erneut versuchen"),
      el("button", {
        type: "button", class: "button ghost small",
        onclick: () => { textarea.value = turn.question; autosize(); textarea.focus(); },
      }, "Frage bearbeiten")));
    turn.node.replaceChildren(card);
  }

  /** "Abschnitt › Unterabschnitt · S. 3" without the document title that starts the path. */
  function sectionWithin(title, section) {
    const sep = " › ";
    if (!section) return "";
    if (section === title) return "";
    const parts = section.split(sep);
    // the path starts with the document's heading(s), which the title already says
    // (exactly, or as its first part: "Häufige Fragen" in "Häufige Fragen – Intranet")
    while (parts.length && title && title.startsWith(parts[0])) parts.shift();
    return parts.join(sep);
  }

  function where(c) {
    const parts = [];
    const s = sectionWithin(c.title, c.section);
    if (s) parts.push(s);
    if (c.page) parts.push(`S. ${c.page}`);
    if (c.scan_confidence != null) parts.push("Text aus Scan erkannt");
    if (c.kind) parts.push(c.kind);
    const doc = docById(c.document_id);
    if (doc && doc.stand) parts.push(`Stand ${cleanStand(doc.stand)}`);
    if (c.pending_from) parts.push(`gilt ab ${germanDate(c.pending_from)}`);
    return parts.join(" · ") || c.collection;
  }

  const cleanStand = (s) => String(s).replace(/^\s*Stand\s*:?\s*/i, "");
  const MONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"];
  // "2026-03-01" → "1. März 2026"
  function germanDate(iso) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(iso));
    return m ? `${Number(m[3])}. ${MONTHS[Number(m[2]) - 1]} ${m[1]}` : String(iso);
  }

  async function copyAnswer(turn) {
    const a = turn.answer;
    let text = `Frage: ${turn.question}\n\n${a.answer}\n`;
    if (a.citations && a.citations.length) {
      text += "\nQuellen:\n";
      for (const c of a.citations) {
        text += `[${c.n}] ${c.title}${where(c) ? ` – ${where(c)}` : ""}\n    „${c.quote}“\n`;
      }
    }
    text += "\n(Automatisch erstellt mit lotse – bitte anhand der Quellen prüfen.)\n";
    try {
      await navigator.clipboard.writeText(text);
    } catch (_) {
      const area = el("textarea", { class: "visually-hidden" });
      area.value = text;
      document.body.append(area);
      area.select();
      document.execCommand("copy");
      area.remove();
    }
    toast("Antwort mit Quellen in die Zwischenablage kopiert.");
  }

  // ---------------------------------------------------------------- source dialog

  const dialog = $("#source-dialog");

  function normalise(s) {
    return s.replace(/\s+/g, " ");
  }

  /** The passage with the quote marked; falls back to whitespace-insensitive matching. */
  function markQuote(box, text, quote) {
    box.replaceChildren();
    if (!text) {
      box.append(el("mark", { class: "quote-only" }, quote));
      return true;
    }
    let at = quote ? text.indexOf(quote) : -1;
    let len = quote ? quote.length : 0;
    if (at < 0 && quote) {
      // map positions of the whitespace-collapsed text back to the original
      const map = [];
      let flat = "";
      for (let i = 0; i < text.length; i++) {
        if (/\s/.test(text[i])) {
          if (flat.endsWith(" ")) continue;
          flat += " ";
        } else flat += text[i];
        map.push(i);
      }
      const q = normalise(quote).trim();
      const f = flat.indexOf(q);
      if (f >= 0) {
        at = map[f];
        len = map[f + q.length - 1] - at + 1;
      }
    }
    if (at < 0) {
      box.append(text);
      return false;
    }
    const mark = el("mark", {}, text.slice(at, at + len));
    box.append(text.slice(0, at), mark, text.slice(at + len));
    return mark;
  }

  function openSource(c, turn) {
    const hit = turn && turn.answer ? (turn.answer.retrieval || []).find((h) => h.chunk_id === c.chunk_id) : null;
    const doc = docById(c.document_id);
    $("#source-kicker").textContent = `Quelle [${c.n}]`;
    $("#source-title").textContent = c.title;
    const meta = $("#source-meta");
    meta.replaceChildren();
    const row = (k, v) => { if (v) meta.append(el("dt", {}, k), el("dd", {}, v)); };
    row("Abschnitt", sectionWithin(c.title, c.section) || c.section);
    const page = c.page ? (hit && hit.page_end && hit.page_end !== c.page ? `${c.page}–${hit.page_end}` : String(c.page)) : "";
    row("Seite", page);
    if (c.scan_confidence != null) row("Text", `aus Scan erkannt (Sicherheit ${Math.round(c.scan_confidence)} %), kann Lesefehler enthalten`);
    row("Stand", doc && doc.stand ? cleanStand(doc.stand) : "nicht angegeben");
    row("Art", c.kind || "");
    if (c.pending_from) row("Gültig", `erst ab ${germanDate(c.pending_from)}`);
    row("Sammlung", c.collection);
    row("Datei", c.source.split(/[\\/]/).pop());
    const box = $("#source-passage");
    const mark = markQuote(box, hit ? hit.text : "", c.quote);
    const link = $("#source-open");
    link.href = `/api/documents/${encodeURIComponent(c.document_id)}/file${c.page ? `#page=${c.page}` : ""}`;
    const format = doc ? doc.format : (c.source.split(".").pop() || "").toLowerCase();
    if (format === "docx") link.textContent = "Originaldatei herunterladen (DOCX)";
    else link.textContent = c.page ? `Originaldatei öffnen (S. ${c.page})` : "Originaldatei öffnen";
    dialog.showModal();
    if (mark && mark.scrollIntoView) mark.scrollIntoView({ block: "center" });
  }

  dialog.addEventListener("click", (e) => {
    // a click on the backdrop closes
    if (e.target === dialog) {
      const r = dialog.getBoundingClientRect();
      if (e.clientX < r.left || e.clientX > r.right || e.clientY < r.top || e.clientY > r.bottom) dialog.close();
    }
  });

  // ---------------------------------------------------------------- demo mode

  const demoToggle = $("#demo-toggle");
  demoToggle.addEventListener("change", () => setDemo(demoToggle.checked));

  function setDemo(on) {
    state.demo = on;
    document.body.classList.toggle("demo", on);
    $("#demo-panel").hidden = !on;
    if (!on) state.selected = null;
    for (const t of state.turns) if (t.answer) renderAnswer(t);
    if (on) {
      const last = [...state.turns].reverse().find((t) => t.answer || t.retrieval);
      if (last) selectTurn(last);
      else renderDemo();
    }
  }

  function selectTurn(turn) {
    state.selected = turn;
    for (const t of state.turns) if (t.card) t.card.classList.toggle("selected", t === turn);
    renderDemo();
    if (turn.answer && !turn.search && !turn.searching) loadExplain(turn);
  }

  /** The keyword and vector candidate lists for the query the answer ran. */
  async function loadExplain(turn) {
    turn.searching = true;
    // top_k 100: the fused list then holds every candidate of both lists, so that each
    // vector candidate can be named by its document and section
    const body = { query: turn.answer.query || turn.question, explain: true, top_k: 100 };
    if (turn.request && turn.request.collections) body.collections = turn.request.collections;
    try {
      turn.search = await postJson("/api/search", body);
    } catch (e) {
      turn.search = { error: e instanceof ApiError ? e : new ApiError("network", String(e), 0) };
    } finally {
      turn.searching = false;
    }
    if (state.selected === turn) renderDemo();
  }

  /** Two lines: the section (what a trainer talks about), then document and page. */
  function passageLabel(hit, fallbackId) {
    if (!hit) {
      return el("span", { class: "passage-label", title: fallbackId },
        el("span", { class: "t" }, "Passage außerhalb der Trefferliste"), el("span", { class: "s" }, fallbackId));
    }
    const s = sectionWithin(hit.title, hit.section);
    const page = hit.page ? ` · S. ${hit.page}` : "";
    return el("span", { class: "passage-label", title: `${hit.title}${s ? ` › ${s}` : ""}${page}\n\n${(hit.text || "").slice(0, 400)}` },
      el("span", { class: "t" }, s || hit.title), el("span", { class: "s" }, `${s ? hit.title : "ganzes Dokument"}${page}`));
  }

  function section(step, title, sub, ...content) {
    return el("section", { class: "demo-section" },
      el("h3", {}, el("span", { class: "step", "aria-hidden": "true" }, step), title, sub ? el("span", { class: "sub" }, sub) : null),
      ...content);
  }

  function rankTable(cols, rows) {
    const colgroup = el("colgroup", {}, cols.map((c) => el("col", { class: c.col || null })));
    const head = el("tr", {}, cols.map((c) => el("th", { class: c.num ? "num" : null, scope: "col", title: c.title || null }, c.label)));
    const table = el("table", { class: "rank-table" }, colgroup, el("thead", {}, head), el("tbody", {}, rows));
    return table;
  }

  const LIMIT = 6;

  // How the server merged the two lists (`fusion` of /api/search with "explain").
  function fusionText(fusion) {
    const weight = (w) => numberDe(w, 1);
    if (!fusion) return { name: "Fusion", how: "Beide Listen werden zu einer Rangfolge zusammengeführt." };
    if (fusion.method === "rrf") {
      return { name: "Reciprocal Rank Fusion",
        how: `Score = Summe von 1 / (${Math.round(fusion.k)} + Rang) über beide Listen: Was in beiden weit oben steht, gewinnt.` };
    }
    const kw = fusion.keyword_weight === 1 ? "" : ` Die Stichwortliste zählt mit Gewicht ${weight(fusion.keyword_weight)}.`;
    if (fusion.method === "relative") {
      return { name: "Relative Score-Fusion",
        how: `Jede Liste wird auf ihren besten und schlechtesten Wert normiert (0 bis 1), dann werden die Werte addiert.${kw}` };
    }
    return { name: "Score-Fusion (DBSF)",
      how: `Jede Liste wird an ihrer Verteilung normiert (Mittelwert ± 3 Standardabweichungen → 0 bis 1), dann werden die Werte addiert: Ein klarer Vorsprung in einer Liste bleibt erhalten.${kw}` };
  }

  function chunkIndex(turn) {
    const map = new Map();
    const add = (h) => { if (h && h.chunk_id && !map.has(h.chunk_id)) map.set(h.chunk_id, h); };
    for (const h of (turn.answer && turn.answer.retrieval) || []) add(h);
    for (const h of (turn.retrieval && turn.retrieval.hits) || []) add(h);
    if (turn.search && !turn.search.error) {
      for (const h of turn.search.hits || []) add(h);
      for (const h of turn.search.keyword || []) add(h);
      for (const v of turn.search.vector || []) if (!Array.isArray(v)) add(v);
    }
    return map;
  }

  function renderDemo() {
    const body = $("#demo-body");
    const sub = $("#demo-query");
    body.replaceChildren();
    const turn = state.selected;
    if (!turn) {
      sub.textContent = "Stellen Sie eine Frage – hier erscheint Schritt für Schritt, wie lotse sie beantwortet.";
      body.append(el("div", { class: "demo-section" },
        el("p", { class: "demo-note" }, "1. Die Frage wird mit zwei Verfahren gesucht: Stichwortsuche (BM25) und Vektorsuche (Bedeutungsähnlichkeit)."),
        el("p", { class: "demo-note" }, "2. Beide Ranglisten werden zu einer gemeinsamen Rangfolge verschmolzen."),
        el("p", { class: "demo-note" }, "3. Die besten Passagen bilden den Kontext; daraus entsteht die Antwort mit Quellenangaben.")));
      return;
    }
    const a = turn.answer;
    const query = (a && a.query) || (turn.retrieval && turn.retrieval.query) || turn.question;
    sub.replaceChildren("Suchanfrage: ", el("strong", {}, `„${query}“`),
      query !== turn.question ? " (aus der Folgefrage und dem Gesprächsverlauf gebildet)" : "");
    const chunks = chunkIndex(turn);
    const search = turn.search;

    // 1 + 2: keyword and vector candidates
    let keywordBox;
    let vectorBox;
    if (!a) {
      keywordBox = el("p", { class: "demo-note" }, "Wird gesucht …");
      vectorBox = el("p", { class: "demo-note" }, "Wird gesucht …");
    } else if (!search || turn.searching) {
      keywordBox = el("p", { class: "demo-note" }, "Ranglisten werden geladen …");
      vectorBox = el("p", { class: "demo-note" }, "Ranglisten werden geladen …");
    } else if (search.error) {
      keywordBox = el("p", { class: "demo-note" }, `Nicht verfügbar: ${search.error.friendly}`);
      vectorBox = el("p", { class: "demo-note" }, "Nicht verfügbar.");
    } else {
      const kw = search.keyword || [];
      keywordBox = kw.length === 0
        ? el("p", { class: "demo-note" }, search.mode === "vector" ? "Stichwortsuche ist nicht aktiv." : "Kein Stichworttreffer.")
        : el("div", { class: "kw-list" }, rankTable(
          [{ label: "Rang", num: true, col: "c-rank" }, { label: "BM25", num: true, col: "c-score" }, { label: "Passage" }],
          kw.slice(0, LIMIT).map((h, i) => el("tr", { dataset: { chunk: h.chunk_id } },
            el("td", { class: "num" }, i + 1), el("td", { class: "num" }, numberDe(h.score, 2)), el("td", {}, passageLabel(h))))),
        kw.length > LIMIT ? el("p", { class: "more" }, `… und ${kw.length - LIMIT} weitere Kandidaten`) : null);
      const vec = search.vector || [];
      vectorBox = vec.length === 0
        ? el("p", { class: "demo-note" }, search.mode === "keyword" ? "Vektorsuche ist nicht aktiv (kein Embedding-Modell)." : "Kein Vektortreffer.")
        : el("div", { class: "vec-list" }, rankTable(
          [{ label: "Rang", num: true, col: "c-rank" }, { label: "Cosinus", num: true, col: "c-score" }, { label: "Passage" }],
          vec.slice(0, LIMIT).map((v, i) => {
            const id = Array.isArray(v) ? v[0] : v.chunk_id;
            const score = Array.isArray(v) ? v[1] : v.score;
            return el("tr", { dataset: { chunk: id } },
              el("td", { class: "num" }, i + 1), el("td", { class: "num" }, numberDe(score, 3)), el("td", {}, passageLabel(chunks.get(id), id)));
          })),
        vec.length > LIMIT ? el("p", { class: "more" }, `… und ${vec.length - LIMIT} weitere Kandidaten`) : null);
    }
    body.append(el("div", { class: "demo-cols" },
      section(1, "Stichwortsuche", "BM25", keywordBox),
      section(2, "Vektorsuche", "Embeddings", vectorBox)));

    // 3: fused ranking
    const hits = (a && a.retrieval) || (turn.retrieval && turn.retrieval.hits) || [];
    const context = a && a.context;
    const inPrompt = new Set(context && Array.isArray(context.passages) ? context.passages : []);
    const dropped = new Map((context && Array.isArray(context.dropped) ? context.dropped : []).map((d) => [d.chunk_id, d.reason]));
    const cited = new Set(((a && a.citations) || []).map((c) => c.chunk_id));
    const state3 = (h) => {
      if (cited.has(h.chunk_id)) return el("span", { class: "badge green" }, "zitiert");
      if (inPrompt.has(h.chunk_id)) return el("span", { class: "badge" }, "im Kontext");
      if (dropped.has(h.chunk_id)) return el("span", { class: "badge grey", title: dropped.get(h.chunk_id) }, "verworfen");
      return el("span", { class: "dash" }, "–");
    };
    const rank = (r) => (r ? String(r) : el("span", { class: "dash", title: "nicht unter den Kandidaten" }, "–"));
    // sentences that address the assistant: searchable, never quoted or in the prompt
    const planted = (h) => (Array.isArray(h.planted) && h.planted.length
      ? el("div", { class: "planted" }, el("span", { class: "badge amber", title: h.planted.map((p) => `„${p.text}“ – ${p.reason}`).join("\n") },
        `${h.planted.length === 1 ? "Anweisung" : `${h.planted.length} Anweisungen`} an das KI-System erkannt, nicht verwendet`))
      : null);
    const fusedBox = hits.length === 0
      ? el("p", { class: "demo-note" }, a || turn.retrieval ? "Keine Treffer." : "Wird gesucht …")
      : el("div", { class: "fused-list" }, rankTable(
        [{ label: "Rang", num: true, col: "c-rank" }, { label: "Score", num: true, col: "c-score" },
          { label: "BM25", num: true, col: "c-r", title: "Rang in der Stichwortsuche" }, { label: "Vektor", num: true, col: "c-r", title: "Rang in der Vektorsuche" }, { label: "Passage" }, { label: "Verwendung", col: "c-state" }],
        hits.map((h, i) => el("tr", { dataset: { chunk: h.chunk_id }, class: inPrompt.has(h.chunk_id) || cited.has(h.chunk_id) ? "in-prompt" : null },
          el("td", { class: "num" }, i + 1),
          el("td", { class: "num" }, numberDe(h.score, 4)),
          el("td", { class: "num" }, rank(h.ranks && h.ranks.keyword)),
          el("td", { class: "num" }, rank(h.ranks && h.ranks.vector)),
          el("td", {}, passageLabel(h), planted(h)),
          el("td", {}, state3(h))))));
    const fusion = fusionText(search && !search.error ? search.fusion : null);
    body.append(section(3, "Gemeinsame Rangfolge", fusion.name, fusedBox,
      el("p", { class: "demo-note" }, fusion.how)));

    // 4: context and prompt
    if (a) {
      const box = [];
      if (context) {
        const label = (id) => passageLabel(chunks.get(id), id);
        box.push(el("p", { class: "demo-note" }, `${inPrompt.size} ${inPrompt.size === 1 ? "Passage" : "Passagen"} im Kontext${context.prompt_tokens ? `, ${context.prompt_tokens} Tokens` : ""}.`));
        if (inPrompt.size) {
          box.push(el("ul", { class: "context-list" },
            [...inPrompt].map((id, i) => el("li", {},
              el("span", { class: cited.has(id) ? "badge green" : "badge", title: cited.has(id) ? "zitiert" : "im Kontext, nicht zitiert" }, `[${i + 1}]`),
              el("span", { class: "label" }, label(id))))));
        } else {
          box.push(el("p", { class: "demo-note" }, "Keine Passage wurde verwendet."));
        }
        // left out, grouped by reason ("Rang 6: nur die besten 4 …" → "nur die besten 4 …")
        const byReason = new Map();
        for (const [id, reason] of dropped) {
          const m = /^Rang (\d+):\s*(.*)$/.exec(reason || "");
          const key = m ? m[2] : reason;
          if (!byReason.has(key)) byReason.set(key, []);
          byReason.get(key).push({ id, rank: m ? m[1] : null });
        }
        for (const [reason, items] of byReason) {
          box.push(el("div", { class: "dropped-group" },
            el("p", { class: "why" }, el("span", { class: "badge grey" }, `verworfen: ${items.length}`), " ", dropReason(reason)),
            el("ul", { class: "context-list" }, items.map(({ id, rank }) => el("li", {},
              rank ? el("span", { class: "rank-tag" }, `Rang ${rank}`) : null,
              el("span", { class: "label" }, label(id)))))));
        }
        const messages = Array.isArray(context.messages) ? context.messages : [];
        if (messages.length) {
          box.push(el("details", { class: "prompt" }, el("summary", {}, `Prompt an das Sprachmodell (${messages.length} Nachrichten)`),
            messages.map((m) => el("div", { class: "prompt-msg" }, el("div", { class: "role" }, ROLE_LABEL[m.role] || m.role), el("pre", {}, m.content)))));
          if (context.model_output) {
            box.push(el("details", { class: "prompt" }, el("summary", {}, "Rohausgabe des Modells (vor der Quellenprüfung)"),
              el("div", { class: "prompt-msg" }, el("pre", {}, context.model_output))));
          }
        } else if (!a.abstained) {
          box.push(el("p", { class: "demo-note" }, "Kein Prompt: Im zitierenden Modus schreibt kein Sprachmodell; lotse wählt aus den Passagen im Kontext die Sätze, die am besten zur Frage passen."));
        }
      } else if (a.mode === "extractive") {
        box.push(el("p", { class: "demo-note" }, "Zitierender Modus: Kein Sprachmodell, daher kein Prompt. Die Antwort besteht aus Sätzen der bestplatzierten Passagen, die am besten zur Frage passen; markiert mit „zitiert“."));
      } else {
        box.push(el("p", { class: "demo-note" }, "Der Server hat zu dieser Antwort keine Kontextangaben geliefert."));
      }
      if (a.abstained) {
        box.push(el("p", { class: "demo-note" }, "Die Belege waren zu schwach (Ähnlichkeit unter der Schwelle oder keine passende Aussage) – deshalb antwortet lotse nicht, statt zu raten."));
      }
      if (a.attributed_markers) {
        box.push(el("p", { class: "demo-note" }, `${a.attributed_markers} Satz/Sätze ohne Quellenangabe des Modells wurden der Passage zugeordnet, aus der sie erkennbar stammen.`));
      }
      if (a.unresolved_markers) {
        box.push(el("p", { class: "demo-note" }, `${a.unresolved_markers} Quellenverweis(e) des Modells zeigten auf keine gegebene Passage und wurden entfernt.`));
      }
      body.append(section(4, "Kontext und Prompt", a.mode === "generative" ? "generativ" : "zitierend", ...box));
      body.append(section(5, "Zeit je Schritt", formatMs(a.timings_ms && a.timings_ms.total), timingList(a.timings_ms || {})));
    }
    wireHighlight(body);
  }

  const ROLE_LABEL = { system: "System", user: "Nutzer", assistant: "Assistent" };

  function dropReason(reason) {
    const known = {
      budget: "passt nicht mehr ins Token-Budget",
      token_budget: "passt nicht mehr ins Token-Budget",
      duplicate: "doppelt",
      limit: "über der Höchstzahl an Passagen",
      low_score: "zu geringe Relevanz",
    };
    return known[reason] || reason;
  }

  function timingList(t) {
    const stages = [
      ["rewrite", "Folgefrage umformen"],
      ["embedding", "Frage einbetten"],
      ["keyword", "Stichwortsuche"],
      ["vector", "Vektorsuche"],
      ["fusion", "Fusion"],
      ["first_token", "Erstes Token"],
      ["generation", "Antwort erstellen"],
    ];
    const total = Number(t.total) || 0;
    const rows = stages.filter(([k]) => t[k] !== undefined).map(([k, label]) => timingRow(label, t[k], total, false));
    rows.push(timingRow("Gesamt", total, total, true));
    return el("div", { class: "timing-list" }, rows);
  }

  function timingRow(label, ms, total, isTotal) {
    const pct = total > 0 ? Math.max(0.5, Math.min(100, (Number(ms) / total) * 100)) : 0;
    const fill = el("span");
    fill.style.width = `${pct.toFixed(1)}%`; // CSSOM, allowed by the page's style policy
    return el("div", { class: `timing${isTotal ? " total" : ""}` },
      el("span", {}, label),
      el("span", { class: "bar", "aria-hidden": "true" }, fill),
      el("span", { class: "ms" }, formatMs(ms)));
  }

  /** Hovering a passage in one list highlights it in the others. */
  function wireHighlight(root) {
    const rows = root.querySelectorAll("tr[data-chunk]");
    for (const row of rows) {
      row.addEventListener("mouseenter", () => {
        for (const r of rows) r.classList.toggle("hl", r.dataset.chunk === row.dataset.chunk);
      });
      row.addEventListener("mouseleave", () => { for (const r of rows) r.classList.remove("hl"); });
    }
  }

  // ---------------------------------------------------------------- documents view

  const COLLECTION_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;
  const localCollections = new Set();
  const docSelect = $("#doc-collection");
  const NEW = "__new__";
  let currentCollection = null;
  let freshIds = new Set();

  const writable = (name) => {
    const c = state.collections.find((x) => x.name === name);
    return !c || c.write !== false;
  };

  function renderDocCollections() {
    const names = state.collections.filter((c) => c.write !== false).map((c) => c.name);
    if (!currentCollection || !names.includes(currentCollection)) {
      currentCollection = names.includes("allgemein") ? "allgemein" : names[0] || "allgemein";
      if (!names.includes(currentCollection)) state.collections.push({ name: currentCollection, documents: 0 });
    }
    // only collections the user may change can take uploads; only admins make new ones
    const options = state.collections
      .filter((c) => c.write !== false)
      .map((c) => el("option", { value: c.name }, `${c.name} (${c.documents})`));
    if (!session.me || session.me.admin) options.push(el("option", { value: NEW }, "+ Neue Sammlung …"));
    docSelect.replaceChildren(...options);
    $(".upload-card").hidden = options.length === 0;
    docSelect.value = currentCollection;
    renderDocTable();
  }

  docSelect.addEventListener("change", () => {
    if (docSelect.value === NEW) {
      $("#new-collection-field").hidden = false;
      $("#new-collection").focus();
      return;
    }
    $("#new-collection-field").hidden = true;
    currentCollection = docSelect.value;
    renderDocTable();
  });

  function createCollection() {
    const input = $("#new-collection");
    const name = input.value.trim().toLowerCase();
    if (!COLLECTION_NAME.test(name)) {
      toast("Ungültiger Name: Kleinbuchstaben, Ziffern, „-“ und „_“, beginnend mit Buchstabe oder Ziffer.", "error");
      input.focus();
      return;
    }
    localCollections.add(name);
    if (!state.collections.some((c) => c.name === name)) state.collections.push({ name, documents: 0 });
    state.collections.sort((a, b) => a.name.localeCompare(b.name, "de"));
    currentCollection = name;
    input.value = "";
    $("#new-collection-field").hidden = true;
    renderDocCollections();
    renderCollectionPicker();
    toast(`Sammlung „${name}“ angelegt. Laden Sie jetzt Dateien hoch.`);
  }
  $("#create-collection").addEventListener("click", createCollection);
  $("#new-collection").addEventListener("keydown", (e) => {
    if (e.key === "Enter") { e.preventDefault(); createCollection(); }
    if (e.key === "Escape") { $("#new-collection-field").hidden = true; docSelect.value = currentCollection; docSelect.focus(); }
  });
  $("#show-all").addEventListener("change", renderDocTable);

  async function refreshDocuments() {
    try {
      await loadDocuments();
    } catch (e) {
      toast(e instanceof ApiError ? e.friendly : API_MESSAGES.network, "error");
    }
  }

  function renderDocTable() {
    const all = $("#show-all").checked;
    const docs = state.documents
      .filter((d) => all || d.collection === currentCollection)
      .sort((a, b) => a.title.localeCompare(b.title, "de"));
    $("#docs-title").textContent = all
      ? `Alle Dokumente (${docs.length})`
      : `Dokumente in „${currentCollection}“ (${docs.length})`;
    const tbody = $("#docs-body");
    tbody.replaceChildren(...docs.map((d) => el("tr", { class: freshIds.has(d.id) ? "fresh" : null, dataset: { id: d.id } },
      el("td", {},
        el("a", { class: "doc-title", href: `/api/documents/${encodeURIComponent(d.id)}/file`, target: "_blank", rel: "noopener" }, d.title),
        el("div", { class: "doc-file" }, `${d.source.split(/[\\/]/).pop()}${all ? ` · ${d.collection}` : ""}`),
        d.flagged_passages ? el("div", { class: "doc-flag" }, el("span", { class: "badge amber", title: "Sätze, die sich wie Anweisungen an das KI-System lesen, bleiben suchbar, werden aber nie zitiert oder dem Sprachmodell gegeben." },
          `${d.flagged_passages} ${d.flagged_passages === 1 ? "Abschnitt" : "Abschnitte"} mit Anweisungen an das KI-System`)) : null,
        d.superseded_by ? el("div", { class: "doc-flag superseded" }, el("span", { class: "badge", title: "Ein neueres Dokument ersetzt dieses; es wird nicht mehr für Antworten verwendet (in der Suche mit „auch ersetzte Fassungen“)." },
          `ersetzt durch ${d.superseded_by}`)) : null,
        d.validity && d.validity.valid_from ? el("div", { class: "doc-file" }, `gültig ab ${germanDate(d.validity.valid_from)}`) : null),
      el("td", {}, el("span", { class: "fmt" }, FORMATS[d.format] || d.format)),
      el("td", { class: "num" }, d.pages || "–"),
      el("td", { class: "num" }, d.chunks),
      el("td", { class: "nowrap" }, d.stand ? cleanStand(d.stand) : "–"),
      el("td", { class: "nowrap" }, ingestedCell(d.ingested_at)),
      el("td", { class: "actions" }, writable(d.collection) ? el("div", { class: "action-stack" },
        el("button", { type: "button", class: "button ghost small", onclick: () => replaceDocument(d), "aria-label": `${d.title} ersetzen` }, "Ersetzen"),
        el("button", { type: "button", class: "button ghost small delete", onclick: () => deleteDocument(d), "aria-label": `${d.title} löschen` }, "Löschen")) : el("span", { class: "help" }, "nur lesen")))));
    $("#docs-empty").hidden = docs.length > 0;
    $("#docs-table").hidden = docs.length === 0;
  }

  function ingestedCell(iso) {
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) return iso || "–";
    return [
      d.toLocaleDateString("de-DE", { day: "2-digit", month: "2-digit", year: "numeric" }),
      el("span", { class: "time" }, `${d.toLocaleTimeString("de-DE", { hour: "2-digit", minute: "2-digit" })} Uhr`),
    ];
  }

  async function deleteDocument(d) {
    const confirm = $("#confirm-dialog");
    $("#confirm-text").textContent = `„${d.title}“ wird aus der Sammlung „${d.collection}“ entfernt und ist danach nicht mehr durchsuchbar.`;
    confirm.returnValue = "";
    confirm.showModal();
    $("#confirm-ok").focus();
    const answer = await new Promise((resolve) => confirm.addEventListener("close", () => resolve(confirm.returnValue), { once: true }));
    if (answer !== "ok") return;
    try {
      await api(`/api/documents/${encodeURIComponent(d.id)}`, { method: "DELETE" });
      toast(`„${d.title}“ wurde gelöscht.`);
    } catch (e) {
      toast(e instanceof ApiError ? e.friendly : API_MESSAGES.network, "error");
    }
    await refreshDocuments();
    refreshHealth();
  }

  let replacing = null;
  function replaceDocument(d) {
    replacing = d;
    $("#replace-input").value = "";
    $("#replace-input").click();
  }
  $("#replace-input").addEventListener("change", (e) => {
    const file = e.target.files[0];
    if (file && replacing) enqueue([file], replacing);
    replacing = null;
  });

  // uploads: one request per file, each with its own progress bar and result
  const dropzone = $("#dropzone");
  const fileInput = $("#file-input");
  dropzone.addEventListener("click", () => fileInput.click());
  dropzone.addEventListener("keydown", (e) => {
    if (e.key === "Enter" || e.key === " ") { e.preventDefault(); fileInput.click(); }
  });
  fileInput.addEventListener("change", () => {
    enqueue([...fileInput.files]);
    fileInput.value = "";
  });
  for (const type of ["dragenter", "dragover"]) {
    dropzone.addEventListener(type, (e) => { e.preventDefault(); dropzone.classList.add("over"); });
  }
  for (const type of ["dragleave", "drop"]) {
    dropzone.addEventListener(type, (e) => { e.preventDefault(); dropzone.classList.remove("over"); });
  }
  dropzone.addEventListener("drop", (e) => {
    const files = [...(e.dataTransfer ? e.dataTransfer.files : [])];
    if (files.length) enqueue(files);
  });
  // a file dropped beside the drop zone must not navigate away from the page
  window.addEventListener("dragover", (e) => e.preventDefault());
  window.addEventListener("drop", (e) => e.preventDefault());

  const queue = [];
  let running = 0;
  const PARALLEL = 2;

  function enqueue(files, replaces) {
    if (docSelect.value === NEW) {
      toast("Bitte legen Sie die neue Sammlung zuerst an.", "error");
      return;
    }
    const collection = replaces ? replaces.collection : currentCollection;
    const items = files.map((file) => uploadItem(file, collection, replaces));
    $("#upload-list").prepend(...items.map((i) => i.node)); // newest batch on top, in order
    queue.push(...items);
    pump();
  }

  function pump() {
    while (running < PARALLEL && queue.length) {
      const item = queue.shift();
      running++;
      upload(item).finally(() => {
        running--;
        pump();
      });
    }
  }

  function uploadItem(file, collection, replaces) {
    const progress = el("progress", { max: 100, value: 0, "aria-label": `Fortschritt ${file.name}` });
    const result = el("div", { class: "result" }, replaces ? `Ersetzt „${replaces.title}“ – wartet …` : "Wartet …");
    const detail = el("div", { class: "detail" });
    const node = el("li", { class: "upload-item", dataset: { file: file.name } },
      el("div", { class: "name" }, file.name),
      el("div", { class: "size" }, `${formatBytes(file.size)} · Sammlung „${collection}“`),
      progress, result, detail);
    return { file, collection, replaces, node, progress, result, detail };
  }

  function upload(item) {
    return new Promise((resolve) => {
      const data = new FormData();
      data.append("collection", item.collection);
      if (item.replaces) data.append("replace", item.replaces.id);
      const validFrom = $("#doc-valid-from").value;
      if (validFrom) data.append("valid_from", validFrom);
      const kind = $("#doc-kind").value;
      if (kind) data.append("kind", kind);
      data.append("file", item.file, item.file.name);
      const xhr = new XMLHttpRequest();
      xhr.open("POST", "/api/documents");
      xhr.responseType = "json";
      xhr.setRequestHeader("Accept", "application/json");
      if (session.csrf) xhr.setRequestHeader("X-CSRF-Token", session.csrf);
      item.result.textContent = "Wird hochgeladen …";
      xhr.upload.addEventListener("progress", (e) => {
        if (e.lengthComputable) item.progress.value = Math.round((e.loaded / e.total) * 100);
      });
      xhr.upload.addEventListener("load", () => {
        item.progress.removeAttribute("value"); // indeterminate while the server reads the file
        item.result.textContent = "Wird gelesen und aufgenommen …";
      });
      xhr.addEventListener("load", () => {
        finishUpload(item, xhr.status, xhr.response);
        resolve();
      });
      xhr.addEventListener("error", () => {
        failUpload(item, API_MESSAGES.network, "");
        resolve();
      });
      xhr.send(data);
    });
  }

  function showClear() {
    $("#clear-uploads").hidden = !document.querySelector("#upload-list .upload-item.ok, #upload-list .upload-item.failed");
  }
  $("#clear-uploads").addEventListener("click", () => {
    for (const node of document.querySelectorAll("#upload-list .upload-item.ok, #upload-list .upload-item.failed")) node.remove();
    showClear();
  });

  function failUpload(item, text, detail) {
    item.node.classList.add("failed");
    item.progress.remove();
    item.result.textContent = `Abgelehnt: ${text}`;
    item.detail.textContent = detail || "";
    showClear();
  }

  function finishUpload(item, status, body) {
    const file = body && Array.isArray(body.files) ? body.files[0] : null;
    if (!file) {
      const err = body && body.error ? body.error : { code: `http_${status}`, message: "" };
      const code = status === 429 ? "overloaded" : status === 413 ? "payload_too_large" : err.code;
      failUpload(item, FILE_REASONS[code] || API_MESSAGES[code] || `Fehler ${status}.`, err.message);
      return;
    }
    if (file.status === "failed") {
      const ext = (item.file.name.split(".").pop() || "").toUpperCase();
      const text = file.code === "corrupt" && ext
        ? `Die Datei ist beschädigt oder keine gültige ${ext}-Datei.`
        : FILE_REASONS[file.code] || "Die Datei konnte nicht aufgenommen werden.";
      failUpload(item, text, `Technische Angabe: ${file.reason} (${file.code})`);
      return;
    }
    item.node.classList.add("ok");
    item.progress.remove();
    const chunks = file.chunks !== undefined ? `${file.chunks} ${file.chunks === 1 ? "Passage" : "Passagen"}` : "";
    const pages = file.pages ? `, ${file.pages} ${file.pages === 1 ? "Seite" : "Seiten"}` : "";
    const texts = {
      added: `Aufgenommen: ${chunks}${pages}`,
      replaced: `Ersetzt und aufgenommen: ${chunks}${pages}`,
      unchanged: "Unverändert – diese Fassung ist bereits aufgenommen.",
      duplicate: `Schon vorhanden: gleicher Inhalt wie ${String(file.of || "").split(/[\\/]/).pop()}`,
    };
    item.result.textContent = texts[file.status] || `Aufgenommen (${file.status})`;
    if (item.replaces) item.detail.textContent = `Ersetzt: „${item.replaces.title}“`;
    if (file.document_id) freshIds.add(file.document_id);
    showClear();
    localCollections.delete(item.collection);
    refreshDocuments().then(() => {
      refreshHealth();
    });
  }

  // ---------------------------------------------------------------- sign-in, system card

  function showLogin() {
    if (!$("#login-view").hidden) return;
    session.me = null;
    session.csrf = null;
    $("#main").hidden = true;
    $("#user-box").hidden = true;
    $("#login-view").hidden = false;
    $("#login-name").focus();
  }

  function showUser(me) {
    session.me = me;
    session.csrf = me.csrf_token || null;
    $("#login-view").hidden = true;
    $("#main").hidden = false;
    const box = $("#user-box");
    box.hidden = me.via === "open";
    const names = (me.collections || []).map((c) => c.name).join(", ") || "keine";
    $("#user-name").textContent = me.name;
    $("#user-name").title = `Sammlungen: ${names}${me.admin ? " · Administration" : ""}`;
    $("#user-box").dataset.collections = names;
    // a proxy's single sign-on ends at the proxy, not here
    $("#logout").hidden = me.via !== "session";
  }

  async function start() {
    let me;
    try {
      me = await api("/api/me");
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return; // the login form shows
      toast(e instanceof ApiError ? e.friendly : API_MESSAGES.network, "error");
      refreshHealth();
      return;
    }
    showUser(me);
    refreshHealth();
    await refreshDocuments();
    textarea.focus();
  }

  $("#login-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const error = $("#login-error");
    error.hidden = true;
    $("#login-button").disabled = true;
    try {
      const me = await postJson("/api/login", { name: $("#login-name").value.trim(), password: $("#login-password").value });
      $("#login-password").value = "";
      showUser(me);
      refreshHealth();
      await refreshDocuments();
      textarea.focus();
    } catch (err) {
      error.textContent = err instanceof ApiError && err.status === 401
        ? "Name oder Passwort stimmen nicht."
        : (err instanceof ApiError ? err.friendly : API_MESSAGES.network);
      error.hidden = false;
      $("#login-password").select();
    } finally {
      $("#login-button").disabled = false;
    }
  });

  $("#logout").addEventListener("click", async () => {
    try {
      await postJson("/api/logout", {});
    } catch (_) { /* the session is gone either way */ }
    state.documents = [];
    state.collections = [];
    state.chosen.clear();
    showLogin();
  });

  $("#open-card").addEventListener("click", async () => {
    const body = $("#card-body");
    body.replaceChildren();
    try {
      const card = await api("/api/system-card");
      const rows = [
        ["Zweck", card.purpose],
        ["Betreiber", card.operator || "–"],
        ["Kontakt", card.contact || "–"],
        ["Sprachmodell", card.generator || "keines (nur wörtliche Zitate)"],
        ["Modelle", (card.models || []).map((m) => `${m.name} (${m.role}); sha256 ${m.files.map((f) => f.sha256.slice(0, 12)).join(", ")}…`).join(" · ") || "–"],
        ["Ihre Sammlungen", (card.collections || []).map((c) => `${c.name} (${c.documents})`).join(", ") || "–"],
        ["Protokolle", card.logging ? `${card.logging.requests} ${card.logging.audit} ${card.logging.questions}` : "–"],
        ["Menschliche Aufsicht", card.human_oversight],
      ];
      for (const [k, v] of rows) body.append(el("dt", {}, k), el("dd", {}, v || "–"));
    } catch (e) {
      body.append(el("dd", {}, e instanceof ApiError ? e.friendly : API_MESSAGES.network));
    }
    $("#card-dialog").showModal();
  });

  start();
})();
