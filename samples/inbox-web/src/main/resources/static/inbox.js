// The inbox: cards grouped by account, badges, why-now, breakdown and evidence, feedback and review.
"use strict";

const REASONS = ["NOT_RELEVANT", "WRONG_COMPANY", "WRONG_INDUSTRY", "TOO_LATE", "ALREADY_KNOWN"];
const STALE_DAYS = 14;
let cursor = null;
let loaded = [];
let accounts = {};
let loads = 0; // resets so far: a page of older filters arriving late is dropped

function query() {
  const f = new FormData(document.getElementById("filters"));
  const p = new URLSearchParams({ expand: "true", limit: "20" });
  if (f.get("state")) p.set("state", f.get("state"));
  // Filtered by the server before paging, so that every page is full and "Load more" finds more.
  if (f.get("urgency")) p.set("urgency", f.get("urgency"));
  if (f.get("minScore")) p.set("minScore", f.get("minScore"));
  if (f.get("account")) p.set("account", f.get("account"));
  if (cursor) p.set("cursor", cursor);
  return p;
}

async function load(reset) {
  try {
    // A reset (new filters) supersedes any page still on its way for the old ones.
    const seq = reset ? ++loads : loads;
    if (reset) { cursor = null; loaded = []; }
    const page = await Api.get("/inbox?" + query());
    if (seq !== loads) return;
    loaded = loaded.concat(page.items);
    cursor = page.nextCursor;
    document.getElementById("more").hidden = !cursor;
    render();
  } catch (e) { showError(e); }
}

function visible(c) {
  return document.getElementById("closed").checked || c.item.status !== "DISMISSED";
}

function render() {
  const groups = document.getElementById("groups");
  groups.replaceChildren();
  const cards = loaded.filter(visible);
  if (document.getElementById("sort").value === "score") cards.sort((a, b) => b.item.score - a.item.score);
  const byAccount = new Map();
  for (const c of cards) {
    const key = c.item.accountId || "(no account)";
    if (!byAccount.has(key)) byAccount.set(key, []);
    byAccount.get(key).push(c);
  }
  for (const [account, list] of byAccount) {
    const name = accounts[account] ? accounts[account].name : account;
    groups.append(el("section", { class: "account-group", "data-account": account },
      el("h2", {}, account.startsWith("(") ? name : el("a", { href: "account.html?id=" + encodeURIComponent(account) }, name),
        " ", el("span", { class: "meta" }, list.length + " card(s)")),
      list.map(cardView)));
  }
  if (cards.length === 0) groups.append(el("p", { class: "meta", id: "empty" }, "No cards match."));
}

function daysAgo(iso) { return (serverNow() - Date.parse(iso)) / 86400000; }

function cardView(c) {
  const o = c.opportunity, card = c.card, i = c.item;
  const box = el("div", { class: "card", "data-id": i.opportunityId, "data-status": i.status,
    "data-review": i.reviewState || "", "data-urgency": o ? o.urgency : "" });
  const badges = [badge(i.score.toFixed(0), "b-score"), badge(i.strength)];
  if (o) badges.push(badge(o.urgency));
  if (i.reviewState) badges.push(badge(i.reviewState, "b-state"));
  if (i.status !== "NEW" && i.status !== i.reviewState) badges.push(badge(i.status, "badge"));
  if (o && o.changes.length) badges.push(badge("updated", "b-update"));
  if (o && (daysAgo(o.lastSeenAt) > STALE_DAYS || o.window === "CLOSED")) badges.push(badge("stale", "b-stale"));
  box.append(el("h3", {}, i.title), el("div", {}, badges));
  if (o) {
    box.append(el("div", { class: "why" }, "Why now: " + o.whyNow));
    box.append(el("div", { class: "meta" },
      "Outreach " + (o.outreachDate || "—") + " · window " + o.window + " · " + o.recommendedAction +
      " · " + i.signalType + " from " + i.source + ", published " + i.publishedAt.substring(0, 10)));
    if (card && card.narrative) box.append(el("div", { class: "why" }, "Narrative: " + card.narrative));
    box.append(el("details", {}, el("summary", {}, "Breakdown and evidence"),
      el("table", {}, el("tr", {}, el("th", {}, "factor"), el("th", {}, "value"), el("th", {}, "weight"),
        el("th", {}, "contribution"), el("th", {}, "reason")),
        o.breakdown.map(f => el("tr", {}, el("td", {}, f.name), el("td", {}, f.value.toFixed(2)),
          el("td", {}, f.weight.toFixed(2)), el("td", {}, f.contribution.toFixed(2)), el("td", {}, f.reason)))),
      el("ul", {}, o.evidence.map(m => el("li", {}, m.kind + " " + m.target + " “" + m.term + "” matched “" +
        m.matched + "” in " + m.field))),
      o.url ? el("a", { href: o.url, target: "_blank", rel: "noopener" }, "source") : null));
  }
  box.append(actions(c));
  const history = el("div", { class: "history" });
  box.append(history);
  return box;
}

