'use strict';
// `node scripts/openapi.js FILE` (part of `npm run lint`): writes the api's OpenAPI document to FILE, built from the
// sources as they are, in seconds, with neither PostgreSQL nor Redis: Nest's preview mode wires the modules without
// running a provider. The sources are transpiled file by file as the tests do (`npm run typecheck` checks types).
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const ts = require('typescript');

const ROOT = path.resolve(__dirname, '..');

function registerTypeScript() {
  const { config } = ts.readConfigFile(path.join(ROOT, 'tsconfig.json'), ts.sys.readFile);
  const { options } = ts.convertCompilerOptionsFromJson(config.compilerOptions, ROOT);
  const compilerOptions = { ...options, sourceMap: false, incremental: false };
  require.extensions['.ts'] = (module, filename) => {
    const source = fs.readFileSync(filename, 'utf8');
    module._compile(ts.transpileModule(source, { compilerOptions, fileName: filename }).outputText, filename);
  };
  // `@app/<lib>` is `libs/<lib>/src`, as in tsconfig.json's paths and jest's moduleNameMapper.
  const resolveFilename = Module._resolveFilename;
  Module._resolveFilename = function (request, ...rest) {
    const lib = /^@app\/([^/]+)$/.exec(request);
    return resolveFilename.call(this, lib ? path.join(ROOT, 'libs', lib[1], 'src') : request, ...rest);
  };
}

async function main() {
  const output = process.argv[2];
  if (!output) throw new Error('Usage: node scripts/openapi.js FILE');
  registerTypeScript();
  const { NestFactory } = require('@nestjs/core');
  const { FastifyAdapter } = require('@nestjs/platform-fastify');
  const { ApiModule } = require('../apps/api/src/api.module');
  const { describeApi, prefixRoutes } = require('../apps/api/src/http-app');
  const app = await NestFactory.create(ApiModule, new FastifyAdapter(), { preview: true, logger: false });
  prefixRoutes(app);
  const document = describeApi(app);
  fs.mkdirSync(path.dirname(path.resolve(output)), { recursive: true });
  fs.writeFileSync(output, `${JSON.stringify(document, null, 2)}\n`);
  await app.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
