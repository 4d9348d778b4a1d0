/** What an API key may do (SPEC §10). `admin` may do everything. */
export const API_KEY_SCOPES = ['sessions:read', 'sessions:write', 'agents:write', 'knowledge:write', 'events:read', 'webhooks:write', 'admin'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];
