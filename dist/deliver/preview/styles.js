const STYLES = `
*{box-sizing:border-box}
html,body{margin:0;background:#111217;color:#ccccdc;font:13px/1.4 Inter,"Helvetica Neue",Arial,sans-serif}
.page{padding:0 16px 24px;margin:0}
.page.index{width:auto;max-width:1100px}
.topbar{display:flex;align-items:center;gap:16px;height:48px}
.topbar h1{font-size:18px;font-weight:500;margin:0;color:#ccccdc}
.topbar .range{margin-left:auto;color:#8e8e8e;border:1px solid #2c3235;border-radius:2px;padding:4px 8px}
.back{color:#6e9fff;text-decoration:none}
.synthetic{background:#3d71d9;color:#fff;padding:6px 12px;border-radius:2px;margin:0 0 8px;font-weight:500}
.synthetic code{background:rgba(0,0,0,.25);padding:0 4px}
.vars{display:flex;gap:8px;flex-wrap:wrap;margin:0 0 12px}
.var{display:inline-flex;border:1px solid #2c3235;border-radius:2px;overflow:hidden}
.var-label{background:#22252b;padding:4px 8px;color:#ccccdc;font-weight:500}
.var-value{padding:4px 8px;background:#111217}
.grid{position:relative}
.panel{position:absolute;background:#181b1f;border:1px solid #2c3235;border-radius:2px;display:flex;flex-direction:column;overflow:hidden}
.panel>header{display:flex;align-items:center;gap:6px;height:32px;padding:0 8px;flex:none}
.panel>header h2{font-size:14px;font-weight:500;margin:0;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;color:#ccccdc}
.info{display:inline-flex;align-items:center;justify-content:center;width:14px;height:14px;border-radius:50%;border:1px solid #8e8e8e;color:#8e8e8e;font:italic 10px Georgia,serif;cursor:help;flex:none}
.description{display:none;position:absolute;top:30px;left:8px;right:8px;z-index:5;background:#22252b;border:1px solid #2c3235;padding:8px;color:#ccccdc;font-size:12px}
.info:hover+.description,.info:focus+.description{display:block}
.error-corner{position:absolute;top:0;left:0;width:0;height:0;border-style:solid;border-width:28px 28px 0 0;border-color:#d10e5c transparent transparent transparent;color:#fff;font-size:0}
.error-corner::after{content:"!";position:absolute;top:-27px;left:5px;font-size:12px;font-weight:700}
.error-text{color:#ff5286;font-size:12px;padding:0 8px;max-height:48px;overflow:hidden;flex:none}
.body{flex:1;min-height:0;position:relative;padding:0 8px 8px}
.no-data{display:flex;align-items:center;justify-content:center;height:100%;color:#8e8e8e;font-size:14px}
.unsupported{color:#8e8e8e;padding:8px}
.row{position:absolute;display:flex;align-items:center;gap:6px;font-size:16px;font-weight:500;color:#ccccdc}
.row .chevron{color:#8e8e8e;width:12px}
.row-count{font-size:12px;color:#8e8e8e;font-weight:400}
.viz{display:flex;flex-direction:column;height:100%;min-height:0}
.viz-right{flex-direction:row}
.chart{flex:1;min-height:0;min-width:0;position:relative;overflow:hidden}
.chart-pie{display:flex;align-items:center;justify-content:center}
.chart-pie canvas{max-width:100%;max-height:100%}
.legend{flex:none;font-size:12px;overflow:auto;max-height:40%}
.viz-right .legend{max-height:none;max-width:45%;padding-left:8px}
.legend-list{display:flex;flex-wrap:wrap;gap:2px 12px;padding-top:4px}
.legend-item{white-space:nowrap}
.legend table{border-collapse:collapse;width:100%}
.legend th{color:#6e9fff;font-weight:500;text-align:right;padding:2px 6px}
.legend td{padding:2px 6px;white-space:nowrap}
.swatch{display:inline-block;width:14px;height:4px;border-radius:2px;margin-right:6px;vertical-align:middle}
.num{text-align:right;font-variant-numeric:tabular-nums}
.stat{display:flex;height:100%;gap:8px}
.stat-h{flex-direction:column}
.stat-item{flex:1;position:relative;display:flex;flex-direction:column;align-items:center;justify-content:center;border-radius:2px;min-width:0;overflow:hidden}
.stat-item .spark{position:absolute;left:0;right:0;bottom:0;height:50%;opacity:.9}
.stat-value{position:relative;font-size:32px;font-weight:500;line-height:1.1;white-space:nowrap}
.stat-value .unit{font-size:20px;margin-left:2px}
.stat-name{position:relative;font-size:12px}
.gauge{display:flex;height:100%;gap:8px}
.gauge-item{flex:1;position:relative;display:flex;flex-direction:column;align-items:center;justify-content:center;min-width:0}
.gauge-item canvas{position:absolute;inset:0;width:100%;height:100%}
.gauge-value{position:relative;font-size:22px;font-weight:500;margin-top:18%}
.gauge-value .unit{font-size:14px;margin-left:1px}
.bargauge{display:flex;flex-direction:column;gap:6px;height:100%;justify-content:center}
.bar-row{display:grid;grid-template-columns:minmax(60px,22%) 1fr auto;align-items:center;gap:8px}
.bar-name{white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.bar-track{height:18px;background:rgba(204,204,220,.07);border-radius:2px;overflow:hidden}
.bar-fill{height:100%;border-radius:2px}
.bar-value{font-weight:500;font-size:16px;min-width:64px;text-align:right}
.bargauge-v{flex-direction:row;align-items:stretch}
.table-wrap{height:100%;overflow:auto}
.table-wrap table{border-collapse:collapse;width:100%}
.table-wrap th{text-align:left;color:#6e9fff;font-weight:500;border-bottom:1px solid #2c3235;padding:6px 8px;white-space:nowrap}
.table-wrap td{border-bottom:1px solid #202226;padding:5px 8px;white-space:nowrap}
.text{overflow:auto;height:100%}
.text a{color:#6e9fff}
.dashboards{list-style:none;padding:0}
.dashboards li{padding:10px 0;border-bottom:1px solid #2c3235}
.dashboards a{color:#6e9fff;font-size:15px;text-decoration:none}
.muted{color:#8e8e8e}
.bad{color:#ff5286}
.u-legend{display:none}
.u-axis{color:#8e8e8e}
`;
export {
  STYLES
};
