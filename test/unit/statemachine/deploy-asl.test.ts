import { readFileSync } from 'node:fs';
import aslValidator from 'asl-validator';
import { describe, expect, it } from 'vitest';
import { PipelineErrorName, RetryableErrorNames, TerminalErrorNames } from '../../../functions/lib/errors.js';
import { listPlaceholders, substituteDefinition } from '../../../local/runner/index.js';

const text = readFileSync(new URL('../../../statemachine/deploy.asl.json', import.meta.url), 'utf8');
const definition = JSON.parse(text) as { States: Record<string, State>; StartAt: string };

interface State {
  readonly Type: string;
  readonly Comment?: string;
  readonly Resource?: string;
  readonly Next?: string;
  readonly Default?: string;
  readonly End?: boolean;
  readonly Catch?: readonly { ErrorEquals: string[]; ResultPath?: string | null; Next: string }[];
  readonly Retry?: readonly { ErrorEquals: string[]; MaxAttempts?: number; BackoffRate?: number }[];
  readonly Choices?: readonly { Next: string }[];
  readonly Parameters?: Record<string, unknown>;
}

const states = Object.entries(definition.States);

describe('statemachine/deploy.asl.json', () => {
  it('passes asl-validator with paths and ARNs checked', () => {
    const filled = JSON.parse(
      substituteDefinition(
        text,
        Object.fromEntries(listPlaceholders(text).map((name) => [name, `agentdrop-${name}`])),
      ),
    );
    const { isValid, errors } = aslValidator(filled, { checkPaths: true, checkArn: true });
    expect({ isValid, errors }).toEqual({ isValid: true, errors: [] });
  });

  it('gives every state a one-sentence Comment', () => {
    expect(
      states.filter(([, state]) => !state.Comment || state.Comment.trim().length < 20).map(([name]) => name),
    ).toEqual([]);
  });

  it('names every state in PascalCase', () => {
    expect(states.map(([name]) => name).filter((name) => !/^[A-Z][A-Za-z]+$/.test(name))).toEqual([]);
  });

  it('contains no literal ARN except service integration resources', () => {
    const arns = [...text.matchAll(/arn:aws[a-z-]*:[^"]*/g)].map((match) => match[0]);
    expect(arns.filter((arn) => !arn.startsWith('arn:aws:states:::'))).toEqual([]);
  });

  it('uses exactly the documented placeholders', () => {
    expect(listPlaceholders(text)).toEqual([
      'ArtifactsBucket',
      'BuildProjectName',
      'EventBusName',
      'HarnessFunctionArn',
      'InvokeFunctionArn',
      'PlanFunctionArn',
      'RuntimeFunctionArn',
      'TableName',
    ]);
  });

  it('rejects a definition with a dangling Next (the validator can fail)', () => {
    const broken = {
      ...definition,
      States: { ...definition.States, Plan: { ...definition.States.Plan, Next: 'Nowhere' } },
    };
    expect(aslValidator(broken).errors.map((error) => error['Error code'])).toContain(
      'MISSING_TRANSITION_TARGET',
    );
  });

  it('uses JSONPath only', () => {
    expect(text).not.toMatch(/QueryLanguage|"Arguments"|"Output"|\{%/);
  });

  it('sends every failure Catch to RecordFailure under $.error.<state name>', () => {
    const failureCatches = states.flatMap(([name, state]) =>
      (state.Catch ?? []).filter((c) => c.Next === 'RecordFailure').map((c) => [name, c.ResultPath]),
    );
    expect(failureCatches.length).toBeGreaterThan(10);
    for (const [name, resultPath] of failureCatches) expect(resultPath).toBe(`$.error.${name}`);
  });

  it('never retries the terminal error names', () => {
    for (const [, state] of states) {
      for (const retrier of state.Retry ?? []) {
        if (
          retrier.ErrorEquals.some((name) =>
            ['StalePlan', 'BuildFailed', 'SmokeTestFailed', 'ResourceFailed'].includes(name),
          )
        ) {
          expect(retrier.MaxAttempts).toBe(0);
        }
        if (retrier.ErrorEquals.includes('States.ALL')) expect(retrier.ErrorEquals).toEqual(['States.ALL']);
      }
      const last = state.Retry?.at(-1);
      const allIndex = state.Retry?.findIndex((retrier) => retrier.ErrorEquals.includes('States.ALL')) ?? -1;
      if (allIndex >= 0) expect(state.Retry?.[allIndex]).toBe(last);
    }
  });

  it('retries every Lambda task: terminal names never, transient ones with backoff, anything else last', () => {
    const lambdas = states.filter(([, state]) => state.Resource === 'arn:aws:states:::lambda:invoke');
    for (const [name, state] of lambdas) {
      const retry = state.Retry ?? [];
      const attemptsFor = (error: string) =>
        retry.find((retrier) => retrier.ErrorEquals.includes(error))?.MaxAttempts ?? null;
      for (const terminal of TerminalErrorNames)
        expect({ name, terminal, attempts: attemptsFor(terminal) }).toEqual({ name, terminal, attempts: 0 });
      for (const transient of [...RetryableErrorNames, 'Lambda.ServiceException'])
        expect(attemptsFor(transient), `${name} ${transient}`).toBeGreaterThan(0);
      const last = retry.at(-1);
      expect(last?.ErrorEquals, name).toEqual(['States.ALL']);
      expect(last?.MaxAttempts ?? 0, name).toBeGreaterThan(0);
      expect(last?.BackoffRate ?? 1, name).toBeGreaterThan(1);
    }
  });

  it('puts wildcard retriers last: the first matching retrier wins and States.TaskFailed matches every task error', () => {
    for (const [name, state] of states) {
      const retry = state.Retry ?? [];
      const wildcard = retry.findIndex((retrier) =>
        retrier.ErrorEquals.some((error) => error === 'States.ALL' || error === 'States.TaskFailed'),
      );
      if (wildcard >= 0) expect({ name, wildcard }).toEqual({ name, wildcard: retry.length - 1 });
    }
  });

  it('matches only error names that functions/lib/errors.ts defines, besides AWS ones', () => {
    const names = states.flatMap(([, state]) =>
      [...(state.Retry ?? []), ...(state.Catch ?? [])].flatMap((r) => r.ErrorEquals),
    );
    const ours = [
      ...new Set(names.filter((name) => !/^(States|Lambda|DynamoDB|CodeBuild|EventBridge)\./.test(name))),
    ].sort();
    expect(ours.filter((name) => !(Object.values(PipelineErrorName) as string[]).includes(name))).toEqual([]);
    expect(ours).toEqual(
      expect.arrayContaining([
        'AgentCoreThrottled',
        'IamPropagation',
        'StalePlan',
        'BuildFailed',
        'SmokeTestFailed',
        'ResourceFailed',
      ]),
    );
  });

  it('invokes Lambdas with Payload and a ResultSelector', () => {
    const lambdas = states.filter(([, state]) => state.Resource === 'arn:aws:states:::lambda:invoke');
    expect(lambdas.length).toBeGreaterThan(10);
    for (const [name, state] of lambdas) {
      expect({
        name,
        payload: 'Payload' in (state.Parameters ?? {}),
        selector: 'ResultSelector' in state,
      }).toEqual({ name, payload: true, selector: true });
    }
  });

  it('reaches every state from StartAt', () => {
    const reached = new Set<string>();
    const visit = (name: string): void => {
      if (reached.has(name)) return;
      reached.add(name);
      const state = definition.States[name]!;
      for (const next of [
        state.Next,
        state.Default,
        ...(state.Choices ?? []).map((c) => c.Next),
        ...(state.Catch ?? []).map((c) => c.Next),
      ]) {
        if (next) visit(next);
      }
    };
    visit(definition.StartAt);
    expect(states.map(([name]) => name).filter((name) => !reached.has(name))).toEqual([]);
  });
});
