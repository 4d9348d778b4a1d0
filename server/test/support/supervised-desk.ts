import { afterAll, afterEach, beforeAll } from '@jest/globals';
import { startFakeLlm, type FakeLlm } from './fake-llm-server';
import { httpClient, type HttpClient } from './http-client';
import { connectOperator, connectWidget, loginAdmin, ok, opEmit, Recorder, type ConnectedWidget, type Staff } from './operator-helpers';
import type { OperatorClient } from './socket-clients';
import { startTestServer, type TestServer } from './test-server';

/**
 * The setup the supervision suites share: a server, the loopback model, the admin signed in
 * with an operator socket, and the master-key client. `useSupervisedDesk` registers its own
 * hooks in the describe it is called in (so its `beforeAll` runs before the suite's own); the
 * desk's parts can be read once that has run. Widgets opened with `watched` close after each test.
 */
export interface SupervisedDesk {
  readonly server: TestServer;
  readonly llm: FakeLlm;
  readonly admin: Staff;
  /** The master key's client (admin rights without an operator). */
  readonly http: HttpClient;
  /** The admin's operator socket, connected. */
  readonly op: OperatorClient;
  /** A widget on a new session of `agentId`, joined by the operator, recorded on both sides from then on. */
  watched(agentId: string): Promise<WatchedWidget>;
  /** Something the desk closes after the current test. */
  closeAfterTest(closable: { close(): unknown }): void;
}

export interface WatchedWidget extends ConnectedWidget {
  customerSaw: Recorder;
  staffSaw: Recorder;
}

export interface DeskOptions {
  /** Server environment on top of `SEED_DEMO=false`. */
  env?: Record<string, string>;
}

export function useSupervisedDesk(options: DeskOptions = {}): SupervisedDesk {
  let parts: { server: TestServer; llm: FakeLlm; admin: Staff; http: HttpClient; op: OperatorClient } | undefined;
  const afterTest: { close(): unknown }[] = [];
  const ready = () => {
    if (!parts) throw new Error('the supervised desk is read before its beforeAll has run');
    return parts;
  };

  beforeAll(async () => {
    const [server, llm] = await Promise.all([startTestServer({ env: { SEED_DEMO: 'false', ...options.env } }), startFakeLlm()]);
    const admin = await loginAdmin(server);
    parts = { server, llm, admin, http: httpClient(server.url, server.masterKey), op: await connectOperator(server, admin.token) };
  });
  afterEach(() => void afterTest.splice(0).forEach((c) => c.close()));
  afterAll(async () => {
    if (!parts) return;
    parts.op.close();
    await Promise.all([parts.server.close(), parts.llm.close()]);
  });

  return {
    get server() {
      return ready().server;
    },
    get llm() {
      return ready().llm;
    },
    get admin() {
      return ready().admin;
    },
    get http() {
      return ready().http;
    },
    get op() {
      return ready().op;
    },
    async watched(agentId) {
      const { server, op } = ready();
      const w = await connectWidget(server, agentId);
      afterTest.push(w.socket);
      const customerSaw = new Recorder(w.socket);
      ok(await opEmit(op, 'session:join', { sessionId: w.sessionId }));
      return { ...w, customerSaw, staffSaw: new Recorder(op) };
    },
    closeAfterTest: (closable) => void afterTest.push(closable),
  };
}
