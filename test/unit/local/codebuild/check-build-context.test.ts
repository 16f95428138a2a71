import { describe, expect, it } from 'vitest';
import { checkBuildContext } from '../../../../local/codebuild/index.js';

const dockerfile = [
  'ARG REGISTRY=public.ecr.aws/docker/library/',
  `FROM --platform=linux/arm64 \${REGISTRY}node:22-slim`,
  'WORKDIR /app',
  'COPY package.json agent.mjs ./',
  'COPY --chown=node:node skills/ ./skills/',
  'COPY ["lib/*.mjs", "./lib/"]',
  'CMD ["node", "agent.mjs"]',
].join('\n');

describe('checkBuildContext', () => {
  describe('when the Dockerfile targets arm64 and every COPY source exists', () => {
    it('returns no problem', () => {
      expect(
        checkBuildContext(
          ['Dockerfile', 'package.json', 'agent.mjs', 'skills/a/SKILL.md', 'lib/x.mjs'],
          dockerfile,
        ),
      ).toEqual([]);
    });
  });

  describe('when the Dockerfile is missing', () => {
    it('returns that problem', () => {
      expect(checkBuildContext(['agent.mjs'], undefined)).toEqual([
        'The build context has no Dockerfile at its root.',
      ]);
    });
  });

  describe('when the final stage is not arm64 and sources are missing', () => {
    it('returns each problem', () => {
      const text =
        'FROM --platform=linux/arm64 node:22 AS build\nFROM node:22-slim\nCOPY --from=build /x /x\nCOPY \\\n  agent.mjs missing.txt ./\n';
      expect(checkBuildContext(['Dockerfile', 'agent.mjs'], text)).toEqual([
        'The final stage must be built for linux/arm64 (FROM --platform=linux/arm64 …), found: FROM node:22-slim',
        'COPY failed: "missing.txt" not found in the build context (line 4).',
      ]);
    });
  });
});
