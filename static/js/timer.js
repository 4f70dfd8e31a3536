/*
 * 쉬운 화면's step clock (templates/issuance/flow/_layout.html, [data-flow-timer]): the
 * time left counts down on screen each second (M:SS); a screen reader hears it in
 * its polite live region only once a minute, never every second.
 * The server decides (issuance/flow/clock.py): this only shows what it said, counted
 * from when the page arrived. "시간 더 주기" is an ordinary form (POST, CSRF).
 */
(function () {
  "use strict";

  var timers = [];

  function two(n) {
    return (n < 10 ? "0" : "") + n;
  }

  function tick() {
    timers = timers.filter(function (timer) {
      return timer.element.isConnected;
    });
    timers.forEach(function (timer) {
      var seconds = Math.max(0, Math.round((timer.deadline - Date.now()) / 1000));
      timer.left.textContent = Math.floor(seconds / 60) + ":" + two(seconds % 60);
      timer.element.classList.toggle("is-warning", seconds <= 120);
      var minutes = Math.ceil(seconds / 60);
      var said = null;
      if (seconds === 0) said = timer.element.getAttribute("data-expired-text");
      else if (minutes !== timer.minutes) said = timer.element.getAttribute("data-minutes-text").replace("__N__", minutes);
      timer.minutes = minutes;
      if (said !== null && said !== timer.said) {
        timer.said = said;
        timer.announce.textContent = said;
      }
    });
  }

  function wire(scope) {
    var found = [];
    if (scope.matches && scope.matches("[data-flow-timer]")) found.push(scope);
    scope.querySelectorAll("[data-flow-timer]").forEach(function (element) {
      found.push(element);
    });
    found.forEach(function (element) {
      if (element.dataset.timerWired) return;
      element.dataset.timerWired = "1";
      var seconds = parseInt(element.getAttribute("data-seconds-left"), 10) || 0;
      timers.push({
        element: element,
        deadline: Date.now() + seconds * 1000,
        left: element.querySelector("[data-timer-left]"),
        announce: element.querySelector("[data-timer-announce]"),
        minutes: Math.ceil(seconds / 60), // the page already says it: no announcement at once
        said: null,
      });
    });
    tick();
  }

  document.addEventListener("DOMContentLoaded", function () {
    wire(document);
    window.setInterval(tick, 1000);
  });
  document.addEventListener("htmx:load", function (event) {
    if (event.target !== document.body) wire(event.target);
  });
})();
