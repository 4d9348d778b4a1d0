/**
 * The offline demo model under supervision (issue 22.2): before, it ignored whispers and
 * injected context (whispered "offer ACME10", asked for a discount, it quoted opening hours)
 * and gave "Where is my order?" the Warranty passage.
 */
import { describe, expect, it } from '@jest/globals';
import type { LlmMessage } from '../llm-provider';
import { CONTEXT_NOTE_MARK, WHISPER_NOTE } from '../model-input';
import { createOfflineProvider, OFFLINE_NO_MATCH_REPLY } from '../providers/offline.provider';
import { readWhisper } from '../providers/offline-guidance';
import { collect, makeRequest, textOf } from './llm-test-helpers';

const provider = createOfflineProvider({ wordDelayMs: 0 });
const whisper = (text: string): LlmMessage => ({ role: 'system', content: `${WHISPER_NOTE}${text}` });
const context = (text: string, source = 'crm'): LlmMessage => ({ role: 'system', content: `Context from ${source}${CONTEXT_NOTE_MARK}${text}` });
const user = (content: string): LlmMessage => ({ role: 'user', content });
const assistant = (content: string): LlmMessage => ({ role: 'assistant', content });
const reply = async (messages: LlmMessage[], passages = DEMO_PASSAGES) => textOf(await collect(provider.stream(makeRequest({ messages, passages }))));

const DEMO_PASSAGES = [
  { title: 'Shipping', text: 'We ship within 1–2 business days. Standard delivery takes 3–5 business days and is free on orders over $50. You get a tracking link by email as soon as the parcel leaves our warehouse.' },
  { title: 'Returns and refunds', text: 'You can return any unused item within 30 days of delivery for a full refund. Start a return from the Orders page; we email a prepaid label.' },
  { title: 'Opening hours and contact', text: 'Our support team is available Monday to Friday, 9:00–17:30 Central European Time. Our shop in Lyon is open Tuesday to Saturday, 10:00–19:00.' },
  { title: 'Warranty', text: 'Tents and packs carry a 5-year warranty against manufacturing defects. Send a photo of the defect with your order number and we repair or replace it.' },
];

describe('offline model: whispers, context and matching', () => {
  it('follows a whisper in its next reply, once', async () => {
    const first = await reply([user('Hi'), assistant('Hello!'), whisper('offer ACME10'), user('Can I get a discount?')]);
    expect(first).toBe('I can offer you ACME10.');
    const later = await reply([user('Hi'), assistant('Hello!'), whisper('offer ACME10'), user('Can I get a discount?'), assistant(first), user('How long does shipping take?')]);
    expect(later).not.toContain('ACME10');
    expect(later).toContain('From “Shipping”');
  });

  it('keeps a conditional whisper until it applies', async () => {
    const guidance = whisper('If they ask for a discount, offer them the code ACME10');
    expect(await reply([guidance, user('How long does shipping take?')])).not.toContain('ACME10');
    expect(await reply([guidance, user('How long does shipping take?'), assistant('From “Shipping”: …'), user('Any coupon for me?')])).toBe('I can offer you the code ACME10.');
  });

  it('answers a whisper sent with respond: true now, speaking to the customer', async () => {
    expect(await reply([user('My tent ripped'), assistant('Sorry to hear that.'), whisper('ask them for their order number')])).toBe('Could you share your order number?');
    expect(await reply([user('Hi'), assistant('Hello!'), whisper('Tell the customer that their parcel left today.')])).toBe('Your parcel left today.');
  });

  it('passes on context sent with respond: true, and quotes context when it answers a question', async () => {
    expect(await reply([user('Hi'), assistant('Hello!'), context('Your replacement tent ships on Monday.', 'call')])).toBe('Here is an update for you: Your replacement tent ships on Monday.');
    const answer = await reply([context('Loyalty tier: gold. Gold members get free express delivery.'), user('Is express delivery free for gold members?')]);
    expect(answer).toContain('From “the notes on this conversation”: Loyalty tier: gold. Gold members get free express delivery.');
  });

  it('never quotes the release summary written for the model', async () => {
    const summary = context('A human support agent handled this conversation and Ada has now handed it back to you.', 'release');
    expect(await reply([user('Hi'), assistant('Hello'), summary])).not.toContain('handed it back');
  });

  it('gives "Where is my order?" the shipping passage, not the warranty', async () => {
    const answer = await reply([user('Where is my order?')]);
    expect(answer).toContain('From “Shipping”');
    expect(answer).toContain('tracking link');
  });

  it('still says when nothing matches, and guidance without a match is the whole answer', async () => {
    expect(await reply([user('How do I reset my password?')])).toBe(OFFLINE_NO_MATCH_REPLY);
    expect(await reply([whisper('say that password resets are done from the account page'), user('How do I reset my password?')])).toBe('Password resets are done from the account page.');
  });

  it('reads whispers deterministically', () => {
    expect(readWhisper('please apologise for the delay')).toEqual({ when: null, line: "I'm sorry for the delay." });
    expect(readWhisper('Let them know they can return it for free').line).toBe('You can return it for free.');
  });
});
