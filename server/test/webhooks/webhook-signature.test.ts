import { createHmac } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { SecretBox } from '../../src/domain/secrets/secret-box';
import { signatureHeader, verifyWebhookSignature } from '../../src/domain/webhooks/webhook-signature';

const secret = 'whsec_test_secret';
const body = '{"id":"1","type":"session.created"}';

describe('webhook signatures', () => {
  it('is v1=hex HMAC-SHA256(secret, "timestamp.body"), reproducible with any HMAC library', () => {
    const expected = createHmac('sha256', secret).update(`1700000000.${body}`).digest('hex');
    expect(signatureHeader(secret, 1_700_000_000, body)).toBe(`v1=${expected}`);
  });

  it('verifies with node headers or fetch Headers, within the tolerance only', () => {
    const now = 1_700_000_000;
    const headers = { 'switchboard-timestamp': String(now), 'switchboard-signature': signatureHeader(secret, now, body) };
    expect(verifyWebhookSignature(secret, body, headers, 300, now + 10)).toBe(true);
    expect(verifyWebhookSignature(secret, Buffer.from(body), new Headers(headers), 300, now)).toBe(true);
    expect(verifyWebhookSignature(secret, body, headers, 300, now + 301)).toBe(false);
    expect(verifyWebhookSignature(secret, body, headers, 300, now - 301)).toBe(false);
    expect(verifyWebhookSignature(secret, `${body} `, headers, 300, now)).toBe(false);
    expect(verifyWebhookSignature(secret, body, { ...headers, 'switchboard-timestamp': String(now + 1) }, 300, now)).toBe(false);
    expect(verifyWebhookSignature(secret, body, { 'switchboard-timestamp': String(now) }, 300, now)).toBe(false);
  });

  it('accepts any one of several v1 signatures (secret rotation)', () => {
    const now = 1_700_000_000;
    const both = `${signatureHeader('whsec_old', now, body)},${signatureHeader(secret, now, body)}`;
    expect(verifyWebhookSignature(secret, body, { 'Switchboard-Timestamp': String(now), 'Switchboard-Signature': both }, 300, now)).toBe(true);
  });
});

describe('SecretBox (webhook secrets at rest)', () => {
  const box = new SecretBox('installation key material');

  it('round-trips, with a fresh IV each time', () => {
    const a = box.seal(secret, 'hook1');
    const b = box.seal(secret, 'hook1');
    expect(a).not.toBe(b);
    expect(a).not.toContain(secret);
    expect(box.open(a, 'hook1')).toBe(secret);
  });

  it('refuses another webhook id, another key, or a tampered ciphertext', () => {
    const sealed = box.seal(secret, 'hook1');
    expect(() => box.open(sealed, 'hook2')).toThrow();
    expect(() => new SecretBox('another key').open(sealed, 'hook1')).toThrow();
    const parts = sealed.split('.');
    parts[3] = Buffer.from('x'.repeat(20)).toString('base64url');
    expect(() => box.open(parts.join('.'), 'hook1')).toThrow();
  });
});
