// The floor of the HTTP benchmark (bench/run.mjs starts it as a child process): a bare node:http server answering
// GET /partners/:centreId/:id (and GET /ready) with the partner's row read by primary key through a pg pool of DB_POOL_SIZE, as
// JSON. No framework, no session, no derived fields: what this machine serves for the same read at best.
// Env: DATABASE_URL, DB_POOL_SIZE (10), PORT (0: a free one). Prints {"port": n} on stdout once listening.
import http from 'node:http';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DB_POOL_SIZE ?? 10) });
const route = /^\/partners\/([0-9a-f-]{36})\/([0-9a-f-]{36})$/;

const server = http.createServer(async (req, res) => {
  if (req.url === '/ready') {
    res.writeHead(200).end();
    return;
  }
  const match = route.exec(req.url ?? '');
  if (req.method !== 'GET' || !match) {
    res.writeHead(404).end();
    return;
  }
  try {
    const { rows } = await pool.query('SELECT * FROM partner WHERE id = $1 AND centre_id = $2', [match[2], match[1]]);
    if (rows.length === 0) res.writeHead(404).end();
    else res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(rows[0]));
  } catch (error) {
    res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
  }
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(JSON.stringify({ port: server.address().port }));
});
process.on('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))));
