/**
 * The one place that reads the environment. Parsed and validated once at start-up: a bad
 * value stops the process with a message naming the variable.
 */
import { isIP } from 'node:net';
import { z } from 'zod';

const int = (def: number, min = 0) => z.coerce.number().int().min(min).default(def);
/** A comma-separated list of non-negative integers, e.g. `1000,5000,30000`. */
const intList = (def: string) =>
  z
    .string()
    .default(def)
    .transform((v, ctx) => {
      const parts = v.split(',').map((p) => p.trim()).filter(Boolean);
      const nums = parts.map(Number);
      if (nums.some((n) => !Number.isInteger(n) || n < 0)) ctx.addIssue({ code: 'custom', message: 'must be a comma-separated list of milliseconds' });
      return nums;
    });
const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === '' ? undefined : v));

/** One EGRESS_ALLOW entry: a host name, an IP, or a CIDR (`10.0.0.0/8`, `::1/128`). */
export interface EgressAllowEntry {
  kind: 'host' | 'cidr';
  value: string;
  prefix?: number;
  family?: 'ipv4' | 'ipv6';
}

function egressEntry(raw: string): EgressAllowEntry | string {
  const [address, bits, extra] = raw.split('/');
  const family = isIP(address ?? '');
  if (extra !== undefined) return `"${raw}" is not a host or CIDR`;
  if (family === 0) return bits === undefined && /^[a-z0-9.-]+$/i.test(raw) ? { kind: 'host', value: raw.toLowerCase() } : `"${raw}" is not a host or CIDR`;
  const max = family === 4 ? 32 : 128;
  const prefix = bits === undefined ? max : Number(bits);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > max) return `"${raw}" has a bad prefix length`;
  return { kind: 'cidr', value: address as string, prefix, family: family === 4 ? 'ipv4' : 'ipv6' };
}

