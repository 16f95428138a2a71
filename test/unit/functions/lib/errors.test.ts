import { describe, expect, it } from 'vitest';
import { AgentdropError } from '../../../../core/errors.js';
import {
  NameCollisionError,
  PipelineErrorName,
  ResourceFailedError,
  RetryableErrorNames,
  StalePlanError,
  TerminalErrorNames,
} from '../../../../functions/lib/errors.js';

describe('pipeline errors', () => {
  it('carry the PascalCase name Step Functions matches', () => {
    const error = new StalePlanError({ project: 'team', expectedRev: 2, actualRev: 3 });
    expect(error).toBeInstanceOf(AgentdropError);
    expect(error.toJSON()).toEqual({
      name: 'StalePlan',
      code: undefined,
      message: 'The project state changed since the plan was made (rev 2 → 3).',
      context: { project: 'team', expectedRev: 2, actualRev: 3 },
    });
  });

  it('carry the diagnostic code when one caused them', () => {
    expect(new NameCollisionError({ name: 'agentdrop_team', owner: null }).toJSON()).toMatchObject({
      name: 'NameCollision',
      code: 'name.collision',
    });
  });

  it('put the failureReason in the message', () => {
    expect(
      new ResourceFailedError({
        resource: 'agentdrop_team',
        status: 'CREATE_FAILED',
        failureReason: 'bad image',
      }).message,
    ).toBe('agentdrop_team ended in CREATE_FAILED: bad image.');
  });

  it('keep retryable and terminal names apart', () => {
    expect(RetryableErrorNames.filter((name) => TerminalErrorNames.includes(name))).toEqual([]);
    expect(new Set([...RetryableErrorNames, ...TerminalErrorNames]).size).toBeLessThanOrEqual(
      Object.keys(PipelineErrorName).length,
    );
  });
});
