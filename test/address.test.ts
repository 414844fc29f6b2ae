// The private-address guard, range by range and spelling by spelling: the first and last address of every
// refused IPv4 range and the public neighbours on either side, each way an IPv6 address can carry an IPv4
// one, and what is not an address at all.
import { describe, expect, it } from 'vitest';

// Loaded when the file is collected, as a static import would be; but a module that throws while it loads (its
// table of ranges) fails every test here, where a static import would leave the file with no tests, which
// Stryker 9 counts as a surviving mutant.
const { refusedAddress, refusedHost } = await import('../src/links/address.js').catch((error: unknown) => {
  const fail = (): never => {
    throw error;
  };
  return { refusedAddress: fail, refusedHost: fail };
});

/** Each refused IPv4 range: its first and last address, and the public addresses just outside it. */
const IPV4_RANGES: [range: string, first: string, last: string, outside: string[]][] = [
  ['0.0.0.0/8 "this network"', '0.0.0.0', '0.255.255.255', ['1.0.0.0']],
  ['10.0.0.0/8 private', '10.0.0.0', '10.255.255.255', ['9.255.255.255', '11.0.0.0']],
  ['100.64.0.0/10 carrier-grade NAT', '100.64.0.0', '100.127.255.255', ['100.63.255.255', '100.128.0.0']],
  ['127.0.0.0/8 loopback', '127.0.0.0', '127.255.255.255', ['126.255.255.255', '128.0.0.0']],
  ['169.254.0.0/16 link-local', '169.254.0.0', '169.254.255.255', ['169.253.255.255', '169.255.0.0']],
  ['172.16.0.0/12 private', '172.16.0.0', '172.31.255.255', ['172.15.255.255', '172.32.0.0']],
  ['192.0.0.0/24 protocol assignments', '192.0.0.0', '192.0.0.255', ['191.255.255.255', '192.0.1.0']],
  ['192.168.0.0/16 private', '192.168.0.0', '192.168.255.255', ['192.167.255.255', '192.169.0.0']],
  ['198.18.0.0/15 benchmarking', '198.18.0.0', '198.19.255.255', ['198.17.255.255', '198.20.0.0']],
  ['224.0.0.0/4 multicast', '224.0.0.0', '239.255.255.255', ['223.255.255.255']],
  ['240.0.0.0/4 reserved and broadcast', '240.0.0.0', '255.255.255.255', []],
];

describe('IPv4', () => {
  it.each(IPV4_RANGES)('refuses %s from its first address, %s, to its last, %s', (_range, first, last) => {
    expect(refusedAddress(first)).toBe(`${first} is a loopback, private, link-local or metadata address`);
    expect(refusedAddress(last)).toBe(`${last} is a loopback, private, link-local or metadata address`);
  });

  it.each(IPV4_RANGES.flatMap(([range, , , outside]) => outside.map((address) => [address, range])))('allows %s, next to %s', (address) => {
    expect(refusedAddress(address)).toBeNull();
  });
});

