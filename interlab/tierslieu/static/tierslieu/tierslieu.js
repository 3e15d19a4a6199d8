// Tiers-lieu pages: ask before an action that cannot be undone (cancelling, revoking an address).
document.addEventListener("submit", (event) => {
  const form = event.target.closest("form[data-confirm]");
  if (form && !window.confirm(form.dataset.confirm)) {
    event.preventDefault();
  }
});

// Calendar addresses: a "Copy" button (shown only when this script runs; without it the text box stays
// selectable), and the whole address selected on focus, so that a phone offers to copy it.
document.querySelectorAll("[data-copy]").forEach((button) => {
  button.hidden = false;
});

document.addEventListener("focusin", (event) => {
  if (event.target.matches && event.target.matches(".feed-url")) {
    event.target.select();
  }
});

function copyStatus(button, message) {
  const status = button.closest("[data-feed-address]")?.querySelector("[data-copy-status]");
  if (status) {
    status.textContent = "";
    // A new text node each time, so that a screen reader says it again on a second copy.
    window.setTimeout(() => {
      status.textContent = message;
    }, 50);
  }
}

document.addEventListener("click", async (event) => {
  const button = event.target.closest("button[data-copy]");
  if (!button) {
    return;
  }
  const field = document.getElementById(button.dataset.copy);
  if (!field) {
    return;
  }
  field.focus();
  field.select();
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(field.value);
    } else if (!document.execCommand("copy")) {
      throw new Error("copy refused");
    }
    copyStatus(button, button.dataset.copied);
  } catch (error) {
    copyStatus(button, button.dataset.copyFailed);
  }
});