/** EGRESS_ALLOW: comma-separated hosts and CIDRs outbound requests may reach although private or loopback. */
const egressAllow = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined) return undefined;
    const entries: EgressAllowEntry[] = [];
    for (const part of v.split(',').map((p) => p.trim()).filter(Boolean)) {
      const entry = egressEntry(part);
      if (typeof entry === 'string') ctx.addIssue({ code: 'custom', message: entry });
      else entries.push(entry);
    }
    return entries;
  });

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: int(3000),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_URL: optionalString,
  MONGODB_URI: optionalString,
  REDIS_URL: optionalString,
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalString,
  CHAT_MASTER_KEY: optionalString,
  DATA_DIR: z.string().default('.data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Signs operator login tokens; generated per data dir in development when unset. */
  AUTH_SECRET: optionalString,
  /** Turns on GET /metrics (Prometheus), for requests bearing this token. */
  METRICS_TOKEN: optionalString.refine((v) => v === undefined || v.length >= 16, 'must be at least 16 characters'),
  AUTH_TOKEN_TTL_SECONDS: int(12 * 3600, 60),
  SEED_DEMO: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  DORMANCY_SWEEP_SECONDS: int(15, 1),
  /** How long a process may use its cached copy of an agent (edits through the API apply at once everywhere). */
  AGENT_CACHE_SECONDS: int(30, 0),
  MAX_MESSAGE_CHARS: int(4000, 1),
  MODEL_HISTORY_CHARS: int(24_000, 1000),
  MAX_BODY_BYTES: int(256 * 1024, 1024),
  MAX_SOCKET_PAYLOAD_BYTES: int(64 * 1024, 1024),
  RATE_MESSAGES_PER_MINUTE_SESSION: int(30, 1),
  RATE_MESSAGES_PER_MINUTE_IP: int(120, 1),
  RATE_SESSIONS_PER_MINUTE_IP: int(20, 1),
  RATE_API_KEY_PER_MINUTE: int(6000, 1),
  RATE_LOGIN_PER_15_MIN: int(20, 1),
  RATE_LOGIN_FAILURES_PER_15_MIN: int(5, 1),
  /** An operator's typing indicator lapses after this long without an update. */
  OPERATOR_TYPING_TIMEOUT_MS: int(5_000, 50),
  MAX_CONNECTIONS_PER_IP: int(50, 1),
  /** How long a dropped socket may come back and be sent what it missed (Socket.IO connection state recovery). */
  SOCKET_RECOVERY_SECONDS: int(120, 1),
  /** Packets kept per namespace for that recovery (in one process without Redis); older ones mean a fresh connection. */
  SOCKET_RECOVERY_MAX_PACKETS: int(20_000, 1),
  LLM_MAX_RETRIES: int(3),
  LLM_FIRST_TOKEN_TIMEOUT_MS: int(30_000, 100),
  LLM_IDLE_TIMEOUT_MS: int(20_000, 100),
  LLM_RETRY_BASE_MS: int(250, 1),
  OFFLINE_WORD_DELAY_MS: int(15),
  /** How often the text of replies still streaming is saved (what a crash can lose at most). */
  STREAM_CHECKPOINT_MS: int(500, 20),
  /** An operator counts as present this long after a console of theirs was last seen open. */
  OPERATOR_PRESENCE_SECONDS: int(60, 3),
  /** A reply with no progress saved for this long belongs to a dead process and is settled as failed. */
  STALE_STREAM_SECONDS: int(40, 2),
  /** How often the escalation ladder looks for help requests nobody has answered in time. */
  ESCALATION_CHECK_SECONDS: int(5, 1),
  EVENT_RETENTION_SECONDS: int(24 * 3600, 60),
  /** Sessions untouched for this many days are erased whole (0: kept forever). Fractions allowed. */
  RETENTION_DAYS: z.coerce.number().min(0).default(0),
  RETENTION_SWEEP_SECONDS: int(3600, 1),
  /** On SIGTERM, how long replies in progress get to finish before they are cut off. */
  SHUTDOWN_DRAIN_MS: int(8000, 0),
  SHUTDOWN_DELAY_MS: int(0, 0),
  /** After the drain: how long closing may take before the process exits anyway. */
  SHUTDOWN_TIMEOUT_MS: int(4000, 100),
  /** Delays before each webhook retry; after the last one a delivery is `failed`. */
  WEBHOOK_RETRY_SCHEDULE_MS: intList('1000,5000,30000,120000,600000'),
  WEBHOOK_TIMEOUT_MS: int(10_000, 100),
  WEBHOOK_CONCURRENCY: int(16, 1),
  WEBHOOK_POLL_MS: int(5_000, 10),
  /** Encrypts webhook signing secrets at rest; generated per installation when unset. */
  WEBHOOK_SECRET_KEY: optionalString,
  /** Delays before each retry of a call-escalation request (same queue as webhooks; a caller is waiting, so shorter). */
  CALL_RETRY_SCHEDULE_MS: intList('1000,5000,15000,60000,300000'),
  /** A voice platform's signed report is refused when its timestamp is further than this from now. */
  CALL_SIGNATURE_TOLERANCE_SECONDS: int(300, 1),
  /** Largest chat attachment accepted, in bytes (10 MB). */
  ATTACHMENT_MAX_BYTES: int(10 * 1024 * 1024, 1),
  /** Accepted attachment types (checked against the file's bytes, not the client's claim). */
  ATTACHMENT_TYPES: z
    .string()
    .default('image/png,image/jpeg,image/gif,image/webp,application/pdf,text/plain')
    .transform((v) => v.split(',').map((t) => t.trim().toLowerCase()).filter(Boolean)),
  /**
   * Unset: loopback and private addresses are refused in production and test, loopback is
   * allowed in development. Set (even empty): exactly these are allowed. Link-local and
   * cloud-metadata addresses are refused whatever it says.
   */
  EGRESS_ALLOW: egressAllow,
  /** The most of a tool's answer that is read (bigger answers fail). */
  TOOL_MAX_RESPONSE_BYTES: int(64 * 1024, 1024),
  /** Model rounds with tool calls in one reply; then the reply ends. */
  TOOL_MAX_ROUNDS: int(5, 1),
  /** How often expired approvals and tool calls left running by a dead process are settled. */
  TOOL_SWEEP_SECONDS: int(5, 1),
  /** Listing or calling an MCP server gives up after this long. */
  MCP_TIMEOUT_MS: int(10_000, 100),
  TRUST_PROXY: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  /** OpenTelemetry (docs/observability.md): traces are exported when one of these asks for them; the SDK reads the rest of OTEL_*. */
  OTEL_SDK_DISABLED: optionalString,
  OTEL_EXPORTER_OTLP_ENDPOINT: optionalString,
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: optionalString,
  OTEL_TRACES_EXPORTER: optionalString,
  OTEL_SERVICE_NAME: optionalString,
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {}

/** Parses an environment; throws ConfigError listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (parsed.success) {
    requireProductionSecrets(parsed.data);
    return parsed.data;
  }
  const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}

/**
 * In production the keys that encrypt stored secrets and sign login tokens must come from the
 * environment: generated ones live in the same database as what they protect, so a copy of the
 * database would be a copy of the keys. Development generates them (and says so).
 */
function requireProductionSecrets(config: Config): void {
  if (config.NODE_ENV !== 'production') return;
  const missing = (['WEBHOOK_SECRET_KEY', 'AUTH_SECRET'] as const).filter((name) => !config[name]);
  if (missing.length === 0) return;
  throw new ConfigError(
    `NODE_ENV=production needs ${missing.join(' and ')}: the key that encrypts stored secrets and the one that signs login tokens must not live in the database they protect.\n` +
      `Make each with:  node -e "console.log(require('crypto').randomBytes(32).toString('base64url'))"\n` +
      'and keep them in your secret store; every process of the installation needs the same values.',
  );
}
