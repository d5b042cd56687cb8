// An export's page follows its job: the progress bar and the download link, from the JSON
// status URL in data-status-url. Without JavaScript the page reloads itself (<noscript>).
(function () {
  var box = document.querySelector("[data-export-status-url]");
  if (!box) { return; }
  var url = box.getAttribute("data-export-status-url");
  var bar = box.querySelector("progress");
  var label = box.querySelector("[data-export-label]");
  var rows = box.querySelector("[data-export-rows]");
  var link = box.querySelector("[data-export-download]");
  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (job) {
        if (!job) { return; }
        bar.value = job.percent;
        bar.textContent = job.percent + "%";
        label.textContent = job.label;
        if (rows) { rows.textContent = job.rows_done + " / " + job.rows_total; }
        if (job.download_url && link) {
          link.href = job.download_url;
          link.classList.remove("d-none");
        }
        if (!job.finished) { setTimeout(poll, 1500); }
      })
      .catch(function () { setTimeout(poll, 5000); });
  }
  if (box.getAttribute("data-export-finished") !== "true") { setTimeout(poll, 1000); }
})();
