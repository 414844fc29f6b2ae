// The private-address rule at connect time. check.ts refuses a host before it requests it, but the HTTP
// client resolves the name again when it connects: a name that answers a public address first and
// 127.0.0.1 next (DNS rebinding) would get through. So every connection linkinator's requests open
// resolves through this lookup, which refuses private answers: the rule holds for the address connected to.
// (Address literals are not looked up; check.ts refuses those exactly.)
import type { LookupFunction } from 'node:net';
import { Agent, getGlobalDispatcher, setGlobalDispatcher, type Dispatcher } from 'undici';
import { refusedAddress, type Lookup } from './address.js';

/** The error code of a connection refused by the rule, which probe.ts turns into a `private` verdict. */
export const PRIVATE_ADDRESS = 'MLQ_PRIVATE_ADDRESS';

export function guardedLookup(lookup: Lookup): LookupFunction {
  return (hostname, options, callback) => {
    // Stryker disable next-line StringLiteral: net reads neither the address nor the family of a failed lookup
    const fail = (error: Error) => callback(error, '', 4);
    lookup(hostname).then(
      (addresses) => {
        const refused = addresses.map(refusedAddress).find((why) => why !== null);
        if (refused || addresses.length === 0) {
          const error = Object.assign(new Error(`${hostname} resolves to ${refused ?? 'no address'}`), { code: PRIVATE_ADDRESS });
          return fail(error);
        }
        const entries = addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
        if (options.all) return (callback as unknown as (e: null, a: typeof entries) => void)(null, entries);
        callback(null, entries[0]!.address, entries[0]!.family);
      },
      fail,
    );
  };
}

/**
 * Makes every request of the global fetch (which linkinator uses) connect through `guardedLookup` until
 * the returned function is called, which puts the previous dispatcher back.
 */
export function guardConnections(lookup: Lookup): () => Promise<void> {
  const previous: Dispatcher = getGlobalDispatcher();
  const agent = new Agent({ connect: { lookup: guardedLookup(lookup) } });
  setGlobalDispatcher(agent);
  return async () => {
    setGlobalDispatcher(previous);
    await agent.close();
  };
}
