/*
 * The issuance flow's small behaviours (progressive enhancement: every step
 * works without this file; the server validates everything).
 *
 * - 약관: "전체 동의" ticks every term; unticking one unticks "전체 동의".
 * - 설치: the progress bar's exact width from data-percent (CSSOM, allowed by
 *   the CSP; the pct-N class already gives it in steps of 10), then it fills by
 *   itself to 100% over data-wait-ms, its figure and aria-valuenow with it (the
 *   server is asked once, when the bar should be full).
 * - Polling partials (data-poll-key): a poll whose answer shows the same thing
 *   is not swapped in, so nothing flickers and screen readers are not spammed.
 * - An expired flow answers a poll with the whole "만료" page: reload instead
 *   of pasting a page into the page.
 * - Step to step in place: the flow's forms and links are boosted and a poll that
 *   finds the flow moved on answers HX-Location, so the next step replaces the
 *   body and the phone's frame (hx-preserve) keeps running. A page that is not a
 *   step of the flow (the login page after 자동 로그아웃, the centre) is opened as a
 *   whole page; after the swap the focus goes to the page's content, as after a
 *   page load a screen reader starts there.
 * Event delegation throughout, so it keeps working after htmx swaps.
 */
(function () {
  "use strict";

  // htmx copies "style" between old and new elements of the same id while
  // settling; with style-src 'self' that is a CSP violation (a browser's
  // autofill can leave an empty style="" on an input). Nothing here animates
  // inline styles, so settle only classes and sizes.
  if (window.htmx) {
    window.htmx.config.attributesToSettle = ["class", "width", "height"];
  }

  // --- 약관: 전체 동의 ------------------------------------------------------------------
  document.addEventListener("change", function (event) {
    var box = event.target;
    if (!(box instanceof HTMLInputElement) || box.type !== "checkbox") return;
    var form = box.form;
    if (!form) return;
    var all = form.querySelector("[data-agree-all]");
    var terms = form.querySelectorAll("[data-term]");
    if (!all || !terms.length) return;
    if (box === all) {
      terms.forEach(function (term) {
        term.checked = all.checked;
      });
    } else if (box.hasAttribute("data-term")) {
      all.checked = Array.prototype.every.call(terms, function (term) {
        return term.checked;
      });
    }
  });

  function syncAgreeAll(root) {
    (root || document).querySelectorAll("[data-agree-all]").forEach(function (all) {
      var terms = all.form ? all.form.querySelectorAll("[data-term]") : [];
      if (terms.length) {
        all.checked = Array.prototype.every.call(terms, function (t) {
          return t.checked;
        });
      }
    });
  }

  // --- Progress bars ----------------------------------------------------------------
  function applyPercent(root) {
    (root || document).querySelectorAll("[data-percent]").forEach(function (bar) {
      var n = parseInt(bar.getAttribute("data-percent"), 10);
      if (!isNaN(n)) {
        bar.style.width = Math.max(0, Math.min(100, n)) + "%";
      }
    });
  }

  function fillByItself(root) {
    (root || document).querySelectorAll("[data-wait-ms]").forEach(function (box) {
      var bar = box.querySelector("[data-percent]");
      var meter = box.querySelector("[role=progressbar]");
      var figure = box.querySelector("[data-percent-text]");
      var from = bar ? parseInt(bar.getAttribute("data-percent"), 10) : NaN;
      var wait = parseInt(box.getAttribute("data-wait-ms"), 10);
      if (!bar || isNaN(from) || isNaN(wait) || box.hasAttribute("data-filling")) return;
      box.setAttribute("data-filling", "");
      var started = Date.now();
      window.requestAnimationFrame(function () {
        bar.style.transition = "width " + wait + "ms linear";
        bar.style.width = "100%";
      });
      var timer = window.setInterval(function () {
        if (!box.isConnected) return window.clearInterval(timer);
        var share = Math.min(1, (Date.now() - started) / Math.max(wait, 1));
        var now = Math.round(from + (100 - from) * share);
        if (figure) figure.textContent = String(now);
        if (meter) meter.setAttribute("aria-valuenow", String(now));
        if (share >= 1) window.clearInterval(timer);
      }, 100);
    });
  }

  document.addEventListener("htmx:load", function (event) {
    applyPercent(event.target);
    fillByItself(event.target);
  });
  document.addEventListener("DOMContentLoaded", function () {
    applyPercent(document);
    fillByItself(document);
    syncAgreeAll(document);
  });

  // --- Polls: skip unchanged answers; reload on an expired flow ----------------------
  var KEY = /data-poll-key="([^"]*)"/;

  document.addEventListener("htmx:beforeSwap", function (event) {
    var detail = event.detail;
    var text = typeof detail.serverResponse === "string" ? detail.serverResponse : "";
    if (text.indexOf("data-flow-expired") !== -1) {
      detail.shouldSwap = false;
      window.location.reload();
      return;
    }
    var target = detail.target;
    var verb = detail.requestConfig && detail.requestConfig.verb;
    if (!target || verb !== "get" || !target.hasAttribute("data-poll-key")) return;
    var match = KEY.exec(text);
    if (match && match[1] === target.getAttribute("data-poll-key")) {
      detail.shouldSwap = false;
    }
  });

  // --- Step to step in place -----------------------------------------------------------
  function isFlowPage(text) {
    return /<body class="[^"]*\bpage-issuance\b/.test(text);
  }

  document.addEventListener("htmx:beforeSwap", function (event) {
    var detail = event.detail;
    if (detail.target !== document.body) return;
    var text = typeof detail.serverResponse === "string" ? detail.serverResponse : "";
    if (!isFlowPage(text)) {
      detail.shouldSwap = false;
      window.location.assign(detail.xhr.responseURL || window.location.href);
    } else if (detail.isError) {
      detail.shouldSwap = true; // a step's page with its refusal (400, 409): show it
      detail.isError = false;
    }
  });

  // The phone's frame is loaded when it first appears (data-src): a copy in a page
  // swapped in is never loaded, since the frame already beside the page stays.
  function loadPhoneFrame() {
    var frame = document.getElementById("phone-frame");
    if (frame && !frame.getAttribute("src") && frame.getAttribute("data-src")) {
      frame.setAttribute("src", frame.getAttribute("data-src"));
    }
  }

  document.addEventListener("DOMContentLoaded", loadPhoneFrame);

  document.addEventListener("htmx:afterSettle", function (event) {
    if (event.detail.target !== document.body) return;
    loadPhoneFrame();
    var content = document.getElementById("content");
    if (content) content.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  });

  // --- 약관 내용 보기 in the modal: show "불러오는 중" again for the next term ---------------
  document.addEventListener("hidden.bs.modal", function (event) {
    var body = event.target.querySelector("#term-modal-body");
    if (body) {
      body.textContent = body.getAttribute("data-loading") || "…";
    }
  });
})();
