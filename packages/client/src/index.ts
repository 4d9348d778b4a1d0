/**
 * The published entry of `@switchboard/client`: the very client the repository's tests use
 * (shared/src/client/), with its types taken from the server's contract (shared/src/contract/types.ts,
 * events.ts, schemas.ts). Nothing is copied: the build bundles it from there.
 */
export * from '../../../shared/src/client/index';
