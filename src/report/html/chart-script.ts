/**
 * The report's browser script (plain JavaScript, run after uPlot's): reads the chart data from
 * `#faultline-data`, draws one uPlot chart per spec into `[data-chart=<id>]`, and overlays a
 * labelled band per fault and a mark per bad window as elements of the plot (`.fault-band`,
 * `.bad-window`), so they show on screen and in print and can be counted. Sets
 * `document.body.dataset.charts = 'drawn'` when every chart is drawn. With `xLabel` (a capacity
 * report: x is the offered rate) gaps are bridged and a band may be a single rate (a marked line).
 * Band labels step down in three rows, so labels of bands close together stay readable.
 */
export const CHART_SCRIPT = String.raw`
(function () {
  var data = JSON.parse(document.getElementById('faultline-data').textContent);
  var plots = [];
  function widthOf(el) { return Math.max(280, Math.floor(el.getBoundingClientRect().width)); }
  function strip(u, fromS, toS, className, title) {
    var left = u.valToPos(fromS, 'x');
    var right = u.valToPos(toS, 'x');
    var el = document.createElement('div');
    el.className = className;
    el.style.left = left + 'px';
    el.style.width = Math.max(2, right - left) + 'px';
    el.title = title;
    u.over.appendChild(el);
    return el;
  }
  function overlay(u) {
    var old = u.over.querySelectorAll('.fault-band, .bad-window');
    for (var i = 0; i < old.length; i++) old[i].remove();
    data.bands.forEach(function (b, i) {
      var label = document.createElement('span');
      label.textContent = b.name;
      label.style.top = 2 + (i % 3) * 14 + 'px';
      var title = b.fromS === b.toS ? b.name : b.name + ': ' + b.fromS + 's to ' + b.toS + 's';
      strip(u, b.fromS, b.toS, 'fault-band', title).appendChild(label);
    });
    data.bad.forEach(function (w) {
      strip(u, w.fromS, w.toS, 'bad-window', w.title || 'bad window ' + w.fromS + 's to ' + w.toS + 's');
    });
  }
  data.charts.forEach(function (spec) {
    var host = document.querySelector('[data-chart="' + spec.id + '"] .plot');
    if (!host) return;
    var series = [{ label: data.xLabel || 'time (s)' }].concat(spec.series.map(function (s) {
      return { label: s.label, stroke: s.color, width: 2, dash: s.dash ? [6, 4] : undefined, spanGaps: !!data.xLabel,
        value: function (u, v) { return v == null ? '—' : v.toFixed(1) + ' ' + spec.unit; } };
    }));
    var opts = {
      width: widthOf(host),
      height: 220,
      scales: { x: { time: false } },
      axes: [{ label: data.xLabel || 'seconds since load start' }, { label: spec.unit, size: 60 }],
      series: series,
      legend: { live: true },
      hooks: { draw: [overlay] },
    };
    var aligned = [data.x].concat(spec.series.map(function (s) { return s.values; }));
    plots.push({ host: host, plot: new uPlot(opts, aligned, host) });
  });
  window.addEventListener('resize', function () {
    plots.forEach(function (p) { p.plot.setSize({ width: widthOf(p.host), height: 220 }); });
  });
  window.addEventListener('beforeprint', function () {
    plots.forEach(function (p) { p.plot.setSize({ width: 640, height: 200 }); });
  });
  document.body.dataset.charts = 'drawn';
})();
`;
