/*
 * Site-wide behaviour of the training portal.
 *
 * Loaded in <head> without defer (with the CSP nonce), so the "큰 글씨" (large
 * text) choice is applied before the first paint; the button is wired up once
 * the document is parsed. The choice is kept in localStorage, per browser; in
 * 쉬운 화면 (html.easy-view) large text is always on.
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

  // 쉬운 화면 (html.easy-view, from the server's cookie) always has large text: the
  // stored "큰 글씨" choice only decides outside it, and the switch never turns it off.
  function easyView() {
    return root.classList.contains("easy-view");
  }

  root.classList.toggle("large-text", easyView() || stored());

  // The header is wired on load and again when htmx swaps a new body in (the flow's
  // steps come in place of the page: issuance.js); an element is wired once.
  function unwired(scope, selector) {
    var found = Array.prototype.slice.call(scope.querySelectorAll(selector));
    if (scope.matches && scope.matches(selector)) found.unshift(scope);
    return found.filter(function (element) {
      if (element.hasAttribute("data-wired")) return false;
      element.setAttribute("data-wired", "");
      return true;
    });
  }

  function wireLargeText(scope) {
    unwired(scope, "[data-large-text-toggle]").forEach(function (button) {
      button.setAttribute("aria-pressed", String(largeTextOn()));
      button.addEventListener("click", function () {
        if (easyView()) return;
        var on = !largeTextOn();
        root.classList.toggle("large-text", on);
        store(on);
        document.querySelectorAll("[data-large-text-toggle]").forEach(function (b) {
          b.setAttribute("aria-pressed", String(on));
        });
      });
    });
  }

  function largeTextOn() {
    return root.classList.contains("large-text");
  }

  // --- Back never lands on "Confirm Form Resubmission" --------------------------------------
  // A page that answered a POST (a form shown again with its error) is a POST entry in
  // the history: going back to it later asks the learner to resend the form. Replacing
  // the entry with the same address makes it a plain GET entry, so back asks the server,
  // which shows the step the learner is really at (every such page is no-store).
  if (window.history && window.history.replaceState) {
    window.history.replaceState(window.history.state, "", window.location.href);
  }

  // --- 자동 로그아웃: the countdown in the header, a warning before the end, 연장 -------------
  // The server decides (accounts/idle.py); this only shows the time left. At 0 the page
  // reloads, and the server answers with the login page.
  var idle = null; // the countdown on the page now: its element and deadline

  function two(n) {
    return (n < 10 ? "0" : "") + n;
  }

  function tick() {
    if (!idle || !idle.timer.isConnected) return;
    var left = Math.max(0, idle.deadline - Date.now());
    var seconds = Math.ceil(left / 1000);
    idle.shown.textContent = Math.floor(seconds / 60) + ":" + two(seconds % 60);
    var warn = left <= idle.warnAt;
    idle.timer.classList.toggle("is-warning", warn);
    if (idle.warning.hidden === warn) idle.warning.hidden = !warn;
    if (left <= 0) window.location.reload();
  }

  function wireIdle(scope) {
    unwired(scope, "[data-idle-left]").forEach(function (timer) {
      var mine = {
        timer: timer,
        full: parseInt(timer.getAttribute("data-idle-total"), 10) * 1000,
        deadline: Date.now() + parseInt(timer.getAttribute("data-idle-left"), 10) * 1000,
        warnAt: parseInt(timer.getAttribute("data-idle-warn"), 10) * 1000,
        shown: timer.querySelector("[data-idle-time]"),
        warning: timer.querySelector("[data-idle-warning]"),
      };
      idle = mine;
      var form = timer.querySelector("form");
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var token = form.querySelector("[name=csrfmiddlewaretoken]").value;
        window
          .fetch(timer.getAttribute("data-idle-extend"), {
            method: "POST",
            headers: { "X-CSRFToken": token, "HX-Request": "true" },
            credentials: "same-origin",
          })
          .then(function (response) {
            if (response.ok) mine.deadline = Date.now() + mine.full;
            tick();
          });
      });
      tick();
    });
  }

  function wire(scope) {
    wireLargeText(scope);
    wireIdle(scope);
  }

  // A drawer that shows live data (오늘의 할 일: data-refresh-while-open="15") reloads
  // every N seconds while it is open, and not at all while it is closed.
  document.addEventListener("shown.bs.offcanvas", function (event) {
    var drawer = event.target;
    var seconds = Number(drawer.getAttribute("data-refresh-while-open"));
    if (!seconds || !window.htmx) return;
    drawer._refresh = window.setInterval(function () {
      window.htmx.trigger(drawer, "refresh");
    }, seconds * 1000);
  });
  document.addEventListener("hidden.bs.offcanvas", function (event) {
    window.clearInterval(event.target._refresh);
  });

  document.addEventListener("DOMContentLoaded", function () {
    wire(document);
    window.setInterval(tick, 1000);
  });
  document.addEventListener("htmx:load", function (event) {
    wire(event.target);
  });
})();
