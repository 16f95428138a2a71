/** Where an MCP URL's host points, for the checks of spec §3.6. */
export const UrlHost = {
  /** Link-local or cloud metadata (`169.254.0.0/16`, `fe80::/10`, `fd00:ec2::254`): never deployable. */
  LinkLocal: 'link-local',
  /** Loopback (`localhost`, `127.0.0.0/8`, `::1`): reachable only on the local cloud. */
  Loopback: 'loopback',
  /** Anything else. */
  Other: 'other',
} as const;
export type UrlHost = (typeof UrlHost)[keyof typeof UrlHost];

/**
 * Classifies a parsed URL's host. The WHATWG parser has already normalised it (IPv4 in any notation becomes
 * dotted decimal, IPv6 becomes its compressed hex form in brackets), so `http://2130706433/` and
 * `http://[::ffff:127.0.0.1]/` are loopback too: an IPv4-mapped IPv6 address is judged by its IPv4 address.
 * Names below `localhost` count as loopback (RFC 6761).
 */
export function urlHost(url: URL): UrlHost {
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  if (host.startsWith('[')) return ipv6Host(host.slice(1, -1));
  const ipv4 = parseIpv4(host);
  if (ipv4 !== null) return ipv4Host(ipv4);
  return host === 'localhost' || host.endsWith('.localhost') ? UrlHost.Loopback : UrlHost.Other;
}

function ipv4Host([a, b]: readonly number[]): UrlHost {
  if (a === 169 && b === 254) return UrlHost.LinkLocal;
  if (a === 127) return UrlHost.Loopback;
  return UrlHost.Other;
}

function ipv6Host(text: string): UrlHost {
  const groups = parseIpv6(text);
  if (groups === null) return UrlHost.Other;
  const zero = (from: number, to: number): boolean => groups.slice(from, to).every((g) => g === 0);
  const [g0 = 0, g1 = 0, , , , g5 = 0, g6 = 0, g7 = 0] = groups;
  if ((g0 & 0xffc0) === 0xfe80) return UrlHost.LinkLocal;
  if (g0 === 0xfd00 && g1 === 0x0ec2 && zero(2, 7) && g7 === 0x0254) return UrlHost.LinkLocal;
  if (zero(0, 5) && g5 === 0xffff) return ipv4Host([g6 >> 8, g6 & 0xff]);
  if (zero(0, 7) && g7 === 1) return UrlHost.Loopback;
  return UrlHost.Other;
}

function parseIpv4(host: string): number[] | null {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return match === null ? null : match.slice(1).map(Number);
}

/** The eight 16-bit groups of an IPv6 address in hex notation (as the URL parser serialises it), or null. */
function parseIpv6(text: string): number[] | null {
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const parse = (part: string): number[] | null => {
    if (part === '') return [];
    const groups = part.split(':');
    return groups.every((g) => /^[0-9a-f]{1,4}$/.test(g)) ? groups.map((g) => Number.parseInt(g, 16)) : null;
  };
  const head = parse(halves[0]!);
  const tail = halves.length === 2 ? parse(halves[1]!) : [];
  if (head === null || tail === null) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  return [...head, ...new Array<number>(missing).fill(0), ...tail];
}
