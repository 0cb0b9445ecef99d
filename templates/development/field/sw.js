// Service worker of the field app (issue 22), served by apps/development/views_field.py with the version and the
// hashed names of the shell's files. The shell comes from the cache; the "today" page from the network when
// there is one (and is kept), else from the cache, so the page works offline after one visit online.
"use strict";
const VERSION = "{{ version }}";
const CACHE = "mchch-field-" + VERSION;
const SHELL = {{ shell|safe }};
const PAGE = "{{ page }}";

async function keepPage(cache) {
  try {
    const res = await fetch(PAGE, { credentials: "same-origin", cache: "no-store" });
    if (res.ok && !res.redirected) { await cache.put(PAGE, res); }
  } catch (e) { /* offline while installing: the next visit keeps it */ }
}

self.addEventListener("install", (ev) => {
  ev.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await cache.addAll(SHELL);
    await keepPage(cache);
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (ev) => {
  ev.waitUntil((async () => {
    const keys = await caches.keys();
    await Promise.all(keys.filter((k) => k.startsWith("mchch-field-") && k !== CACHE).map((k) => caches.delete(k)));
    await self.clients.claim();
  })());
});

async function page(req) {
  const cache = await caches.open(CACHE);
  try {
    const res = await fetch(req);
    if (res.ok && !res.redirected) { await cache.put(PAGE, res.clone()); }
    return res;
  } catch (e) {
    return (await cache.match(PAGE)) || Response.error();
  }
}

self.addEventListener("fetch", (ev) => {
  const req = ev.request;
  if (req.method !== "GET") { return; }
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) { return; }
  if (url.pathname === PAGE) { ev.respondWith(page(req)); return; }
  if (SHELL.includes(url.pathname)) {
    ev.respondWith(caches.match(url.pathname).then((hit) => hit || fetch(req)));
  }
});
