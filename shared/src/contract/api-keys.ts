/** /v1/api-keys: developer keys, the secret shown once. */
import { z } from 'zod';
import * as s from '../schemas';
import * as d from './dtos';
import { created, noContent, obj, ok } from './common';
import { defineArea, defineOperation } from './operation';

export const createApiKey = defineOperation({ method: 'post', path: '/v1/api-keys', tag: 'api-keys', summary: 'Create an API key (the key is shown once)', access: 'admin', body: s.apiKeyCreateSchema, responses: created('the key record and the key itself', obj({ apiKey: d.apiKeyDto, key: z.string() })) });
export const listApiKeys = defineOperation({ method: 'get', path: '/v1/api-keys', tag: 'api-keys', summary: 'List API keys (prefixes only)', access: 'admin', responses: ok('keys', obj({ apiKeys: z.array(d.apiKeyDto) })) });
export const revokeApiKey = defineOperation({ method: 'delete', path: '/v1/api-keys/{id}', tag: 'api-keys', summary: 'Revoke a key: REST and live /events sockets stop at once', access: 'admin', responses: noContent });

export const apiKeysOperations = defineArea({ createApiKey, listApiKeys, revokeApiKey });
