import { useEffect, useState } from 'preact/hooks';
import type { ApiProblem } from '../api/client';

/** A read made once per page load and shared by every screen; a failed one is tried again by the next caller. */
export function cachedOnce<T>(read: () => Promise<T>): () => Promise<T> {
  let reading: Promise<T> | null = null;
  return () => {
    if (!reading) {
      reading = read();
      reading.catch(() => (reading = null));
    }
    return reading;
  };
}

/** The value of a cached read (null until there), or the problem that kept it away. */
export function useCached<T>(read: () => Promise<T>): { value: T | null; problem: ApiProblem | null } {
  const [state, setState] = useState<{ value: T | null; problem: ApiProblem | null }>({ value: null, problem: null });
  useEffect(() => {
    let live = true;
    read().then(
      (value) => live && setState({ value, problem: null }),
      (problem: ApiProblem) => live && setState({ value: null, problem }),
    );
    return () => {
      live = false;
    };
  }, [read]);
  return state;
}
