/** Edit distance (Levenshtein), small strings only: names of directives and attributes. */
export function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0];
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j];
      previous[j] = Math.min(previous[j] + 1, previous[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length];
}

/**
 * The known name closest to `name`, when it is close enough to be a typo: at most a third of
 * its letters differ (two at most), or one is a prefix of the other.
 */
export function closest(name: string, known: Iterable<string>): string | undefined {
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (best === undefined) return undefined;
  const limit = Math.min(2, Math.max(1, Math.floor(Math.max(lower.length, best.length) / 3)));
  if (bestDistance <= limit) return best;
  if (lower.length >= 3 && (best.startsWith(lower) || lower.startsWith(best))) return best;
  return undefined;
}

/** " (did you mean `x`?)" or nothing. */
export function didYouMean(suggestion: string | undefined, format: (s: string) => string = (s) => `\`${s}\``): string {
  return suggestion ? `; did you mean ${format(suggestion)}?` : '';
}
