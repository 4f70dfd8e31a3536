/*
 * 인증서 선택창: clicking anywhere on a certificate's row selects its radio, as
 * in the real dialog. Progressive enhancement only: without this script the
 * radios (and the keyboard) still work. Loaded with defer and the CSP nonce.
 */
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!(target instanceof Element)) {
      return;
    }
    var row = target.closest("[data-cert-row]");
    // The radio and its label handle themselves; 인증서 보기 only opens the details.
    if (!row || target.closest("input, label, a, button")) {
      return;
    }
    var radio = row.querySelector('input[type="radio"]');
    if (!radio || radio.disabled) {
      return;
    }
    if (!radio.checked) {
      radio.checked = true;
      radio.dispatchEvent(new Event("change", { bubbles: true }));
    }
    radio.focus({ preventScroll: true });
  });
})();
