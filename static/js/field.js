// The field app (issue 22): entries are kept in IndexedDB first (idb.js) and sent when the network is there.
// Each entry has the id the phone made for it (client_id); the server answers a repeat with what it already has,
// so a retry never makes a second record. A conflict (409) or a refused entry stays here, with its data, shown.
(function () {
  "use strict";
  var Q = window.fieldQueue;
  var T = JSON.parse(document.getElementById("field-texts").textContent);
  var STAGES = JSON.parse(document.getElementById("field-stages").textContent);
  var csrf = document.querySelector("meta[name=csrf-token]").content;
  var scope = document.body.dataset.scope;
  var URLS = {};
  document.querySelectorAll("form[data-queue]").forEach(function (f) { URLS[f.dataset.queue] = f.action; });
  var MAX_SIDE = 1600, syncing = false, seq = 0;

  function uuid() {
    if (window.crypto.randomUUID) { return window.crypto.randomUUID(); }
    var b = window.crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return [h.slice(0, 8), h.slice(8, 12), h.slice(12, 16), h.slice(16, 20), h.slice(20)].join("-");
  }
  function fmt(text, n) { return text.replace("%(n)s", n); }
  function say(text, kind) {
    var box = document.getElementById("field-msg");
    box.textContent = "";
    var p = document.createElement("p");
    p.className = "msg " + (kind || "info");
    p.textContent = text;
    box.appendChild(p);
  }
  function isQuota(e) {
    return e && (e.name === "QuotaExceededError" || e.code === 22 || /quota/i.test(e.message || ""));
  }
  function todayBE() {
    var d = new Date();
    return ("0" + d.getDate()).slice(-2) + "/" + ("0" + (d.getMonth() + 1)).slice(-2) + "/" + (d.getFullYear() + 543);
  }

  // --- photos: made smaller in the browser (long side ≤ 1600 px, JPEG); the server re-encodes and drops EXIF ----
  function viaImg(file) {  // where createImageBitmap is missing or refuses the file (older Safari)
    return new Promise(function (resolve, reject) {
      var img = new Image(), url = URL.createObjectURL(file);
      img.onload = function () { URL.revokeObjectURL(url); resolve(img); };
      img.onerror = function () { URL.revokeObjectURL(url); reject(new Error(T.bad_image)); };
      img.src = url;
    });
  }
  function decode(file) {
    if (!window.createImageBitmap) { return viaImg(file); }
    return createImageBitmap(file, { imageOrientation: "from-image" }).catch(function () { return viaImg(file); });
  }
  function resize(file) {
    return decode(file).then(function (src) {
      var w = src.naturalWidth || src.width, h = src.naturalHeight || src.height;
      var scale = Math.min(1, MAX_SIDE / Math.max(w, h));
      var c = document.createElement("canvas");
      c.width = Math.max(1, Math.round(w * scale));
      c.height = Math.max(1, Math.round(h * scale));
      c.getContext("2d").drawImage(src, 0, 0, c.width, c.height);
      if (src.close) { src.close(); }
      return new Promise(function (resolve, reject) {
        c.toBlob(function (b) { if (b) { resolve(b); } else { reject(new Error(T.bad_image)); } }, "image/jpeg", 0.85);
      });
    });
  }
  document.addEventListener("change", function (ev) {
    var input = ev.target;
    if (!input.matches || !input.matches("form[data-queue] input[type=file]")) { return; }
    var box = input.form.querySelector("[data-previews]");
    box.textContent = "";
    Array.prototype.forEach.call(input.files, function (f) {
      var img = document.createElement("img");
      img.alt = ""; img.width = 72; img.height = 54;
      img.src = URL.createObjectURL(f);
      box.appendChild(img);
    });
  });

  // "บันทึกการติดตาม" on a unit: that unit chosen in the visit and photo forms
  document.addEventListener("click", function (ev) {
    var a = ev.target.closest && ev.target.closest("[data-pick]");
    if (!a) { return; }
    document.querySelectorAll("select[name=enrolment]").forEach(function (s) { s.value = a.dataset.pick; });
  });

  // --- putting entries in the queue -----------------------------------------------------------------------------
  function fieldsOf(form) {
    var out = {};
    new FormData(form).forEach(function (v, k) {
      if (typeof v === "string" && k !== "csrfmiddlewaretoken") { out[k] = v; }
    });
    return out;
  }
  function labelOf(form, fields) {
    var sel = form.querySelector("select[name=enrolment]");
    if (sel && sel.selectedOptions.length) { return sel.selectedOptions[0].textContent; }
    return fields.title || "";
  }
  function entry(kind, fields, label, blob) {
    var id = fields.client_id = uuid();
    return { id: id, kind: kind, fields: fields, label: label, blob: blob || null,
             created: Date.now(), seq: seq++, state: "pending", message: "" };
  }
  document.addEventListener("submit", function (ev) {
    var form = ev.target;
    if (!form.dataset || !form.dataset.queue) { return; }
    ev.preventDefault();
    var kind = form.dataset.queue, fields = fieldsOf(form), label = labelOf(form, fields);
    var files = Array.prototype.slice.call((form.querySelector("input[type=file]") || { files: [] }).files);
    if (fields.enrolment) { fields.stage_seen = String(STAGES[fields.enrolment] || ""); }
    delete fields.image; delete fields.photos;
    if (kind === "photo" && !files.length) { say(T.no_image, "error"); return; }
    var button = form.querySelector("[type=submit]");
    button.disabled = true;
    Promise.all(files.map(resize)).then(function (blobs) {
      var entries = [];
      if (kind === "photo") {
        entries.push(entry("photo", fields, label, blobs[0]));
      } else {
        var main = entry(kind, fields, label);
        entries.push(main);
        blobs.forEach(function (b) {
          entries.push(entry("photo", {
            enrolment: fields.enrolment, stage_seen: fields.stage_seen, visit_client_id: main.id,
            taken_on: fields.visited_on || "", caption: "",
          }, label, b));
        });
      }
      return Q.putMany(entries);
    }).then(function () {
      form.reset();
      form.querySelectorAll("input[name=visited_on], input[name=held_on]").forEach(function (i) { i.value = todayBE(); });
      form.querySelectorAll("[data-previews]").forEach(function (b) { b.textContent = ""; });
      say(T.queued, "success");
      return render().then(function () { if (navigator.onLine) { sync(); } });
    }).catch(function (e) {
      say(isQuota(e) ? T.full : (e && e.message) || String(e), "error");
    }).then(function () { button.disabled = false; });
  });

  // --- sending ---------------------------------------------------------------------------------------------------
  function refreshToken() {
    return fetch(scope, { credentials: "same-origin", cache: "no-store" }).then(function (r) {
      return r.text();
    }).then(function (html) {
      var m = html.match(/name="csrf-token" content="([^"]+)"/);
      if (m) { csrf = m[1]; return true; }
      return false;
    });
  }
  function send(e) {
    var fd = new FormData();
    Object.keys(e.fields).forEach(function (k) { fd.append(k, e.fields[k]); });
    if (e.blob) { fd.append("image", e.blob, e.id + ".jpg"); fd.append("size", String(e.blob.size)); }
    return fetch(URLS[e.kind], {
      method: "POST", body: fd, credentials: "same-origin", headers: { "X-CSRFToken": csrf },
    }).then(function (r) {
      var json = (r.headers.get("Content-Type") || "").indexOf("application/json") === 0 && !r.redirected;
      return (json ? r.json() : Promise.resolve(null)).then(function (body) { return { status: r.status, body: body }; });
    });
  }
  function sync() {
    if (syncing) { return Promise.resolve(); }
    syncing = true;
    var sent = 0, retriedToken = false;
    function next(list) {
      var e = list.shift();
      if (!e) { return null; }
      if (e.state !== "pending") { return next(list); }
      return send(e).then(function (res) {
        var body = res.body;
        if (!body && !retriedToken) {  // not JSON: the session or its token changed; fetch a fresh token once
          retriedToken = true;
          return refreshToken().then(function (ok) {
            if (!ok) { say(T.login, "error"); return null; }
            list.unshift(e);
            return next(list);
          });
        }
        if (!body || res.status >= 500) { if (!body) { say(T.login, "error"); } return null; }
        if (res.status === 200 || res.status === 201) {
          sent++;
          return Q.remove(e.id).then(function () { return next(list); });
        }
        if (res.status === 400 && body.retry) { return next(list); }  // cut off on the way: sent whole next time
        e.state = res.status === 409 ? "conflict" : "error";
        e.message = body.message || String(res.status);
        return Q.put(e).then(function () { return next(list); });
      });
    }
    return Q.all().then(next).catch(function () { /* the network went away: the entries wait */ })
      .then(function () {
        syncing = false;
        if (sent) { say(fmt(T.synced, sent), "success"); }
        return render();
      });
  }

  // --- showing the queue -----------------------------------------------------------------------------------------
  function el(tag, cls, text) {
    var n = document.createElement(tag);
    if (cls) { n.className = cls; }
    if (text !== undefined) { n.textContent = text; }
    return n;
  }
  function button(text, fn) {
    var b = el("button", "button small secondary", text);
    b.type = "button";
    b.addEventListener("click", fn);
    return b;
  }
  function render() {
    return Q.all().then(function (list) {
      var badge = document.getElementById("queue-badge");
      var section = document.getElementById("queue");
      var ol = document.getElementById("queue-list");
      badge.hidden = section.hidden = !list.length;
      badge.textContent = fmt(T.pending, list.length);
      ol.textContent = "";
      list.forEach(function (e) {
        var li = el("li", "q-" + e.state);
        li.dataset.id = e.id;
        var head = el("div", "q-head");
        head.appendChild(el("strong", "", T.kinds[e.kind] + " · " + e.label));
        head.appendChild(el("span", "badge " + (e.state === "pending" ? "" : "bad"),
          e.state === "pending" ? T.waiting : e.state === "conflict" ? T.conflict : T.error));
        li.appendChild(head);
        if (e.message) { li.appendChild(el("p", "q-msg", e.message)); }
        if (e.state !== "pending") {
          var d = el("details");
          d.appendChild(el("summary", "", T.details));
          var text = Object.keys(e.fields).filter(function (k) {
            return e.fields[k] && ["client_id", "stage_seen", "visit_client_id", "enrolment", "size"].indexOf(k) < 0;
          }).map(function (k) { return k + ": " + e.fields[k]; }).join("\n");
          var ta = el("textarea", "q-data");
          ta.readOnly = true; ta.rows = 4; ta.value = text;
          d.appendChild(ta);
          li.appendChild(d);
          var actions = el("div", "q-actions");
          actions.appendChild(button(e.state === "conflict" ? T.retry : T.again, function () {
            if (e.state === "conflict") { e.fields.stage_seen = ""; }
            e.state = "pending"; e.message = "";
            Q.put(e).then(sync);
          }));
          actions.appendChild(button(T.remove, function () {
            if (window.confirm(T.remove_confirm)) { Q.remove(e.id).then(render); }
          }));
          li.appendChild(actions);
        }
        ol.appendChild(li);
      });
    });
  }

  // --- online / offline ------------------------------------------------------------------------------------------
  var net = document.getElementById("net");
  function showNet() {
    net.textContent = navigator.onLine ? net.dataset.online : net.dataset.offline;
    net.classList.toggle("off", !navigator.onLine);
  }
  window.addEventListener("online", function () { showNet(); sync(); });
  window.addEventListener("offline", showNet);
  document.getElementById("sync-now").addEventListener("click", function () { sync(); });
  document.querySelectorAll("input[name=visited_on], input[name=held_on]").forEach(function (i) { i.value = todayBE(); });
  showNet();
  window.fieldSync = sync;  // the browser test and the "send now" button use the same path
  render().then(function () { if (navigator.onLine) { sync(); } });
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register(document.body.dataset.sw, { scope: scope }).catch(function () { /* no SW */ });
  }
})();
