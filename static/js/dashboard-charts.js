// The staff home's monthly trends: Chart.js (static/vendor/chartjs) draws each canvas from the
// values the page passes in #dashboard-chart-data (json_script); no inline script (CSP).
(function () {
  "use strict";
  var source = document.getElementById("dashboard-chart-data");
  if (!source || typeof Chart === "undefined") return;
  var charts = JSON.parse(source.textContent);
  charts.forEach(function (chart) {
    var canvas = document.querySelector('canvas[data-chart="' + chart.key + '"]');
    if (!canvas) return;
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: chart.months,
        datasets: [{ label: chart.label, data: chart.values, backgroundColor: "#c8102e" }],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { display: false } },
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
      },
    });
  });
})();
