/*
 * The virtual phone's behaviours (the phone works without them: the inputs
 * can be typed into directly).
 *
 * - Number pads: a key appends its digit to the pad's input (up to maxlength);
 *   ⌫ removes one, 지우기 empties it.
 * - An incoming call rings first: "받기" shows the keypad.
 * - Polling (#phone-screen, at the pace the server sets: 2 s while a call or a
 *   request may come, 10 s otherwise): an answer showing the same screen (same
 *   data-poll-key) is not swapped in, so what the learner is typing is never
 *   wiped; HTTP 286 (a paired phone whose flow is over) stops the polling and
 *   keeps the last screen instead of emptying it.
 * - The phone's 400/409 answers (a wrong PIN, a request too late) are screens
 *   to show, not errors (see below).
 * - The clock in the status bar, and a live region announcing new screens.
 * Event delegation throughout, so it keeps working after htmx swaps.
 */
(function () {
  "use strict";

  var answeredCall = null; // the poll key of the call the learner picked up

  function screenKey(root) {
    var app = (root || document).querySelector("[data-poll-key]");
    return app ? app.getAttribute("data-poll-key") : null;
  }

  // --- Number pads ------------------------------------------------------------------
  document.addEventListener("click", function (event) {
    var key = event.target.closest("[data-key], [data-key-action]");
    if (!key) return;
    var pad = key.closest("[data-keypad-for]");
    var input = pad && document.getElementById(pad.getAttribute("data-keypad-for"));
    if (!input) return;
    var max = parseInt(input.getAttribute("maxlength"), 10) || 64;
    var value = input.value;
    var action = key.getAttribute("data-key-action");
    if (action === "back") {
      value = value.slice(0, -1);
    } else if (action === "clear") {
      value = "";
    } else if (value.length < max) {
      value += key.getAttribute("data-key");
    }
    if (value !== input.value) {
      input.value = value;
      input.dispatchEvent(new Event("input", { bubbles: true }));
    }
  });

  // --- The call: 받기 --------------------------------------------------------------------
  function showCall(root) {
    var ringing = (root || document).querySelector("[data-call-ringing]");
    var keypad = (root || document).querySelector("[data-call-keypad]");
    if (!ringing || !keypad) return;
    var key = screenKey(root);
    var answered = key === answeredCall || keypad.querySelector(".is-invalid");
    ringing.hidden = !!answered;
    keypad.hidden = !answered;
  }

  document.addEventListener("click", function (event) {
    var answer = event.target.closest("[data-call-answer]");
    if (!answer) return;
    answeredCall = screenKey(document);
    showCall(document);
    var input = document.querySelector("[data-call-keypad] input:not([type=hidden])");
    if (input) input.focus();
  });

  // --- Notices ----------------------------------------------------------------------
  document.addEventListener("click", function (event) {
    var close = event.target.closest("[data-dismiss-notice]");
    if (close) {
      var notice = close.closest(".phone-notice");
      if (notice) notice.remove();
    }
  });

  function announce(root) {
    var region = document.getElementById("phone-announcer");
    var source = (root || document).querySelector(".phone-notice [data-announce], [data-announce]");
    if (!region || !source) return;
    region.textContent = "";
    window.setTimeout(function () {
      region.textContent = source.textContent.replace(/\s+/g, " ").trim();
    }, 50);
  }

  // --- The phone's own "4xx" answers are screens -------------------------------------
  // A wrong or incomplete PIN (400) and a request that came too late (409) answer
  // with the phone's screen and its message; htmx-config swaps them in. In DEBUG,
  // django-htmx's script (listening on document) would replace the whole page with
  // any 400 answer: stop those events at <html>, before they reach it (a 400/409
  // that is not a phone screen is simply not shown, see below). 403/404/500 still
  // reach it.
  document.documentElement.addEventListener("htmx:beforeOnLoad", function (event) {
    var detail = event.detail || {};
    var xhr = detail.xhr;
    if (!xhr || (xhr.status !== 400 && xhr.status !== 409)) return;
    if (detail.target && detail.target.id === "phone-screen") {
      event.stopPropagation();
    }
  });

  // --- Polling ----------------------------------------------------------------------
  var KEY = /data-poll-key="([^"]*)"/;

  document.addEventListener("htmx:beforeSwap", function (event) {
    var detail = event.detail;
    if (!detail.target || detail.target.id !== "phone-screen") return;
    if (detail.xhr && detail.xhr.status === 286) {
      detail.swapOverride = "none"; // stop polling, keep the last screen
      return;
    }
    var text = typeof detail.serverResponse === "string" ? detail.serverResponse : "";
    var match = KEY.exec(text);
    if (!match) {
      // not a phone screen (e.g. a bare 400): keep what is shown
      detail.shouldSwap = false;
      return;
    }
    var verb = detail.requestConfig && detail.requestConfig.verb;
    if (verb !== "get") return;
    if (match[1] === screenKey(detail.target)) {
      detail.shouldSwap = false;
    }
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    if (event.detail.target && event.detail.target.id === "phone-screen") {
      // A poll replaces the whole #phone-screen (its pace comes with it): look it up anew.
      var current = document.getElementById("phone-screen");
      showCall(current);
      updateClock();
      announce(current);
    }
  });

  // --- Clock: the server's time (Asia/Seoul) when the page was drawn, kept running --------
  var offsetMinutes = 0;

  function two(n) {
    return (n < 10 ? "0" : "") + n;
  }

  function localMinutes() {
    var now = new Date();
    return now.getHours() * 60 + now.getMinutes();
  }

  function syncClock() {
    var el = document.querySelector("[data-phone-clock]");
    var match = el && /^(\d{1,2}):(\d{2})$/.exec(el.textContent.trim());
    if (match) {
      offsetMinutes = parseInt(match[1], 10) * 60 + parseInt(match[2], 10) - localMinutes();
    }
  }

  function updateClock() {
    var minutes = (((localMinutes() + offsetMinutes) % 1440) + 1440) % 1440;
    var text = two(Math.floor(minutes / 60)) + ":" + two(minutes % 60);
    document.querySelectorAll("[data-phone-clock]").forEach(function (el) {
      el.textContent = text;
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    showCall(document);
    syncClock();
    updateClock();
    window.setInterval(updateClock, 15000);
  });
})();
