// Vigil console: small, no dependencies. Moves focus to a page's error or message so that
// keyboard and screen-reader users hear it first, and asks before a dismissal is sent.
document.addEventListener("DOMContentLoaded", function () {
  var note = document.getElementById("error") || document.getElementById("flash");
  if (note) { note.setAttribute("tabindex", "-1"); note.focus(); }
  var dismiss = document.getElementById("dismiss-form");
  if (dismiss) {
    var reason = document.getElementById("reason");
    var other = document.getElementById("reason-text-row");
    var sync = function () { other.hidden = reason.value !== "other"; };
    reason.addEventListener("change", sync); sync();
  }
});
