import { readFileSync } from 'node:fs';
import { Duration } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../functions/lib/config.js';
import { budgetedDefinition } from '../../infra/create-state-machine.js';
import { runBudget } from '../../infra/run-budget.js';

const file = JSON.parse(readFileSync(new URL('../../statemachine/deploy.asl.json', import.meta.url), 'utf8'));

describe('runBudget', () => {
  it('orders build + queue < build task < execution < lock lease for every allowed build timeout', () => {
    for (const minutes of [5, 30, 120, 480]) {
      const budget = runBudget(Duration.minutes(minutes));
      expect(budget.buildTaskSeconds).toBeGreaterThan(minutes * 60 + 3600);
      expect(budget.executionSeconds).toBeGreaterThan(budget.buildTaskSeconds);
      expect(budget.lockLeaseSeconds).toBeGreaterThan(budget.executionSeconds);
    }
  });

  it('is what the definition file and the functions default to, for the default 30-minute build', () => {
    const budget = runBudget(Duration.minutes(30));
    expect([file.TimeoutSeconds, file.States.BuildImage.TimeoutSeconds]).toEqual([
      budget.executionSeconds,
      budget.buildTaskSeconds,
    ]);
    const config = readConfig({
      TABLE_NAME: 't',
      DROP_BUCKET: 'd',
      ARTIFACTS_BUCKET: 'a',
      EVENT_BUS_NAME: 'b',
      SECRET_PREFIX: 'agentdrop/',
      STACK_NAME: 's',
      HARNESS_ROLE_ARN: 'arn:aws:iam::1:role/h',
      RUNTIME_ROLE_ARN: 'arn:aws:iam::1:role/r',
    });
    expect(config.lockLeaseSeconds).toBe(budget.lockLeaseSeconds);
  });

  it('stretches the deployed timeouts for an 8-hour build, which the file alone would cut at 95 minutes', () => {
    const deployed = JSON.parse(budgetedDefinition({ buildTimeout: Duration.minutes(480) }));
    const budget = runBudget(Duration.minutes(480));
    expect(deployed.TimeoutSeconds).toBe(budget.executionSeconds);
    expect(deployed.States.BuildImage.TimeoutSeconds).toBe(budget.buildTaskSeconds);
    expect(file.States.BuildImage.TimeoutSeconds).toBeLessThan(480 * 60);
  });
});
