import { AppError } from '../app-error';

/** Refuses text over the configured size, naming the limit. */
export function assertContentSize(content: string, maxChars: number, field = 'content'): void {
  if (content.length > maxChars) {
    throw new AppError('message_too_large', `${field} is ${content.length} characters; the limit is ${maxChars}`, { field });
  }
}
