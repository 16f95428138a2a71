import { afterAll, describe, expect, it } from 'vitest';
import { type LocalStack, startLocalStack } from '../support/local-stack.js';
import {
  type CallSite,
  callOf,
  faultsFor,
  formatFailure,
  recordCallSites,
  runKey,
  type SweepRun,
  type SweepScenario,
  sweepRun,
  sweepSummary,
} from './fault-sweep.js';

/** Options of {@link defineSweep}. */
export interface DefineSweepOptions {
  /** Builds the scenario (reading its fixtures). */
  readonly scenario: () => Promise<SweepScenario>;
  /** Runs once on the fresh stack, before the recording (secrets). @default nothing */
  readonly setup?: (stack: LocalStack) => Promise<unknown>;
  /**
   * A scenario swept by another file: the API calls it makes (service and operation) and its Lambda Tasks are
   * left out here — a sister state makes the same call through the same shared code (functions/lib), e.g.
   * CreateOrUpdateRuntime reading STATE as CreateOrUpdateHarness does. @default none
   */
  readonly sweptBy?: () => Promise<SweepScenario>;
  /** The stack's `versionRetention` (a low one makes the promotion delete old runtime versions). @default 10 */
  readonly versionRetention?: number;
}

/**
 * Defines the tests of one sweep file: starts a local stack (zero emulator delays, zero waits, SDK retries
 * without backoff), records the scenario's call sites, and adds one test per (call site × fault), in order,
 * each a {@link sweepRun} that must hold the invariants. Prints {@link sweepSummary} and the failures at the
 * end. Call it with top-level await: the tests exist only once the recording is done.
 */
export async function defineSweep(options: DefineSweepOptions): Promise<void> {
  const stack = await startLocalStack(
    { sdk: { retryDelayMs: 0 } },
    {
      waitMs: 0,
      buildPollMs: 10,
      ...(options.versionRetention !== undefined ? { versionRetention: options.versionRetention } : {}),
    },
  );
  let sites: CallSite[];
  let scenario: SweepScenario;
  try {
    await options.setup?.(stack);
    const swept = new Set(
      options.sweptBy === undefined
        ? []
        : (await recordCallSites(stack, await options.sweptBy())).map(callOf),
    );
    scenario = await options.scenario();
    sites = (await recordCallSites(stack, scenario)).filter((site) => !swept.has(callOf(site)));
  } catch (error) {
    await stack.stop();
    throw error;
  }
  const results: SweepRun[] = [];
  describe(`fault sweep: ${scenario.name}`, () => {
    afterAll(async () => {
      const failures = results.map(formatFailure).filter((failure) => failure !== '');
      // AGENTDROP_SWEEP_VERBOSE=1 lists every run with what it ended in (status, error name, events).
      const every =
        process.env.AGENTDROP_SWEEP_VERBOSE === '1'
          ? results.map((result) => `  ${runKey(result.site, result.fault)}: ${result.summary}`)
          : [];
      process.stdout.write(
        [
          ...every,
          ...failures,
          `${scenario.name}: ${sites.length} call sites`,
          sweepSummary(results),
          '',
        ].join('\n'),
      );
      await stack.stop();
    });
    let run = 0;
    for (const site of sites) {
      for (const fault of faultsFor(site)) {
        const index = ++run;
        it(runKey(site, fault), async () => {
          const previous = results.at(-1);
          const fresh = index === 1 || previous === undefined || formatFailure(previous) !== '';
          const result = await sweepRun(stack, scenario, index, site, fault, fresh);
          results.push(result);
          expect(formatFailure(result)).toBe('');
        });
      }
    }
  });
}
