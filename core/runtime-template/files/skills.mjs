// @ts-check
// Skills (spec §3.5) copied into skills/<name>/: the directory name is the skill's name, SKILL.md's
// frontmatter gives its description.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { here, team } from './roster.mjs';

/** @typedef {import('@strands-agents/sdk/vended-plugins/skills').Skill} Skill */

/**
 * Loads every skill of the roster.
 * @param {typeof import('@strands-agents/sdk/vended-plugins/skills')} plugin
 * @param {typeof import('yaml').parse} parseYaml
 * @returns {Map<string, Skill>}
 */
export function loadSkills(plugin, parseYaml) {
  /** @type {Map<string, Skill>} */
  const skills = new Map();
  for (const name of team.skills) {
    const path = join(here, 'skills', name);
    const text = readFileSync(join(path, 'SKILL.md'), 'utf8')
      .replace(/\r\n?/g, '\n')
      .replace(/^\uFEFF/, '');
    const { frontmatter, body } = splitFrontmatter(text, parseYaml);
    const description =
      typeof frontmatter.description === 'string' && frontmatter.description.trim() !== ''
        ? frontmatter.description.trim()
        : `Skill ${name}`;
    skills.set(
      name,
      new plugin.Skill({ name, description, instructions: body, path, metadata: frontmatter }),
    );
  }
  return skills;
}

/**
 * @param {string} text
 * @param {typeof import('yaml').parse} parseYaml
 * @returns {{ frontmatter: Record<string, unknown>, body: string }}
 */
function splitFrontmatter(text, parseYaml) {
  const open = /^---[ \t]*\n/.exec(text);
  if (!open) return { frontmatter: {}, body: text.trim() };
  const rest = text.slice(open[0].length);
  const close = /(^|\n)---[ \t]*(\n|$)/.exec(rest);
  if (!close) return { frontmatter: {}, body: text.trim() };
  /** @type {Record<string, unknown>} */
  let frontmatter = {};
  try {
    const parsed = parseYaml(rest.slice(0, close.index));
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) frontmatter = parsed;
  } catch {
    frontmatter = {};
  }
  return { frontmatter, body: rest.slice(close.index + close[0].length).trim() };
}
