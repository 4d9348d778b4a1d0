import { h, type VNode } from 'preact';
import { formatMessage, type ElementFactory } from '../../../shared/src/message-format';

const preactFactory: ElementFactory<VNode> = (tag, props, ...children) => h(tag, props, ...children);

/** A message as the customer sees it: paragraphs, lists, code, links, **bold** — as VNodes, never HTML. */
export function FormattedText({ text }: { text: string }) {
  return <>{formatMessage(text, preactFactory)}</>;
}
