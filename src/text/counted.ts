/** "1 file", "2 files", "0 files": a count and its noun, plural unless the count is exactly 1. */
export function counted(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}