describe('IPv6', () => {
  it.each([
    ['the unspecified address', '::'],
    ['the unspecified address written out', '0:0:0:0:0:0:0:0'],
    ['loopback', '::1'],
    ['loopback written out', '0:0:0:0:0:0:0:1'],
    ['unique local, first', 'fc00::'],
    ['unique local, last', 'fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'],
    ['unique local, AWS metadata', 'fd00:ec2::254'],
    ['link-local, first', 'fe80::'],
    ['link-local, last', 'febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff'],
    ['multicast, first', 'ff00::'],
    ['multicast, last', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'],
    ['upper case hex', 'FE80::1'],
  ])('refuses %s (%s)', (_what, address) => {
    expect(refusedAddress(address)).toMatch(/is a loopback, private, link-local or metadata address$/);
  });

  it.each(['2606:4700::1111', '2606:4700:0:0:0:0:0:1111', '2a00:1450:4001:80b::200e'])('allows the public %s', (address) => {
    expect(refusedAddress(address)).toBeNull();
  });
});

describe('IPv4 inside IPv6', () => {
  // The IPv4 address in the last 32 bits decides: IPv4-mapped (::ffff:0:0/96) and NAT64 (64:ff9b::/96).
  it.each([
    ['::ffff:127.0.0.1', '127.0.0.1'],
    ['::ffff:7f00:1', '127.0.0.1'],
    ['0:0:0:0:0:ffff:7f00:1', '127.0.0.1'],
    ['::FFFF:7F00:1', '127.0.0.1'],
    ['::ffff:169.254.169.254', '169.254.169.254'],
    ['::ffff:a9fe:a9fe', '169.254.169.254'],
    ['64:ff9b::10.0.0.1', '10.0.0.1'],
    ['64:ff9b::a00:1', '10.0.0.1'],
    ['64:ff9b:0:0:0:0:a00:1', '10.0.0.1'],
    ['64:FF9B::A00:1', '10.0.0.1'],
    ['64:ff9b::169.254.169.254', '169.254.169.254'],
    ['64:ff9b::a9fe:a9fe', '169.254.169.254'],
    ['64:ff9b::192.168.100.200', '192.168.100.200'],
    ['64:ff9b::c0a8:64c8', '192.168.100.200'],
    ['64:ff9b::100.100.100.200', '100.100.100.200'],
    ['64:ff9b::', '0.0.0.0'],
  ])('refuses %s as %s', (address, ipv4) => {
    expect(refusedAddress(address)).toBe(`${ipv4} is a loopback, private, link-local or metadata address`);
  });

  it.each([
    '::ffff:93.184.216.34',
    '::ffff:5db8:d822',
    '64:ff9b::8.8.8.8',
    '64:ff9b::808:808',
    '64:ff9b::93.184.216.34',
    '64:ff9b::5db8:d822',
    '64:ff9b::11.22.33.44',
    '64:ff9b::172.32.10.1',
    '64:ff9b::1.1.1.1',
  ])('allows %s, a public IPv4 address', (address) => {
    expect(refusedAddress(address)).toBeNull();
  });
});

describe('an IPv4 address', () => {
  it('is never read as IPv6: 0.100.255.155 would spell the NAT64 prefix 64:ff9b::', () => {
    expect(refusedAddress('0.100.255.155')).toBe('0.100.255.155 is a loopback, private, link-local or metadata address');
  });
});

describe('what is not an IP address', () => {
  it.each(['example.org', '', '1.2.3', '256.0.0.1', '1.2.3.4.5', '::g', '1::2::3', '[::1]'])('is refused as such: "%s"', (text) => {
    expect(refusedAddress(text)).toBe(`"${text}" is not an IP address`);
  });
});

describe('refusedHost', () => {
  const lookups: string[] = [];
  const lookup = async (name: string) => {
    lookups.push(name);
    return { 'public.test': ['93.184.216.34', '2606:4700::1111'], 'v6-private.test': ['93.184.216.34', 'fd00::1'], 'mapped.test': ['::ffff:10.1.2.3'] }[name] ?? [];
  };

  it('looks a name up and refuses it when any of its addresses is private', async () => {
    expect(await refusedHost('https://public.test/x', lookup)).toBeNull();
    expect(await refusedHost('https://v6-private.test/x', lookup)).toBe('v6-private.test resolves to fd00::1 is a loopback, private, link-local or metadata address');
    expect(await refusedHost('https://mapped.test/x', lookup)).toBe('mapped.test resolves to 10.1.2.3 is a loopback, private, link-local or metadata address');
    expect(await refusedHost('https://nothing.test/x', lookup)).toBeNull();
    expect(lookups).toEqual(['public.test', 'v6-private.test', 'mapped.test', 'nothing.test']);
  });

  it('checks an address literal without a lookup, in brackets or in any spelling the URL parser accepts', async () => {
    lookups.length = 0;
    expect(await refusedHost('http://[::1]:8080/', lookup)).toBe('::1 is a loopback, private, link-local or metadata address');
    expect(await refusedHost('http://[::ffff:127.0.0.1]/', lookup)).toBe('127.0.0.1 is a loopback, private, link-local or metadata address');
    expect(await refusedHost('http://[2606:4700::1111]/', lookup)).toBeNull();
    expect(await refusedHost('http://2130706433/', lookup)).toBe('127.0.0.1 is a loopback, private, link-local or metadata address');
    expect(await refusedHost('http://0x7f.1/', lookup)).toBe('127.0.0.1 is a loopback, private, link-local or metadata address');
    expect(await refusedHost('http://8.8.8.8/', lookup)).toBeNull();
    expect(lookups).toEqual([]);
  });
});
