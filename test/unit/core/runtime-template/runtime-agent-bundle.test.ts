import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { RuntimeAgentBundle } from '../../../../core/runtime-template/index.js';
import { bundleRuntimeAgent } from '../../../../infra/bundle-runtime-agent.js';

describe('RuntimeAgentBundle', () => {
  // One esbuild run of the 3 MB agent serves both checks.
  let bytes: Uint8Array;
  beforeAll(async () => {
    bytes = await bundleRuntimeAgent();
  }, 60_000);

  it('records the bytes the bundler makes now (re-record with npm run runtime-agent -- --record)', () => {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    expect({ sha256, bytes: bytes.byteLength }).toEqual({
      sha256: RuntimeAgentBundle.sha256,
      bytes: RuntimeAgentBundle.bytes,
    });
  });

  it('bundles every npm dependency: no import is left for a node_modules to serve', async () => {
    const text = new TextDecoder().decode(bytes);
    const builtins = new Set((await import('node:module')).builtinModules);
    const external = (pattern: RegExp) =>
      [...text.matchAll(pattern)]
        .map((match) => match[1]!)
        .filter((specifier) => !specifier.startsWith('node:') && !builtins.has(specifier));
    // Static imports as esbuild writes them, each starting a statement: `import{a as b}from"x";`, `import*as c from"x";`, `import"x";`.
    expect(external(/(?:^|[;}\n])import\s*(?:[\w${},*][\w$\s{},*]*?\s*from\s*)?"([^"]+)";/g)).toEqual([]);
    // The one dynamic import left is optional: the Strands SDK loads it, inside a try, for Bedrock Mantle only.
    expect([...new Set(external(/\bimport\(\s*"([^"]+)"\s*\)/g))]).toEqual(['@aws/bedrock-token-generator']);
  });
});
