// Reveals the "print or save as PDF" buttons of a report page, which the server renders hidden: without this script
// the page says to use the browser's own print command instead, and that sentence goes when a button appears.
(function () {
  "use strict";

  if (typeof window.print !== "function") { return; }

  var buttons = document.querySelectorAll("[data-print-button]");
  if (buttons.length === 0) { return; }

  Array.prototype.forEach.call(buttons, function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
  Array.prototype.forEach.call(document.querySelectorAll("[data-print-fallback]"), function (sentence) {
    sentence.hidden = true;
  });
})();
