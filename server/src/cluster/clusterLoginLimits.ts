import type { LoginGuard } from '../auth/loginGuard.js';
import type { ClusterBus } from './clusterBus.js';

/**
 * Failed sign-ins count on every server process. Each process keeps the limits in memory; without
 * this, a guesser whose requests a load balancer spreads over three processes had three times
 * the free attempts, and each process's delays grew with only its share of the failures. What a
 * settled check changed crosses as a notice (keys are an e-mail, an address, or both); the
 * receiving process counts it from when it arrives. Attempts checked at the same moment on
 * different processes can each pass before they hear of the others: one per process at most.
 */
export function shareLoginLimits(bus: ClusterBus, guard: LoginGuard): void {
  if (!bus.shared) return;
  guard.onChanges((changes) => bus.publish({ t: 'limits', n: bus.nodeId, c: changes.map((c) => ({ l: c.limit, k: c.key, f: c.failed })) }));
  bus.subscribe((notice) => {
    if (notice.t !== 'limits' || notice.n === bus.nodeId) return;
    for (const change of notice.c) guard.applyElsewhere({ limit: change.l, key: change.k, failed: change.f });
  });
}
