import { type Diagnostic, makeDiagnostic } from '../diagnostics/index.js';
import type { AgentSource } from '../folder/index.js';
import type { KnowledgePlan } from './types.js';

/** Instruction budget in code points (spec §3.7). */
const InstructionBudget = 100_000;

const Heading = '\n\n# Reference material\n';

/**
 * Builds the final instruction: the body, then knowledge blocks appended in order while they fit the
 * budget; a block that does not fit is left out and later ones are still tried (spec §3.7).
 */
export function inlineKnowledge(
  agent: AgentSource,
  where: string,
): { instruction: string; knowledge: KnowledgePlan; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const paths = agent.knowledge.map((file) => file.path);
  const bodyLength = codePoints(agent.body);
  if (bodyLength > InstructionBudget) {
    diagnostics.push(
      makeDiagnostic(
        'instruction.too_long',
        where,
        `Agent '${agent.name}' prompt is ${bodyLength} characters; the limit is ${InstructionBudget}.`,
      ),
    );
  }
  if (agent.knowledgeMode === 'skip') {
    if (paths.length > 0) {
      diagnostics.push(
        makeDiagnostic(
          'knowledge.skipped',
          where,
          `knowledge: skip — ${paths.length} knowledge file(s) not inlined.`,
        ),
      );
    }
    return { instruction: agent.body, knowledge: { mode: 'skip', inlined: [], omitted: paths }, diagnostics };
  }
  let used = bodyLength + codePoints(Heading);
  const blocks: string[] = [];
  const inlined: string[] = [];
  const omitted: string[] = [];
  for (const file of agent.knowledge) {
    const block = knowledgeBlock(file.path, file.text);
    const size = codePoints(block);
    if (used + size <= InstructionBudget) {
      blocks.push(block);
      inlined.push(file.path);
      used += size;
    } else omitted.push(file.path);
  }
  const instruction = blocks.length > 0 ? `${agent.body}${Heading}${blocks.join('')}` : agent.body;
  if (inlined.length > 0) {
    diagnostics.push(
      makeDiagnostic(
        'knowledge.inlined',
        where,
        `Inlined ${inlined.length} knowledge file(s) (${codePoints(instruction) - bodyLength} characters): ${inlined.join(', ')}.`,
      ),
    );
  }
  if (omitted.length > 0) {
    diagnostics.push(
      makeDiagnostic(
        'knowledge.truncated',
        where,
        `Knowledge left out to stay within ${InstructionBudget} characters: ${omitted.join(', ')}.`,
      ),
    );
  }
  return { instruction, knowledge: { mode: 'inline', inlined, omitted }, diagnostics };
}

function knowledgeBlock(path: string, content: string): string {
  const longestRun = Math.max(0, ...(content.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return `\n## ${path}\n\n${fence}\n${content}\n${fence}\n`;
}

function codePoints(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}
