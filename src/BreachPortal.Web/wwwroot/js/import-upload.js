// Progressive enhancement of the registry import pages: without this script the upload is a plain form post
// and the batch page has a refresh link; with it, the figures update every second.
(function () {
  "use strict";

  function figures(element, data) {
    if (data.phase === "Merging") {
      return element.dataset.merging;
    }
    var left = data.secondsLeft == null ? "—" : new Date(data.secondsLeft * 1000).toISOString().substring(11, 19);
    var lang = document.documentElement.lang || "fr";
    return element.dataset.template
      .replace("{0}", Number(data.rowsRead).toLocaleString(lang))
      .replace("{1}", Number(data.rowsPerSecond).toLocaleString(lang))
      .replace("{2}", left);
  }

  function poll(url, onData, isDone) {
    var timer = setInterval(function () {
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) {
          if (!data) { return; }
          onData(data);
          if (isDone(data)) { clearInterval(timer); }
        })
        .catch(function () { /* the next tick tries again */ });
    }, 1000);
    return timer;
  }

  var form = document.getElementById("import-form");
  if (form) {
    form.addEventListener("submit", function (event) {
      if (!window.XMLHttpRequest || !window.FormData) { return; }
      event.preventDefault();
      var live = document.getElementById("import-live");
      var bar = document.getElementById("import-live-bar");
      var text = document.getElementById("import-live-figures");
      live.classList.remove("fr-hidden");
      form.querySelector("button[type=submit]").disabled = true;
      var timer = poll(form.dataset.progress, function (data) {
        if (data.phase !== "Waiting") { text.textContent = figures(text, data); }
      }, function (data) { return data.phase === "Completed" || data.phase === "Failed"; });
      var request = new XMLHttpRequest();
      request.open("POST", form.action);
      request.upload.addEventListener("progress", function (e) {
        if (e.lengthComputable) { bar.value = Math.round(e.loaded * 100 / e.total); }
      });
      request.addEventListener("load", function () {
        clearInterval(timer);
        window.location.assign(request.responseURL || form.action);
      });
      request.addEventListener("error", function () {
        clearInterval(timer);
        form.submit();
      });
      request.send(new FormData(form));
    });
  }

  var batch = document.getElementById("batch-progress");
  if (batch && batch.dataset.url) {
    var batchBar = document.getElementById("batch-bar");
    var batchText = document.getElementById("batch-figures");
    poll(batch.dataset.url, function (data) {
      batchText.textContent = figures(batch, data);
      if (batchBar && data.percent != null) { batchBar.value = data.percent; }
      if (data.phase !== "Reading" && data.phase !== "Merging") { window.location.reload(); }
    }, function (data) { return data.phase !== "Reading" && data.phase !== "Merging"; });
  }
})();
