// Mid-tone colours that stay readable as white-on-colour cursor labels and as selection tints.
const PALETTE = ['#d9485f', '#e8590c', '#d08700', '#2f9e44', '#0c8599', '#1c7ed6', '#5f3dc4', '#c2255c', '#5c940d', '#9c36b5'] as const;

/**
 * A collaborator's cursor colour, derived from the account id (FNV-1a hash)
 * so it is the same on every device and for every co-writer, with nothing
 * stored [UA8].
 */
export function colorForUser(userId: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < userId.length; i++) {
    hash ^= userId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return PALETTE[hash % PALETTE.length] ?? PALETTE[0];
}

/** Every colour {@link colorForUser} can return (tests). */
export const USER_COLORS: readonly string[] = PALETTE;
