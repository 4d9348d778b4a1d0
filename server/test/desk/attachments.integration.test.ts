import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AgentDto, AttachmentDto, MessageDto } from '../../../shared/src/contract/types';
import type { ErrorBody } from '../../../shared/src/errors';
import { createFakeLlmAgent, createSession, PNG_1PX } from '../support/factories';
import { startFakeLlm, type FakeLlm } from '../support/fake-llm-server';
import { httpClient } from '../support/http-client';
import { connectWidget, loginAdmin, modelInputText, Recorder, type Staff } from '../support/operator-helpers';
import { waitUntil } from '../support/socket-clients';
import { startTestServer, type TestServer } from '../support/test-server';

type Upload = { attachment: AttachmentDto; message: MessageDto };
type Err = { error: ErrorBody };

/** The smallest valid PNG: a 1×1 transparent pixel. */

async function upload(url: string, token: string, sessionId: string, bytes: Buffer, name: string, type: string): Promise<{ status: number; body: Upload & Err }> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
  const res = await fetch(`${url}/v1/chat/sessions/${sessionId}/attachments`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  return { status: res.status, body: (await res.json()) as Upload & Err };
}

describe('attachments', () => {
  let server: TestServer;
  let llm: FakeLlm;
  let admin: Staff;
  let agent: AgentDto;

  beforeAll(async () => {
    [server, llm] = await Promise.all([startTestServer({ env: { SEED_DEMO: 'false', ATTACHMENT_MAX_BYTES: '2048' } }), startFakeLlm()]);
    admin = await loginAdmin(server);
    agent = await createFakeLlmAgent(admin.http, llm.url);
  });
  afterAll(async () => {
    await server.close();
    await llm.close();
  });

  it('a customer uploads an image: 201, a customer message carries it, sockets hear it, the model is told its name', async () => {
    const w = await connectWidget(server, agent.id);
    const seen = new Recorder(w.socket);
    try {
      const res = await upload(server.url, w.snapshot.customerToken, w.sessionId, PNG_1PX, 'photo.png', 'image/png');
      expect(res.status).toBe(201);
      expect(res.body.attachment).toMatchObject({ name: 'photo.png', type: 'image/png', size: PNG_1PX.length, url: `/v1/attachments/${res.body.attachment.id}` });
      expect(res.body.message).toMatchObject({ role: 'customer', attachment: res.body.attachment });
      await seen.waitFor<MessageDto>('message', (m) => m.attachment?.id === res.body.attachment.id);
      await waitUntil(() => llm.requests.find((r) => modelInputText(r).includes('photo.png')));

      const file = await fetch(`${server.url}${res.body.attachment.url}`, { headers: { authorization: `Bearer ${w.snapshot.customerToken}` } });
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toBe('image/png');
      expect(file.headers.get('x-content-type-options')).toBe('nosniff');
      // Regression: with a cacheable answer the browser served the file again to a request without a token.
      expect(file.headers.get('cache-control')).toBe('private, no-store');
      expect(file.headers.get('content-disposition')).toMatch(/^inline; filename="photo.png"/);
      expect(Buffer.from(await file.arrayBuffer()).equals(PNG_1PX)).toBe(true);
      expect((await fetch(`${server.url}${res.body.attachment.url}`, { headers: { authorization: `Bearer ${admin.token}` } })).status).toBe(200);
    } finally {
      w.socket.close();
    }
  });

  it('only those who may read the session fetch it', async () => {
    const a = await createSession(admin.http, agent.id);
    const b = await createSession(admin.http, agent.id);
    const res = await upload(server.url, admin.token, a.session.id, Buffer.from('hello, plain text'), 'note.txt', 'text/plain');
    expect(res.status).toBe(201);
    expect(res.body.message).toMatchObject({ role: 'operator', author: { id: admin.operator.id } });
    const url = `${server.url}${res.body.attachment.url}`;
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: `Bearer ${b.customerToken}` } })).status).toBe(404);
    const mine = await fetch(url, { headers: { authorization: `Bearer ${a.customerToken}` } });
    expect(mine.status).toBe(200);
    expect(mine.headers.get('content-disposition')).toMatch(/^attachment; filename="note.txt"/);
    // And a customer cannot upload into another session.
    expect((await upload(server.url, b.customerToken, a.session.id, PNG_1PX, 'x.png', 'image/png')).status).toBe(404);
    expect((await fetch(`${server.url}/v1/attachments/${'a'.repeat(24)}`, { headers: { authorization: `Bearer ${admin.token}` } })).status).toBe(404);
  });

  it('the type comes from the bytes: HTML posing as an image is refused; too large is 413; no file is 400', async () => {
    const { session } = await createSession(admin.http, agent.id);
    const html = await upload(server.url, server.masterKey, session.id, Buffer.from('<html><script>alert(1)</script></html>'), 'evil.png', 'image/png');
    // Valid UTF-8 text sniffs as text/plain: stored as text, never as an image or HTML.
    expect(html.status).toBe(201);
    expect(html.body.attachment.type).toBe('text/plain');
    const binary = await upload(server.url, server.masterKey, session.id, Buffer.from([0x00, 0x01, 0xfe, 0xff, 0x00]), 'blob.png', 'image/png');
    expect(binary.status).toBe(415);
    expect(binary.body.error).toMatchObject({ code: 'unsupported_media_type', field: 'file' });
    const big = await upload(server.url, server.masterKey, session.id, Buffer.concat([PNG_1PX, Buffer.alloc(4096)]), 'big.png', 'image/png');
    expect(big.status).toBe(413);
    const none = await httpClient(server.url, server.masterKey).post<Err>(`/v1/chat/sessions/${session.id}/attachments`, {});
    expect(none.status).toBe(400);
    await admin.http.post(`/v1/chat/sessions/${session.id}/close`);
    expect((await upload(server.url, server.masterKey, session.id, PNG_1PX, 'late.png', 'image/png')).status).toBe(409);
  });
});
