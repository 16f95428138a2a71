// @ts-check
// Runtime sessions: one team per session id (AgentCore runs one microVM per session), turns of a session run
// in order, at most MaxSessions teams live at once (the least recently used is closed).
import { buildTeam } from './build-team.mjs';

/** @typedef {import('./build-team.mjs').Deps} Deps */
/** @typedef {import('./build-team.mjs').Team} Team */
/** @typedef {import('./trace.mjs').TraceEntry} TraceEntry */
/** @typedef {Team & { acquire: () => Promise<() => void> }} Session */

const MaxSessions = 16;

/** The teams of live sessions, least recently used first. */
export class Sessions {
  /** @param {Deps} deps */
  constructor(deps) {
    this.deps = deps;
    /** @type {Map<string, Session>} */
    this.live = new Map();
  }

  /**
   * The session's team, built on first use; its memory is keyed by the session and the actor of the session's
   * first invocation.
   * @param {string} sessionId
   * @param {string} actorId
   * @returns {Session}
   */
  get(sessionId, actorId) {
    let session = this.live.get(sessionId);
    if (session) {
      this.live.delete(sessionId);
    } else {
      session = { ...buildTeam(this.deps, this.deps.memory?.(actorId, sessionId)), acquire: createLock() };
      const oldest = this.live.entries().next().value;
      if (this.live.size >= MaxSessions && oldest !== undefined) {
        this.live.delete(oldest[0]);
        void closeTeam(oldest[1]);
      }
    }
    this.live.set(sessionId, session);
    return session;
  }
}

/**
 * Runs one turn and answers `{result, trace, mcp}`.
 * @param {Session} session
 * @param {string} prompt
 */
export async function runTurn(session, prompt) {
  const release = await session.acquire();
  try {
    /** @type {TraceEntry[]} */
    const trace = [];
    session.sink.current = trace;
    const result = await session.root.invoke(prompt);
    // The turn is in memory before the answer leaves: the next session can recall it.
    await session.root.memoryManager?.flush();
    return { result: String(result), trace, mcp: mcpStates(session) };
  } finally {
    release();
  }
}

/**
 * Runs one turn as server-sent events: `{type:"delta",text}` frames, then `{type:"result",result,trace,mcp}`.
 * @param {Session} session
 * @param {string} prompt
 */
export async function* streamTurn(session, prompt) {
  const release = await session.acquire();
  try {
    /** @type {TraceEntry[]} */
    const trace = [];
    session.sink.current = trace;
    const events = session.root.stream(prompt);
    let next = await events.next();
    while (!next.done) {
      const event = next.value;
      if (
        event.type === 'modelStreamUpdateEvent' &&
        event.event.type === 'modelContentBlockDeltaEvent' &&
        event.event.delta.type === 'textDelta'
      ) {
        yield { type: 'delta', text: event.event.delta.text };
      }
      next = await events.next();
    }
    await session.root.memoryManager?.flush();
    yield { type: 'result', result: String(next.value), trace, mcp: mcpStates(session) };
  } finally {
    release();
  }
}

/**
 * MCP reachability per client after a turn: 'connected', 'failed' (unreachable; the agent answered without
 * it) or 'disconnected' (its agent was not called).
 * @param {Session} session
 */
function mcpStates(session) {
  return session.clients.map((c) => ({
    agent: c.agent,
    server: c.server,
    depth: c.depth,
    state: c.client.connectionState,
  }));
}

/** @param {Session} session */
async function closeTeam(session) {
  for (const { client } of session.clients) {
    try {
      await client.disconnect();
    } catch {
      // A server that went away needs no goodbye.
    }
  }
}

/**
 * A FIFO lock: `acquire()` resolves with a release function once every earlier holder has released.
 * @returns {() => Promise<() => void>}
 */
function createLock() {
  /** @type {Promise<unknown>} */
  let tail = Promise.resolve();
  return () => {
    /** @type {() => void} */
    let release = () => {};
    /** @type {Promise<void>} */
    const held = new Promise((resolve) => {
      release = resolve;
    });
    const ready = tail.then(() => release);
    tail = tail.then(() => held);
    return ready;
  };
}
