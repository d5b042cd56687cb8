// The "send a new code" button waits out its countdown (seconds in data-countdown).
(function () {
  document.querySelectorAll("[data-countdown]").forEach(function (button) {
    var left = parseInt(button.getAttribute("data-countdown"), 10) || 0;
    var text = button.parentNode.querySelector("[data-countdown-text]");
    var template = text ? text.textContent : "";
    if (left <= 0) { return; }
    var tick = setInterval(function () {
      left -= 1;
      if (left <= 0) {
        clearInterval(tick);
        button.disabled = false;
        if (text) { text.textContent = ""; }
      } else if (text) {
        text.textContent = template.replace(/\d+/, String(left));
      }
    }, 1000);
  });
})();
