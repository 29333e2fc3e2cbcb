/** Seconds as m:ss (runtime estimates of scenes and episodes are minutes long at most). */
export function formatRuntime(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}
