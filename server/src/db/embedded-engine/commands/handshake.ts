import os from 'node:os';
import type { Document } from 'bson';
import type { CommandContext, CommandTable } from '../command-context';
import { MAX_BSON_OBJECT_SIZE } from '../collection-rules';

// MongoDB 7.0's wire version. The v7 driver needs at least 9 (MIN_SUPPORTED_WIRE_VERSION).
export const MAX_WIRE_VERSION = 21;
export const SERVER_VERSION = '7.0.0';

/**
 * The handshake reply. No `setName` (so drivers treat the engine as a standalone) and no
 * `topologyVersion` (so monitors poll instead of holding streaming hello requests open).
 */
function hello(_command: Document, ctx: CommandContext): Document {
  return {
    helloOk: true,
    isWritablePrimary: true,
    ismaster: true,
    maxBsonObjectSize: MAX_BSON_OBJECT_SIZE,
    maxMessageSizeBytes: 48_000_000,
    maxWriteBatchSize: 100_000,
    localTime: new Date(),
    logicalSessionTimeoutMinutes: 30,
    connectionId: ctx.connectionId,
    minWireVersion: 0,
    maxWireVersion: MAX_WIRE_VERSION,
    readOnly: false,
    ok: 1,
  };
}

function buildInfo(): Document {
  return {
    version: SERVER_VERSION,
    gitVersion: 'switchboard-embedded-engine',
    versionArray: [7, 0, 0, 0],
    bits: 64,
    debug: false,
    maxBsonObjectSize: MAX_BSON_OBJECT_SIZE,
    storageEngines: ['switchboard-embedded'],
    javascriptEngine: 'none',
    ok: 1,
  };
}

function getParameter(command: Document): Document {
  const reply: Document = { ok: 1 };
  if (command.featureCompatibilityVersion !== undefined || command.getParameter === '*') {
    reply.featureCompatibilityVersion = { version: '7.0' };
  }
  return reply;
}

function hostInfo(): Document {
  return {
    system: { currentTime: new Date(), hostname: os.hostname(), cpuArch: os.arch(), numCores: os.cpus().length, memSizeMB: Math.round(os.totalmem() / 1048576) },
    os: { type: os.type(), name: os.platform(), version: os.release() },
    extra: {},
    ok: 1,
  };
}

function serverStatus(_command: Document, ctx: CommandContext): Document {
  return {
    host: os.hostname(),
    version: SERVER_VERSION,
    process: 'switchboard-embedded-engine',
    pid: process.pid,
    uptime: Math.floor((Date.now() - ctx.startedAt.getTime()) / 1000),
    localTime: new Date(),
    ok: 1,
  };
}

const ok = (): Document => ({ ok: 1 });

/** Handshake, diagnostics and session bookkeeping: answered without touching data. */
export const handshakeCommands: CommandTable = {
  hello,
  isMaster: hello,
  ismaster: hello,
  ping: ok,
  buildInfo,
  buildinfo: buildInfo,
  getParameter,
  hostInfo,
  serverStatus,
  // Sessions carry no state here (no transactions), so ending them is a no-op.
  endSessions: ok,
  killSessions: ok,
  killAllSessions: ok,
  refreshSessions: ok,
  logout: ok,
  getCmdLineOpts: () => ({ argv: ['switchboard-embedded-engine'], parsed: {}, ok: 1 }),
  connectionStatus: () => ({ authInfo: { authenticatedUsers: [], authenticatedUserRoles: [] }, ok: 1 }),
  getLog: () => ({ names: [], log: [], totalLinesWritten: 0, ok: 1 }),
  whatsmyuri: () => ({ you: '127.0.0.1', ok: 1 }),
};
