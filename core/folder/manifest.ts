import { type Diagnostic, makeDiagnostic } from '../diagnostics/index.js';
import { MemoryStrategies, type MemoryStrategy } from '../plan/memory-strategies.js';
import { isValidProjectName } from '../plan/project-name.js';
import { decodeUtf8Strict, normaliseText } from './text.js';
import type { Manifest } from './types.js';
import { parseYamlMapping } from './yaml-mapping.js';

const RegionPattern = /^[a-z]{2}(-[a-z]+)+-[0-9]$/;
const Modes = ['auto', 'harness', 'runtime'];
const Artifacts = ['auto', 'container', 'code'];

/** Parses `agentdrop.yaml` (spec §1.3). Any problem is `project.manifest_invalid` naming the key. */
export function parseManifest(bytes: Uint8Array | undefined): {
  manifest: Manifest;
  diagnostics: Diagnostic[];
} {
  if (!bytes) return { manifest: {}, diagnostics: [] };
  const text = decodeUtf8Strict(bytes);
  if (text === null) return invalid('agentdrop.yaml is not valid UTF-8.');
  const parsed = parseYamlMapping(normaliseText(text));
  if (!parsed.ok) return invalid(`agentdrop.yaml is not valid YAML (${parsed.problem}).`);

  const diagnostics: Diagnostic[] = [];
  const problem = (key: string, expected: string): void => {
    diagnostics.push(
      makeDiagnostic('project.manifest_invalid', 'project', `agentdrop.yaml: '${key}' must be ${expected}.`),
    );
  };
  const manifest: { -readonly [K in keyof Manifest]: Manifest[K] } = {};
  for (const [key, value] of Object.entries(parsed.value)) {
    if (value === null) continue;
    switch (key) {
      case 'project':
        if (typeof value === 'string' && isValidProjectName(value)) manifest.project = value;
        else problem(key, 'a project name (^[a-z][a-z0-9-]{0,29}$)');
        break;
      case 'mode':
        if (typeof value === 'string' && Modes.includes(value)) manifest.mode = value as Manifest['mode'];
        else problem(key, 'one of auto, harness, runtime');
        break;
      case 'region':
        if (typeof value === 'string' && RegionPattern.test(value)) manifest.region = value;
        else problem(key, 'a region such as us-west-2');
        break;
      case 'defaultModel':
      case 'entry':
        if (typeof value === 'string' && value.trim() !== '') manifest[key] = value;
        else problem(key, 'a non-empty string');
        break;
      case 'skipUnsupported':
      case 'force':
        if (typeof value === 'boolean') manifest[key] = value;
        else problem(key, 'true or false');
        break;
      case 'onDrift':
        if (value === 'report' || value === 'redeploy') manifest.onDrift = value;
        else problem(key, 'one of report, redeploy');
        break;
      case 'smoke':
        readSmoke(value, manifest, problem);
        break;
      case 'runtime':
        if (!isRecord(value)) problem(key, 'a mapping with key artifact');
        else
          for (const [sub, subValue] of Object.entries(value)) {
            if (sub !== 'artifact') problem(`runtime.${sub}`, 'absent (unknown key)');
            else if (typeof subValue === 'string' && Artifacts.includes(subValue))
              manifest.runtimeArtifact = subValue as Manifest['runtimeArtifact'];
            else if (subValue !== null) problem('runtime.artifact', 'one of auto, container, code');
          }
        break;
      case 'memory':
        readMemory(value, manifest, problem);
        break;
      default:
        problem(
          key,
          'absent (unknown key; accepted: project, mode, region, defaultModel, entry, smoke, skipUnsupported, memory, force, onDrift, runtime)',
        );
    }
  }
  return { manifest, diagnostics };
}

function readMemory(
  value: unknown,
  manifest: { memoryEnabled?: boolean; memoryStrategies?: readonly MemoryStrategy[] },
  problem: (key: string, expected: string) => void,
): void {
  if (!isRecord(value)) {
    problem('memory', 'a mapping with keys enabled and strategies');
    return;
  }
  for (const [sub, subValue] of Object.entries(value)) {
    if (subValue === null) continue;
    if (sub === 'enabled') {
      if (typeof subValue === 'boolean') manifest.memoryEnabled = subValue;
      else problem('memory.enabled', 'true or false');
    } else if (sub === 'strategies') {
      const valid =
        Array.isArray(subValue) &&
        subValue.every((s) => typeof s === 'string' && (MemoryStrategies as readonly string[]).includes(s));
      if (valid) manifest.memoryStrategies = [...new Set(subValue as MemoryStrategy[])];
      else problem('memory.strategies', `a list of ${MemoryStrategies.join(', ')}`);
    } else {
      problem(`memory.${sub}`, 'absent (unknown key)');
    }
  }
}

function readSmoke(
  value: unknown,
  manifest: { smokePrompt?: string; smokeExpect?: string },
  problem: (key: string, expected: string) => void,
): void {
  if (!isRecord(value)) {
    problem('smoke', 'a mapping with keys prompt and expect');
    return;
  }
  for (const [key, sub] of Object.entries(value)) {
    if (sub === null) continue;
    if (key === 'prompt') {
      if (typeof sub === 'string' && sub.trim() !== '') manifest.smokePrompt = sub;
      else problem('smoke.prompt', 'a non-empty string');
    } else if (key === 'expect') {
      if (typeof sub === 'string' && isRegex(sub)) manifest.smokeExpect = sub;
      else problem('smoke.expect', 'an ECMAScript regular expression (flag u)');
    } else {
      problem(`smoke.${key}`, 'absent (unknown key)');
    }
  }
}

function isRegex(source: string): boolean {
  try {
    new RegExp(source, 'u');
    return true;
  } catch {
    return false;
  }
}

function invalid(message: string): { manifest: Manifest; diagnostics: Diagnostic[] } {
  return { manifest: {}, diagnostics: [makeDiagnostic('project.manifest_invalid', 'project', message)] };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
