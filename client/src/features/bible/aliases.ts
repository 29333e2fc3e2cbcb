/**
 * Splits the comma-separated aliases field into a clean list: ASCII and
 * full-width commas (，) and the ideographic comma (、) all separate, blanks
 * and duplicates are dropped, order is kept.
 */
export function parseAliases(text: string): string[] {
  const seen = new Set<string>();
  for (const raw of text.split(/[,，、]/)) {
    const alias = raw.trim();
    if (alias !== '') seen.add(alias);
  }
  return [...seen];
}

/** Joins aliases back into the editable field. */
export function formatAliases(aliases: readonly string[]): string {
  return aliases.join(', ');
}
