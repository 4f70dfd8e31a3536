/*
 * 주민등록번호 (or 외국인등록번호) in two boxes, as banks ask for it. A learner who types or
 * pastes the whole number (850315-1234567) into the first box gets both boxes filled;
 * six digits typed move the cursor to the second box. The server splits a whole
 * number too (issuance/fields.py), so the form works without this script.
 */
(function () {
  "use strict";
  if (window.rrnFieldsReady) return; // loaded again by a page swapped in by htmx
  window.rrnFieldsReady = true;

  function digits(text) {
    return (text || "").replace(/[^0-9]/g, "");
  }

  function pairOf(input) {
    var pair = input.closest("[data-rrn-pair]");
    if (!pair) return null;
    var inputs = pair.querySelectorAll("input.form-control"); // not the keypad's own
    return inputs.length === 2 ? { front: inputs[0], back: inputs[1] } : null;
  }

  function fill(pair, text) {
    var all = digits(text);
    if (all.length < 7) return false;
    pair.front.value = all.slice(0, 6);
    pair.back.focus();
    if (pair.back.readOnly) return true; // the 보안 키패드 types the back part (keypad.js)
    pair.back.value = all.slice(6, 13);
    pair.back.dispatchEvent(new Event("input", { bubbles: true }));
    return true;
  }

  document.addEventListener("paste", function (event) {
    var pair = event.target.matches && pairOf(event.target);
    if (!pair || event.target !== pair.front) return;
    var text = (event.clipboardData || window.clipboardData).getData("text");
    if (fill(pair, text)) event.preventDefault();
  });

  document.addEventListener("input", function (event) {
    var pair = event.target.matches && pairOf(event.target);
    if (!pair || event.target.readOnly) return; // the 보안 키패드 types there (keypad.js)
    if (event.target === pair.back) {
      var clean = digits(pair.back.value); // a "-" typed after the first six goes nowhere
      if (clean !== pair.back.value) pair.back.value = clean;
      return;
    }
    var typed = pair.front.value;
    if (digits(typed).length > 6) {
      fill(pair, typed);
    } else if (/^[0-9]{6}$/.test(typed) && !pair.back.value) {
      pair.back.focus(); // six digits: on to the second box, as bank pages do
    }
  });
})();
