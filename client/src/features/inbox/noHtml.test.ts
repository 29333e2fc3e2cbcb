import { describe, expect, it } from 'vitest';

// Every source file of the feedback tabs, as text (Vite's glob import; no file system access needed).
const sources = import.meta.glob(['../{inbox,imports,metrics,releases,privacy}/**/*.tsx', '!../**/*.test.tsx'], { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

describe('feedback tabs source', () => {
  it('[UF5] never inject HTML and never build links from viewer text', () => {
    const files = Object.keys(sources);
    expect(files.length).toBeGreaterThan(10);
    for (const [file, text] of Object.entries(sources)) {
      expect(text.includes('dangerouslySetInnerHTML'), file).toBe(false);
      expect(/\.innerHTML\s*=/.test(text), file).toBe(false);
      // The only anchors are the error-report links, built from our own ids.
      for (const match of text.matchAll(/<a\s[^>]*href=\{([^}]*)\}/g)) expect(match[1], file).toMatch(/^errorReportUrl\(/);
    }
  });
});
