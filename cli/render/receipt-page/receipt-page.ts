import { createHash } from 'node:crypto';
import type { Diagnostic } from '../../../core/diagnostics/index.js';
import type { Receipt } from '../../../functions/lib/store/index.js';
import type { RunStep } from '../../target/run-steps.js';
import { formatMs } from '../style.js';
import { consoleLinks } from './console-links.js';
import { escapeHtml as e } from './escape-html.js';
import { PageStyle } from './page-style.js';
import { timelineSection } from './timeline-section.js';
import { type TeamShape, traceTree } from './trace-tree.js';
import { treeSection } from './tree-section.js';

/** What the run report is made of: the receipt, and what the command could read besides it. */
export interface ReceiptPageInput {
  readonly receipt: Receipt;
  /** The states the run entered, from its execution history; null when the history is gone. */
  readonly steps: readonly RunStep[] | null;
  /** What the deploy's stored plan says; null when there is none (a skip, a run that failed in Plan). */
  readonly plan: ReceiptPagePlan | null;
  /** The log groups of the stack's pipeline functions, linked on AWS; empty when unknown or local. */
  readonly functionLogGroups: readonly string[];
}

/** The parts of the stored plan the report shows. */
export interface ReceiptPagePlan extends TeamShape {
  /** Why the plan chose its mode (spec §2). */
  readonly reason: string;
  /** Every diagnostic of the drop, sorted as the plan sorts them. */
  readonly diagnostics: readonly Diagnostic[];
  readonly smoke: { readonly prompt: string; readonly expect: string | null };
}

/** What each decision means (spec §10's decision table). */
const DecisionMeaning: Readonly<Record<string, string>> = {
  create: 'No resource of this project existed: the run created one.',
  update: 'The resource exists and its fingerprint changed (or the deploy was forced): the run updated it.',
  recreate: 'STATE names a resource that no longer exists: the run created it again.',
  replace: 'The mode, region or name changed: the run created the new resource, then deleted the old one.',
  delete: 'The drop was deleted: the run tore the agent down.',
  rollback: 'A rollback: the run moved the live endpoint back to a version that passed its smoke test.',
  skip: 'Nothing to do.',
};

/**
 * The run report of `agentdrop receipt --html`: one self-contained HTML page (inline CSS allowed by its hash in
 * a strict Content-Security-Policy, no script, no request) with the summary, the error, the states as a
 * timeline, the decision and its reason, the diagnostics, the smoke test's trace as a tree, the cells with
 * their evidence and, for a stack's receipt, links to the AWS console. Every value is HTML-escaped; the same
 * input gives the same bytes.
 */
