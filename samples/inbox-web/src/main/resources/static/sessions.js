// The questionnaire of a discovery session: questions of the vertical by type, answers, notes, exports.
"use strict";

let verticals = [];
let current = null;

async function listSessions() {
  const account = document.getElementById("account").value;
  const page = await Api.get("/sessions?account=" + encodeURIComponent(account));
  const ul = document.getElementById("list");
  ul.replaceChildren(...page.items.map(s => el("li", {},
    el("a", { href: "#", class: "open-session", onclick: ev => { ev.preventDefault(); open(s.id); } },
      s.vertical + " session " + s.id.substring(0, 8)), " — " + s.status + ", updated " + s.updatedAt.substring(0, 16))));
  if (!page.items.length) ul.append(el("li", { class: "meta" }, "No session yet."));
}

function input(q, response) {
  const a = response ? response.answer : null;
  switch (q.type) {
    case "TEXT": return el("textarea", { name: "text", rows: 2 }, a ? a.value : "");
    case "RADIO": return el("div", {}, q.options.map(o => el("label", {},
      el("input", { type: "radio", name: "choice-" + q.id, value: o.id, checked: a && a.value === o.id }), o.label, " ")));
    case "VENDOR_MULTI": return el("div", {},
      el("input", { type: "text", name: "vendors", placeholder: "vendors, comma-separated",
        value: a ? a.selected.concat(a.freeForm).join(", ") : "" }));
    case "SIZING": return el("div", {}, q.parameters.map(p => el("label", {}, p.label + " (" + p.unit + ") ",
      el("input", { type: "number", name: "size-" + p.id, min: p.min, max: p.max, value: a && a.sizing[p.id] !== undefined ? a.sizing[p.id] : "" }), " ")));
    default: return el("span", {}, q.type);
  }
}

function answerOf(q, box) {
  const body = { questionId: q.id, type: q.type };
  if (q.type === "TEXT") body.text = box.querySelector("textarea").value;
  if (q.type === "RADIO") { const c = box.querySelector("input:checked"); body.choice = c ? c.value : ""; }
  if (q.type === "VENDOR_MULTI") body.vendors = box.querySelector("input").value.split(",").map(s => s.trim()).filter(Boolean);
  if (q.type === "SIZING") {
    body.sizing = {};
    for (const p of q.parameters) { const v = box.querySelector(`[name="size-${p.id}"]`).value; if (v !== "") body.sizing[p.id] = Number(v); }
  }
  return body;
}

async function open(id) {
  try {
    current = await Api.get("/sessions/" + encodeURIComponent(id));
    const s = current.session;
    const vertical = verticals.find(v => v.id === s.vertical);
    document.getElementById("session").hidden = false;
    document.getElementById("title").textContent = s.accountName + " — " + (vertical ? vertical.name : s.vertical);
    document.getElementById("status").textContent = "Status " + s.status + " · owner " + s.owner;
    const responses = Object.fromEntries(current.responses.map(r => [r.questionId, r]));
    document.getElementById("questions").replaceChildren(...(vertical ? vertical.questions : []).map(q => {
      const box = el("div", { class: "question", "data-question": q.id });
      const saved = el("span", { class: "meta saved" }, responses[q.id] ? " saved by " + responses[q.id].answeredBy : "");
      box.append(el("strong", {}, q.text), el("div", {}, input(q, responses[q.id])),
        el("button", { class: "save-answer", onclick: async () => {
          try {
            const r = responses[q.id];
            const body = answerOf(q, box); body.version = r ? r.version : 0;
            const res = await Api.post(`/sessions/${s.id}/responses`, body);
            responses[q.id] = res; saved.textContent = " saved by " + res.answeredBy;
            loadInsights(s.id);
          } catch (e) { showError(e); }
        } }, "Save answer"), saved);
      return box;
    }));
    document.getElementById("notes").replaceChildren(...current.notes.map(n => el("li", {}, n.type + ": " + n.text + " (" + n.author + ")")));
    document.getElementById("csv").href = `/api/v1/sessions/${s.id}/export?format=CSV`;
    document.getElementById("json").href = `/api/v1/sessions/${s.id}/export?format=JSON`;
    loadInsights(s.id);
  } catch (e) { showError(e); }
}

async function loadInsights(id) {
  try {
    const i = await Api.get(`/sessions/${id}/insights`);
    const list = (title, items) => items.length ? [el("h3", {}, title), el("ul", {}, items.map(x => el("li", {}, x)))] : [];
    document.getElementById("insights").replaceChildren(
      el("p", {}, el("strong", {}, "Maturity " + i.maturity.score + "/100"), " — " + i.maturity.reasons.join("; ")),
      ...list("Vendors by category", Object.entries(i.vendorsByCategory).map(([c, v]) => c + ": " + v.join(", "))),
      ...list("Consolidation candidates", i.consolidation),
      ...list("Gaps", i.gaps),
      ...list("Alternatives", Object.entries(i.alternatives).map(([v, a]) => v + " → " + a.join(", "))));
  } catch (e) { showError(e); }
}

(async () => {
  try {
    await nav("sessions.html");
    verticals = await Api.get("/catalogue/verticals");
    document.getElementById("vertical").append(...verticals.map(v => el("option", { value: v.id }, v.name)));
    const accounts = await Api.get("/accounts?limit=200");
    const select = document.getElementById("account");
    select.append(...accounts.items.map(a => el("option", { value: a.id, "data-name": a.name }, a.name)));
    select.addEventListener("change", () => listSessions().catch(showError));
    document.getElementById("start").addEventListener("click", async () => {
      try {
        const opt = select.selectedOptions[0];
        const s = await Api.post("/sessions", { accountId: select.value, accountName: opt.dataset.name,
          vertical: document.getElementById("vertical").value });
        await listSessions(); await open(s.id);
      } catch (e) { showError(e); }
    });
    document.getElementById("note-form").addEventListener("submit", async ev => {
      ev.preventDefault();
      try {
        await Api.post(`/sessions/${current.session.id}/notes`, { type: document.getElementById("note-type").value,
          text: document.getElementById("note-text").value });
        document.getElementById("note-text").value = "";
        await open(current.session.id);
      } catch (e) { showError(e); }
    });
    if (accounts.items.length) await listSessions();
  } catch (e) { showError(e); }
})();
