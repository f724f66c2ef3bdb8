'use strict';
// Checks that PostgreSQL and Redis answer, using only Node's own modules so that it works before `npm ci`.
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/contact_centre';
const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

const HOW_TO_START = {
  postgres:
    'Start it (Debian: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start; ' +
    'Docker: docker compose up -d postgres) or point DATABASE_URL at a running server.',
  redis:
    'Start it (redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no; ' +
    'Docker: docker compose up -d redis) or point REDIS_URL at a running server.',
};

/** Settings in .env count as if they were in the environment (the environment wins), for scripts and apps alike. */
function loadEnvironment() {
  const file = path.resolve(__dirname, '..', '.env');
  if (fs.existsSync(file)) process.loadEnvFile(file);
}

function endpoint(url, defaultPort) {
  const parsed = new URL(url);
  return { host: parsed.hostname || '127.0.0.1', port: Number(parsed.port || defaultPort) };
}

/**
 * A greeting each server answers without credentials, so that an open port with something else behind it does not
 * count: PostgreSQL's SSLRequest (answered 'S' or 'N'), Redis's PING (answered +PONG, or -NOAUTH when protected).
 */
const GREETINGS = {
  postgres: {
    request: Buffer.from([0, 0, 0, 8, 4, 210, 22, 47]),
    answered: (data) => /^[SN]/.test(data.toString('latin1')),
  },
  redis: { request: Buffer.from('PING\r\n'), answered: (data) => /^(\+PONG|-NOAUTH)/.test(data.toString('latin1')) },
};

function probe({ host, port }, greeting, timeoutMs) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const timer = setTimeout(() => done(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    function done(error) {
      clearTimeout(timer);
      socket.destroy();
      resolve(error);
    }
    socket.once('connect', () => socket.write(greeting.request));
    socket.once('data', (data) => done(greeting.answered(data) ? null : new Error('something else answers there')));
    socket.once('error', (error) => done(error));
  });
}

/** Resolves when both answer; otherwise prints exactly what is missing and how to start it, and exits 1. */
async function requireServices({ databaseUrl, redisUrl, timeoutMs = 3000 }) {
  const services = [
    {
      name: 'PostgreSQL',
      key: 'postgres',
      variable: 'DATABASE_URL',
      url: databaseUrl,
      at: endpoint(databaseUrl, 5432),
    },
    { name: 'Redis', key: 'redis', variable: 'REDIS_URL', url: redisUrl, at: endpoint(redisUrl, 6379) },
  ];
  const failures = [];
  await Promise.all(
    services.map(async (service) => {
      const error = await probe(service.at, GREETINGS[service.key], timeoutMs);
      if (error) failures.push({ ...service, error });
    }),
  );
  for (const failure of failures) {
    console.error(
      `✗ ${failure.name} does not answer at ${failure.at.host}:${failure.at.port} ` +
        `(${failure.variable}; ${failure.error.code || failure.error.message}).\n  ${HOW_TO_START[failure.key]}`,
    );
  }
  if (failures.length) process.exit(1);
}

module.exports = { DEFAULT_DATABASE_URL, DEFAULT_REDIS_URL, loadEnvironment, requireServices };
