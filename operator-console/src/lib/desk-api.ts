/**
 * REST calls of the desk screens (inbox previews, read marks, knowledge documents) that the
 * shared typed client does not cover yet: JSON with the login token, errors as `SwitchboardError`.
 */
import type { KnowledgeDocumentDto, SessionPreviewDto } from '../../../shared/src/contract/types';
import type { ErrorBody } from '../../../shared/src/errors';
import { SwitchboardError } from '../../../shared/src/client/switchboard-error';
import { tokenStore } from './api';

const enc = encodeURIComponent;

async function requestJson<T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const token = tokenStore.get();
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new SwitchboardError({ code: 'network_error', message: 'Cannot reach the server. Check your connection.' }, 0);
  }
  const text = await res.text();
  const data = parseBody(text);
  if (!res.ok) {
    const error = (data as { error?: ErrorBody } | null)?.error;
    if (error) throw new SwitchboardError({ code: error.code, message: error.message, field: error.field }, res.status);
    throw new SwitchboardError({ code: 'internal', message: `The server answered ${res.status}` }, res.status);
  }
  return data as T;
}

function parseBody(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null; // not JSON (a proxy's error page): the status says what happened
  }
}

/** Each session's last message, unread count (for me) and, with `q`, the text around the hit. */
export const sessionPreviews = (ids: string[], q?: string): Promise<{ previews: SessionPreviewDto[] }> =>
  requestJson('GET', `/v1/chat/sessions/previews?ids=${ids.map(enc).join(',')}${q ? `&q=${enc(q)}` : ''}`);

/** Marks a session read up to `seq` for me. */
export const markSessionRead = (sessionId: string, seq: number): Promise<null> => requestJson('POST', `/v1/chat/sessions/${enc(sessionId)}/read`, { seq });

export interface KbDocument {
  id: string;
  title: string;
  content: string;
  chunks: number;
  updatedAt: string;
}

export interface KbHit {
  title: string;
  text: string;
  documentId?: string;
}

export const knowledgeApi = {
  createBase: (name: string, description = '') => requestJson<{ knowledgeBase: { id: string } }>('POST', '/v1/knowledge-bases', { name, description }),
  documents: (kbId: string) => requestJson<{ documents: KbDocument[] }>('GET', `/v1/knowledge-bases/${enc(kbId)}/documents`),
  add: (kbId: string, doc: { title: string; content: string }) => requestJson<{ document: KnowledgeDocumentDto }>('POST', `/v1/knowledge-bases/${enc(kbId)}/documents`, { ...doc, format: 'text' }),
  update: (kbId: string, docId: string, doc: { title: string; content: string }) => requestJson<{ document: KbDocument }>('PATCH', `/v1/knowledge-bases/${enc(kbId)}/documents/${enc(docId)}`, doc),
  remove: (kbId: string, docId: string) => requestJson<null>('DELETE', `/v1/knowledge-bases/${enc(kbId)}/documents/${enc(docId)}`),
  search: (kbId: string, q: string) => requestJson<{ passages: KbHit[] }>('GET', `/v1/knowledge-bases/${enc(kbId)}/search?q=${enc(q)}`),
};

/** Asks the agent's voice platform to call the customer (`POST /v1/chat/sessions/:id/calls`). */
export const requestCall = (sessionId: string, phone: string): Promise<{ call: { id: string; status: string } }> => requestJson('POST', `/v1/chat/sessions/${enc(sessionId)}/calls`, { phone });
