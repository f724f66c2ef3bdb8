import { ALLOWED_TRANSITIONS, CASE_STATUSES } from '@app/cases';
import { CHANNELS, PRIORITIES } from '@app/core';
import { IMPORT_COLUMNS } from '@app/bulk';
import * as web from '../../apps/web/src/api/types';
import { IMPORT_COLUMNS as WEB_IMPORT_COLUMNS } from '../../apps/web/src/pages/dashboard/import-columns';

/**
 * The pages keep their own copy of the contract's vocabulary (they are a client of the api, bundled apart): it must
 * say what the api says, so a button is never offered that the api would refuse.
 */
describe('The web’s copy of the contract', () => {
  it('has the api’s statuses, their allowed changes, channels and priorities', () => {
    expect(web.CASE_STATUSES).toEqual(CASE_STATUSES);
    expect(web.NEXT_STATUSES).toEqual(ALLOWED_TRANSITIONS);
    expect([...web.CHANNELS].sort()).toEqual([...CHANNELS].sort());
    expect(web.PRIORITIES).toEqual(PRIORITIES);
    expect(web.OPEN_STATUSES).toEqual(CASE_STATUSES.filter((status) => status !== 'resolved' && status !== 'closed'));
  });

  it('explains the import columns the api reads', () => {
    expect(WEB_IMPORT_COLUMNS).toEqual(IMPORT_COLUMNS);
  });
});
