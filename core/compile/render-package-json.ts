import type { Plan } from '../plan/index.js';
import { RuntimeDependencies } from './runtime-dependencies.js';

/** The npm package name of a project's runtime: lower case, URL-safe. */
export function runtimePackageName(project: string): string {
  const slug = project
    .toLowerCase()
    .replace(/[^a-z0-9._-]/g, '-')
    .replace(/^[._-]+/, '');
  return `agentdrop-runtime-${slug || 'project'}`.slice(0, 214);
}

/** Renders the runtime's `package.json`: private ESM package, exact dependency versions, Node 22. */
export function renderPackageJson(plan: Plan): string {
  const manifest = {
    name: runtimePackageName(plan.project),
    version: '0.0.0',
    private: true,
    description: `agentdrop runtime for project ${plan.project}`,
    type: 'module',
    main: 'agent.mjs',
    engines: { node: '>=22' },
    scripts: { start: 'node agent.mjs' },
    dependencies: RuntimeDependencies,
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
