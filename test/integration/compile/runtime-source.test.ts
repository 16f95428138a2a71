import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { RuntimeSource } from '../../../core/compile/index.js';

const dir = join(import.meta.dirname, '../../fixtures/generated/compile/runtime-source');

describe('RuntimeSource', () => {
  it('returns ESM that parses and bundles with every import resolved', async () => {
    mkdirSync(dir, { recursive: true });
    const entry = join(dir, 'agent.mjs');
    writeFileSync(entry, RuntimeSource);
    execFileSync(process.execPath, ['--check', entry]);
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node22',
      write: false,
      logLevel: 'silent',
      // Optional peers of the SDKs that the runtime never loads.
      external: [
        'playwright',
        'ai',
        'react',
        'react-dom',
        '@a2a-js/sdk',
        '@ai-sdk/*',
        '@anthropic-ai/sdk',
        '@google/genai',
        '@cedar-policy/*',
        '@tobilu/qmd',
        'turndown',
        'express',
        '@opentelemetry/*',
        '@aws-sdk/client-bedrock-agent*',
        '@aws-sdk/client-s3',
        '@aws/bedrock-token-generator',
      ],
    });
    expect(result.errors).toEqual([]);
    expect(result.outputFiles[0]!.contents.byteLength).toBeGreaterThan(100_000);
  });
});
