import { newClientMessageId } from '../../../shared/src/client-message-id';

/**
 * The clientMessageId of the last send that has not gone through: sending the same thing again
 * reuses it (the server stores it once, however many tries reached it); anything else, or a
 * send after a success, gets a new one.
 */
export class UnsentSend {
  private last: { key: string; id: string } | null = null;

  idFor(key: string): string {
    if (this.last?.key !== key) this.last = { key, id: newClientMessageId() };
    return this.last.id;
  }

  clear(): void {
    this.last = null;
  }
}
