import { type Diagnostic, makeDiagnostic } from '../diagnostics/index.js';
import type { ToolRequest } from '../folder/index.js';
import type { BuiltinTool, BuiltinToolType, DeployMode } from './types.js';

const Sandbox: readonly BuiltinTool[] = ['bash', 'edit', 'glob', 'grep', 'read', 'write'];
const Web: readonly BuiltinTool[] = ['web_fetch', 'web_search'];

/** Which AgentCore tools the generated Runtime agent can wire for built-ins (spec §8, DESIGN §7). */
export interface RuntimeBuiltinSupport {
  /** Sandbox built-ins → AgentCore Code Interpreter. */
  readonly codeInterpreter: boolean;
  /** Web built-ins → AgentCore Browser. */
  readonly browser: boolean;
}

/**
 * What the compiler wires today: the Code Interpreter tools of `bedrock-agentcore`; its Browser tools
 * need Playwright, which the runtime image does not ship, so web built-ins are reported unavailable.
 */
export const DefaultRuntimeBuiltins: RuntimeBuiltinSupport = { codeInterpreter: true, browser: false };

/** Attaches built-in tool types for one agent on the chosen primitive, with the §8 diagnostics. */
export function attachBuiltins(
  tools: ToolRequest,
  mode: DeployMode,
  agent: string,
  where: string,
  runtime: RuntimeBuiltinSupport,
): { types: BuiltinToolType[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const sandbox = tools.builtins.filter((tool) => Sandbox.includes(tool));
  const web = tools.builtins.filter((tool) => Web.includes(tool));
  const types = new Set<BuiltinToolType>();
  if (tools.approvals.length > 0) {
    diagnostics.push(
      makeDiagnostic(
        'tools.approval_unsupported',
        where,
        `Agent '${agent}': approval (:ask) is not supported; ${tools.approvals.join(', ')} run(s) without a prompt.`,
      ),
    );
  }
  if (mode === 'harness') {
    if (sandbox.length > 0) {
      diagnostics.push(
        makeDiagnostic(
          'harness.builtin_native',
          where,
          `Shell and file tools are native to the Harness: ${sandbox.join(', ')}.`,
        ),
      );
    }
    const stay = Sandbox.filter((tool) => !sandbox.includes(tool));
    if (tools.explicit && stay.length > 0) {
      diagnostics.push(
        makeDiagnostic(
          'harness.builtin_not_removable',
          where,
          `The Harness always has shell and file tools; these stay although tools omits them: ${stay.join(', ')}.`,
        ),
      );
    }
    if (web.length > 0) {
      types.add('agentcore_browser');
      diagnostics.push(
        makeDiagnostic(
          'harness.browser_mapped',
          where,
          `${web.join(', ')} → one agentcore_browser tool${web.includes('web_search') ? ' (web_search is approximate)' : ''}.`,
        ),
      );
    }
    return { types: [...types].sort(), diagnostics };
  }
  const unavailable: BuiltinTool[] = [];
  if (sandbox.length > 0) {
    if (runtime.codeInterpreter) {
      types.add('agentcore_code_interpreter');
      diagnostics.push(
        makeDiagnostic(
          'runtime.code_interpreter_mapped',
          where,
          `Agent '${agent}': ${sandbox.join(', ')} → AgentCore Code Interpreter.`,
        ),
      );
    } else unavailable.push(...sandbox);
  }
  if (web.length > 0) {
    if (runtime.browser) {
      types.add('agentcore_browser');
      diagnostics.push(
        makeDiagnostic(
          'runtime.browser_mapped',
          where,
          `Agent '${agent}': ${web.join(', ')} → AgentCore Browser.`,
        ),
      );
    } else unavailable.push(...web);
  }
  if (unavailable.length > 0) {
    diagnostics.push(
      makeDiagnostic(
        'runtime.builtin_unavailable',
        where,
        `Agent '${agent}': no Runtime equivalent for ${unavailable.join(', ')}; left out.`,
      ),
    );
  }
  return { types: [...types].sort(), diagnostics };
}
