/**
 * Greedy maximum coverage (pure): pick `k` candidate sites one at a time, each time the one that brings
 * in the most elders not yet covered by the sites picked before. Greedy is within 1 − 1/e of the best
 * choice of k sites (Nemhauser, Wolsey & Fisher 1978) and exact for k = 1.
 *
 * `covers[c]` lists the elders (any integer ids) candidate c would bring within the circle. Lazy
 * evaluation: a candidate's gain only shrinks as sites are picked, so a stale gain is an upper bound and
 * only the top of the queue is re-counted.
 */
export function greedyCoverage(
  covers: readonly (readonly number[])[],
  k: number,
): { candidate: number; gain: number }[] {
  const taken = new Set<number>();
  const picks: { candidate: number; gain: number }[] = [];
  // Max-heap of [gain bound, candidate]; ties go to the lower candidate index (deterministic).
  const heap: [number, number][] = covers.map((c, i) => [new Set(c).size, i]);
  const better = (a: [number, number], b: [number, number]) => a[0] > b[0] || (a[0] === b[0] && a[1] < b[1]);
  heapify(heap, better);
  const fresh = (c: number) => {
    let n = 0;
    const seen = new Set<number>();
    for (const e of covers[c]!) {
      if (taken.has(e) || seen.has(e)) continue;
      seen.add(e);
      n++;
    }
    return n;
  };
  while (picks.length < k && heap.length > 0) {
    const top = heap[0]!;
    const gain = fresh(top[1]);
    if (gain === top[0]) {
      pop(heap, better);
      if (gain === 0) break;
      picks.push({ candidate: top[1], gain });
      for (const e of covers[top[1]]!) taken.add(e);
    } else {
      top[0] = gain;
      siftDown(heap, 0, better);
    }
  }
  return picks;
}

type Better<T> = (a: T, b: T) => boolean;

function heapify<T>(h: T[], better: Better<T>): void {
  for (let i = (h.length >> 1) - 1; i >= 0; i--) siftDown(h, i, better);
}

function pop<T>(h: T[], better: Better<T>): void {
  const last = h.pop()!;
  if (h.length > 0) {
    h[0] = last;
    siftDown(h, 0, better);
  }
}

function siftDown<T>(h: T[], i: number, better: Better<T>): void {
  for (;;) {
    const l = 2 * i + 1;
    const r = l + 1;
    let m = i;
    if (l < h.length && better(h[l]!, h[m]!)) m = l;
    if (r < h.length && better(h[r]!, h[m]!)) m = r;
    if (m === i) return;
    [h[i], h[m]] = [h[m]!, h[i]!];
    i = m;
  }
}
