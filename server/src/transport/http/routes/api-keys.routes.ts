import * as op from '../../../../../shared/src/contract/api-keys';
import type { Services } from '../../../services';
import type { ContractRouter } from '../contract-router';

/** What these handlers use of the services. */
export type ApiKeysDeps = Pick<Services, 'apiKeys'>;

/** /v1/api-keys: developer keys, the secret shown once. */
export function apiKeysRoutes(api: ContractRouter, s: ApiKeysDeps): void {
  api.route(op.createApiKey, async ({ body: { name, scopes } }) => s.apiKeys.create(name, scopes));
  api.route(op.listApiKeys, async () => ({ apiKeys: await s.apiKeys.list() }));
  api.route(op.revokeApiKey, async ({ params: { id } }) => {
    await s.apiKeys.revoke(id);
  });
}