function actions(c) {
  const id = c.item.opportunityId, card = c.card;
  const bar = el("div", { class: "actions" });
  const act = fn => async () => { try { await fn(); await refresh(id); } catch (e) { showError(e); } };
  // A card in review or approved keeps the status of its card: close it by rejecting it instead.
  const inReview = card && (card.state === "PENDING_REVIEW" || card.state === "APPROVED");
  if (!inReview) {
    bar.append(el("button", { class: "save", onclick: act(() => Api.post(`/opportunities/${id}/feedback`, { type: "SAVE" })) }, "Save"));
    const reason = el("select", { class: "reason" }, REASONS.map(r => el("option", {}, r)));
    bar.append(reason, el("button", { class: "dismiss", onclick: act(() =>
      Api.post(`/opportunities/${id}/feedback`, { type: "DISMISS", reason: reason.value })) }, "Dismiss"));
  }
  if (card) {
    const v = card.version;
    if (card.state === "NEW") bar.append(el("button", { class: "submit", onclick: act(() => Api.post(`/reviews/${id}/submit`, { version: v })) }, "Submit for review"));
    if (card.state === "NEW" || card.state === "PENDING_REVIEW") {
      bar.append(el("button", { class: "refine", onclick: act(() => {
        const narrative = prompt("Narrative for this card", card.narrative || "");
        if (narrative === null) return Promise.resolve();
        return Api.post(`/reviews/${id}/refine`, { version: v, narrative });
      }) }, "Refine"));
    }
    if (card.state === "PENDING_REVIEW") {
      bar.append(el("button", { class: "approve primary", onclick: act(() => Api.post(`/reviews/${id}/approve`, { version: v })) }, "Approve"));
      bar.append(el("button", { class: "reject", onclick: act(() => {
        const r = prompt("Why reject?");
        return r ? Api.post(`/reviews/${id}/reject`, { version: v, reason: r }) : Promise.resolve();
      }) }, "Reject"));
    }
    bar.append(el("button", { class: "show-history", onclick: async ev => {
      try {
        const h = await Api.get(`/reviews/${id}/history`);
        ev.target.closest(".card").querySelector(".history").replaceChildren(el("ol", { class: "meta" },
          h.map(e => el("li", {}, e.at.substring(0, 19) + " " + e.action + " by " + e.actor +
            (e.changes.length ? " — " + e.changes.join("; ") : "") + (e.reason ? " (" + e.reason + ")" : "")))));
      } catch (e) { showError(e); }
    } }, "History"));
  }
  return bar;
}

async function refresh(id) {
  const [o, card] = await Promise.all([Api.get("/opportunities/" + id), Api.get("/reviews/" + id).catch(() => null)]);
  const c = loaded.find(x => x.item.opportunityId === id);
  c.opportunity = o; c.card = card; c.item.status = o.status;
  if (card) c.item.reviewState = card.state;
  render();
}

(async () => {
  try {
    await nav("inbox.html");
    const page = await Api.get("/accounts?limit=200");
    const select = document.getElementById("account");
    for (const a of page.items) { accounts[a.id] = a; select.append(el("option", { value: a.id }, a.name)); }
    const params = new URLSearchParams(location.search);
    if (params.get("account")) select.value = params.get("account");
    const s = await Api.get("/inbox/stats");
    document.getElementById("stats").textContent = s.cards + " cards in the last 30 days, " + s.newThisWeek +
      " new this week; pending review " + s.byState.PENDING_REVIEW + ", approved " + s.byState.APPROVED;
  } catch (e) { showError(e); }
  document.getElementById("filters").addEventListener("submit", ev => { ev.preventDefault(); load(true); });
  document.getElementById("urgency").addEventListener("change", () => load(true));
  document.getElementById("more").addEventListener("click", () => load(false));
  load(true);
})();
