// The private-address rule at connect time (src/links/connect.ts): the lookup every connection of a link check
// resolves through, called as net calls it, and the global dispatcher it is installed in, against a server on
// loopback.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getGlobalDispatcher } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardConnections, guardedLookup } from '../src/links/connect.js';

const ANSWERS: Record<string, string[]> = {
  'public.test': ['93.184.216.34', '2606:4700::1111'],
  'v6.test': ['2606:4700::1111'],
  'private.test': ['127.0.0.1'],
  'mixed.test': ['93.184.216.34', 'fd00:ec2::254', '10.0.0.1'],
  'empty.test': [],
};
const lookup = async (name: string) => {
  if (name === 'failing.test') throw Object.assign(new Error('queryA ENOTFOUND failing.test'), { code: 'ENOTFOUND' });
  return ANSWERS[name] ?? [];
};

/** What guardedLookup answers net for a name, with or without `all`; fails if it does not answer within a second. */
function resolve(name: string, all: boolean): Promise<unknown[]> {
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`no answer for ${name}`)), 1_000);
    guardedLookup(lookup)(name, { all }, (...args: unknown[]) => {
      clearTimeout(timer);
      done(args);
    });
  });
}

describe('guardedLookup', () => {
  it('answers the first address and its family, or all of them when asked', async () => {
    expect(await resolve('public.test', false)).toEqual([null, '93.184.216.34', 4]);
    expect(await resolve('v6.test', false)).toEqual([null, '2606:4700::1111', 6]);
    expect(await resolve('public.test', true)).toEqual([
      null,
      [
        { address: '93.184.216.34', family: 4 },
        { address: '2606:4700::1111', family: 6 },
      ],
    ]);
  });

  it.each([
    ['private.test', 'private.test resolves to 127.0.0.1 is a loopback, private, link-local or metadata address'],
    ['mixed.test', 'mixed.test resolves to fd00:ec2::254 is a loopback, private, link-local or metadata address'],
    ['empty.test', 'empty.test resolves to no address'],
  ])('refuses %s with the rule’s error code (which probe.ts turns into a `private` verdict), whichever address is private', async (name, message) => {
    for (const all of [false, true]) {
      const [error] = await resolve(name, all);
      expect(error).toBeInstanceOf(Error);
      expect(error).toMatchObject({ message, code: 'MLQ_PRIVATE_ADDRESS' });
    }
  });

  it('passes a failed lookup on as it is', async () => {
    const [error] = await resolve('failing.test', false);
    expect(error).toMatchObject({ message: 'queryA ENOTFOUND failing.test', code: 'ENOTFOUND' });
  });
});

describe('guardConnections', () => {
  let server: Server;
  let port = 0;
  beforeAll(async () => {
    server = createServer((_request, response) => response.end('reached'));
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((closed) => server.close(closed)));

  it('makes fetch refuse a name that resolves to a private address, until it is undone', async () => {
    const previous = getGlobalDispatcher();
    const unguard = guardConnections(async (name) => (name === 'localhost' ? ['127.0.0.1'] : []));
    const guarded = getGlobalDispatcher();
    expect(guarded).not.toBe(previous);
    const refused = await fetch(`http://localhost:${port}/`).catch((error: Error) => error.cause);
    expect(refused).toMatchObject({ code: 'MLQ_PRIVATE_ADDRESS', message: 'localhost resolves to 127.0.0.1 is a loopback, private, link-local or metadata address' });
    await unguard();
    expect(getGlobalDispatcher()).toBe(previous);
    expect((guarded as typeof guarded & { closed: boolean }).closed).toBe(true);
    expect(await (await fetch(`http://localhost:${port}/`)).text()).toBe('reached');
  });
});
