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

/** A saved answer an operator inserts by typing its shortcut (`/refund`). */
export interface CannedReplyDto {
  id: string;
  agentId: string;
  shortcut: string;
  text: string;
  createdAt: string;
}
