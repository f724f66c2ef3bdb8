import { InitialSchema1764000000000 } from './1764000000000-initial-schema';
import { Hardening1764100000000 } from './1764100000000-hardening';
import { Routing1764200000000 } from './1764200000000-routing';
import { FollowUps1764300000000 } from './1764300000000-follow-ups';
import { Reporting1764400000000 } from './1764400000000-reporting';
import { Open3111764500000000 } from './1764500000000-open311';
import { PublicNotes1764510000000 } from './1764510000000-public-notes';
import { Visits1764600000000 } from './1764600000000-visits';

/** Every migration, in order. Classes, not globs, so jest, `nest start` and the built app load them alike. */
export const MIGRATIONS = [
  InitialSchema1764000000000,
  Hardening1764100000000,
  Routing1764200000000,
  FollowUps1764300000000,
  Reporting1764400000000,
  Open3111764500000000,
  PublicNotes1764510000000,
  Visits1764600000000,
];
