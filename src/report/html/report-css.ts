/** The report's own styles: fluid on a phone, tables scroll sideways, charts stay whole in print. */
export const REPORT_CSS = `
:root { font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; color: #1b1b1b; background: #fff; }
body { margin: 0 auto; padding: 1rem; max-width: 1100px; line-height: 1.4; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; overflow-wrap: anywhere; }
.verdict { display: inline-block; padding: .15rem .6rem; border-radius: .3rem; font-weight: 700; color: #fff; background: #b00020; }
.verdict-pass { background: #1b7f2a; }
.chart { margin: 1rem 0; break-inside: avoid; page-break-inside: avoid; }
.chart figcaption { font-weight: 600; margin-bottom: .25rem; }
.plot { width: 100%; }
.fault-band { position: absolute; top: 0; bottom: 0; background: rgba(255, 165, 0, .18); border-left: 1px solid #e69500; border-right: 1px solid #e69500; pointer-events: none; }
.fault-band span { position: absolute; top: 2px; left: 4px; font-size: 11px; color: #8a5a00; white-space: nowrap; }
.bad-window { position: absolute; bottom: 0; height: 6px; background: #d62728; pointer-events: none; }
.legend .swatch { display: inline-block; width: 1em; height: .8em; vertical-align: middle; }
.swatch.band { background: rgba(255, 165, 0, .35); } .swatch.bad { background: #d62728; }
.scroll { overflow-x: auto; margin: 1rem 0; }
table { border-collapse: collapse; min-width: 100%; font-size: .9rem; }
caption { text-align: left; font-weight: 700; font-size: 1.1rem; padding: .25rem 0; }
th, td { border: 1px solid #ccc; padding: .3rem .5rem; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: #f3f3f3; }
.met { color: #1b7f2a; font-weight: 600; } .missed { color: #b00020; font-weight: 600; } .skipped { color: #777; }
@media (max-width: 600px) { body { padding: .5rem; } table { font-size: .8rem; } }
@media print {
  body { max-width: none; padding: 0; }
  .verdict { border: 2px solid #000; color: #000; background: none; }
  .fault-band, .bad-window, .swatch { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .scroll { overflow: visible; }
  tr { break-inside: avoid; }
}
`;
