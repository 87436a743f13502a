// Log search on the task page: shows only the lines of each log that contain the text typed.
(function () {
  "use strict";
  function search(input) {
    var query = input.value.trim().toLowerCase();
    document.querySelectorAll("pre.log-text").forEach(function (log) {
      var filtered = log.nextElementSibling;
      if (!filtered || !filtered.classList.contains("log-filtered")) {
        filtered = document.createElement("pre");
        filtered.className = "log-filtered";
        filtered.tabIndex = 0;
        log.after(filtered);
      }
      if (!query) {
        log.hidden = false;
        filtered.hidden = true;
        return;
      }
      var lines = log.textContent.split("\n").filter(function (line) {
        return line.toLowerCase().indexOf(query) >= 0;
      });
      filtered.textContent = lines.length ? lines.join("\n") : "(no line contains \u201c" + input.value + "\u201d)";
      filtered.setAttribute("aria-label", lines.length + " matching lines of " + log.id);
      log.hidden = true;
      filtered.hidden = false;
    });
  }
  document.addEventListener("input", function (event) {
    if (event.target.matches("[data-log-search]")) {
      search(event.target);
    }
  });
  document.addEventListener("htmx:afterSwap", function () {
    var input = document.querySelector("[data-log-search]");
    if (input && input.value.trim()) {
      search(input);
    }
  });
})();
