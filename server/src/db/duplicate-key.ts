/** Whether a MongoDB write failed on a unique index (the server's E11000). */
export const isDuplicateKey = (err: unknown): boolean => typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;
