// Vigil console: small, no dependencies. Moves focus to a page's error or message so that
// keyboard and screen-reader users hear it first (a verification's result too), asks before a dismissal is sent, and adds new
// alerts to the alerts page without a reload (polling alerts.json; the server decides who may).
document.addEventListener("DOMContentLoaded", function () {
  var note = document.getElementById("error") || document.getElementById("flash")
    || document.getElementById("verify-result");
  if (note) { note.setAttribute("tabindex", "-1"); note.focus(); }
  var dismiss = document.getElementById("dismiss-form");
  if (dismiss) {
    var reason = document.getElementById("reason");
    var other = document.getElementById("reason-text-row");
    var sync = function () { other.hidden = reason.value !== "other"; };
    reason.addEventListener("change", sync); sync();
  }
  var table = document.getElementById("alerts");
  if (table && table.dataset.newest !== undefined) { liveAlerts(table); }
});

function liveAlerts(table) {
  // the newest alert shown is kept on the table, so that what the page shows and what it asks for stay one
  var live = document.getElementById("live");
  var body = table.tBodies[0];
  var cell = function (row, text) { var td = row.insertCell(-1); td.textContent = text; return td; };
  var poll = function () {
    fetch("/console/alerts.json?after=" + encodeURIComponent(table.dataset.newest), {credentials: "same-origin"})
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(function (fresh) {
        if (!fresh.length) { return; }
        var empty = document.getElementById("no-alerts");
        if (empty) { empty.remove(); }
        fresh.forEach(function (a) {
          var row = body.insertRow(0);
          row.className = "fresh";
          var link = document.createElement("a");
          link.href = "/console/alerts/" + encodeURIComponent(a.id);
          link.textContent = a.id;
          row.insertCell(-1).appendChild(link);
          cell(row, a.captured); cell(row, a.camera); cell(row, a.watchlist); cell(row, a.subject); cell(row, a.score);
          cell(row, a.state).className = a.state;
          table.dataset.newest = a.id;
        });
        live.textContent = fresh.length + (fresh.length === 1 ? " new alert" : " new alerts") + ", newest "
          + table.dataset.newest + ".";
      })
      .catch(function () { live.textContent = "New alerts could not be fetched; reload the page (your session may have ended)."; });
  };
  setInterval(poll, 5000);
}
