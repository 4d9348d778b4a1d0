import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { StreamDelta, StreamEnd } from '../../../shared/src/events';
import { sseChunk, startFakeLlm, type FakeLlm } from '../support/fake-llm-server';
import { createFakeLlmAgent, eventsOf, okAck, openWidget, widgetSend } from '../support/factories';
import { httpClient } from '../support/http-client';
import { waitUntil } from '../support/socket-clients';
import { startTestServer, type TestServer } from '../support/test-server';

describe('model deltas that arrive together go out as one stream:delta', () => {
  let server: TestServer;
  let llm: FakeLlm;
  let agentId: string;

  beforeAll(async () => {
    llm = await startFakeLlm();
    server = await startTestServer();
    agentId = (await createFakeLlmAgent(httpClient(server.url, server.masterKey), llm.url)).id;
  });
  afterAll(async () => {
    await server.close();
    await llm.close();
  });

  it('sends the first delta of a read at once and joins the rest of the read into one frame with the next index; text and order unchanged', async () => {
    const event = (data: string) => `data: ${data}\n\n`;
    const content = (text: string) => event(sseChunk({ content: text }));
    // Each piece is one write, so one read: three deltas, then two, 300 ms later.
    llm.enqueue({ wire: [content('The ') + content('parcel ') + content('left '), content('on ') + content('Monday.'), event(sseChunk({}, 'stop')) + event('[DONE]')], delayMs: 300 });
    const w = await openWidget(server.url, { agentId });
    okAck(await widgetSend(w.socket, { clientMessageId: 'together', content: 'where is it?' }));
    const end = await waitUntil(() => eventsOf<StreamEnd>(w, 'stream:end')[0], 8_000);

    const deltas = eventsOf<StreamDelta>(w, 'stream:delta');
    expect(deltas.map((d) => d.text).join('')).toBe('The parcel left on Monday.');
    // Indexes stay the 0-based position of each frame: no gap for the widget's and console's reducers.
    expect(deltas.map((d) => d.index)).toEqual(deltas.map((_, i) => i));
    // The first delta of each read goes out at once, the rest of the read as one frame after it.
    expect(deltas.map((d) => d.text)).toEqual(['The ', 'parcel left ', 'on ', 'Monday.']);
    expect(end).toMatchObject({ status: 'complete', message: { content: 'The parcel left on Monday.' } });
    w.socket.disconnect();
  });
});
