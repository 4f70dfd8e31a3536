/*
 * 읽어 주기: a button ([data-speak="<selector>"]) reads its region aloud with the
 * browser's own speech synthesis (Web Speech API), in the page's language (<html
 * lang>), slower in 쉬운 화면. What it reads is the page's own text (the same
 * translated strings the learner sees), never a second copy: the region's text without
 * what is marked data-speak-skip (the button itself, keypads, the status bar).
 * In 쉬운 화면, a region marked data-speak-auto is read by itself when it appears (the
 * page, or a step swapped in), unless the learner turned that off (자동 읽기 끄기).
 * Where the browser has no speech, or no voice for the language, the button says so.
 * A selector naming several regions reads them in the page's order (a centre page: its
 * heading, then its body). A button with an empty data-speak reads the region it sits in ([data-speak-region]:
 * an error's alert, which has no id to name it by).
 */
(function () {
  "use strict";

  var AUTO_KEY = "bankportal.autoRead";
  var LANGS = { ko: "ko-KR", en: "en-US", vi: "vi-VN", zh: "zh-CN" };
  var root = document.documentElement;

  function language() {
    var lang = (root.getAttribute("lang") || "ko").toLowerCase().split("-")[0];
    return LANGS[lang] || lang;
  }

  function rate() {
    return root.classList.contains("easy-view") ? 0.8 : 1;
  }

  function synth() {
    return "speechSynthesis" in window ? window.speechSynthesis : null;
  }

  function hasVoice(lang) {
    var voices = synth() ? synth().getVoices() : [];
    if (!voices.length) return null; // not known yet (Chromium lists them late)
    var prefix = lang.split("-")[0];
    return voices.some(function (voice) {
      return (voice.lang || "").toLowerCase().split(/[-_]/)[0] === prefix;
    });
  }

  function textOf(region) {
    var copy = region.cloneNode(true);
    copy.querySelectorAll("[data-speak-skip], script, style, template, [hidden], [aria-hidden='true']").forEach(
      function (node) {
        node.remove();
      }
    );
    return (copy.textContent || "").replace(/\s+/g, " ").trim();
  }

  function say(button, message) {
    var label = button.querySelector("[data-speak-label]");
    (label || button).textContent = message;
    button.setAttribute("data-speak-unavailable", "");
  }

  function speak(button) {
    var selector = button.getAttribute("data-speak");
    var regions = selector ? Array.from(document.querySelectorAll(selector)) : [button.closest("[data-speak-region]")];
    regions = regions.filter(Boolean);
    var speech = synth();
    if (!speech || !("SpeechSynthesisUtterance" in window)) {
      say(button, button.getAttribute("data-no-speech"));
      return false;
    }
    var lang = language();
    if (hasVoice(lang) === false) {
      say(button, button.getAttribute("data-no-voice"));
      return false;
    }
    if (!regions.length) return false;
    var utterance = new window.SpeechSynthesisUtterance(regions.map(textOf).join(" "));
    utterance.lang = lang;
    utterance.rate = rate();
    speech.cancel();
    speech.speak(utterance);
    return true;
  }

  function autoReadOn() {
    try {
      return window.localStorage.getItem(AUTO_KEY) !== "0";
    } catch (e) {
      return true;
    }
  }

  function setAutoRead(on) {
    try {
      window.localStorage.setItem(AUTO_KEY, on ? "1" : "0");
    } catch (e) {
      /* ignore */
    }
    document.querySelectorAll("[data-auto-read-toggle]").forEach(function (toggle) {
      toggle.setAttribute("aria-pressed", on ? "true" : "false");
    });
  }

  function wire(scope) {
    var buttons = [];
    if (scope.matches && scope.matches("[data-speak]")) buttons.push(scope);
    scope.querySelectorAll("[data-speak]").forEach(function (b) {
      buttons.push(b);
    });
    buttons.forEach(function (button) {
      if (button.dataset.speakWired) return;
      button.dataset.speakWired = "1";
      button.addEventListener("click", function () {
        speak(button);
      });
    });
    scope.querySelectorAll("[data-auto-read-toggle]").forEach(function (toggle) {
      if (toggle.dataset.speakWired) return;
      toggle.dataset.speakWired = "1";
      toggle.setAttribute("aria-pressed", autoReadOn() ? "true" : "false");
      toggle.addEventListener("click", function () {
        setAutoRead(!autoReadOn());
      });
    });
    if (root.classList.contains("easy-view") && autoReadOn()) {
      var auto = scope.querySelector ? scope.querySelector("[data-speak][data-speak-auto]") : null;
      if (auto) speak(auto);
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    wire(document);
  });
  document.addEventListener("htmx:load", function (event) {
    if (event.target !== document.body) wire(event.target);
  });
})();
