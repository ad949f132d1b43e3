// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // After following the skip link, move keyboard focus into the main content (tabindex="-1" on <main>).
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a.skip-link") : null;
    if (!link) {
      return;
    }

    var main = document.getElementById("main");
    if (main) {
      main.focus();
    }
  });
})();

// Invoice pages: the print button, without an inline handler.
document.addEventListener("click", function (event) {
  if (event.target.closest && event.target.closest("[data-action='print']")) {
    window.print();
  }
});
