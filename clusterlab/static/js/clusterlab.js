// Small behaviours of Cluster Lab pages, kept out of the HTML so the content security
// policy can forbid inline script. Each works without JavaScript too (noscript buttons).
document.addEventListener("change", function (event) {
  var field = event.target;
  if (field.matches && field.matches("select[data-autosubmit]") && field.form) {
    field.form.submit();
  }
});
