// A minimal HTTP server in its own process that answers every request with
// one fixed Closient status body: the server side of the client-overhead
// figure, kept out of the measuring process so it does not share its core.
import { spawn } from 'node:child_process';

const SERVER = `
const http = require('node:http');
const body = JSON.stringify({
  job_id: 'a2b3c4d5e6f7g8h9i2j3k4', status: 'processing', archive_format: 'zip',
  format_version: '1.0', file_size_bytes: 0, download_url: null, sections: [],
});
const server = http.createServer((req, res) => {
  req.resume();
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => process.stdout.write(server.address().port + '\\n'));
`;

export async function startStatusServer() {
  const child = spawn(process.execPath, ['-e', SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise((resolve, reject) => {
    child.once('error', reject);
    child.stdout.once('data', (chunk) => resolve(Number(String(chunk).trim())));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => { child.once('exit', resolve); child.kill(); }),
  };
}
