// Progressive enhancement of the campaign form: without this script the version lists show every incident's
// versions, grouped, and the server refuses a mismatch; with it, they only offer the chosen incident and language.
(function () {
  "use strict";

  var incident = document.getElementById("campaign-incident");
  var lists = [document.getElementById("campaign-emailtemplate"), document.getElementById("campaign-smstemplate")];
  if (!incident || !lists[0] || !lists[1]) {
    return;
  }

  function language() {
    var checked = document.querySelector("input[name='Input.Language']:checked");
    return checked ? checked.value : "";
  }

  function filter() {
    lists.forEach(function (list) {
      Array.prototype.forEach.call(list.querySelectorAll("optgroup"), function (group) {
        var shown = group.dataset.incident === incident.value && group.dataset.language === language();
        group.hidden = !shown;
        group.disabled = !shown;
      });
      var selected = list.options[list.selectedIndex];
      if (selected && selected.parentElement.tagName === "OPTGROUP" && selected.parentElement.disabled) {
        list.value = "latest";
      }
    });
  }

  incident.addEventListener("change", filter);
  Array.prototype.forEach.call(document.querySelectorAll("input[name='Input.Language']"), function (radio) {
    radio.addEventListener("change", filter);
  });
  filter();
})();
