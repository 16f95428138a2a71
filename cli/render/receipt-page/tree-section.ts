import type { Cell, ToolCallObservation } from '../../../core/receipt/index.js';
import type { Receipt } from '../../../functions/lib/store/index.js';
import { escapeHtml as e } from './escape-html.js';
import type { TeamShape, TraceNode } from './trace-tree.js';

/** What a node's kind is called on the page. */
const KindWords: Readonly<Record<TraceNode['kind'], string>> = {
  agent: 'agent',
  subagent: 'subagent',
  mcp: 'MCP server',
  skills: 'skills',
  browser: 'browser',
  sandbox: 'sandbox',
  other: 'tool',
};

/**
 * The smoke test's trace as a nested list (each node with its cell's state and evidence and the calls it
 * received), then every cell of the receipt in a table. A run that did not pass its smoke test has no cells:
 * the section says why instead.
 */
export function treeSection(tree: TraceNode, receipt: Receipt, team: TeamShape | null): string {
  const head = '<section id="trace">\n<h2>Smoke test trace</h2>';
  if (receipt.cells.length === 0) {
    const why =
      receipt.outcome === 'succeeded'
        ? 'The run recorded no smoke test.'
        : 'The receipt keeps the trace and cells of a run that passed its smoke test only; this run did not get there.';
    return `${head}\n<p class="muted">${e(why)}</p>\n</section>`;
  }
  const note =
    receipt.trace === undefined
      ? '<p class="muted">This receipt predates recorded traces: the tree shows the team and its cells.</p>'
      : team === null
        ? '<p class="muted">The stored plan is gone: the tree shows the calls only.</p>'
        : '';
  return [
    head,
    note,
    `<ul class="tree">${nodeItem(tree)}</ul>`,
    '<h2>Cells</h2>',
    '<table id="cells"><thead><tr><th>Cell</th><th>State</th><th>Reason</th><th>Evidence</th></tr></thead><tbody>',
    ...receipt.cells.map(cellRow),
    '</tbody></table>',
    '</section>',
  ]
    .filter((line) => line !== '')
    .join('\n');
}

function nodeItem(node: TraceNode): string {
  const state = node.cell ? ` <span class="badge ${e(node.cell.state)}">${e(node.cell.state)}</span>` : '';
  // A cell is proven across the team: under an agent that did not call the node, another agent's evidence would
  // mislead, while the reason of a cell nobody proved (not reachable, not called) holds here too.
  const note = !node.called
    ? `<p class="evidence">${node.cell && node.cell.state !== 'EXERCISED' ? e(node.cell.reason) : 'configured here, not called by this agent'}</p>`
    : node.cell?.evidence
      ? `<p class="evidence">evidence: <span class="mono">${e(node.cell.evidence)}</span></p>`
      : node.cell
        ? `<p class="evidence">${e(node.cell.reason)}</p>`
        : '';
  const calls = node.calls.length > 0 ? `<ol class="calls">${node.calls.map(callItem).join('')}</ol>` : '';
  const children = node.children.length > 0 ? `<ul>${node.children.map(nodeItem).join('')}</ul>` : '';
  const name = node.kind === node.name ? '' : ` <strong>${e(node.name)}</strong>`;
  return `<li data-node="${e(`${node.kind}:${node.name}`)}"><span class="node-kind">${e(KindWords[node.kind])}</span>${name}${state}${note}${calls}${children}</li>`;
}

function callItem(call: ToolCallObservation): string {
  const ending = call.ok ? '<span class="ok">ok</span>' : '<span class="error">error</span>';
  const detail = call.detail ? ` <span class="mono">${e(call.detail)}</span>` : '';
  return `<li><code>${e(call.tool)}</code> ${ending}${detail}</li>`;
}

function cellRow(cell: Cell): string {
  return `<tr><td><code>${e(cell.cell)}</code></td><td class="${e(cell.state)}">${e(cell.state)}</td><td>${e(cell.reason)}</td><td class="mono">${cell.evidence === null ? '' : e(cell.evidence)}</td></tr>`;
}
