import files from './template-files.json' with { type: 'json' };
import { templateHash } from './template-hash.js';

/**
 * The files every runtime build context starts from, by path: the runtime program (`agent.mjs` and the
 * modules it imports), `package.json` with exact versions, `package-lock.json`, `Dockerfile` and
 * `.dockerignore`. Their source of truth is `files/` beside this module, where they are linted and
 * type-checked; `template-files.json` embeds them so every consumer (tsx, vitest, the Lambda bundles)
 * reads the same bytes without a file system. test/unit/core/runtime-template/runtime-template.test.ts
 * fails when the two differ and rewrites the embedding under `vitest -u`.
 */
export const RuntimeTemplate: Readonly<Record<string, string>> = files;

/** The content hash of {@link RuntimeTemplate}, hashed into every runtime plan (`Plan.templateHash`). */
export const RuntimeTemplateHash: string = templateHash(RuntimeTemplate);
