/** The run report's only stylesheet, inline (the page loads nothing); the page's CSP allows it by its hash. */
export const PageStyle = `
:root { color-scheme: light dark; --ok: #1a7f37; --fail: #cf222e; --warn: #9a6700; --muted: #6e7781; --line: #d0d7de; --bar: #0969da; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 auto; max-width: 1100px; padding: 24px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 16px; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
.muted { color: var(--muted); }
.badge { display: inline-block; border-radius: 10px; padding: 0 8px; font-size: 12px; font-weight: 600; border: 1px solid currentColor; }
.succeeded, .EXERCISED, .ok { color: var(--ok); }
.failed, .rejected, .FAIL, .error { color: var(--fail); }
.skipped, .queued, .WIRED, .NOT-PROVEN, .warning, .running { color: var(--warn); }
.destroyed, .info { color: var(--muted); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 3px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-weight: 600; color: var(--muted); }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.bar { width: 34%; }
td.bar svg { display: block; width: 100%; height: 12px; }
td.bar rect { fill: var(--bar); }
tr.step-failed td.bar rect { fill: var(--fail); }
.error-box { border: 1px solid var(--fail); border-radius: 6px; padding: 8px 12px; margin-top: 16px; }
ul.tree, ul.tree ul { list-style: none; margin: 0; padding-left: 20px; }
ul.tree { padding-left: 0; }
ul.tree li { margin: 4px 0; }
ul.tree ul { border-left: 1px dashed var(--line); margin-left: 6px; }
.node-kind { color: var(--muted); font-size: 12px; }
.node-kind + .badge { margin-left: 4px; }
.evidence { margin: 2px 0 0; color: var(--muted); overflow-wrap: anywhere; }
ol.calls { margin: 2px 0 0; padding-left: 20px; color: var(--muted); }
pre { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0; }
footer { margin-top: 32px; color: var(--muted); font-size: 12px; }
`;
