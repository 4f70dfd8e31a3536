/*
 * Site-wide behaviour of the training portal.
 *
 * Loaded in <head> without defer (with the CSP nonce), so the "큰 글씨" (large
 * text) choice is applied before the first paint; the button is wired up once
 * the document is parsed. The choice is kept in localStorage, per browser.
 */
(function () {
  "use strict";

  var KEY = "bankportal.largeText";
  var root = document.documentElement;

  function stored() {
    try {
      return window.localStorage.getItem(KEY) === "1";
    } catch (e) {
      return false; // storage disabled: the switch still works for this page
    }
  }

  function store(on) {
    try {
      window.localStorage.setItem(KEY, on ? "1" : "0");
    } catch (e) {
      /* ignore */
    }
  }

  root.classList.toggle("large-text", stored());

  document.addEventListener("DOMContentLoaded", function () {
    var buttons = document.querySelectorAll("[data-large-text-toggle]");
    buttons.forEach(function (button) {
      button.setAttribute("aria-pressed", String(root.classList.contains("large-text")));
      button.addEventListener("click", function () {
        var on = !root.classList.contains("large-text");
        root.classList.toggle("large-text", on);
        store(on);
        buttons.forEach(function (b) {
          b.setAttribute("aria-pressed", String(on));
        });
      });
    });
  });
})();
