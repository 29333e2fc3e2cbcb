/** Why a whole file cannot be imported (as opposed to one bad row). */
export type UnusableReason = 'excel' | 'archive' | 'utf16' | 'not-json' | 'no-header' | 'empty';

/**
 * Thrown by `readRows` when the file as a whole is unusable (an .xlsx, UTF-16,
 * a JSON file that is not an array). Row-level problems never throw: they
 * become rows with `error` set.
 */
export class UnusableFileError extends Error {
  override readonly name = 'UnusableFileError';
  constructor(
    readonly reason: UnusableReason,
    message: string,
  ) {
    super(message);
  }
}
