// Progressive enhancement of a campaign's progress page: without this script the page has a refresh link; with it,
// the figures, the bar and the tables follow the JSON handler every few seconds until the campaign is over. Every
// text comes from the server already localised. The live region speaks rarely: the summary once in a while, and
// when the campaign ends.
(function () {
  "use strict";

  var root = document.getElementById("campaign-progress");
  if (!root || !root.dataset.url || !window.fetch) { return; }

  var pollEvery = 4000;
  var announceEvery = 30000;
  var lastAnnounced = Date.now();
  var bar = document.getElementById("progress-bar");
  var announce = document.getElementById("progress-announce");
  var refresh = document.getElementById("progress-refresh");

  function setText(id, text) {
    var element = document.getElementById(id);
    if (element && element.textContent !== text) { element.textContent = text; }
  }

  // Updates the cells in place (a screen reader inside the table keeps its place), adding or removing rows and
  // cells only when the shape changed; the first cell of a body row heads it.
  function fillRow(row, cells, tag, scope) {
    for (var i = 0; i < cells.length; i++) {
      var cell = row.cells[i];
      var wanted = i === 0 ? tag : (tag === "th" && scope === "col" ? "th" : "td");
      if (!cell || cell.tagName.toLowerCase() !== wanted) {
        var created = document.createElement(wanted);
        if (wanted === "th") { created.setAttribute("scope", i === 0 ? scope : "col"); }
        if (cell) { row.replaceChild(created, cell); } else { row.appendChild(created); }
        cell = created;
      }
      if (cell.textContent !== cells[i]) { cell.textContent = cells[i]; }
    }
    while (row.cells.length > cells.length) { row.deleteCell(row.cells.length - 1); }
  }

  function fillSection(section, rows, tag, scope) {
    if (!section) { return; }
    for (var i = 0; i < rows.length; i++) {
      fillRow(section.rows[i] || section.insertRow(-1), rows[i], tag, scope);
    }
    while (section.rows.length > rows.length) { section.deleteRow(section.rows.length - 1); }
  }

  function update(data) {
    var text = data.text;
    if (data.bar) {
      bar.max = data.bar.max;
      bar.value = data.bar.value;
    } else {
      bar.removeAttribute("value");
    }
    setText("progress-status", text.status);
    setText("progress-summary", text.summary);
    setText("progress-rate", text.rate);
    setText("progress-time-left", text.timeLeft);
    setText("progress-people", text.people);
    setText("progress-unreachable", text.unreachable);

    var counts = document.getElementById("progress-counts");
    fillSection(counts.tHead, [text.countsHead], "th", "col");
    fillSection(counts.tBodies[0], text.countsRows, "th", "row");

    var failures = document.getElementById("progress-failures");
    fillSection(failures.tBodies[0], text.failuresRows, "th", "row");
    document.getElementById("progress-failures-wrapper").hidden = text.failuresRows.length === 0;
    document.getElementById("progress-no-failures").hidden = text.failuresRows.length > 0;

    if (data.over || Date.now() - lastAnnounced >= announceEvery) {
      announce.textContent = text.announce;
      lastAnnounced = Date.now();
    }
    if (data.over && refresh) { refresh.hidden = true; }
  }

  // The next request waits for the answer to the last one: a slow count never piles requests up.
  function poll() {
    fetch(root.dataset.url, { credentials: "same-origin", headers: { Accept: "application/json" }, cache: "no-store" })
      .then(function (response) {
        if (response.status === 403 || response.status === 404) { return { stop: true }; }
        return response.ok ? response.json() : null;
      })
      .then(function (data) {
        if (data && data.stop) { return; }
        if (data) { update(data); }
        if (!data || !data.over) { setTimeout(poll, pollEvery); }
      })
      .catch(function () { setTimeout(poll, pollEvery); });
  }

  setTimeout(poll, pollEvery);
})();
