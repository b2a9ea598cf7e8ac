/* A "Print" button for pages that offer one: shown only when JavaScript runs (without it the
   page says to use the browser's own Print command). No inline script, so the CSP stays strict. */
document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
});
