import { createHash, randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import type { ApiKeyDto } from '../../../../shared/src/contract/types';
import type { ApiKeyScope } from '../../../../shared/src/api-key-scopes';
import { ApiKeyModel, type ApiKeyDoc } from '../../db/models/api-key.model';
import { isDuplicateKey } from '../../db/duplicate-key';
import { notFound } from '../app-error';
import type { EventBus } from '../events/event-bus';
import { TtlCache } from '../ttl-cache';

const LAST_USED_RESOLUTION_MS = 60_000;
/** How long a verified key is trusted without a database read (revocation through the API applies at once). */
const VERIFIED_TTL_MS = 10_000;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

function toApiKeyDto(k: ApiKeyDoc): ApiKeyDto {
  return {
    id: k._id.toHexString(),
    name: k.name,
    prefix: k.prefix,
    scopes: scopesOf(k),
    createdAt: k.get('createdAt').toISOString(),
    lastUsedAt: k.lastUsedAt ? k.lastUsedAt.toISOString() : null,
    revokedAt: k.revokedAt ? k.revokedAt.toISOString() : null,
  };
}

export interface VerifiedKey {
  id: string;
  name: string;
  isMaster: boolean;
  scopes: ApiKeyScope[];
}

const scopesOf = (k: { scopes?: string[] | null; isMaster?: boolean | null }): ApiKeyScope[] => (k.isMaster || !k.scopes?.length ? ['admin'] : (k.scopes as ApiKeyScope[]));

/**
 * Developer API keys: shown once, stored as a hash, revocable at once. Verified keys are
 * remembered for a few seconds (every REST call presents one); a revocation drops them in
 * every process through the bus.
 */
export class ApiKeyService {
  private readonly verified = new TtlCache<VerifiedKey>(VERIFIED_TTL_MS);

  constructor(private readonly bus: EventBus) {
    bus.subscribe((m) => {
      if (m.kind === 'revoke' && m.apiKeyId) this.verified.deleteWhere((key) => key.id === m.apiKeyId);
    });
  }

  async create(name: string, scopes: ApiKeyScope[] = ['admin']): Promise<{ apiKey: ApiKeyDto; key: string }> {
    const key = `sk_sb_${randomBytes(24).toString('base64url')}`;
    const doc = await ApiKeyModel.create({ name, prefix: key.slice(0, 12), hash: sha256(key), scopes: [...new Set(scopes)] });
    return { apiKey: toApiKeyDto(doc), key };
  }

  /** Makes sure the given master key is accepted (its hash is stored, never the key). */
  async ensureMaster(key: string): Promise<void> {
    try {
      await ApiKeyModel.updateOne({ hash: sha256(key) }, { $setOnInsert: { name: 'master', prefix: key.slice(0, 12), isMaster: true } }, { upsert: true });
    } catch (err) {
      // Two processes starting together both upserted: the other one stored it.
      if (!isDuplicateKey(err)) throw err;
    }
  }

  async list(): Promise<ApiKeyDto[]> {
    return (await ApiKeyModel.find({ isMaster: false }).sort({ createdAt: 1 })).map(toApiKeyDto);
  }

  async revoke(id: string): Promise<void> {
    const doc = Types.ObjectId.isValid(id) ? await ApiKeyModel.findOneAndUpdate({ _id: id, isMaster: false }, { $set: { revokedAt: new Date() } }) : null;
    if (!doc) throw notFound('api key');
    this.bus.send({ kind: 'revoke', apiKeyId: id });
  }

  verify(key: string): Promise<VerifiedKey | null> {
    const hash = sha256(key);
    return this.verified.get(hash, () => this.lookUp(hash));
  }

  private async lookUp(hash: string): Promise<VerifiedKey | null> {
    const doc = await ApiKeyModel.findOne({ hash, revokedAt: null }).lean();
    if (!doc) return null;
    if (!doc.lastUsedAt || Date.now() - doc.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      void ApiKeyModel.updateOne({ _id: doc._id }, { $set: { lastUsedAt: new Date() } }).catch(() => undefined);
    }
    return { id: doc._id.toHexString(), name: doc.name, isMaster: doc.isMaster, scopes: scopesOf(doc) };
  }
}
