import { Fragment } from 'react';
import { escapeBidi } from './escapeBidi';

/**
 * Viewer-written text rendered as React text nodes only [UF5]: no HTML is
 * parsed, nothing is linkified (a `javascript:` URL stays words), and bidi
 * controls show as inert `⟨U+202E⟩` badges [UF6]. The wrapper isolates the
 * text's direction so it cannot reorder the UI around it.
 */
export function SafeText({ text, className }: { text: string; className?: string }) {
  const parts = escapeBidi(text);
  return (
    <bdi className={['safe-text', className ?? ''].filter(Boolean).join(' ')}>
      {parts.map((part, i) =>
        typeof part === 'string' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts are positional and never reorder
          <Fragment key={i}>{part}</Fragment>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts are positional and never reorder
          <span key={i} className="bidi-escape" data-testid="bidi-escape" title={part.code}>
            {`⟨${part.code}⟩`}
          </span>
        ),
      )}
    </bdi>
  );
}
