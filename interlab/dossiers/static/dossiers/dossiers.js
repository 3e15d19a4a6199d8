// The status form shows only the details of the step chosen (submission date and guichet, card number…).
document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector("form[data-form=status]");
  const source = document.getElementById("status-fields");
  if (!form || !source) return;
  const fields = JSON.parse(source.textContent);
  const select = form.querySelector("select[name=to]");
  const update = () => {
    const wanted = new Set(fields[select.value] || []);
    form.querySelectorAll(".field").forEach((el) => {
      const input = el.querySelector("input, textarea, select");
      if (input && input.name !== "to") el.hidden = !wanted.has(input.name);
    });
  };
  select.addEventListener("change", update);
  update();
});
