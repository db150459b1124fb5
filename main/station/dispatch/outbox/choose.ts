// Where a due SMS goes now, given the free places of every lane: the best carrier the router
// offers for it, if that lane has room; a carrier under test first when it would be preferred
// when well; another carrier only once the SMS has waited past its bound for a best carrier that
// is not up. Otherwise it waits — a busy healthy carrier is worth waiting for.
import type { CarrierState } from '../../../../shared/protocol/index.js';
import type { Carrier } from '../../carriers/carrier.js';
import type { CarrierRouter } from '../../carriers/router.js';
import type { OutboxItem } from '../../store/outbox-queue.js';
import type { RouteMemory } from './route-memory.js';

export type Choice = { kind: 'go'; carrier: Carrier } | { kind: 'wait'; moveAt?: number } | { kind: 'none' };

export function choose(
  m: OutboxItem,
  places: ReadonlyMap<string, number>,
  now: number,
  router: CarrierRouter,
  memory: RouteMemory,
  moveAfterMs: { high: number; normal: number },
  states: ReadonlyMap<string, CarrierState>,
): Choice {
  const avoided = memory.avoided(m.id, now);
  let candidates = router.candidates(m.phone, { messageId: m.id, exclude: avoided, states });
  // Avoiding is a preference: with nothing else up, the carrier that refused it is still one.
  if (candidates.length === 0 && avoided.length > 0) candidates = router.candidates(m.phone, { messageId: m.id, states });
  const best = candidates[0];
  if (!best) return { kind: 'none' };
  const hasPlace = (c: Carrier) => (places.get(c.id) ?? 0) > 0;
  // A carrier that would come first when well, held back by a verdict that ran out, is tested
  // with one SMS even while a lower route carries the traffic: that is how it comes back.
  const bestRank = router.rank(best.id);
  for (const c of candidates) {
    if (c !== best && router.rank(c.id) < bestRank && router.health.isProbing(c.id) && hasPlace(c)) return { kind: 'go', carrier: c };
  }
  if (hasPlace(best)) return { kind: 'go', carrier: best };
  const since = memory.waitingSince(m.id, now);
  // A healthy carrier that is busy is worth waiting for: it is the cheapest, on-net route.
  if (states.get(best.id) === 'up') return { kind: 'wait' };
  const moveAt = since + (m.priority > 0 ? moveAfterMs.high : moveAfterMs.normal);
  if (now >= moveAt) {
    const other = candidates.slice(1).find(hasPlace);
    if (other) return { kind: 'go', carrier: other };
  }
  return { kind: 'wait', moveAt };
}
