/** Small builders the contract files share: response maps and the path parameters' schemas. */
import { z } from 'zod';
import { customerIdSchema, objectId, TOOL_NAME_PATTERN, toolCallIdSchema } from '../schemas';

/** A 200 answer; the literal status stays in the type so handlers and the client are typed by it. */
export const ok = <S extends z.ZodType | undefined = undefined>(description: string, schema?: S) => ({ 200: { description, schema: schema as S } });
export const created = <S extends z.ZodType>(description: string, schema: S) => ({ 201: { description, schema } });
export const noContent = { 204: { description: 'done; no body' } } as const;
export const obj = <T extends z.ZodRawShape>(shape: T) => z.object(shape);

/** How the document describes each path parameter, by name (whatever the operation parses). */
export const PATH_PARAMS: Record<string, z.ZodType> = {
  id: objectId,
  customerId: customerIdSchema,
  callId: z.string().min(1),
  replyId: objectId,
  docId: objectId,
  toolCallId: toolCallIdSchema,
  name: z.string().regex(TOOL_NAME_PATTERN),
  deliveryId: objectId,
};

/** `{id}` parsed as an ObjectId: a bad one is 400 `invalid_request` naming `id`. */
export const idParams = z.object({ id: objectId });
