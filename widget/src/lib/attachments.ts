/**
 * Files over REST with the visitor's session token (sockets stay for chat traffic). Images
 * are fetched as blobs with the bearer header and shown from `blob:` URLs, because an <img>
 * cannot send an Authorization header and we keep tokens out of URLs.
 */
import type { AttachmentDto } from '../../../shared/src/index';

export interface UploadError {
  code: string;
  message: string;
}

/** POSTs one file into the session; resolves with the error to show, or null on success. */
export async function uploadFile(origin: string, sessionId: string, token: string, file: File): Promise<UploadError | null> {
  const form = new FormData();
  form.append('file', file, file.name);
  try {
    const res = await fetch(`${origin}/v1/chat/sessions/${encodeURIComponent(sessionId)}/attachments`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: form });
    if (res.ok) return null;
    const body = (await res.json().catch(() => null)) as { error?: UploadError } | null;
    return body?.error ?? { code: 'internal', message: `Upload failed (${res.status})` };
  } catch {
    return { code: 'offline', message: 'Not connected' };
  }
}

/** Downloads an attachment the visitor may read, as a blob. */
export async function fetchAttachment(origin: string, attachment: AttachmentDto, token: string): Promise<Blob> {
  const res = await fetch(`${origin}${attachment.url}`, { headers: { Authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`attachment ${res.status}`);
  return res.blob();
}
