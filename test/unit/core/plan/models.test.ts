import { describe, expect, it } from 'vitest';
import { regionPrefix, resolveModel } from '../../../../core/plan/index.js';

describe('resolveModel', () => {
  it.each([
    ['claude-opus-4-6', 'ap-southeast-2', 'apac.anthropic.claude-opus-4-6-v1', 'model.resolved'],
    ['claude-haiku-4-5', 'sa-east-1', 'global.anthropic.claude-haiku-4-5-20251001-v1:0', 'model.resolved'],
    ['claude-3-7-x', 'eu-west-1', 'eu.anthropic.claude-3-7-x', 'model.unknown_claude'],
    ['us.anthropic.claude-x', 'eu-west-1', 'us.anthropic.claude-x', 'model.qualified'],
    [
      'arn:aws:bedrock:us-east-1::foundation-model/x',
      'us-east-1',
      'arn:aws:bedrock:us-east-1::foundation-model/x',
      'model.qualified',
    ],
    [
      'anthropic.claude-3-haiku-20240307-v1:0',
      'us-east-1',
      'anthropic.claude-3-haiku-20240307-v1:0',
      'model.passthrough',
    ],
  ])('resolves %s in %s to %s', (id, region, model, code) => {
    const resolved = resolveModel(id, region, 'agent:a');
    expect([resolved.model, resolved.diagnostic.code]).toEqual([model, code]);
  });

  it('returns the region prefix families of spec §5', () => {
    expect(['eu-west-3', 'us-east-2', 'ap-northeast-1', 'ca-central-1'].map(regionPrefix)).toEqual([
      'eu',
      'us',
      'apac',
      'global',
    ]);
  });
});
