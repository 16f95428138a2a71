import bundle from './runtime-agent-bundle.json' with { type: 'json' };

/** The pre-bundled runtime agent a code package carries (infra/bundle-runtime-agent.ts). */
export interface RuntimeAgentBundleInfo {
  /** Its file name in the code package, and the runtime's `entryPoint`. */
  readonly file: string;
  /** Hex SHA-256 of the bundle's bytes, hashed into every code plan's specHash (DESIGN §8). */
  readonly sha256: string;
  readonly bytes: number;
}

/**
 * The bundle this compiler ships, as `npm run runtime-agent -- --record` recorded it: core cannot run esbuild, so
 * the content address is data here, and test/unit/core/runtime-template/runtime-agent-bundle.test.ts rebuilds the
 * bundle and fails when its bytes no longer match.
 */
export const RuntimeAgentBundle: RuntimeAgentBundleInfo = bundle;
