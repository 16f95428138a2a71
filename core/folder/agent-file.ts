import { type Diagnostic, makeDiagnostic } from '../diagnostics/index.js';
import { splitFrontmatter } from './frontmatter.js';
import { decodeUtf8Strict, normaliseText } from './text.js';
import { mapToolTokens } from './tool-tokens.js';
import type { AgentFile } from './types.js';
import { parseYamlMapping } from './yaml-mapping.js';

const AgentName = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const KnownKeys = new Set([
  'name',
  'description',
  'model',
  'tools',
  'skills',
  'mcp',
  'subagents',
  'knowledge',
]);

/**
 * Parses an agent file. Broken files (encoding, frontmatter) still yield an agent named `defaultName`
 * without references, so the rest of the drop is checked too; the errors block the deploy.
 */
export function parseAgentFile(
  path: string,
  bytes: Uint8Array,
  defaultName: string,
): { agent: AgentFile; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const fallback: AgentFile = {
    name: defaultName,
    description: defaultName,
    model: null,
    tools: mapToolTokens(null, '').request,
    skills: null,
    mcp: null,
    subagents: [],
    knowledgeMode: 'inline',
    body: '',
  };
  const where = `agent:${defaultName}`;
  const decoded = decodeUtf8Strict(bytes);
  if (decoded === null) {
    return {
      agent: fallback,
      diagnostics: [makeDiagnostic('agent.encoding', where, `${path} is not valid UTF-8.`)],
    };
  }
  const split = splitFrontmatter(normaliseText(decoded));
  if (split.kind === 'unterminated') {
    return {
      agent: fallback,
      diagnostics: [
        makeDiagnostic('frontmatter.unterminated', where, `${path}: frontmatter has no closing '---' line.`),
      ],
    };
  }
  let fields: Readonly<Record<string, unknown>> = {};
  if (split.kind === 'block') {
    const parsed = parseYamlMapping(split.yaml);
    if (!parsed.ok) {
      return {
        agent: fallback,
        diagnostics: [
          makeDiagnostic('frontmatter.invalid', where, `${path}: invalid frontmatter (${parsed.problem}).`),
        ],
      };
    }
    fields = parsed.value;
  }

  const typeError = (key: string, expected: string, example: string): void => {
    diagnostics.push(
      makeDiagnostic(
        'frontmatter.type',
        where,
        `${path}: '${key}' must be ${expected}, for example ${example}.`,
      ),
    );
  };
  for (const key of Object.keys(fields)) {
    if (!KnownKeys.has(key)) {
      diagnostics.push(
        makeDiagnostic('frontmatter.unknown_key', where, `${path}: unknown key '${key}' is ignored.`),
      );
    }
  }

  let name = defaultName;
  if (isSet(fields.name)) {
    if (typeof fields.name !== 'string') typeError('name', 'a string', 'name: reviewer');
    else name = fields.name;
  }
  const agentWhere = `agent:${name}`;
  if (!AgentName.test(name)) {
    diagnostics.push(
      makeDiagnostic(
        'agent.invalid_name',
        agentWhere,
        `Agent name ${JSON.stringify(name)} must match ^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$.`,
      ),
    );
  }
  let description = name;
  if (isSet(fields.description)) {
    if (typeof fields.description !== 'string')
      typeError('description', 'a string', 'description: Reviews code');
    else description = fields.description;
  }
  let model: string | null = null;
  if (isSet(fields.model)) {
    if (typeof fields.model !== 'string') typeError('model', 'a string', 'model: claude-sonnet-4-5');
    else model = fields.model;
  }
  let tools = fallback.tools;
  if (isSet(fields.tools)) {
    if (!Array.isArray(fields.tools)) typeError('tools', 'a list of strings', 'tools: [read, grep]');
    else {
      const mapped = mapToolTokens(fields.tools, agentWhere);
      tools = mapped.request;
      diagnostics.push(...mapped.diagnostics);
    }
  }
  const list = (key: 'skills' | 'mcp' | 'subagents', example: string): string[] | null => {
    const value = fields[key];
    if (!isSet(value)) return null;
    if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
      typeError(key, 'a list of strings', example);
      return null;
    }
    const unique: string[] = [];
    for (const item of value as string[]) {
      if (unique.includes(item)) {
        diagnostics.push(
          makeDiagnostic(
            'frontmatter.duplicate_entry',
            agentWhere,
            `${path}: '${key}' lists '${item}' more than once; one is kept.`,
          ),
        );
      } else unique.push(item);
    }
    return unique;
  };
  const skills = list('skills', 'skills: [cite-sources]');
  const mcp = list('mcp', 'mcp: [docs]');
  const subagents = list('subagents', 'subagents: [researcher, writer]') ?? [];
  let knowledgeMode: 'inline' | 'skip' = 'inline';
  if (isSet(fields.knowledge)) {
    if (fields.knowledge === 'inline' || fields.knowledge === 'skip') knowledgeMode = fields.knowledge;
    else
      diagnostics.push(
        makeDiagnostic(
          'frontmatter.invalid_value',
          agentWhere,
          `${path}: 'knowledge' must be inline or skip.`,
        ),
      );
  }
  const body = split.body.trim();
  if (body === '') {
    diagnostics.push(
      makeDiagnostic('instruction.empty', agentWhere, `${path} has no prompt after the frontmatter.`),
    );
  }
  return {
    agent: { name, description, model, tools, skills, mcp, subagents, knowledgeMode, body },
    diagnostics,
  };
}

function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}
