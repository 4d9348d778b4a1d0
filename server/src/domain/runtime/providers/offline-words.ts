/**
 * How the offline demo model compares a question with a passage: words of three letters or
 * more, less the function words, folded to a crude stem ("orders" = "order"), and weighted by
 * how rare they are among the passages — so a word every passage shares ("order") counts for
 * little and the passage that matches the question's topic wins.
 */

// Words that say nothing about the topic: a passage sharing only these with the question is no answer.
const FUNCTION_WORDS = new Set(
  ('the and for are but not you your yours can could would should will shall may might must have has had ' +
    'was were been being does did done how what when where which who whom why with from into onto about this ' +
    'that these those there here they them their then than our ours its any all some get got let please hello ' +
    'thanks thank want need like know tell just also very much more most').split(' '),
);

/**
 * Questions whose words do not name their topic: "Where is my order?" is about delivery and
 * tracking, though neither word is in it. Each adds the topic's words to the question.
 */
const TOPICS: { when: RegExp; words: string }[] = [
  { when: /\bwhere\b.*\b(order|parcel|package|delivery|stuff|item)s?\b|\btrack(ing)?\b|\bnot (arrived|here)\b|\bwhen will\b.*\barrive/i, words: 'tracking ship shipping delivery parcel' },
  { when: /\b(send|give|get) (it|them|this) back\b|\bmoney back\b/i, words: 'return refund' },
  { when: /\b(open|closed?)\b.*\b(today|tomorrow|weekend|sunday|saturday|monday)\b|\bwhat time\b/i, words: 'opening hours' },
  { when: /\b(discount|coupon|promo|voucher|cheaper|deal|sale|price off)s?\b/i, words: 'discount coupon promo voucher cheaper deal' },
  { when: /\b(broken|broke|defect(ive)?|faulty|ripped|torn)\b/i, words: 'warranty defect repair replace' },
];

/** A crude stem: enough that "orders", "ordered" and "ordering" meet "order". */
export function stem(word: string): string {
  if (word.length > 5 && word.endsWith('ing')) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith('ed')) return word.slice(0, -2);
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** The topic words of a text, stemmed. */
export function wordSet(text: string): Set<string> {
  return new Set((text.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? []).filter((word) => !FUNCTION_WORDS.has(word)).map(stem));
}

/** The question's words plus the words of the topics it is about. */
export function questionWords(question: string): Set<string> {
  const words = wordSet(question);
  for (const topic of TOPICS) if (topic.when.test(question)) for (const word of wordSet(topic.words)) words.add(word);
  return words;
}

/** How many words two sets share. */
export function overlap(a: Set<string>, b: Set<string>): number {
  let n = 0;
  for (const word of a) if (b.has(word)) n += 1;
  return n;
}

/** Shared words weighted by rarity among `all` (a word in every text still counts a little). */
export function weightedOverlap(asked: Set<string>, text: Set<string>, all: Set<string>[]): number {
  let score = 0;
  for (const word of asked) {
    if (!text.has(word)) continue;
    const df = all.filter((s) => s.has(word)).length;
    score += Math.log(1 + all.length / Math.max(df, 1));
  }
  return score;
}
