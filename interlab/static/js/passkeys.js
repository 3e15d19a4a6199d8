/* Passkeys on the two-factor pages: hands allauth's script (mfa/js/webauthn.js) the ids of our forms, and says in
   the page what went wrong when the browser's passkey dialog fails. Loaded after allauth's two scripts (defer). */
(function () {
  "use strict";
  var messages = document.querySelector("[data-passkey-messages]");
  var forms = document.querySelectorAll("form[data-passkey]");
  var active = null;

  function say(form, text) {
    var slot = form.querySelector("[data-passkey-error]");
    slot.textContent = "";
    var line = document.createElement("p");
    line.textContent = text;
    slot.appendChild(line);
  }

  var allauthForms = window.allauth && window.allauth.webauthn && window.allauth.webauthn.forms;
  forms.forEach(function (form) {
    var button = form.querySelector("[data-passkey-button]");
    var credential = form.querySelector("input[name=credential]");
    if (!allauthForms || !window.PublicKeyCredential || !navigator.credentials) {
      button.disabled = true;
      say(form, messages.dataset.unsupported);
      return;
    }
    var ids = { credential: credential.id, data: "passkey-options" };
    if (form.dataset.passkey === "add") {
      ids.add = button.id;
      allauthForms.addForm({ ids: ids });
    } else {
      ids.authenticate = button.id;
      allauthForms.authenticateForm({ ids: ids });
    }
    button.addEventListener("click", function () { active = form; });
    // Enter in the name field: ask the browser for the passkey first (allauth's script then sends the form).
    form.addEventListener("submit", function (event) {
      if (!credential.value) { event.preventDefault(); button.click(); }
    });
  });

  document.addEventListener("allauth.error", function (event) {
    if (!active) { return; }
    event.preventDefault();
    var name = event.detail && event.detail.exception && event.detail.exception.name;
    var text = messages.dataset.failed;
    if (name === "NotAllowedError" || name === "AbortError") { text = messages.dataset.cancelled; }
    if (name === "InvalidStateError") { text = messages.dataset.exists; }
    say(active, text);
  });
})();
