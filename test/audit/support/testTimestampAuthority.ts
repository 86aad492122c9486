import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A real RFC 3161 TSA for tests: `openssl ts -reply` behind an HTTP handler, with its own test CA. */
export interface TestTimestampAuthority {
  url: string;
  /** the test CA's certificate (PEM), the root an auditor would trust */
  caPem: string;
  caFile: string;
  /** requests answered so far */
  requests: number;
  close(): Promise<void>;
}

export async function startTestTimestampAuthority(): Promise<TestTimestampAuthority> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'test-tsa-'));
  const openssl = (...args: string[]) => run('openssl', args, { cwd: dir });
  await openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-subj', '/CN=Test Audit CA', '-days', '2',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  await openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'tsa.key', '-out', 'tsa.csr', '-subj', '/O=Test/CN=Test TSA');
  await writeFile(path.join(dir, 'tsa.ext'), 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=critical,timeStamping\n');
  await openssl('x509', '-req', '-in', 'tsa.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'tsa.crt', '-days', '2', '-extfile', 'tsa.ext');
  await writeFile(path.join(dir, 'serial'), '01\n');
  await writeFile(
    path.join(dir, 'tsa.cnf'),
    [
      '[ tsa ]',
      'default_tsa = tsa_config',
      '[ tsa_config ]',
      `dir = ${dir}`,
      'serial = $dir/serial',
      'signer_cert = $dir/tsa.crt',
      'certs = $dir/ca.crt',
      'signer_key = $dir/tsa.key',
      'signer_digest = sha256',
      'default_policy = 1.3.6.1.4.1.99999.1',
      'digests = sha256',
      'accuracy = secs:1',
      'ordering = no',
      'tsa_name = yes',
      'ess_cert_id_alg = sha256',
      '',
    ].join('\n'),
  );
  let requests = 0;
  let queue = Promise.resolve();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      // openssl keeps its serial in a file: one reply at a time
      queue = queue.then(async () => {
        if (req.method !== 'POST' || req.headers['content-type'] !== 'application/timestamp-query') {
          res.writeHead(415).end();
          return;
        }
        const n = ++requests;
        const query = path.join(dir, `q${n}.tsq`);
        const reply = path.join(dir, `r${n}.tsr`);
        await writeFile(query, Buffer.concat(chunks));
        try {
          await openssl('ts', '-reply', '-config', 'tsa.cnf', '-queryfile', query, '-out', reply);
          res.writeHead(200, { 'Content-Type': 'application/timestamp-reply' }).end(await readFile(reply));
        } catch (error) {
          res.writeHead(500).end(String(error));
        }
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const tsa: TestTimestampAuthority = {
    url: `http://127.0.0.1:${port}/tsa`,
    caPem: await readFile(path.join(dir, 'ca.crt'), 'utf8'),
    caFile: path.join(dir, 'ca.crt'),
    get requests() {
      return requests;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await queue;
      await rm(dir, { recursive: true, force: true });
    },
  };
  return tsa;
}
