/* Names for controls that Flask-Admin and select2 draw without one: an input known only by its
   title or placeholder, select2's search boxes and its "×" remove buttons. Runs on load and
   again whenever the page adds controls (filters, tag chips). */
(function () {
  "use strict";

  function hasName(el) {
    if (el.getAttribute("aria-label") || el.getAttribute("aria-labelledby")) return true;
    if (el.id && document.querySelector('label[for="' + el.id + '"]')) {
      var label = document.querySelector('label[for="' + el.id + '"]');
      if (label.textContent.trim()) return true;
    }
    return el.closest("label") !== null;
  }

  function fieldLabel(container) {
    /* select2 puts its widget beside the original field: use that field's label. */
    var group = container.closest(".form-group");
    var label = group ? group.querySelector("label") : null;
    return label ? label.textContent.trim() : "";
  }

  function nameControls() {
    document.querySelectorAll("input, select, textarea").forEach(function (el) {
      if (el.type === "hidden" || hasName(el)) return;
      /* A button-like input is named by its value. */
      if (["submit", "button", "reset"].indexOf(el.type) !== -1 && el.value) return;
      var name = el.getAttribute("title") || el.getAttribute("placeholder") ||
        el.getAttribute("data-placeholder") || fieldLabel(el) || el.getAttribute("name");
      if (name) el.setAttribute("aria-label", name);
    });
    document.querySelectorAll("a.select2-search-choice-close").forEach(function (el) {
      var chip = el.parentElement ? el.parentElement.textContent.trim() : "";
      el.setAttribute("aria-label", chip ? "Remove " + chip : "Remove");
      el.setAttribute("role", "button");
    });
    document.querySelectorAll("a, button").forEach(function (el) {
      if (el.textContent.trim() || hasName(el)) return;
      var name = el.getAttribute("title") || el.getAttribute("data-original-title");
      if (name) el.setAttribute("aria-label", name);
    });
  }

  function start() {
    nameControls();
    new MutationObserver(function () { nameControls(); })
      .observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
