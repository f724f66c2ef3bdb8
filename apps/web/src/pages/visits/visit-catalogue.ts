import { useEffect, useState } from 'preact/hooks';
import { ApiProblem, get } from '../../api/client';
import type { Office, Page, VisitService } from '../../api/types';

export interface VisitCatalogue {
  offices: Office[];
  services: VisitService[];
}

// Offices and their services change rarely: read once per page load, shared by the booking and the office day.
let loading: Promise<VisitCatalogue> | null = null;

function loadVisitCatalogue(): Promise<VisitCatalogue> {
  loading ??= Promise.all([
    get<Page<Office>>('/offices?limit=500', { anonymous: true }),
    get<Page<VisitService>>('/visit-services?limit=500', { anonymous: true }),
  ]).then(([offices, services]) => ({ offices: offices.items, services: services.items }));
  loading.catch(() => (loading = null));
  return loading;
}

/** The offices and visit services (null until read), or the problem that kept them from being read. */
export function useVisitCatalogue(): { catalogue: VisitCatalogue | null; problem: ApiProblem | null } {
  const [catalogue, setCatalogue] = useState<VisitCatalogue | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  useEffect(() => {
    let live = true;
    loadVisitCatalogue().then(
      (loaded) => live && setCatalogue(loaded),
      (error: ApiProblem) => live && setProblem(error),
    );
    return () => {
      live = false;
    };
  }, []);
  return { catalogue, problem };
}

export function servicesAt(catalogue: VisitCatalogue, officeCode: string): VisitService[] {
  return catalogue.services.filter((service) => service.officeCodes.includes(officeCode));
}
