/*
 * The issuance flow's small behaviours (progressive enhancement: every step
 * works without this file; the server validates everything).
 *
 * - 약관: "전체 동의" ticks every term; unticking one unticks "전체 동의".
 * - 설치: the progress bar's exact width from data-percent (CSSOM, allowed by
 *   the CSP; the pct-N class already gives it in steps of 10).
 * - Polling partials (data-poll-key): a poll whose answer shows the same thing
 *   is not swapped in, so nothing flickers and screen readers are not spammed.
 * - An expired flow answers a poll with the whole "만료" page: reload instead
 *   of pasting a page into the page.
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

  document.addEventListener("htmx:load", function (event) {
    applyPercent(event.target);
  });
  document.addEventListener("DOMContentLoaded", function () {
    applyPercent(document);
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

  // --- 약관 내용 보기 in the modal: show "불러오는 중" again for the next term ---------------
  document.addEventListener("hidden.bs.modal", function (event) {
    var body = event.target.querySelector("#term-modal-body");
    if (body) {
      body.textContent = body.getAttribute("data-loading") || "…";
    }
  });
})();
