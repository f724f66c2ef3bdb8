import { useEffect, useState } from 'preact/hooks';
import { type ApiProblem, get } from '../api/client';

/** An answer as it arrives: neither part set while loading. */
export interface Loaded<T> {
  data: T | null;
  problem: ApiProblem | null;
  /** Reads it again (after a change made on the page), showing the last answer meanwhile. */
  reload(): void;
}

interface Answer<T> {
  path: string;
  data: T | null;
  problem: ApiProblem | null;
}

/**
 * Reads a JSON answer, again whenever the path (with its query) changes. Only an answer to the current path is
 * ever shown: a late answer to an earlier one is dropped, and a new path starts from "loading", so quick changes of a
 * filter never show an older list. A null path reads nothing.
 */
export function useApi<T>(path: string | null, { anonymous = false } = {}): Loaded<T> {
  const [answer, setAnswer] = useState<Answer<T> | null>(null);
  const [round, setRound] = useState(0);
  useEffect(() => {
    if (path === null) return;
    let current = true;
    get<T>(path, { anonymous }).then(
      (data) => current && setAnswer({ path, data, problem: null }),
      (problem: ApiProblem) => current && setAnswer({ path, data: null, problem }),
    );
    return () => {
      current = false;
    };
  }, [path, anonymous, round]);
  const mine = answer?.path === path ? answer : null;
  return { data: mine?.data ?? null, problem: mine?.problem ?? null, reload: () => setRound((count) => count + 1) };
}
