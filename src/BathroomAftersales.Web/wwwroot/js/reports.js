// Report charts: each <canvas data-chart="{...}"> is drawn with Chart.js from the JSON the page wrote from the table
// beside it. Without this file (or Chart.js) the tables still carry every number.
(function () {
  "use strict";

  if (typeof window.Chart === "undefined") {
    return;
  }

  var charts = [];

  function draw(canvas) {
    var spec;
    try {
      spec = JSON.parse(canvas.getAttribute("data-chart"));
    } catch (e) {
      return;
    }

    var valueAxis = spec.horizontal ? "x" : "y";
    var scales = {};
    scales[valueAxis] = { beginAtZero: true };
    if (typeof spec.max === "number") {
      scales[valueAxis].max = spec.max;
    }

    charts.push(new window.Chart(canvas, {
      type: spec.kind,
      data: {
        labels: spec.labels,
        datasets: spec.series.map(function (series) {
          return { label: series.label, data: series.data, spanGaps: true };
        })
      },
      options: {
        indexAxis: spec.horizontal ? "y" : "x",
        maintainAspectRatio: false,
        animation: false,
        scales: scales
      }
    }));
  }

  document.querySelectorAll("canvas[data-chart]").forEach(draw);

  // Redraw at the printed size, and back at the screen size afterwards.
  function resizeAll() {
    charts.forEach(function (chart) {
      chart.resize();
    });
  }

  window.addEventListener("beforeprint", resizeAll);
  window.addEventListener("afterprint", resizeAll);
})();
