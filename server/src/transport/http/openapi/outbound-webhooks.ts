/**
 * The OpenAPI 3.1 `webhooks` section: the requests Switchboard itself sends (webhook event
 * deliveries and call-escalation requests), their payloads and both signature schemes.
 * Details and verification examples: docs/webhooks.md.
 */
type Json = Record<string, unknown>;

const header = (name: string, description: string, required = true): Json => ({ name, in: 'header', required, schema: { type: 'string' }, description });

const STANDARD = [
  header('webhook-id', 'Standard Webhooks: the delivery’s id (`msg_…`), the same on every retry'),
  header('webhook-timestamp', 'Standard Webhooks: unix seconds when this attempt was sent'),
  header('webhook-signature', 'Standard Webhooks: `v1,<base64 HMAC-SHA256(key, "<webhook-id>.<webhook-timestamp>.<raw body>")>`; the key is the UTF-8 bytes of the secret (libraries take it as `whsec_` + base64 of those bytes)'),
];

const RETRIED = 'Answer 2xx within WEBHOOK_TIMEOUT_MS (10 s). Anything else (another status, a redirect, a timeout) is retried with backoff from a durable queue, also after a restart; each attempt is signed afresh with a new timestamp over the same body.';

const CALL_REQUEST: Json = {
  type: 'object',
  required: ['callId', 'sessionId', 'phone', 'voiceAgentId', 'summary', 'callbackUrl'],
  properties: {
    callId: { type: 'string', description: 'the call; report on it at callbackUrl' },
    sessionId: { type: 'string' },
    phone: { type: 'string', description: 'E.164' },
    voiceAgentId: { type: ['string', 'null'], description: 'the agent’s callEscalation.voiceAgentId' },
    summary: { type: 'string', description: 'the chat so far, summarised for the person or voice agent taking the call' },
    callbackUrl: { type: 'string', description: 'POST /v1/calls/{callId}/events here, signed the same way' },
  },
};

/** The document's `webhooks` object. */
export function outboundWebhooks(): Json {
  return {
    event: {
      post: {
        operationId: 'webhookEventDelivery',
        summary: 'A domain event, to each webhook registered for its type',
        description: `Sent to the webhook’s url. Verify Switchboard-Signature (hex HMAC-SHA256 of "<Switchboard-Timestamp>.<raw body>" with the webhook’s secret) or the Standard Webhooks headers, against the raw bytes, and refuse timestamps more than 5 minutes from your clock. Deduplicate by Switchboard-Event-Id. ${RETRIED}`,
        parameters: [
          header('Switchboard-Webhook-Id', 'the webhook'),
          header('Switchboard-Event-Id', 'the event; the same on every retry'),
          header('Switchboard-Event-Type', 'the event type'),
          header('Switchboard-Timestamp', 'unix seconds when this attempt was sent'),
          header('Switchboard-Signature', '`v1=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>`'),
          ...STANDARD,
        ],
        requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/EventEnvelope' } } } },
        responses: { '200': { description: `received (any 2xx). ${RETRIED}` } },
      },
    },
    callRequest: {
      post: {
        operationId: 'callEscalationRequest',
        summary: 'A call escalation, to the agent’s callEscalation.webhookUrl (the voice platform)',
        description: `Sent when a customer accepts a call offer or a developer escalates a session. Signed with the agent’s callEscalation.secret twice: X-Switchboard-Signature is the hex HMAC-SHA256 of the raw body (as in the first version), and the Standard Webhooks headers carry the timestamped signature of "<webhook-id>.<webhook-timestamp>.<raw body>": verify that one and remember webhook-id to refuse replays. ${RETRIED} When every attempt has failed the call becomes failed.`,
        parameters: [header('X-Switchboard-Signature', 'hex HMAC-SHA256(secret, <raw body>)'), ...STANDARD],
        requestBody: { required: true, content: { 'application/json': { schema: CALL_REQUEST } } },
        responses: { '200': { description: `taken (any 2xx). ${RETRIED}` } },
      },
    },
  };
}

/** Header parameters of a signed callback (`POST /v1/calls/{callId}/events`): either scheme. */
export const SIGNED_CALLBACK_HEADERS: Json[] = [
  header('X-Switchboard-Timestamp', 'unix seconds when the report was signed; required with X-Switchboard-Signature', false),
  header('X-Switchboard-Signature', '`v1=<hex HMAC-SHA256(callEscalation.secret, "<timestamp>.<raw body>")>` (the bare hex is accepted too)', false),
  ...STANDARD.map((h) => ({ ...h, required: false, description: `${String(h.description)} — instead of the X-Switchboard headers` })),
];

export const SIGNED_CALLBACK_TEXT =
  'No bearer credential: the report is signed with the agent’s call-escalation secret and a timestamp, either X-Switchboard-Timestamp + X-Switchboard-Signature or the Standard Webhooks headers. 401 `unauthorized` when unsigned, untimestamped or not matching; `signature_expired` when the timestamp is more than CALL_SIGNATURE_TOLERANCE_SECONDS (300) from now; `signature_replayed` when the same signed report (signature, or webhook-id) was received before.';
