import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { RuntimeTemplate } from '../../../core/runtime-template/index.js';

const dir = join(import.meta.dirname, '../../fixtures/generated/compile/runtime-template');

describe('RuntimeTemplate', () => {
  it('returns ESM that parses and bundles with every import resolved', async () => {
    rmSync(dir, { recursive: true, force: true });
    for (const [path, text] of Object.entries(RuntimeTemplate)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    const entry = join(dir, 'agent.mjs');
    for (const path of Object.keys(RuntimeTemplate).filter((p) => p.endsWith('.mjs'))) {
      execFileSync(process.execPath, ['--check', join(dir, path)]);
    }
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