export function renderReceiptPage(input: ReceiptPageInput): string {
  const { receipt } = input;
  const styleHash = createHash('sha256').update(PageStyle).digest('base64');
  const csp = `default-src 'none'; style-src 'sha256-${styleHash}'; img-src 'none'; base-uri 'none'; form-action 'none'`;
  const title = `${receipt.project} · deploy ${receipt.deployId} · ${receipt.outcome}`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${e(csp)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>agentdrop · ${e(title)}</title>`,
    `<style>${PageStyle}</style>`,
    '</head>',
    '<body>',
    header(receipt),
    errorBox(receipt),
    decisionSection(input),
    timelineSection(receipt, input.steps),
    diagnosticsSection(receipt, input.plan),
    treeSection(traceTree(receipt.trace ?? [], receipt.cells, input.plan), receipt, input.plan),
    linksSection(receipt, input.steps, input.functionLogGroups),
    `<footer>agentdrop receipt ${e(receipt.project)} ${e(receipt.deployId)} --html</footer>`,
    '</body>',
    '</html>',
    '',
  ]
    .filter((part) => part !== '')
    .join('\n')
    .concat('\n');
}

function header(receipt: Receipt): string {
  const trigger = receipt.trigger;
  const facts: [string, string | null][] = [
    ['Deploy', receipt.deployId],
    ['Execution', receipt.executionArn],
    [
      'Trigger',
      `${trigger.kind}${trigger.key ? ` ${trigger.key}` : ''}${trigger.versionId ? ` (version ${trigger.versionId})` : ''}`,
    ],
    [
      'Rotated secret',
      trigger.rotatedSecret
        ? `${trigger.rotatedSecret.name} (version ${trigger.rotatedSecret.versionId})`
        : null,
    ],
    ['Started', receipt.startedAt],
    ['Finished', receipt.finishedAt],
    [
      'Durations',
      Object.entries(receipt.durations)
        .map(([stage, ms]) => `${stage.replace(/Ms$/, '')} ${formatMs(ms)}`)
        .join(', '),
    ],
    ['Live', receipt.live ? `version ${receipt.live.version} (${receipt.live.endpointArn})` : null],
    ['Candidate', receipt.candidateVersion ?? null],
    ['Fingerprint', receipt.fingerprint],
  ];
  return [
    '<header>',
    `<h1>${e(receipt.project)} <span class="badge ${e(receipt.outcome)}" id="outcome">${e(receipt.outcome)}</span>${receipt.emulated ? ' <span class="badge muted">local cloud</span>' : ''}</h1>`,
    factList(facts),
    '</header>',
  ].join('\n');
}

function errorBox(receipt: Receipt): string {
  const error = receipt.error;
  if (!error) return '';
  return [
    '<section class="error-box" id="error">',
    `<p><strong class="failed" id="error-code">${e(error.code)}</strong>${error.name !== error.code ? ` <span class="muted">(${e(error.name)})</span>` : ''}: ${e(error.message)}</p>`,
    error.state ? `<p>Failed in state <strong id="failed-state">${e(error.state)}</strong>.</p>` : '',
    '</section>',
  ]
    .filter((line) => line !== '')
    .join('\n');
}

function decisionSection(input: ReceiptPageInput): string {
  const { receipt, plan } = input;
  const decision = receipt.decision ?? (receipt.skipReason ? 'skip' : null);
  const reason =
    receipt.skipReason !== null
      ? `Skipped: ${receipt.skipReason}.`
      : decision
        ? (DecisionMeaning[decision] ?? '')
        : 'The run ended before Plan decided.';
  return [
    '<section id="decision">',
    '<h2>Decision</h2>',
    factList([
      ['Decision', decision ?? '—'],
      ['Reason', reason],
      ['Mode', receipt.mode],
      ['Why this mode', plan?.reason ?? null],
      ['Smoke prompt', plan?.smoke.prompt ?? null],
      ['Smoke expect', plan?.smoke.expect ? `/${plan.smoke.expect}/u` : null],
    ]),
    '</section>',
  ].join('\n');
}

function diagnosticsSection(receipt: Receipt, plan: ReceiptPagePlan | null): string {
  const counts = receipt.diagnostics;
  const rows = (plan?.diagnostics ?? []).map(
    (diagnostic) =>
      `<tr><td class="${e(diagnostic.level)}">${e(diagnostic.level)}</td><td><code>${e(diagnostic.code)}</code></td><td><code>${e(diagnostic.where)}</code></td><td>${e(diagnostic.message)}</td></tr>`,
  );
  return [
    '<section id="diagnostics">',
    '<h2>Diagnostics</h2>',
    `<p>${counts.errors} errors, ${counts.warnings} warnings, ${counts.infos} infos</p>`,
    rows.length > 0
      ? `<table><thead><tr><th>Level</th><th>Code</th><th>Where</th><th>Message</th></tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>`
      : '',
    '</section>',
  ]
    .filter((line) => line !== '')
    .join('\n');
}

function linksSection(
  receipt: Receipt,
  steps: readonly RunStep[] | null,
  functionLogGroups: readonly string[],
): string {
  const links = consoleLinks(receipt, steps, functionLogGroups);
  if (links.length === 0) return '';
  return [
    '<section id="links">',
    '<h2>AWS console</h2>',
    '<ul>',
    ...links.map(
      (link) => `<li><a href="${e(link.url)}" rel="noreferrer noopener">${e(link.label)}</a></li>`,
    ),
    '</ul>',
    '</section>',
  ].join('\n');
}

/** A definition list of the facts that have a value. */
function factList(facts: readonly (readonly [string, string | null | undefined])[]): string {
  const items = facts
    .filter(([, value]) => value !== null && value !== undefined && value !== '')
    .map(([label, value]) => `<dt>${e(label)}</dt><dd>${e(value)}</dd>`);
  return `<dl class="facts">${items.join('')}</dl>`;
}
