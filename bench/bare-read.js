'use strict';
/**
 * The calibration of the read benchmark: the least a read of a case can cost on this stack, outside the product.
 * Fastify, an HS256 bearer check with the api's own JWT library and key, one prepared SELECT of the case as the api
 * selects it (with the assignee's name), JSON out; no Nest, no guards, pipes or logging.
 *   node bench/bare-read.js            (PORT 3100; DATABASE_URL and JWT_SECRET as the api's, from .env)
 */
const fastify = require('fastify');
const jwt = require('jsonwebtoken');
const { createSecretKey } = require('node:crypto');
const { Pool } = require('pg');

// The api's secrets, from .env when there is one (else from the environment).
if (require('node:fs').existsSync('.env')) process.loadEnvFile('.env');
const key = createSecretKey(Buffer.from(process.env.JWT_SECRET, 'utf8'));
const pool = new Pool({
  connectionString: process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/contact_centre',
  max: Number(process.env.DATABASE_POOL_SIZE || 8),
});
const SELECT_CASE = `
  SELECT c.id, c.number, c.status, c.channel, c.category_code, c.unit_code, a.username AS assignee, c.priority,
         c.subject, c.description, c.resident_name, c.resident_phone, c.resident_email, c.location_address,
         c.location_district, c.location_lat, c.location_lon, c.resolution, c.received_at, c.created_at,
         c.updated_at, c.due_date, c.due_at, c.resolved_at, c.closed_at, c.version
    FROM cases c LEFT JOIN users a ON a.id = c.assignee_id
   WHERE c.number = $1`;

const app = fastify();
app.get('/api/v1/cases/:number', async (request, reply) => {
  const match = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '');
  try {
    jwt.verify(match?.[1] ?? '', key, { algorithms: ['HS256'] });
  } catch {
    return reply.status(401).send({ status: 401 });
  }
  const { rows } = await pool.query({ name: 'bare-case', text: SELECT_CASE, values: [request.params.number] });
  if (!rows.length) return reply.status(404).send({ status: 404 });
  return reply.header('ETag', `"${rows[0].version}"`).send(rows[0]);
});

app.listen({ port: Number(process.env.BARE_PORT || 3100), host: '127.0.0.1' }).then((address) => {
  console.log(`bare read path listening at ${address}`);
});
process.on('SIGTERM', () => app.close().then(() => pool.end()));
