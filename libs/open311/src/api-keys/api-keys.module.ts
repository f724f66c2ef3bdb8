import { Module } from '@nestjs/common';
import { ApiKeys } from './api-keys.store';

/** The Open311 clients' keys: what the CLI needs (`api-keys:add`, `:revoke`, `:list`) and the POST checks. */
@Module({ providers: [ApiKeys], exports: [ApiKeys] })
export class ApiKeysModule {}
