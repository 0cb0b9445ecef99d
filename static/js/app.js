// Small behaviours without inline script (CSP): confirmations and double-submit protection.
document.addEventListener("submit", function (ev) {
  var form = ev.target;
  var btn = ev.submitter || form.querySelector("[type=submit]");
  if (btn && btn.dataset.confirm && !window.confirm(btn.dataset.confirm)) { ev.preventDefault(); return; }
  if (form.method.toLowerCase() === "post" && !form.hasAttribute("hx-post")) {
    if (form.dataset.submitted) { ev.preventDefault(); return; }
    form.dataset.submitted = "1";
    setTimeout(function () { form.querySelectorAll("[type=submit]").forEach(function (b) { b.disabled = true; }); }, 0);
  }
});
document.addEventListener("change", function (ev) {
  var el = ev.target;
  if (el.matches && el.matches("select[data-autosubmit], input[data-autosubmit]")) { el.form.requestSubmit(); }
});
// The side menu: the stylesheet decides how it starts (folded on a phone, open on a wide screen), so nothing
// moves after the first paint. Here only the person's press folds or opens it; aria-expanded follows what shows.
(function () {
  var nav = document.querySelector(".sidenav[data-menu]");
  if (!nav) { return; }
  var button = nav.querySelector(".sidenav-toggle");
  var body = nav.querySelector(".sidenav-body");
  function shown() { return window.getComputedStyle(body).display !== "none"; }
  function sync() { button.setAttribute("aria-expanded", shown() ? "true" : "false"); }
  sync();
  window.matchMedia("(max-width: 760px)").addEventListener("change", sync);
  button.addEventListener("click", function () {
    nav.dataset.menu = shown() ? "closed" : "open";
    sync();
  });
})();
