export { Open311Module } from './open311.module';
export { ApiKeysModule } from './api-keys/api-keys.module';
export { ApiKeys, ApiKeyHolder, ApiKeySummary } from './api-keys/api-keys.store';
export { API_KEY_PATTERN, generateApiKey, hashApiKey } from './api-keys/api-key';
