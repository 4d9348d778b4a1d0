/** Support-desk wire shapes (SPEC §7); re-exported from dto.ts. */

export interface CsatDto {
  rating: number;
  comment: string | null;
  at: string;
}

/** A file sent in a chat; `url` needs a credential that may read the session. */
export interface AttachmentDto {
  id: string;
  name: string;
  type: string;
  size: number;
  url: string;
}
export type { CannedReplyDto } from './contract/dtos';
