import { type Diagnostic, makeDiagnostic } from '../diagnostics/index.js';
import type { AgentPlan, RequestedArtifact, RuntimeArtifact } from './types.js';

/**
 * AgentCore's limits for a direct code deployment package (AgentCore developer guide, "Quotas for Amazon Bedrock
 * AgentCore": 250 MB compressed, 750 MB uncompressed; neither adjustable).
 */
export const CodePackageLimits = {
  maxZipBytes: 250 * 1024 * 1024,
  maxUnzippedBytes: 750 * 1024 * 1024,
} as const;

/**
 * Picks how a runtime ships. An explicit `container` or `code` is kept (`code` with a need only a container meets
 * is `runtime.code_unsupported`); `auto` picks `code` unless the plan needs a container, and says which need as
 * `runtime.artifact_auto`.
 */
export function chooseArtifact(
  requested: RequestedArtifact,
  source: 'manifest' | 'stack',
  agents: readonly AgentPlan[],
): { artifact: RuntimeArtifact; diagnostics: Diagnostic[] } {
  const needs = containerNeeds(agents);
  if (requested === 'container') return { artifact: 'container', diagnostics: [] };
  if (requested === 'code') {
    const diagnostics = needs.map((need) =>
      makeDiagnostic(
        'runtime.code_unsupported',
        'project',
        `runtime.artifact code (${source}): ${need}; use runtime.artifact: container.`,
      ),
    );
    return { artifact: 'code', diagnostics };
  }
  if (needs.length > 0) {
    return {
      artifact: 'container',
      diagnostics: [
        makeDiagnostic(
          'runtime.artifact_auto',
          'project',
          `runtime.artifact auto: container, because ${needs.join('; ')}.`,
        ),
      ],
    };
  }
  return {
    artifact: 'code',
    diagnostics: [
      makeDiagnostic(
        'runtime.artifact_auto',
        'project',
        'runtime.artifact auto: code (the pre-bundled Node 22 agent needs no container image, so no image build).',
      ),
    ],
  };
}

/**
 * What only a container gives this plan. The code package carries one bundled JavaScript file: the AgentCore
 * Browser tools drive the browser with Playwright, which that bundle does not carry.
 */
function containerNeeds(agents: readonly AgentPlan[]): string[] {
  const browsing = agents.filter((agent) => agent.builtinToolTypes.includes('agentcore_browser'));
  if (browsing.length === 0) return [];
  return [
    `${browsing.map((agent) => agent.name).join(', ')} use the AgentCore Browser, whose tools need Playwright in the image`,
  ];
}

/** `runtime.code_unzipped_too_large` when the package would exceed AgentCore's uncompressed limit. */
export function checkUnzippedCodeSize(unzippedBytes: number): Diagnostic[] {
  if (unzippedBytes <= CodePackageLimits.maxUnzippedBytes) return [];
  return [
    makeDiagnostic(
      'runtime.code_unzipped_too_large',
      'project',
      `The code package would hold ${unzippedBytes} bytes uncompressed; AgentCore accepts at most ${CodePackageLimits.maxUnzippedBytes} (750 MB). Use runtime.artifact: container.`,
    ),
  ];
}

/** `runtime.code_zip_too_large` when the zipped package exceeds AgentCore's compressed limit (checked by the pipeline). */
export function checkCodeZipSize(zipBytes: number): Diagnostic[] {
  if (zipBytes <= CodePackageLimits.maxZipBytes) return [];
  return [
    makeDiagnostic(
      'runtime.code_zip_too_large',
      'project',
      `The code package zip is ${zipBytes} bytes; AgentCore accepts at most ${CodePackageLimits.maxZipBytes} (250 MB). Use runtime.artifact: container.`,
    ),
  ];
}
