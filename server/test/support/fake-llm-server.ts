/**
 * A real OpenAI-compatible chat-completions server for tests and benchmarks: node http on
 * 127.0.0.1, port 0, the exact SSE wire format the openai SDK parses. Tests script each
 * reply (tokens, tool calls, HTTP errors, stalls, cut sockets) so the provider, retries and
 * cancellation are exercised through real sockets instead of mocks.
 *
 *   const llm = await startFakeLlm();
 *   process.env.OPENAI_BASE_URL = llm.url;           // ends in /v1
 *   llm.enqueue({ tokens: ['Hel', 'lo'], delayMs: 20 });
 */
import http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { ChatCompletion, ChatCompletionChunk, ChatCompletionCreateParams } from 'openai/resources/chat/completions';

export interface FakeToolCall {
  name: string;
  /** JSON text; streamed in several argument deltas like OpenAI does. */
  arguments: string;
  id?: string;
}

/** How the server answers one request. Everything is optional. */
export interface FakeLlmScript {
  /** Content pieces, one SSE chunk each. Default: the echo responder's tokens. */
  tokens?: string[];
  toolCalls?: FakeToolCall[];
  /** Pause before each chunk (ms). */
  delayMs?: number;
  /** Answer with this HTTP error status and an OpenAI-style error body instead of a stream. */
  status?: number;
  /** Seconds, sent as `Retry-After` (with `status`). */
  retryAfter?: number;
  /** Milliseconds, sent as `retry-after-ms` (with `status`). */
  retryAfterMs?: number;
  errorMessage?: string;
  /** Send this many tokens, then stay silent with the socket open. */
  stallAfter?: number;
  /** Send this many tokens, then destroy the socket. */
  breakAfter?: number;
  /** Send headers and the role chunk, then stay silent. */
  stallBeforeFirstToken?: boolean;
  /** Default 'stop', or 'tool_calls' when toolCalls are given. */
  finishReason?: string;
  /** End with `[DONE]` but never send a finish_reason (a truncated upstream). */
  omitFinishReason?: boolean;
  usage?: { promptTokens: number; completionTokens: number };
  /**
   * Write exactly these pieces as the body of a 200 event stream instead of a scripted reply,
   * `delayMs` apart (so each arrives in a read of its own), then end: for wire-format cases
   * such as an event split across reads or inside a character, CRLF line endings, comments,
   * or an error object in the stream. `sseChunk()` builds the JSON of one chunk.
   */
  wire?: (string | Buffer)[];
}

export type ChatRequestBody = ChatCompletionCreateParams & { stream?: boolean | null };
export type FakeLlmResponder = (request: ChatRequestBody) => FakeLlmScript;

export interface FakeLlmOptions {
  /** Rewrites each token just before it is written, e.g. to embed a send timestamp. */
  tokenTransform?: (token: string) => string;
  /** Record `process.hrtime.bigint()` for every token written into `tokenTimestamps`. */
  recordTokenTimes?: boolean;
}

export interface FakeLlm {
  /** Base URL for OPENAI_BASE_URL / the SDK's baseURL; ends in `/v1`. */
  readonly url: string;
  /** Every request body received, parsed. */
  readonly requests: ChatRequestBody[];
  /** The headers of each request, in the same order (e.g. to check the Authorization sent). */
  readonly requestHeaders: http.IncomingHttpHeaders[];
  /** Streams currently being written (open responses). */
  readonly openStreams: number;
  /** Responses the client closed before the server finished them. */
  readonly aborted: number;
  /** hrtime (ns) of every token written, when `recordTokenTimes` is on. */
  readonly tokenTimestamps: bigint[];
  enqueue(...scripts: FakeLlmScript[]): void;
  setResponder(responder: FakeLlmResponder): void;
  /** Resolves with the n-th request (1-based) once it has arrived. */
  waitForRequest(n?: number): Promise<ChatRequestBody>;
  /** Resolves once `aborted` has reached n. */
  waitForAbort(n?: number): Promise<void>;
  close(): Promise<void>;
}

const COMPLETIONS_PATHS = new Set(['/v1/chat/completions', '/chat/completions']);

/** The default reply: "Echo: <last user message>", word by word. */
export const echoResponder: FakeLlmResponder = (request) => {
  const lastUser = [...request.messages].reverse().find((m) => m.role === 'user');
  const text = typeof lastUser?.content === 'string' ? lastUser.content : '';
  return { tokens: `Echo: ${text}`.match(/\S+\s*/g) ?? [] };
};

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Splits tool-call arguments into a few pieces, as OpenAI streams them. */
function argumentPieces(args: string): string[] {
  const size = Math.max(1, Math.ceil(args.length / 3));
  const pieces: string[] = [];
  for (let i = 0; i < args.length; i += size) pieces.push(args.slice(i, i + size));
  return pieces;
}

