/* InterLab: the few behaviours htmx does not give for free. No build step, no framework. */
(function () {
  "use strict";
  var dialog = function () { return document.getElementById("dialog"); };

  // A form sent back with mistakes: its summary takes the focus (a screen reader reads it first) and the tab's
  // title starts with "Error:" (the server says it when the page's form is called `form`; this covers the rest).
  var errorSummary = function (root) {
    var summary = root.querySelector && root.querySelector("[data-error-summary]");
    if (!summary) { return; }
    var prefix = summary.getAttribute("data-error-title");
    if (prefix && document.title.indexOf(prefix) !== 0) { document.title = prefix + " " + document.title; }
    summary.focus();
  };
  document.addEventListener("DOMContentLoaded", function () { errorSummary(document); });
  document.addEventListener("htmx:afterSettle", function (event) { errorSummary(event.detail.elt || document); });

  // Anything htmx loads into the dialog opens it; a 204 with HX-Redirect closes it by navigating away.
  document.addEventListener("htmx:afterSwap", function (event) {
    if (event.detail.target && event.detail.target.id === "dialog-body") {
      var d = dialog();
      if (d && !d.open) { d.showModal(); }
      var first = d && d.querySelector("select, textarea, input:not([type=hidden])");
      if (first) { first.focus(); }
    }
  });
  // Let the move form's 422 (a refused move, with its message) be shown instead of ignored.
  document.addEventListener("htmx:beforeSwap", function (event) {
    if (event.detail.xhr.status === 422) { event.detail.shouldSwap = true; event.detail.isError = false; }
  });

  // Drag a card onto another column: open the move form with that stage chosen, asking for a reason.
  var dragged = null;
  document.addEventListener("dragstart", function (event) {
    var card = event.target.closest && event.target.closest("[data-move-url]");
    if (!card) { return; }
    dragged = card;
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", card.dataset.project);
  });
  document.addEventListener("dragover", function (event) {
    if (dragged && event.target.closest(".column")) { event.preventDefault(); }
  });
  document.addEventListener("drop", function (event) {
    var column = event.target.closest(".column");
    if (!dragged || !column) { return; }
    event.preventDefault();
    var url = dragged.dataset.moveUrl + "?to=" + encodeURIComponent(column.dataset.stage) +
      "&next=" + encodeURIComponent(window.location.pathname + window.location.search);
    dragged = null;
    window.htmx.ajax("GET", url, { target: "#dialog-body" });
  });
  document.addEventListener("dragend", function () { dragged = null; });

  // The Content-Security-Policy forbids inline handlers (onchange=, onclick=): their behaviour lives here.
  // A select marked data-autosubmit sends its form as soon as it changes (the language, a list's filter).
  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field.matches && field.matches("[data-autosubmit]") && field.form) { field.form.submit(); }
  });
  // A cancel button closes the dialog it is in, or goes back when the form is a page of its own.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-dismiss=dialog]");
    if (!button) { return; }
    var d = button.closest("dialog");
    if (d) { d.close(); } else { window.history.back(); }
  });
  // The phone menu: its button opens and closes it; Escape closes it and gives the focus back to the button.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-menu-button]");
    if (!button) { return; }
    button.setAttribute("aria-expanded", button.getAttribute("aria-expanded") === "true" ? "false" : "true");
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    var button = document.querySelector("[data-menu-button][aria-expanded=true]");
    if (!button || document.querySelector("dialog[open]")) { return; }
    button.setAttribute("aria-expanded", "false");
    button.focus();
  });
  // A button marked data-print prints the page (the coach's sheet with an invitation code).
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-print]")) { window.print(); }
  });
  // Bulk actions: show how many cards or rows are ticked, and come back to the page as filtered now.
  document.addEventListener("change", function (event) {
    if (!event.target.matches || !event.target.matches("[data-bulk-pick]")) { return; }
    var count = document.querySelectorAll("[data-bulk-pick]:checked").length;
    document.querySelectorAll("[data-bulk-count]").forEach(function (output) { output.textContent = count; });
    document.querySelectorAll("[data-bulk-shown]").forEach(function (shown) { shown.hidden = count === 0; });
  });
  document.addEventListener("submit", function (event) {
    var next = event.target.matches && event.target.matches("[data-bulk]") && event.target.querySelector("[data-bulk-next]");
    if (next) { next.value = window.location.pathname + window.location.search; }
  });
})();
