/** Moved: the wire types live in contract/types.ts (inferred from the contract's zod schemas). */
export * from './contract/types';
