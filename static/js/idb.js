// A small promise wrapper over IndexedDB for the field app's queue of offline entries (one database, one store,
// keyed by each entry's client id). Written for this project; no dependency.
(function () {
  "use strict";
  var DB = "mchch-field", STORE = "queue", opening = null;

  function req(r) {
    return new Promise(function (resolve, reject) {
      r.onsuccess = function () { resolve(r.result); };
      r.onerror = function () { reject(r.error); };
    });
  }
  function db() {
    if (!opening) {
      var r = indexedDB.open(DB, 1);
      r.onupgradeneeded = function () { r.result.createObjectStore(STORE, { keyPath: "id" }); };
      opening = req(r);
    }
    return opening;
  }
  // Run fn(store) in one transaction; resolves when the transaction is committed, rejects when it aborts
  // (a full disk surfaces here as a QuotaExceededError).
  function tx(mode, fn) {
    return db().then(function (d) {
      return new Promise(function (resolve, reject) {
        var t = d.transaction(STORE, mode), out;
        t.oncomplete = function () { resolve(out); };
        t.onerror = t.onabort = function () { reject(t.error || new DOMException("aborted", "AbortError")); };
        try { out = fn(t.objectStore(STORE)); } catch (e) { try { t.abort(); } catch (_) { /* already */ } reject(e); }
        if (out && out.onsuccess !== undefined) { var r = out; r.onsuccess = function () { out = r.result; }; }
      });
    });
  }
  window.fieldQueue = {
    all: function () {
      return tx("readonly", function (s) { return s.getAll(); }).then(function (rows) {
        return (rows || []).sort(function (a, b) { return a.created - b.created || (a.seq || 0) - (b.seq || 0); });
      });
    },
    putMany: function (entries) {
      return tx("readwrite", function (s) { entries.forEach(function (e) { s.put(e); }); });
    },
    put: function (entry) { return this.putMany([entry]); },
    remove: function (id) { return tx("readwrite", function (s) { s.delete(id); }); },
  };
})();
