import { useNow } from '../../app/clock';

/**
 * The time for countdowns: re-read on every 15 s tick of the shared clock, and fresh
 * whenever anything else makes the countdown recompute (a notice recorded a second ago
 * is not counted from a time 14 s old).
 */
export function useCurrentTime(): () => Date {
  const tick = useNow();
  return () => {
    tick();
    return new Date();
  };
}
