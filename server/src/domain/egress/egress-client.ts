import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { Agent, fetch as undiciFetch, type RequestInit, type Response } from 'undici';
import { AppError } from '../app-error';
import type { EgressPolicy } from './egress-policy';

/** A request refused by the egress policy (before or while connecting). */
export class EgressRefused extends Error {
  constructor(readonly url: string, reason: string) {
    super(`egress refused: ${reason}`);
    this.name = 'EgressRefused';
  }
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * The one way out of the server for requests to addresses an admin typed in. Names are
 * resolved by a lookup that checks every address against the policy at connect time, so a
 * name that resolves to a private address (or is rebound to one after it was saved) is
 * refused; literal addresses are checked before the request. Redirects are never followed.
 */
export class EgressClient {
  /** For node's http(s).request / http.Agent `lookup` option (webhooks, model endpoints). */
  readonly lookup = (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      const list = addresses as LookupAddress[];
      const refusal = list.map((a) => this.policy.refusalOfAddress(hostname, a.address)).find((r) => r !== null);
      if (refusal) return callback(Object.assign(new EgressRefused(hostname, refusal), { code: 'EGRESS_REFUSED' }), []);
      if (options.all) return callback(null, list);
      const first = list[0];
      if (!first) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), []);
      callback(null, first.address, first.family);
    });
  };

  private readonly dispatcher = new Agent({ connect: { lookup: this.lookup } });

  constructor(readonly policy: EgressPolicy) {}

  /** Throws 400 `egress_refused` naming `field` when the URL may not be reached (save-time check). */
  assertAllowed(url: string, field: string): void {
    const refusal = this.policy.refusalOfUrl(url);
    if (refusal) throw new AppError('egress_refused', `${field}: ${refusal}`, { field });
  }

  /**
   * fetch() through the policy. Throws EgressRefused when the URL or any address its name
   * resolves to is refused; a redirect comes back as its 3xx response, never followed.
   */
  readonly fetch = async (url: string | URL, init: RequestInit = {}): Promise<Response> => {
    const href = String(url);
    const refusal = this.policy.refusalOfUrl(href);
    if (refusal) throw new EgressRefused(href, refusal);
    try {
      return await undiciFetch(href, { ...init, redirect: 'manual', dispatcher: this.dispatcher });
    } catch (err) {
      const refused = findRefusal(err);
      if (refused) throw refused;
      throw err;
    }
  };

  async close(): Promise<void> {
    await this.dispatcher.close();
  }
}

/** undici wraps connect errors in `TypeError: fetch failed` with the cause inside. */
function findRefusal(err: unknown): EgressRefused | null {
  for (let e = err, depth = 0; e && depth < 5; depth++) {
    if (e instanceof EgressRefused) return e;
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}
