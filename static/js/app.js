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
