/**
 * A loopback voice platform for the call-escalation suites: a real HTTP server that records
 * each call request exactly as received (raw body and headers) and answers with scripted
 * statuses, plus the signed reports it sends back to Switchboard.
 */
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface VoiceRequest {
  path: string;
  headers: http.IncomingHttpHeaders;
  raw: string;
  body: Record<string, unknown>;
}

export interface VoicePlatform {
  url: string;
  requests: VoiceRequest[];
  /** HTTP statuses for the next requests, in order; 200 once they run out. */
  respondWith(...statuses: number[]): void;
  close(): Promise<void>;
}

/** Hex HMAC-SHA256 of the exact bytes. */
export const hmacHex = (raw: string, secret: string): string => createHmac('sha256', secret).update(raw).digest('hex');

/** The timestamped signature a voice platform puts on its reports: `v1=<hex HMAC-SHA256 of "<timestamp>.<body>">`. */
export const callSignature = (raw: string, secret: string, timestamp: number | string): string => `v1=${hmacHex(`${timestamp}.${raw}`, secret)}`;

/**
 * Whether a call request Switchboard sent carries the contract's signature for `secret`
 * (SPEC §1: `X-Switchboard-Signature` = hex HMAC-SHA256 of the body); the timestamped one is
 * the Standard Webhooks signature, verified with the library where it matters.
 */
export const signedBy = (req: VoiceRequest, secret: string): boolean => req.headers['x-switchboard-signature'] === hmacHex(req.raw, secret);

export const nowSec = (): number => Math.floor(Date.now() / 1000);

export async function startVoicePlatform(): Promise<VoicePlatform> {
  const requests: VoiceRequest[] = [];
  const statuses: number[] = [];
  const server = http.createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (p: Buffer) => parts.push(p));
    req.on('end', () => {
      const raw = Buffer.concat(parts).toString('utf8');
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        /* recorded as is */
      }
      requests.push({ path: req.url ?? '', headers: req.headers, raw, body });
      const status = statuses.shift() ?? 200;
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ accepted: status < 300 }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    respondWith: (...next) => void statuses.push(...next),
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** The platform's report to a callbackUrl, signed with `secret` and a fresh timestamp (or a given signature / timestamp). */
export async function report(
  callbackUrl: string,
  body: Record<string, unknown>,
  secret: string,
  signature?: string,
  timestamp: number = nowSec(),
): Promise<{ status: number; body: Record<string, unknown> }> {
  const raw = JSON.stringify(body);
  return sendReport(callbackUrl, raw, { 'x-switchboard-timestamp': String(timestamp), 'x-switchboard-signature': signature ?? callSignature(raw, secret, timestamp) });
}

/** POSTs exactly these bytes with exactly these headers (replays, other signature schemes). */
export async function sendReport(callbackUrl: string, raw: string, headers: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(callbackUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: raw });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
