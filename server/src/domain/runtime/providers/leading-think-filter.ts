/**
 * Holds back a `<think>…</think>` block at the start of a reply. Reasoning models served
 * without a reasoning parser (DeepSeek-R1 and its distills on vLLM or older Ollama) write their
 * reasoning into the content itself; a customer must never see it. Only a block that opens the
 * reply is removed: a `<think>` later in the text is the model's answer and passes through.
 * Tags may be split across deltas, so text that could still become `<think>` is held until it
 * cannot.
 */
const OPEN = '<think>';
const CLOSE = '</think>';

export class LeadingThinkFilter {
  /** start: nothing relayed yet; inside: in the reasoning; after: past it, blank lines skipped; text: passing through. */
  private state: 'start' | 'inside' | 'after' | 'text' = 'start';
  private held = '';

  /** The part of `text` to relay now ('' while it is held back or is reasoning). */
  push(text: string): string {
    if (this.state === 'text') return text;
    if (this.state === 'after') return this.skipBlank(text);
    this.held += text;
    if (this.state === 'start') {
      const head = this.held.trimStart();
      if (head.length < OPEN.length && OPEN.startsWith(head)) return '';
      if (!head.startsWith(OPEN)) return this.release(this.held);
      this.state = 'inside';
      this.held = head.slice(OPEN.length);
    }
    const end = this.held.indexOf(CLOSE);
    if (end < 0) {
      // Only a possible start of the closing tag needs keeping, however long the reasoning.
      this.held = this.held.slice(-(CLOSE.length - 1));
      return '';
    }
    const rest = this.held.slice(end + CLOSE.length);
    this.held = '';
    this.state = 'after';
    return this.skipBlank(rest);
  }

  /** At the end of the stream: text still held that never became a tag (reasoning left unclosed is dropped). */
  flush(): string {
    return this.state === 'start' ? this.release(this.held) : '';
  }

  /** The answer after the reasoning starts at its first visible character. */
  private skipBlank(text: string): string {
    const visible = text.trimStart();
    if (visible) this.state = 'text';
    return visible;
  }

  private release(text: string): string {
    this.state = 'text';
    this.held = '';
    return text;
  }
}
