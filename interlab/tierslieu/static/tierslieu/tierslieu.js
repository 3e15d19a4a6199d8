// Tiers-lieu pages: ask before an action that cannot be undone (cancelling, revoking an address).
document.addEventListener("submit", (event) => {
  const form = event.target.closest("form[data-confirm]");
  if (form && !window.confirm(form.dataset.confirm)) {
    event.preventDefault();
  }
});
