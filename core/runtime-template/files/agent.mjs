// @ts-check
// The agentdrop runtime, copied unchanged into every build context. The roster lives in team.json; see
// NOTES.md. Run: node agent.mjs
//
// The entry of every compiled runtime (DESIGN §4.5, spec §7.4): plain ESM for Node 22, no build step, the
// same files for every plan; the roster comes from team.json, so no prompt text ever becomes code. Strands
// agents served by BedrockAgentCoreApp: GET /ping, and POST /invocations answering {result, trace, mcp}, or
// with Accept: text/event-stream delta frames ending with a result frame.
import { actorOf, asBody, parseBody, promptOf, traceHeadersOf } from './http.mjs';
import { fail, log } from './log.mjs';
import { memoryFactory } from './memory.mjs';
import { modelFactory } from './models.mjs';
import { startTracing, traced, tracedStream } from './otel.mjs';
import { team } from './roster.mjs';
import { findSecrets, resolveSecrets } from './secrets.mjs';
import { runTurn, Sessions, streamTurn } from './sessions.mjs';
import { readSettings } from './settings.mjs';
import { loadSkills } from './skills.mjs';

main().catch((error) => fail(error instanceof Error ? error.message : String(error)));

async function main() {
  const settings = readSettings(process.env);
  const found = findSecrets(process.env);
  // Before any agent exists, so every agent's spans reach the provider.
  const tracing = await startTracing(process.env, team);
  // The SDKs load after the settings and secret checks, so a misconfigured container fails fast.
  const [strands, skillsPlugin, agentcore, yaml] = await Promise.all([
    import('@strands-agents/sdk'),
    import('@strands-agents/sdk/vended-plugins/skills'),
    import('bedrock-agentcore/runtime'),
    import('yaml'),
  ]);
  const sessions = new Sessions({
    strands,
    skillsPlugin,
    secrets: await resolveSecrets(process.env, found),
    skills: loadSkills(skillsPlugin, yaml.parse),
    newModel: await modelFactory(settings, strands),
    codeInterpreter: await loadCodeInterpreter(),
    region: settings.region,
    memory: await memoryFactory(process.env, strands),
  });
  // What the body parser saw of each request's headers, keyed by its parsed body: the handler's context keeps only
  // Authorization and Custom-* headers.
  /** @type {WeakMap<object, { accept: string, traceHeaders: Record<string, string> }>} */
  const headersOf = new WeakMap();

  const app = new agentcore.BedrockAgentCoreApp({
    invocationHandler: {
      process: (request, context) => {
        const body = asBody(request);
        const prompt = promptOf(body);
        const session = sessions.get(context.sessionId, actorOf(body));
        const seen = headersOf.get(body);
        // The invocation's span continues the trace AgentCore's own span of the call started.
        const about = {
          project: team.project,
          sessionId: context.sessionId,
          traceHeaders: seen?.traceHeaders ?? {},
        };
        if ((seen?.accept ?? '').includes('text/event-stream')) {
          return tracedStream(about, streamTurn(session, prompt));
        }
        return traced(about, () => runTurn(session, prompt)).then(({ value, traceId }) =>
          traceId === undefined ? value : { ...value, traceId },
        );
      },
    },
    config: {
      logging: { options: { level: process.env.AGENTDROP_LOG_LEVEL || 'info' } },
      contentTypeParsers: [
        {
          contentType: ['application/json', 'text/plain'],
          parseAs: 'string',
          /**
           * @param {{ headers: Record<string, string | string[] | undefined> }} request
           * @param {string | Buffer} raw
           */
          parser: async (request, raw) => {
            const body = parseBody(String(request.headers['content-type'] ?? ''), String(raw));
            headersOf.set(body, {
              accept: String(request.headers.accept ?? ''),
              traceHeaders: traceHeadersOf(request.headers),
            });
            return body;
          },
        },
      ],
    },
  });
  app.run({ port: settings.port, host: settings.host });
  log('info', 'runtime started', {
    project: team.project,
    entry: team.entry,
    agents: Object.keys(team.agents).length,
    provider: settings.provider,
    memory: team.memory !== undefined && (process.env.AGENTDROP_MEMORY_ID ?? '') !== '',
    port: settings.port,
    tracing,
  });
}

/** The AgentCore Code Interpreter tools, when an agent maps sandbox built-ins (spec §8) and they load. */
async function loadCodeInterpreter() {
  if (!Object.values(team.agents).some((a) => a.codeInterpreter)) return null;
  try {
    return await import('bedrock-agentcore/experimental/code-interpreter/strands');
  } catch (error) {
    log('warn', 'code interpreter tools unavailable', {
      error: error instanceof Error ? error.name : 'Error',
    });
    return null;
  }
}
