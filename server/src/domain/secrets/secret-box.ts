import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;

/**
 * Encrypts secrets the server must read back with AES-256-GCM: webhook signing secrets (it
 * signs every delivery with them), agents' model API keys (it sends them to the model) and
 * agents' identity and call-escalation secrets (HMAC keys it signs and verifies with).
 *
 * Why not a hash, as for our own API keys: the server has to use the secret itself.
 * Encryption keeps it out of plain sight: a copy of the collection (a backup, an export, a
 * query result in a log) does not reveal it without the key. The key comes from
 * WEBHOOK_SECRET_KEY (set it from a secret manager to keep it outside the database) or, by
 * default, from an installation secret generated once and stored in the settings collection.
 * Each use has its own `purpose`, from which its own key is derived.
 *
 * What the secret belongs to (a webhook's id, an agent's id and endpoint) is bound in as
 * associated data, so a ciphertext copied elsewhere does not decrypt.
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(keyMaterial: string, purpose = 'webhook signing secrets v1') {
    this.key = Buffer.from(hkdfSync('sha256', keyMaterial, 'switchboard', purpose, 32));
  }

  seal(plaintext: string, boundTo: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(boundTo, 'utf8'));
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, iv, cipher.getAuthTag(), data].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
  }

  /** Throws if the ciphertext was altered, moved to another id, or sealed with another key. */
  open(sealed: string, boundTo: string): string {
    const [version, iv, tag, data] = sealed.split('.');
    if (version !== VERSION || !iv || !tag || data === undefined) throw new Error('unknown secret format');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(boundTo, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  }
}
