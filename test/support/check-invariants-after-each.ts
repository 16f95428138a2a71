import { afterEach, beforeEach, expect } from 'vitest';
import type { RunDeployResult } from '../../local/runner/index.js';
import type { LocalStack } from './local-stack.js';
import { checkRunInvariants, formatViolations } from './run-invariants.js';

/**
 * Checks the run invariants (docs/state-machine.md §8) after each test of a file: every run the stack's rules
 * started during the test, plus the runs a test started itself and hands to `alsoCheck`.
 */
export function checkInvariantsAfterEach(stack: () => LocalStack): {
  readonly alsoCheck: (run: RunDeployResult) => void;
} {
  let firstRun = 0;
  const ownRuns: RunDeployResult[] = [];
  beforeEach(() => {
    firstRun = stack().triggers.runs().length;
    ownRuns.length = 0;
  });
  afterEach(async () => {
    const { triggers } = stack();
    await triggers.idle();
    const started = triggers.runs().slice(firstRun);
    const runs = [...(await Promise.all(started.map((run) => run.result))), ...ownRuns];
    const projects = new Set(
      runs.flatMap((run) =>
        run.events.flatMap((event) => {
          const project = (event.detail as { metadata?: { project?: string } }).metadata?.project;
          return project ? [project] : [];
        }),
      ),
    );
    expect(formatViolations(await checkRunInvariants(stack(), { runs, projects: [...projects] }))).toBe('');
  });
  return { alsoCheck: (run) => ownRuns.push(run) };
}
