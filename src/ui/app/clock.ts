import { createRoot, createSignal, type Accessor } from 'solid-js';

let shared: Accessor<number> | null = null;

/** The time, as a signal that moves every 15 s: countdowns everywhere tick together. */
export function useNow(): Accessor<number> {
  shared ??= createRoot(() => {
    const [now, setNow] = createSignal(Date.now());
    setInterval(() => setNow(Date.now()), 15_000);
    return now;
  });
  return shared;
}
