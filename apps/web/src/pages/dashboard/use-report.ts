import { useEffect, useState } from 'preact/hooks';
import { type ApiProblem, get } from '../../api/client';

/** A report as it arrives: neither part set while loading. */
export interface Report<T> {
  data: T | null;
  problem: ApiProblem | null;
}

/** Reads a JSON report, again whenever its path (with its query) changes; a late answer to an old path is dropped. */
export function useReport<T>(path: string): Report<T> {
  const [report, setReport] = useState<Report<T>>({ data: null, problem: null });
  useEffect(() => {
    let current = true;
    setReport({ data: null, problem: null });
    get<T>(path).then(
      (data) => current && setReport({ data, problem: null }),
      (problem: ApiProblem) => current && setReport({ data: null, problem }),
    );
    return () => {
      current = false;
    };
  }, [path]);
  return report;
}
