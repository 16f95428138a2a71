// @ts-check
// MCP header secrets (spec §7.4): each templated header has a variable holding a Secrets Manager ARN, read
// once at start-up, or for a local run a `_VALUE` twin holding the value itself.
import { fail, log } from './log.mjs';
import { team } from './roster.mjs';

/** @typedef {import('../../compile/index.js').TeamSecret} TeamSecret */
/** @typedef {import('../../compile/index.js').TeamMcpServer} TeamMcpServer */

/**
 * @typedef {object} FoundSecrets
 * @property {Map<string, string>} values values given directly, by variable
 * @property {{ secret: TeamSecret, arn: string }[]} pending secrets to read from Secrets Manager
 */

/**
 * Sorts every secret of the roster into given values and ARNs to read; exits naming each missing variable.
 * @param {NodeJS.ProcessEnv} env
 * @returns {FoundSecrets}
 */
export function findSecrets(env) {
  /** @type {FoundSecrets} */
  const found = { values: new Map(), pending: [] };
  /** @type {TeamSecret[]} */
  const missing = [];
  for (const secret of team.secrets) {
    const plain = env[`${secret.envVar}_VALUE`];
    const arn = env[secret.envVar];
    if (plain !== undefined && plain !== '') found.values.set(secret.envVar, plain);
    else if (arn !== undefined && arn !== '') found.pending.push({ secret, arn });
    else missing.push(secret);
  }
  if (missing.length > 0) {
    const reasons = missing.map(
      (s) =>
        `missing secret ${s.name} for MCP server '${s.server}' header '${s.header}': set ${s.envVar} ` +
        `to its Secrets Manager ARN (or ${s.envVar}_VALUE for a local run)`,
    );
    fail(`${reasons.join('; ')}.`);
  }
  return found;
}

/**
 * Reads each pending secret once with GetSecretValue, in the region of its ARN; exits naming the secret
 * and the error name when one cannot be read or holds no string.
 * @param {NodeJS.ProcessEnv} env
 * @param {FoundSecrets} found
 * @returns {Promise<Map<string, string>>} secret values by variable
 */
export async function resolveSecrets(env, { values, pending }) {
  if (pending.length === 0) return values;
  const { GetSecretValueCommand, SecretsManagerClient } = await import('@aws-sdk/client-secrets-manager');
  /** @type {Map<string, InstanceType<typeof SecretsManagerClient>>} */
  const clients = new Map();
  for (const { secret, arn } of pending) {
    const region = regionOfArn(arn) || env.AWS_REGION || env.AWS_DEFAULT_REGION || team.region;
    let client = clients.get(region);
    if (client === undefined) {
      const endpoint = env.AWS_ENDPOINT_URL_SECRETS_MANAGER || env.AWS_ENDPOINT_URL;
      client = new SecretsManagerClient(endpoint ? { region, endpoint } : { region });
      clients.set(region, client);
    }
    let response;
    try {
      response = await client.send(new GetSecretValueCommand({ SecretId: arn }));
    } catch (error) {
      const name = error instanceof Error ? error.name : 'Error';
      fail(`cannot read secret ${secret.name} named by ${secret.envVar} (${name}).`);
    }
    if (typeof response.SecretString !== 'string') {
      fail(`secret ${secret.name} named by ${secret.envVar} has no string value.`);
    }
    values.set(secret.envVar, response.SecretString);
    log('info', 'secret resolved', {
      secret: secret.name,
      envVar: secret.envVar,
      versionId: response.VersionId,
    });
  }
  return values;
}

/**
 * The server's headers with each `${NAME}` template filled in from its resolved secret.
 * @param {TeamMcpServer} server
 * @param {Map<string, string>} secrets secret values by variable
 * @returns {Record<string, string>}
 */
export function headersFor(server, secrets) {
  /** @type {Record<string, string>} */
  const headers = {};
  for (const [header, value] of Object.entries(server.headers)) {
    const binding = server.secretHeaders[header];
    headers[header] = binding ? value.split(`\${${binding.name}}`).join(secrets.get(binding.envVar)) : value;
  }
  return headers;
}

/** @param {string} arn */
function regionOfArn(arn) {
  const parts = arn.split(':');
  return parts.length > 4 && parts[0] === 'arn' ? (parts[3] ?? '') : '';
}
