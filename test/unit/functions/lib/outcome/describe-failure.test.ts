import { describe, expect, it } from 'vitest';
import { codedMessage } from '../../../../../functions/lib/coded-message.js';
import { NameCollisionError } from '../../../../../functions/lib/errors.js';
import { describeFailure } from '../../../../../functions/lib/outcome/index.js';

describe('describeFailure', () => {
  describe('when a Lambda state failed', () => {
    it('returns the error name and Lambda errorMessage with the failing state', () => {
      const cause = JSON.stringify({
        errorType: 'ResourceFailed',
        errorMessage: 'x ended in CREATE_FAILED: bad.',
        trace: [],
      });
      expect(describeFailure({ GetRuntimeStatus: { Error: 'ResourceFailed', Cause: cause } })).toEqual({
        code: 'ResourceFailed',
        name: 'ResourceFailed',
        message: 'x ended in CREATE_FAILED: bad.',
        state: 'GetRuntimeStatus',
        buildLogUrl: null,
      });
    });

    it('reads the dotted code that leads the message Lambda reports for a coded error', () => {
      const error = new NameCollisionError({ name: 'agentdrop_team', owner: 'other' });
      const cause = JSON.stringify({ errorType: error.name, errorMessage: codedMessage(error), trace: [] });
      const described = describeFailure({ CreateOrUpdateHarness: { Error: 'NameCollision', Cause: cause } });
      expect(described.code).toBe('name.collision');
      expect(described.message).not.toMatch(/^name\.collision/);
    });
  });

  describe('when the build failed', () => {
    it('returns BuildFailed with the failed phase and the log link', () => {
      const cause = JSON.stringify({
        Build: {
          Id: 'proj:1',
          BuildStatus: 'FAILED',
          Logs: { DeepLink: 'https://console/logs' },
          Phases: [
            { PhaseType: 'PRE_BUILD', PhaseStatus: 'SUCCEEDED' },
            { PhaseType: 'BUILD', PhaseStatus: 'FAILED', Contexts: [{ Message: 'COPY failed' }] },
            { PhaseType: 'COMPLETED' },
          ],
        },
      });
      expect(describeFailure({ BuildImage: { Error: 'States.TaskFailed', Cause: cause } })).toEqual({
        code: 'BuildFailed',
        name: 'BuildFailed',
        message: 'The image build proj:1 ended FAILED in phase BUILD: COPY failed',
        state: 'BuildImage',
        buildLogUrl: 'https://console/logs',
      });
    });
  });

  describe('when a service integration failed', () => {
    it('returns the plain-text cause', () => {
      expect(
        describeFailure({ AcquireLock: { Error: 'DynamoDB.AmazonDynamoDBException', Cause: 'boom' } })
          .message,
      ).toBe('boom');
    });
  });

  describe('when there is no error record', () => {
    it('returns States.Runtime without a state', () => {
      expect(describeFailure(undefined)).toMatchObject({ code: 'States.Runtime', state: null });
    });
  });
});
