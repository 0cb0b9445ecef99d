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
// On a phone the side menu starts folded, so the page's own content comes first (the summary opens it).
(function () {
  var menu = document.querySelector(".sidenav details");
  if (menu && window.matchMedia("(max-width: 760px)").matches) { menu.removeAttribute("open"); }
})();
