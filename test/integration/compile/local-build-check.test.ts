import { describe, expect, it } from 'vitest';
import { compileRuntime } from '../../../core/compile/index.js';
import { checkBuildContext } from '../../../local/codebuild/index.js';
import { makeRuntimeTeam } from '../../fixtures/runtime-team.js';

describe('compileRuntime (checked by the local CodeBuild)', () => {
  it('returns a context the local build accepts', () => {
    const { plan, tree } = makeRuntimeTeam({ mcpUrl: 'https://docs.example.com/mcp' });
    const context = compileRuntime(plan, tree);
    const dockerfile = new TextDecoder().decode(context.files.get('Dockerfile'));
    expect(checkBuildContext([...context.files.keys()], dockerfile)).toEqual([]);
  });
});