type ChunkChoice = ChatCompletionChunk['choices'][number];

class CompletionWriter {
  readonly id = `chatcmpl-fake${Math.random().toString(36).slice(2, 10)}`;
  readonly created = Math.floor(Date.now() / 1000);
  constructor(
    private readonly res: http.ServerResponse,
    private readonly model: string,
    private readonly withUsage: boolean,
  ) {}

  chunk(delta: ChunkChoice['delta'], finishReason: ChunkChoice['finish_reason'] = null): void {
    const choices = [{ index: 0, delta, logprobs: null, finish_reason: finishReason }];
    // With include_usage, OpenAI puts `"usage": null` on every chunk before the last.
    this.send({ ...this.head(), system_fingerprint: 'fp_fake', choices, ...(this.withUsage ? { usage: null } : {}) });
  }

  usage(prompt: number, completion: number): void {
    const usage = { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
    this.send({ ...this.head(), choices: [], usage });
  }

  private head() {
    return { id: this.id, object: 'chat.completion.chunk' as const, created: this.created, model: this.model };
  }

  done(): void {
    this.res.end('data: [DONE]\n\n');
  }

  private send(body: ChatCompletionChunk): void {
    this.res.write(`data: ${JSON.stringify(body)}\n\n`);
  }
}

/** Starts the fake server; always `close()` it in afterAll/afterEach. */
export async function startFakeLlm(options: FakeLlmOptions = {}): Promise<FakeLlm> {
  const queue: FakeLlmScript[] = [];
  const requests: ChatRequestBody[] = [];
  const requestHeaders: http.IncomingHttpHeaders[] = [];
  const tokenTimestamps: bigint[] = [];
  const waiters = new Set<() => void>();
  const open = new Set<http.ServerResponse>();
  let responder = echoResponder;
  let aborted = 0;

  const notify = () => waiters.forEach((wake) => wake());
  const waitUntil = (ready: () => boolean) =>
    new Promise<void>((resolve) => {
      const wake = () => void (ready() && waiters.delete(wake) && resolve());
      waiters.add(wake);
      wake();
    });

  const writeToken = (writer: CompletionWriter, token: string) => {
    const text = options.tokenTransform ? options.tokenTransform(token) : token;
    if (options.recordTokenTimes) tokenTimestamps.push(process.hrtime.bigint());
    writer.chunk({ content: text });
  };

  const cutByUs = new WeakSet<http.ServerResponse>();
  /** Destroys the socket once what was written has reached it, like an upstream dying mid-reply. */
  const cut = async (res: http.ServerResponse) => {
    cutByUs.add(res);
    await new Promise((resolve) => setImmediate(resolve)); // http corks writes until the next tick
    if (res.socket?.writableLength) await once(res.socket, 'drain');
    res.socket?.destroy();
  };

  /** Writes the scripted reply; returns early (leaving the socket open) to stall. */
  async function stream(res: http.ServerResponse, body: ChatRequestBody, script: FakeLlmScript): Promise<void> {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    if (script.wire) return writeVerbatim(res, script.wire, script.delayMs ?? 5);
    const writer = new CompletionWriter(res, body.model, body.stream_options?.include_usage === true);
    const pause = async () => {
      if (script.delayMs) await sleep(script.delayMs);
      return !res.destroyed && !res.writableEnded;
    };
    writer.chunk({ role: 'assistant', content: '' });
    if (script.stallBeforeFirstToken) return;
    const tokens = tokensOf(script, body);
    for (let i = 0; i <= tokens.length; i += 1) {
      if (i === script.stallAfter) return;
      if (i === script.breakAfter) return cut(res);
      if (i === tokens.length || !(await pause())) break;
      writeToken(writer, tokens[i]);
    }
    for (const [index, call] of (script.toolCalls ?? []).entries()) {
      if (!(await pause())) return;
      const id = call.id ?? `call_fake${index}`;
      writer.chunk({ tool_calls: [{ index, id, type: 'function', function: { name: call.name, arguments: '' } }] });
      for (const piece of argumentPieces(call.arguments)) {
        if (!(await pause())) return;
        writer.chunk({ tool_calls: [{ index, function: { arguments: piece } }] });
      }
    }
    if (!(await pause())) return;
    if (!script.omitFinishReason) writer.chunk({}, finishReasonOf(script));
    if (body.stream_options?.include_usage) writer.usage(...usageOf(script, tokens));
    writer.done();
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (req.method !== 'POST' || !COMPLETIONS_PATHS.has(req.url ?? '')) return sendError(res, 404, 'Not found');
    const body = JSON.parse(await readBody(req)) as ChatRequestBody;
    requests.push(body);
    requestHeaders.push(req.headers);
    notify();
    const script = queue.shift() ?? responder(body);
    if (script.status) return sendError(res, script.status, script.errorMessage, script);
    open.add(res);
    res.on('close', () => {
      open.delete(res);
      // A response closed before end() was written means the client hung up (or we cut it).
      if (!res.writableEnded && !cutByUs.has(res)) aborted += 1;
      notify();
    });
    if (body.stream) await stream(res, body, script);
    else sendCompletion(res, body, script);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => sendError(res, err instanceof SyntaxError ? 400 : 500, String(err)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    requestHeaders,
    tokenTimestamps,
    get openStreams() {
      return open.size;
    },
    get aborted() {
      return aborted;
    },
    enqueue: (...scripts) => void queue.push(...scripts),
    setResponder: (next) => void (responder = next),
    waitForRequest: async (n = 1) => {
      await waitUntil(() => requests.length >= n);
      return requests[n - 1];
    },
    waitForAbort: (n = 1) => waitUntil(() => aborted >= n),
    close: async () => {
      open.forEach((res) => res.destroy());
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function writeVerbatim(res: http.ServerResponse, pieces: (string | Buffer)[], delayMs: number): Promise<void> {
  for (const piece of pieces) {
    if (res.destroyed) return;
    res.write(piece);
    await sleep(delayMs);
  }
  res.end();
}

/** The JSON of one streamed chunk carrying `delta` (and `finish_reason`), for `wire` scripts. */
export function sseChunk(delta: ChunkChoice['delta'], finishReason: ChunkChoice['finish_reason'] = null): string {
  const chunk: ChatCompletionChunk = { id: 'chatcmpl-wire', object: 'chat.completion.chunk', created: 0, model: 'wire', choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }] };
  return JSON.stringify(chunk);
}

function tokensOf(script: FakeLlmScript, body: ChatRequestBody): string[] {
  return script.tokens ?? (script.toolCalls ? [] : (echoResponder(body).tokens ?? []));
}

function finishReasonOf(script: FakeLlmScript): ChunkChoice['finish_reason'] {
  return (script.finishReason ?? (script.toolCalls?.length ? 'tool_calls' : 'stop')) as ChunkChoice['finish_reason'];
}

function usageOf(script: FakeLlmScript, tokens: string[]): [number, number] {
  return script.usage ? [script.usage.promptTokens, script.usage.completionTokens] : [10, tokens.length];
}

function sendCompletion(res: http.ServerResponse, body: ChatRequestBody, script: FakeLlmScript): void {
  const tokens = tokensOf(script, body);
  const toolCalls = script.toolCalls?.map((call, i) => ({ id: call.id ?? `call_fake${i}`, type: 'function' as const, function: { name: call.name, arguments: call.arguments } }));
  const [prompt, completion] = usageOf(script, tokens);
  const reply: ChatCompletion = {
    id: `chatcmpl-fake${Date.now()}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: body.model,
    choices: [{ index: 0, message: { role: 'assistant', content: toolCalls && !tokens.length ? null : tokens.join(''), refusal: null, ...(toolCalls ? { tool_calls: toolCalls } : {}) }, logprobs: null, finish_reason: finishReasonOf(script) as ChatCompletion['choices'][number]['finish_reason'] }],
    usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion },
  };
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply));
}

function sendError(res: http.ServerResponse, status: number, message = `fake error ${status}`, script?: FakeLlmScript): void {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (script?.retryAfter !== undefined) headers['retry-after'] = String(script.retryAfter);
  if (script?.retryAfterMs !== undefined) headers['retry-after-ms'] = String(script.retryAfterMs);
  const type = status === 429 ? 'rate_limit_exceeded' : status >= 500 ? 'server_error' : 'invalid_request_error';
  if (res.headersSent) return void res.destroy();
  res.writeHead(status, headers).end(JSON.stringify({ error: { message, type, param: null, code: null } }));
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  return Buffer.concat(parts).toString('utf8');
}
