import type { Resource } from 'solid-js';

/**
 * A resource's value read without suspending the screen while it is read (again), and without
 * throwing its error: undefined until the first read settles, then the last value, also while
 * a newer read is under way. Its error stays on `resource.error` for the screen to show.
 */
export function settled<T>(resource: Resource<T>): T | undefined {
  return resource.state === 'ready' || resource.state === 'refreshing' ? resource.latest : undefined;
}
