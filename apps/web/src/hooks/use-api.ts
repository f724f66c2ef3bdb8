import { useEffect, useState } from 'preact/hooks';
import { type ApiProblem, get } from '../api/client';

/** An answer as it arrives: neither part set while loading. */
export interface Loaded<T> {
  data: T | null;
  problem: ApiProblem | null;
  /** Reads it again (after a change made on the page). */
  reload(): void;
}

/**
 * Reads a JSON answer, again whenever the path (with its query) changes; a late answer to an earlier path is
 * dropped, so quick changes of a filter never show an older list. A null path reads nothing.
 */
export function useApi<T>(path: string | null, options: { anonymous?: boolean } = {}): Loaded<T> {
  const [state, setState] = useState<{ data: T | null; problem: ApiProblem | null }>({ data: null, problem: null });
  const [round, setRound] = useState(0);
  useEffect(() => {
    if (path === null) return;
    let current = true;
    setState((previous) => (round ? previous : { data: null, problem: null }));
    get<T>(path, options).then(
      (data) => current && setState({ data, problem: null }),
      (problem: ApiProblem) => current && setState({ data: null, problem }),
    );
    return () => {
      current = false;
    };
  }, [path, round]);
  return { ...state, reload: () => setRound((count) => count + 1) };
}
