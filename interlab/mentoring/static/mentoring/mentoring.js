// Matching runs take a moment at programme scale: show the progress and keep the button from a double submit.
document.addEventListener("submit", (event) => {
  const form = event.target.closest("form[data-progress]");
  if (!form) return;
  const progress = form.querySelector(".run-progress");
  if (progress) progress.hidden = false;
  form.querySelectorAll("button[type=submit]").forEach((button) => {
    button.setAttribute("aria-disabled", "true");
    setTimeout(() => { button.disabled = true; }, 0);
  });
});
