import e2eGlobalSetup from '../../support/global-setup';

/** The end-to-end tests' fresh database, and the web front end built from the current sources. */
export default async function globalSetup(): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('../../../scripts/setup').ensureWebBuilt();
  await e2eGlobalSetup();
}
