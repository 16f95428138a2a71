import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileRuntime } from '../../../core/compile/index.js';
import { checkBuildContext } from '../../../local/codebuild/index.js';
import { makeRuntimeTeam } from '../../fixtures/runtime-team.js';

describe('compileRuntime (checked by the local CodeBuild)', () => {
  it.each([
    ['without a lockfile', {}],
    [
      "with agentdrop's lockfile",
      {
        packageLock: JSON.parse(
          readFileSync(join(import.meta.dirname, '../../../package-lock.json'), 'utf8'),
        ) as unknown,
      },
    ],
  ])('returns a context the local build accepts %s', (_name, options) => {
    const { plan, tree } = makeRuntimeTeam({ mcpUrl: 'https://docs.example.com/mcp' });
    const context = compileRuntime(plan, tree, options);
    const dockerfile = new TextDecoder().decode(context.files.get('Dockerfile'));
    expect(checkBuildContext([...context.files.keys()], dockerfile)).toEqual([]);
  });
});
