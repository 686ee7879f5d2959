// Coaching pages: changing an action's status sends its form at once (through htmx when it is
// loaded, so only that row is replaced). Without JavaScript the "Set" button does the same.
document.addEventListener("change", function (event) {
  var field = event.target;
  if (field.matches && field.matches("select[data-autosubmit-htmx]") && field.form) {
    field.form.requestSubmit();
  }
});
