import { existsSync } from 'node:fs';

/**
 * Loads `.env` from the working directory into `process.env` when it exists, before anything reads configuration.
 * Variables already set in the environment win. Every entry point calls this first.
 */
export function loadEnvironment(file = '.env'): void {
  if (existsSync(file)) process.loadEnvFile(file);
}
