/*
 * The 보안 키패드 (templates/widgets/secure_keypad.html, portal/keypad.py).
 *
 * With "보안키패드 사용" on (the class's default from <body data-keypad-default>, then
 * the learner's own choice, kept in this browser), a secret's input is read-only and
 * loses its name: a key click adds the key's POSITION on this layout to <name>_keys,
 * and the form sends the positions and the layout's token, never the characters. The
 * input shows one ● per key. Off, the keyboard types as on any form.
 *
 * The keypad opens when its input is clicked or focused; ← 한 자리 지우기, 전체삭제,
 * 재배열 (new keys from the server: what was typed goes), 입력완료 (closes it and moves
 * on). Arrow keys move between keys, Enter or Space presses one. Caps Lock on while a
 * password is typed shows the warning under it.
 */
(function () {
  "use strict";
  if (window.secureKeypadReady) return; // loaded again by a page swapped in by htmx
  window.secureKeypadReady = true;

  var STORE = "bankportal.keypad";
  var MASK = "\u25cf"; // ●

  function preferred() {
    var mine = null;
    try {
      mine = window.localStorage.getItem(STORE);
    } catch (e) {
      mine = null;
    }
    if (mine === "on" || mine === "off") return mine === "on";
    return (document.body.getAttribute("data-keypad-default") || "on") === "on";
  }

  function remember(on) {
    try {
      window.localStorage.setItem(STORE, on ? "on" : "off");
    } catch (e) {
      /* a private window: the choice lasts for this page */
    }
  }

  function parts(entry) {
    var pad = entry.querySelector("[data-secure-keypad]");
    return {
      entry: entry,
      input: document.getElementById(pad.getAttribute("data-secure-keypad")),
      pad: pad,
      toggle: entry.querySelector("[data-keypad-switch]"),
      token: pad.querySelector("[data-keypad-token]"),
      positions: pad.querySelector("[data-keypad-positions]"),
      fixed: pad.hasAttribute("data-keypad-fixed"),
    };
  }

  function typed(p) {
    var value = p.positions.value;
    return value ? value.split(".") : [];
  }

  function show(p, keys) {
    p.positions.value = keys.join(".");
    p.input.value = new Array(keys.length + 1).join(MASK);
    var count = p.pad.querySelector("[data-keypad-count]");
    if (count) count.textContent = (count.getAttribute("data-said") || "") + " " + keys.length;
    p.input.dispatchEvent(new Event("input", { bubbles: true })); // live checks (htmx)
  }

  function apply(p, on) {
    if (p.fixed) on = true;
    p.entry.classList.toggle("keypad-on", on);
    p.token.disabled = p.positions.disabled = !on;
    if (on) {
      if (p.input.name) p.input.setAttribute("data-name", p.input.name);
      p.input.removeAttribute("name");
      p.input.readOnly = true;
    } else {
      p.input.name = p.input.getAttribute("data-name") || p.input.name;
      p.input.readOnly = false;
    }
    p.input.value = "";
    p.positions.value = "";
    if (p.toggle) p.toggle.checked = on;
    p.pad.hidden = !(on && p.fixed);
  }

  function setup(root) {
    var entries = (root.querySelectorAll ? root : document).querySelectorAll("[data-secret-entry]");
    var on = preferred();
    Array.prototype.forEach.call(entries, function (entry) {
      if (entry.hasAttribute("data-keypad-ready")) return;
      entry.setAttribute("data-keypad-ready", "");
      var p = parts(entry);
      if (p.toggle) p.toggle.closest(".keypad-switch").hidden = false;
      apply(p, on);
    });
  }

  function entryOf(node) {
    var entry = node && node.closest && node.closest("[data-secret-entry]");
    return entry && entry.hasAttribute("data-keypad-ready") ? parts(entry) : null;
  }

  function open(p) {
    if (!p.entry.classList.contains("keypad-on") || !p.pad.hidden) return;
    Array.prototype.forEach.call(document.querySelectorAll("[data-secure-keypad]"), function (pad) {
      if (!pad.hasAttribute("data-keypad-fixed")) pad.hidden = true;
    });
    p.pad.hidden = false;
  }

  function next(p) {
    var form = p.input.form;
    if (!form) return;
    var fields = Array.prototype.filter.call(form.elements, function (el) {
      return (
        !el.disabled && el.type !== "hidden" && !el.closest("[data-secure-keypad]") &&
        !el.matches("[data-keypad-switch]") && el.offsetParent !== null
      );
    });
    var at = fields.indexOf(p.input);
    var after = fields[at + 1];
    if (after) after.focus();
  }

  function csrf() {
    try {
      return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || "";
    } catch (e) {
      return "";
    }
  }

  function shuffle(p) {
    var body = new URLSearchParams({ token: p.token.value });
    fetch(p.pad.getAttribute("data-shuffle-url"), {
      method: "POST",
      body: body,
      headers: { "X-CSRFToken": csrf() },
      credentials: "same-origin",
    }).then(function (response) {
      if (!response.ok) {
        var gone = p.pad.querySelector("[data-keypad-expired]");
        if (gone) gone.hidden = false;
        return null;
      }
      return response.text();
    }).then(function (html) {
      if (html === null) return;
      var page = p.pad.querySelector(".keypad-page:not([hidden])");
      var shown = page ? page.getAttribute("data-page") : null;
      p.pad.querySelector("[data-keypad-keys]").innerHTML = html;
      p.token = p.pad.querySelector("[data-keypad-token]");
      p.positions = p.pad.querySelector("[data-keypad-positions]");
      p.token.disabled = p.positions.disabled = false;
      if (shown) turnPage(p, shown);
      show(p, []);
      var first = p.pad.querySelector(".keypad-page:not([hidden]) [data-pos]");
      if (first) first.focus();
    });
  }

  function turnPage(p, name) {
    Array.prototype.forEach.call(p.pad.querySelectorAll(".keypad-page"), function (page) {
      page.hidden = page.getAttribute("data-page") !== name;
    });
    Array.prototype.forEach.call(p.pad.querySelectorAll("[data-keypad-page]"), function (button) {
      button.setAttribute("aria-pressed", String(button.getAttribute("data-keypad-page") === name));
    });
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    var p = entryOf(target);
    if (!p) return;
    if (target === p.input) return open(p);
    var key = target.closest("[data-pos], [data-keypad-action], [data-keypad-page]");
    if (!key || !p.pad.contains(key)) return;
    var keys = typed(p);
    if (key.hasAttribute("data-pos")) {
      var max = parseInt(p.input.getAttribute("maxlength"), 10) || 64;
      if (keys.length < max) show(p, keys.concat([key.getAttribute("data-pos")]));
    } else if (key.hasAttribute("data-keypad-page")) {
      turnPage(p, key.getAttribute("data-keypad-page"));
    } else {
      var action = key.getAttribute("data-keypad-action");
      if (action === "back") show(p, keys.slice(0, -1));
      else if (action === "clear") show(p, []);
      else if (action === "shuffle") shuffle(p);
      else if (action === "done") {
        if (!p.fixed) p.pad.hidden = true;
        next(p);
      }
    }
  });

  document.addEventListener("focusin", function (event) {
    var p = entryOf(event.target);
    if (p && event.target === p.input) open(p);
  });

  document.addEventListener("change", function (event) {
    if (!event.target.matches("[data-keypad-switch]")) return;
    var on = event.target.checked;
    remember(on);
    Array.prototype.forEach.call(document.querySelectorAll("[data-keypad-ready]"), function (entry) {
      apply(parts(entry), on);
    });
    var p = entryOf(event.target);
    if (p && on) open(p);
  });

  // Arrow keys move between the keys of the page shown, row by row.
  document.addEventListener("keydown", function (event) {
    var key = event.target.closest && event.target.closest(".secure-keypad .key");
    if (!key || ["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown"].indexOf(event.key) < 0) return;
    var pad = key.closest("[data-secure-keypad]");
    var rows = Array.prototype.filter.call(
      pad.querySelectorAll(".keypad-pages, .keypad-page:not([hidden]) .keypad-row, .keypad-actions"),
      function (row) { return row.querySelector("button"); }
    ).map(function (row) { return Array.prototype.slice.call(row.querySelectorAll("button")); });
    var r = rows.findIndex(function (row) { return row.indexOf(key) >= 0; });
    if (r < 0) return;
    var c = rows[r].indexOf(key);
    if (event.key === "ArrowLeft") c -= 1;
    if (event.key === "ArrowRight") c += 1;
    if (event.key === "ArrowUp") r = Math.max(0, r - 1);
    if (event.key === "ArrowDown") r = Math.min(rows.length - 1, r + 1);
    var row = rows[r];
    var to = row[Math.max(0, Math.min(row.length - 1, c))];
    if (to) {
      event.preventDefault();
      to.focus();
    }
  });

  // Caps Lock: the warning under a password while it is on.
  function capsLock(event) {
    var input = event.target;
    if (!input.matches || !input.matches("input[type=password]") || !event.getModifierState) return;
    var warning = document.getElementById(input.id + "-caps");
    if (warning) warning.hidden = !event.getModifierState("CapsLock");
  }
  document.addEventListener("keydown", capsLock);
  document.addEventListener("keyup", capsLock);

  document.addEventListener("DOMContentLoaded", function () { setup(document); });
  document.addEventListener("htmx:load", function (event) { setup(event.target); });
  if (document.readyState !== "loading") setup(document);
})();
