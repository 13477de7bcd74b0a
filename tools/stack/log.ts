/** Progress lines go to stderr so they show even when a test runner captures stdout. */
export function say(message: string): void {
  process.stderr.write(`[stack] ${message}\n`);
}

export function elapsedSince(startMs: number): string {
  return `${((Date.now() - startMs) / 1000).toFixed(1)}s`;
}
