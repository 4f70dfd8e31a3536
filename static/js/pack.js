// The printed class pack (templates/classroom/trainer/pack/): the 인쇄하기 button.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-pack-print]").forEach((button) => {
    button.addEventListener("click", () => window.print());
  });
});
