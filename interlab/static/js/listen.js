/* Read aloud (core/_listen.html). The server's audio plays in a plain <audio> player whose speed the select sets;
   the browser's own speech synthesis stays as a second way (nothing is sent anywhere), where the browser has it. */
(function () {
  "use strict";
  var canSpeak = "speechSynthesis" in window && typeof window.SpeechSynthesisUtterance === "function";

  function voiceFor(lang) {
    var voices = window.speechSynthesis.getVoices() || [];
    var base = lang.split("-")[0];
    for (var i = 0; i < voices.length; i++) {
      if ((voices[i].lang || "").toLowerCase().indexOf(base) === 0) return voices[i];
    }
    return null;
  }

  function setup(bar) {
    var audio = bar.querySelector("[data-listen-audio]");
    var speed = bar.querySelector("[data-listen-speed]");
    var button = bar.querySelector("[data-listen-target]");
    function rate() {
      return speed ? parseFloat(speed.value) || 1 : 1;
    }
    if (audio && speed) {
      speed.closest("label").hidden = false;
      var apply = function () {
        // Both: some browsers reset playbackRate to defaultPlaybackRate when the file loads.
        audio.defaultPlaybackRate = rate();
        audio.playbackRate = rate();
      };
      speed.addEventListener("change", apply);
      audio.addEventListener("loadedmetadata", apply);
      apply();
    }
    if (!button || !canSpeak) return; // the button stays hidden where the browser cannot speak
    var target = document.querySelector(button.getAttribute("data-listen-target"));
    if (!target) return;
    var start = button.getAttribute("data-label-start");
    var stop = button.getAttribute("data-label-stop");
    function reset() {
      button.setAttribute("aria-pressed", "false");
      button.textContent = start;
    }
    if (audio) {
      // One voice at a time: the player starting stops the browser's voice.
      audio.addEventListener("play", function () {
        if (window.speechSynthesis.speaking || window.speechSynthesis.pending) {
          window.speechSynthesis.cancel();
          reset();
        }
      });
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      var synth = window.speechSynthesis;
      if (synth.speaking || synth.pending) {
        synth.cancel();
        reset();
        return;
      }
      if (audio) audio.pause();
      var holder = target.closest("[lang]");
      var lang = (holder && holder.getAttribute("lang")) || document.documentElement.lang || "fr";
      var utterance = new window.SpeechSynthesisUtterance(target.innerText);
      utterance.lang = lang;
      utterance.rate = 0.9 * rate(); // a little slower: many listeners are still learning the language
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
    var bars = document.querySelectorAll("[data-listen]");
    for (var i = 0; i < bars.length; i++) setup(bars[i]);
  });
})();
