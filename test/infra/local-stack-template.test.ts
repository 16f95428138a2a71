import { describe, expect, it } from 'vitest';
import { localStackTemplate } from '../../local/iam/index.js';
import { synthLocalIamTemplate } from './synth-local-iam-template.js';

describe('local/iam/local-stack-template.json', () => {
  it('is the IAM part of the stack the infra/ sources synthesize', async () => {
    const synthesized = await synthLocalIamTemplate();
    expect(
      localStackTemplate(),
      'The local cloud enforces a stale IAM snapshot: run `npm run synth:local-template` and commit it.',
    ).toEqual(synthesized);
  }, 60_000);
});
