// Keepwarm's only script of its own (no inline scripts: the CSP is script-src 'self'). Pages work without it.
(function () {
  'use strict';
  // After a form comes back with errors, move focus to their summary so a screen reader reads them.
  function focusErrors(root) {
    var summary = (root || document).querySelector('.error-summary');
    if (summary) summary.focus();
  }
  document.addEventListener('DOMContentLoaded', function () {
    focusErrors(document);
  });
  document.addEventListener('htmx:afterSwap', function (event) {
    focusErrors(event.target);
  });
  // Buttons that ask first (delete, archive): <button data-confirm="…">.
  document.addEventListener('click', function (event) {
    var button = event.target && event.target.closest ? event.target.closest('[data-confirm]') : null;
    if (button && !window.confirm(button.getAttribute('data-confirm'))) event.preventDefault();
  });
})();
