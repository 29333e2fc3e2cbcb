import type { FeedbackItem, RedactionKind } from '@loopline/shared';
import { redact } from './redact.js';
import type { NormalizedFeedback } from './types.js';

/** A feedback item ready to store: redacted text, pseudonymous author, no raw handle. */
export type PrivateFeedback = Omit<FeedbackItem, 'id' | 'seriesId' | 'importId'> & { contentHash: string };

/**
 * Applies privacy on ingest to a normalized item [IN20]: redacts text and
 * quote, replaces the handle with its pseudonym (from `createPseudonymizer`
 * or `pseudonymize` bound to the series secret) and drops the raw handle.
 */
export function privatizeFeedback(item: NormalizedFeedback, pseudonym: (handle: string) => string): PrivateFeedback {
  const { authorHandle, ...rest } = item;
  const t = redact(item.text);
  const q = item.quote === null ? null : redact(item.quote);
  const kinds = new Set<RedactionKind>([...t.kinds, ...(q?.kinds ?? [])]);
  return { ...rest, text: t.text, quote: q?.text ?? null, author: pseudonym(authorHandle), redactions: [...kinds] };
}
