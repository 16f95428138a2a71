import type { Receipt } from '../../../functions/lib/store/index.js';
import type { RunStep } from '../../target/run-steps.js';
import { formatMs, stateInWords } from '../style.js';
import { escapeHtml as e } from './escape-html.js';

/** Width of a timeline bar's drawing, in SVG user units. */
const BarUnits = 1000;

/**
 * The run's states as a timeline: one row per state entered, in order, with when it started (from the run's
 * start), a bar placing it in the run, how long it took, how it ended, its retries and its error. Without the
 * execution history it says so and shows the durations the receipt kept.
 */
export function timelineSection(receipt: Receipt, steps: readonly RunStep[] | null): string {
  const head = '<section id="timeline">\n<h2>Timeline</h2>';
  if (steps === null || steps.length === 0) {
    return `${head}\n<p class="muted">The run's execution history is not available (Step Functions keeps it for 90 days after the run); the receipt kept its durations above.</p>\n</section>`;
  }
  const start = steps[0]?.enteredAt ?? 0;
  const end = Math.max(...steps.map((step) => step.enteredAt + (step.durationMs ?? 0)));
  const span = Math.max(1, end - start);
  const rows = steps.map((step) => {
    const x = Math.round(((step.enteredAt - start) / span) * BarUnits);
    const width = Math.max(2, Math.round(((step.durationMs ?? 0) / span) * BarUnits));
    const bar = `<svg viewBox="0 0 ${BarUnits} 10" preserveAspectRatio="none" aria-hidden="true"><rect x="${Math.min(x, BarUnits - 2)}" y="0" width="${Math.min(width, BarUnits - x)}" height="10"></rect></svg>`;
    return [
      `<tr class="step-${e(step.outcome)}" data-state="${e(step.state)}">`,
      `<td title="${e(step.state)}">${e(stateInWords(step.state))}</td>`,
      `<td class="muted">${e(step.stateType)}</td>`,
      `<td class="num">+${e(formatMs(step.enteredAt - start))}</td>`,
      `<td class="bar">${bar}</td>`,
      `<td class="num">${step.durationMs === null ? '—' : e(formatMs(step.durationMs))}</td>`,
      `<td class="${e(step.outcome)}">${e(step.outcome)}</td>`,
      `<td class="num">${step.retries > 0 ? `${step.retries} ${step.retries === 1 ? 'retry' : 'retries'}` : ''}</td>`,
      `<td>${step.error === null ? '' : `<code>${e(step.error)}</code>`}</td>`,
      '</tr>',
    ].join('');
  });
  return [
    head,
    `<p class="muted">${steps.length} states entered in ${e(formatMs(end - start))}${receipt.emulated ? ' on the local cloud' : ''}.</p>`,
    '<table><thead><tr><th>State</th><th>Type</th><th>Start</th><th></th><th>Duration</th><th>Outcome</th><th>Retries</th><th>Error</th></tr></thead><tbody>',
    ...rows,
    '</tbody></table>',
    '</section>',
  ].join('\n');
}
