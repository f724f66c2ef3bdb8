import { InitialSchema1764000000000 } from './1764000000000-initial-schema';

/** Every migration, in order. Classes, not globs, so jest, `nest start` and the built app load them alike. */
export const MIGRATIONS = [InitialSchema1764000000000];
