// Shared helpers of the pages: the API with the login cookie, errors, the navigation bar.
"use strict";

const Api = {
  async call(method, path, body) {
    const opts = { method, headers: { Accept: "application/json" }, credentials: "same-origin" };
    if (body !== undefined) {
      opts.headers["Content-Type"] = "application/json";
      opts.body = JSON.stringify(body);
    }
    const res = await fetch("/api/v1" + path, opts);
    if (res.status === 401) {
      location.href = "/index.html";
      throw new Error("not logged in");
    }
    const text = await res.text();
    const data = text ? JSON.parse(text) : null;
    if (!res.ok) {
      const err = new Error((data && (data.detail || data.title)) || res.statusText);
      err.status = res.status;
      throw err;
    }
    return data;
  },
  get(path) { return this.call("GET", path); },
  post(path, body) { return this.call("POST", path, body === undefined ? {} : body); },
};

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k.startsWith("on")) e.addEventListener(k.substring(2), v);
    else if (v !== null && v !== undefined && v !== false) e.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) {
    if (c !== null && c !== undefined) e.append(c instanceof Node ? c : String(c));
  }
  return e;
}

function showError(e) {
  const box = document.getElementById("error");
  if (box) {
    box.textContent = e.message + (e.status ? " (" + e.status + ")" : "");
    box.hidden = false;
  } else {
    alert(e.message);
  }
}

// The server's clock less the browser's, from /me: ages ("stale", days left) are judged on the
// server's time, which is the engine's, not on the browser's, which may differ (a test's fixed clock).
let serverOffset = 0;
function serverNow() { return Date.now() + serverOffset; }

function badge(text, cls) { return el("span", { class: "badge " + (cls || "b-" + text) }, text); }

async function nav(active) {
  const links = [["inbox.html", "Inbox"], ["accounts.html", "Accounts"], ["sessions.html", "Sessions"],
    ["wizard.html", "New profile"], ["analytics.html", "Run analytics"], ["enrichment.html", "Enrichment"]];
  const me = await Api.get("/me");
  if (me.now) serverOffset = Date.parse(me.now) - Date.now();
  const header = el("header", {},
    el("strong", {}, "Discovery inbox"),
    links.map(([href, label]) => el("a", { href, class: href === active ? "active" : null }, label)),
    el("span", { class: "me", id: "me" }, me.user + " (" + me.roles.join(", ") + ") · ",
      el("a", { href: "#", onclick: () => { document.cookie = "inbox_token=; Max-Age=0; path=/"; location.href = "/index.html"; } }, "log out")));
  document.body.prepend(header);
  return me;
}
