// Closed-deal enrichment: configuration, stats, summary, the ICP and its proposals, a batch.
"use strict";

const day = iso => iso ? iso.substring(0, 10) : "—";
const yesNo = b => b ? "yes" : "no";

function rows(tbody, entries, empty) {
  tbody.replaceChildren(...(entries.length ? entries.map(([k, v]) => el("tr", {}, el("td", {}, k), el("td", {}, v)))
    : [el("tr", {}, el("td", { class: "meta" }, empty || "none yet"))]));
}

function lookback() { return document.getElementById("lookback").value; }

async function loadStatus() {
  const q = lookback() ? "?lookbackMonths=" + encodeURIComponent(lookback()) : "";
  const [s, sum] = await Promise.all([Api.get("/enrichment/status" + q), Api.get("/enrichment/summary" + q)]);
  const c = s.config;
  if (!lookback()) document.getElementById("lookback").value = s.lookbackMonths;
  const noKey = document.getElementById("no-key");
  noKey.hidden = !!c.enricher;
  noKey.textContent = "No enrichment key is configured, so the engine has no enricher: a batch is refused and the" +
    " ICP rests on the deals' own titles. Set DISCOVERY_CREDENTIALS_DEFAULT_APOLLO or" +
    " DISCOVERY_CREDENTIALS_DEFAULT_SERPER and restart to enrich.";
  const config = [["apolloKey", "Apollo key", yesNo(c.apolloKey)], ["serperKey", "Serper key", yesNo(c.serperKey)],
    ["enricher", "Enricher", c.enricher || "none (key missing)"], ["autoEnrichOnClose", "Auto-enrich on close", yesNo(c.autoEnrichOnClose)],
    ["lookbackMonths", "Lookback months", c.lookbackMonths], ["cacheDays", "Cache days", c.cacheDays],
    ["missDays", "Miss days", c.missDays], ["schedule", "Monthly chain", c.schedule || "on demand"]];
  document.querySelector("#config thead").replaceChildren(el("tr", {}, config.map(([, label]) => el("th", {}, label))));
  document.querySelector("#config tbody").replaceChildren(el("tr", {}, config.map(([key, , v]) => el("td", { "data-key": key }, v))));
  document.getElementById("stats").textContent = s.closedDeals + " closed deals since " + day(s.since) + ": " +
    s.enrichedDeals + " enriched, " + s.partialDeals + " partial; " + s.dealContacts + " contacts, " +
    s.enrichedContacts + " enriched, " + s.rolesResolved + " with a buying role; " + s.enrichedAccounts +
    " accounts enriched; last enriched " + day(s.lastEnrichedAt) + " (server time " + day(s.now) + ")";
  rows(document.querySelector("#outcomes tbody"), Object.entries(s.contactOutcomes), "no attempt yet");
  rows(document.querySelector("#coverage tbody"), Object.entries(sum.coverage), "nothing enriched yet");
  rows(document.querySelector("#industries tbody"), Object.entries(sum.topIndustries), "needs account enrichment");
  rows(document.querySelector("#sizes tbody"), Object.entries(sum.companySizes), "needs account enrichment");
  rows(document.querySelector("#roles tbody"), Object.entries(sum.roles));
  document.querySelector("#deals tbody").replaceChildren(...sum.deals.map(d => el("tr", { class: "deal", "data-status": d.status },
    el("td", {}, day(d.closedAt)), el("td", {}, d.name), el("td", {}, d.stage),
    el("td", {}, (d.account || "—") + (d.domain ? " (" + d.domain + (d.accountEnriched ? ", enriched" : "") + ")" : "")),
    el("td", {}, badge(d.status, "b-" + d.status.toLowerCase())),
    el("td", {}, d.contacts.map(ct => el("div", {}, (ct.title || ct.email) + " — " + ct.role +
      (ct.lastOutcome ? ", " + ct.lastOutcome + (ct.lastReason ? " (" + ct.lastReason + ")" : "") : ", not tried")))))));
}

async function loadIcp() {
  const [icp, proposals] = await Promise.all([Api.get("/enrichment/icp"), Api.get("/enrichment/proposals")]);
  document.getElementById("icp-meta").textContent = "From " + icp.won + " won and " + icp.lost + " lost deals, derived " + day(icp.derivedAt);
  document.querySelector("#traits tbody").replaceChildren(...(icp.traits.length ? icp.traits.map(t => el("tr", { class: "trait" },
    el("td", {}, t.kind), el("td", {}, t.example), el("td", {}, t.lift.toFixed(2)), el("td", {}, t.evidence)))
    : [el("tr", {}, el("td", { class: "meta" }, "no trait sets the won deals apart yet"))]));
  const box = document.getElementById("proposals");
  box.replaceChildren(...(proposals.length ? proposals.map(p => el("div", { class: "card proposal", "data-profile": p.profileId },
    el("h3", {}, p.profileName + " ", el("span", { class: "meta" }, "(" + p.profileId + ", owner " + p.owner + ")")),
    el("ul", {}, p.changes.map(ch => el("li", {}, "add " + ch.field.toLowerCase().replace("_", " ") + " “" + ch.value + "” — " + ch.evidence))),
    el("div", { class: "actions" }, el("button", { class: "apply primary", onclick: async ev => {
      try {
        ev.target.disabled = true;
        const saved = await Api.post("/enrichment/proposals/" + encodeURIComponent(p.profileId) + "/apply");
        ev.target.closest(".proposal").append(el("p", { class: "meta applied" }, "Applied: version " + saved.version));
        await loadIcp();
      } catch (e) { ev.target.disabled = false; showError(e); }
    } }, "Apply"))))
    : [el("p", { class: "meta", id: "no-proposals" }, "The profiles already hold what the ICP proposes.")]));
}

async function runBatch(ev) {
  ev.preventDefault();
  const f = new FormData(ev.target);
  const err = document.getElementById("batch-error"), out = document.getElementById("batch-result");
  err.hidden = true; out.hidden = true;
  try {
    const num = v => v === "" ? null : Number(v);
    const r = await Api.post("/enrichment/batch", { lookbackMonths: num(f.get("lookbackMonths")), limit: num(f.get("limit")) });
    out.textContent = "Batch: " + r.deals + " deals, " + r.contacts + " contacts, " + r.accounts + " accounts; " +
      r.enriched + " enriched, " + r.cacheHits + " from the cache, " + r.calls + " calls, " +
      Object.keys(r.failed).length + " failed, " + r.knownMisses + " known misses";
    out.hidden = false;
    await Promise.all([loadStatus(), loadIcp()]);
  } catch (e) {
    err.textContent = e.message + (e.status ? " (" + e.status + ")" : "");
    err.hidden = false;
  }
}

(async () => {
  document.getElementById("batch-form").addEventListener("submit", runBatch);
  document.getElementById("lookback-form").addEventListener("submit", ev => {
    ev.preventDefault(); loadStatus().catch(showError);
  });
  try {
    await nav("enrichment.html");
    await Promise.all([loadStatus(), loadIcp()]);
  } catch (e) { showError(e); }
})();
