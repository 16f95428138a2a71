import { type Diagnostic, makeDiagnostic } from '../diagnostics/index.js';
import { splitFrontmatter } from './frontmatter.js';
import { skillContentHash } from './skill-hash.js';
import { decodeUtf8Strict, normaliseText } from './text.js';
import { join, type TreeIndex } from './tree-index.js';
import type { SkillSource } from './types.js';
import { parseYamlMapping } from './yaml-mapping.js';

const SkillName = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/**
 * Finds the skills of one owner (an agent folder or the shared pool): first-level folders of `skills/`
 * and `.claude/skills/` holding `SKILL.md`; the legacy place wins a clash (spec §3.2, §3.5).
 * Invalid skills are reported and left out.
 */
export function scanSkills(
  index: TreeIndex,
  ownerDir: string,
): { skills: Map<string, SkillSource>; diagnostics: Diagnostic[]; usedFiles: number } {
  const diagnostics: Diagnostic[] = [];
  const skills = new Map<string, SkillSource>();
  let usedFiles = 0;
  for (const place of ['skills', '.claude/skills']) {
    const base = join(ownerDir, place);
    for (const name of index.dirsIn(base)) {
      const dir = join(base, name);
      const files = index.filesBelow(dir);
      usedFiles += files.length;
      if (!index.hasFile(join(dir, 'SKILL.md'))) {
        diagnostics.push(
          makeDiagnostic(
            'skill.no_skill_md',
            `skill:${name}`,
            `Folder '${dir}' has no SKILL.md and is not a skill.`,
          ),
        );
        continue;
      }
      if (!SkillName.test(name)) {
        diagnostics.push(
          makeDiagnostic(
            'skill.invalid_name',
            `skill:${name}`,
            `Skill folder name '${name}' must match ^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$.`,
          ),
        );
        continue;
      }
      const checked = checkSkillMd(name, dir, index.file(join(dir, 'SKILL.md'))!);
      diagnostics.push(...checked);
      if (checked.some((d) => d.level === 'error')) continue;
      const previous = skills.get(name);
      if (previous) {
        diagnostics.push(
          makeDiagnostic(
            'skill.shadowed',
            `skill:${name}`,
            `Skill '${name}' exists in both '${previous.dir}' and '${dir}'; '${dir}' is used.`,
          ),
        );
      }
      skills.set(name, readSkill(index, name, dir, files));
    }
  }
  return { skills, diagnostics, usedFiles };
}

/** A skill's sizes and content hash; each file's bytes are read only while it is hashed, one at a time. */
function readSkill(index: TreeIndex, name: string, dir: string, files: string[]): SkillSource {
  let bytes = 0;
  for (const path of files) bytes += index.fileSize(join(dir, path))!;
  const contentHash = skillContentHash(name, files, (path, hash) => index.hashFile(join(dir, path), hash));
  return { name, dir, files, bytes, contentHash };
}

function checkSkillMd(name: string, dir: string, bytes: Uint8Array): Diagnostic[] {
  const where = `skill:${name}`;
  const decoded = decodeUtf8Strict(bytes);
  if (decoded === null) {
    return [makeDiagnostic('skill.invalid', where, `${dir}/SKILL.md is not valid UTF-8.`)];
  }
  const split = splitFrontmatter(normaliseText(decoded));
  if (split.kind === 'unterminated') {
    return [
      makeDiagnostic('skill.invalid', where, `${dir}/SKILL.md has frontmatter without a closing '---'.`),
    ];
  }
  if (split.kind === 'none') {
    return [makeDiagnostic('skill.no_description', where, `Skill '${name}' has no frontmatter description.`)];
  }
  const parsed = parseYamlMapping(split.yaml);
  if (!parsed.ok) {
    return [
      makeDiagnostic(
        'skill.invalid',
        where,
        `${dir}/SKILL.md frontmatter is invalid YAML (${parsed.problem}).`,
      ),
    ];
  }
  const out: Diagnostic[] = [];
  const { description, name: declared } = parsed.value;
  if (typeof description !== 'string' || description.trim() === '') {
    out.push(
      makeDiagnostic('skill.no_description', where, `Skill '${name}' has no frontmatter description.`),
    );
  }
  if (declared !== undefined && declared !== null && declared !== name) {
    out.push(
      makeDiagnostic(
        'skill.name_mismatch',
        where,
        `Skill folder '${name}' declares name '${String(declared)}'; the folder name '${name}' is used.`,
      ),
    );
  }
  return out;
}
