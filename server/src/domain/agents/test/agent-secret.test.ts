import { describe, expect, it } from '@jest/globals';
import { SecretBox } from '../../secrets/secret-box';
import { AgentSecret } from '../agent-secret';

describe('AgentSecret', () => {
  const box = new SecretBox('installation key material', 'agent secrets v1');
  const call = new AgentSecret(box, 'call');

  it('seals a secret that only its own agent and kind can open', () => {
    const stored = call.seal('agent-1', 'a signing secret of 16+');
    expect(stored).not.toContain('a signing secret');
    expect(call.open('agent-1', stored)).toBe('a signing secret of 16+');
    expect(call.open('agent-2', stored)).toBeUndefined();
    expect(new AgentSecret(box, 'identity').open('agent-1', stored)).toBeUndefined();
    // A scope (an API key's endpoint) is bound in too.
    const scoped = call.seal('agent-1', 'k', 'https://a.example/v1');
    expect(call.open('agent-1', scoped, 'https://a.example/v1')).toBe('k');
    expect(call.open('agent-1', scoped, 'https://b.example/v1')).toBeUndefined();
    expect(new AgentSecret(new SecretBox('another key', 'agent secrets v1'), 'call').open('agent-1', stored)).toBeUndefined();
  });

  it('reads secrets stored in plain text by earlier versions, dots and all', () => {
    expect(call.open('agent-1', 'ab'.repeat(32))).toBe('ab'.repeat(32));
    expect(call.open('agent-1', 'my.secret.with.dots!')).toBe('my.secret.with.dots!');
    expect(call.open('agent-1', null)).toBeUndefined();
  });

  it('generates 32 random bytes, sealed', () => {
    const { stored, secret } = call.generate('agent-1');
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(call.open('agent-1', stored)).toBe(secret);
  });
});
