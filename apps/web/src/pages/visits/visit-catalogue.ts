import { get } from '../../api/client';
import type { Office, Page, VisitService } from '../../api/types';
import { cachedOnce, useCached } from '../../hooks/cached';

export interface VisitCatalogue {
  offices: Office[];
  services: VisitService[];
}

// Offices and their services change rarely: read once per page load, shared by the booking and the office day.
const readVisitCatalogue = cachedOnce(async (): Promise<VisitCatalogue> => {
  const [offices, services] = await Promise.all([
    get<Page<Office>>('/offices?limit=500', { anonymous: true }),
    get<Page<VisitService>>('/visit-services?limit=500', { anonymous: true }),
  ]);
  return { offices: offices.items, services: services.items };
});

/** The offices and visit services (null until read), or the problem that kept them from being read. */
export function useVisitCatalogue() {
  const { value, problem } = useCached(readVisitCatalogue);
  return { catalogue: value, problem };
}

export function servicesAt(catalogue: VisitCatalogue, officeCode: string): VisitService[] {
  return catalogue.services.filter((service) => service.officeCodes.includes(officeCode));
}
