/** Moved: see contract/types.ts. */
export type { AttachmentDto, CannedReplyDto, CsatDto } from './contract/types';
