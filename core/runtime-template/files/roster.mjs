// @ts-check
// The roster the compiler wrote beside this file (team.json): agents, MCP servers, skills, secret variables.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fail } from './log.mjs';

/** @typedef {import('../../compile/index.js').TeamManifest} TeamManifest */
/** @typedef {import('../../compile/index.js').TeamAgent} TeamAgent */

/** The directory of the runtime: team.json and skills/ live here. */
export const here = dirname(fileURLToPath(import.meta.url));

/** @type {TeamManifest} */
export const team = JSON.parse(readFileSync(join(here, 'team.json'), 'utf8'));

/**
 * The roster entry of an agent; team.json names every agent it refers to (the compiler checks it).
 * @param {string} name
 * @returns {TeamAgent}
 */
export function agentSpec(name) {
  const spec = team.agents[name];
  if (spec === undefined) return fail(`team.json has no agent ${JSON.stringify(name)}.`);
  return spec;
}
