/* "Listen" on guides: the browser reads the guide aloud with its own speech synthesis (nothing is sent anywhere). */
(function () {
  "use strict";
  if (!("speechSynthesis" in window) || typeof window.SpeechSynthesisUtterance !== "function") {
    return; // the button stays hidden where the browser cannot speak
  }
  function voiceFor(lang) {
    var voices = window.speechSynthesis.getVoices() || [];
    var base = lang.split("-")[0];
    for (var i = 0; i < voices.length; i++) {
      if ((voices[i].lang || "").toLowerCase().indexOf(base) === 0) return voices[i];
    }
    return null;
  }
  function setup(button) {
    var target = document.querySelector(button.getAttribute("data-listen-target"));
    if (!target) return;
    var start = button.getAttribute("data-label-start");
    var stop = button.getAttribute("data-label-stop");
    function reset() {
      button.setAttribute("aria-pressed", "false");
      button.textContent = start;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      var synth = window.speechSynthesis;
      if (synth.speaking || synth.pending) {
        synth.cancel();
        reset();
        return;
      }
      var holder = target.closest("[lang]");
      var lang = (holder && holder.getAttribute("lang")) || document.documentElement.lang || "fr";
      var utterance = new window.SpeechSynthesisUtterance(target.innerText);
      utterance.lang = lang;
      utterance.rate = 0.9; // a little slower: many listeners are still learning the language
      var voice = voiceFor(lang);
      if (voice) utterance.voice = voice;
      utterance.onend = reset;
      utterance.onerror = reset;
      button.setAttribute("aria-pressed", "true");
      button.textContent = stop;
      synth.speak(utterance);
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    var buttons = document.querySelectorAll("[data-listen-target]");
    for (var i = 0; i < buttons.length; i++) setup(buttons[i]);
  });
})();
