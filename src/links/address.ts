// Safety: the checker must not be turned into a probe of the machine it runs on or of its network
// (a CI runner's metadata service, a router's admin page). Addresses are classified here, purely.
import { BlockList, isIP } from 'node:net';

// The IANA special-purpose address registries (iana.org/assignments/iana-ipv4-special-registry and
// iana-ipv6-special-registry), whole: no web page of a bank lives at a special-purpose address, and several
// of them reach the machine itself or its network.
const REFUSED = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8], // "this" network
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT; holds Alibaba's metadata address 100.100.100.200
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local; holds the cloud metadata address 169.254.169.254
  ['172.16.0.0', 12],
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved and broadcast
] as const) {
  REFUSED.addSubnet(net, bits, 'ipv4');
}
for (const [net, bits] of [
  ['::', 96], // unspecified, loopback and the deprecated IPv4-compatible ::a.b.c.d ([::127.0.0.1])
  ['::ffff:0:0:0', 96], // IPv4-translated (SIIT): ::ffff:0:7f00:1 reaches 127.0.0.1
  ['64:ff9b:1::', 48], // local-use IPv4/IPv6 translation
  ['100::', 64], // discard-only
  ['100:0:0:1::', 64], // dummy prefix
  ['2001::', 23], // IETF protocol assignments (Teredo, benchmarking, ORCHID, ...)
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4: carries any IPv4 address, private ones too
  ['3fff::', 20], // documentation
  ['5f00::', 16], // segment routing
  ['fc00::', 7], // unique local; holds AWS's fd00:ec2::254
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
] as const) {
  REFUSED.addSubnet(net, bits, 'ipv6');
}

/** Why this IP address must not be requested, or null if it is public. */
export function refusedAddress(address: string): string | null {
  const family = isIP(address);
  if (family === 0) return `"${address}" is not an IP address`;
  const embedded = family === 6 ? embeddedIPv4(address) : null;
  if (embedded !== null) return refusedAddress(embedded);
  return REFUSED.check(address, family === 4 ? 'ipv4' : 'ipv6') ? `${address} is a loopback, private, link-local or metadata address` : null;
}

/** The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d) or NAT64 (64:ff9b::a.b.c.d) IPv6 address. */
function embeddedIPv4(address: string): string | null {
  const groups = expandIPv6(address);
  const prefix = groups.slice(0, 6).map((g) => g.toString(16)).join(':');
  if (prefix !== '0:0:0:0:0:ffff' && prefix !== '64:ff9b:0:0:0:0') return null;
  const [high, low] = [groups[6]!, groups[7]!];
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

function expandIPv6(address: string): number[] {
  // No case folding: parseInt reads hex digits in either case. No `$` anchor: isIP has checked that a dotted
  // quad can only be the last 32 bits, and hex groups hold no dots.
  let text = address;
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const parse = (part: string | undefined) => (part ? part.split(':').map((g) => parseInt(g, 16)) : []);
  const left = parse(head);
  const right = parse(tail);
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}

export type Lookup = (hostname: string) => Promise<string[]>;

/**
 * Why a URL's host must not be requested (an address literal, or a name that resolves to such an
 * address), or null. Every address a name resolves to is checked, as the client may use any of them.
 * The HTTP client resolves the name again when it connects: a name whose answers change in between
 * (DNS rebinding) is caught there, by connect.ts's lookup.
 */
export async function refusedHost(url: string, lookup: Lookup): Promise<string | null> {
  // A URL's hostname holds brackets only around an IPv6 address.
  const hostname = new URL(url).hostname.replace(/[[\]]/g, '');
  if (isIP(hostname)) return refusedAddress(hostname);
  const addresses = await lookup(hostname);
  for (const address of addresses) {
    const why = refusedAddress(address);
    if (why) return `${hostname} resolves to ${why}`;
  }
  return null;
}
