import type { ReactNode } from 'react';

/** Colour families of badges; features map their states onto these. */
export type BadgeTone = 'neutral' | 'info' | 'warning' | 'success' | 'muted' | 'accent';

/** A small pill label (status, language, "archived"). */
export function Badge({ tone = 'neutral', children, title }: { tone?: BadgeTone; children: ReactNode; title?: string }) {
  return (
    <span className={`badge badge-${tone}`} title={title}>
      {children}
    </span>
  );
}
