import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { IN_CI } from './harness.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BINARY = ['/usr/sbin/mosquitto', '/usr/bin/mosquitto', '/usr/local/sbin/mosquitto'].find((p) =>
  existsSync(p),
);

/** Is there a Mosquitto binary? Under CI=true a missing one is a failure, not a skip. */
export function mosquittoBinary(): string | null {
  if (!BINARY && IN_CI) throw new Error('CI=true but no mosquitto binary (apt-get install -y mosquitto)');
  return BINARY ?? null;
}

export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/**
 * A Mosquitto of its own, configured by the shipped deploy/mosquitto.conf (and deploy/mosquitto.acl) with
 * only the port, the file paths and the persistence folder changed. `restart()` stops it (SIGTERM: it saves
 * its persistence) and starts it again on the same port.
 */
export class TestMosquitto {
  readonly dir = mkdtempSync(join(tmpdir(), 'yy-mosq-'));
  readonly passwd = join(this.dir, 'yiyang.passwd');
  #proc: ChildProcess | null = null;
  log = '';
  private constructor(
    readonly port: number,
    private readonly binary: string,
  ) {}

  static async start(binary: string, passwdLines: string[]): Promise<TestMosquitto> {
    const m = new TestMosquitto(await freePort(), binary);
    writeFileSync(m.passwd, passwdLines.join('\n') + '\n', { mode: 0o600 });
    writeFileSync(join(m.dir, 'yiyang.acl'), readFileSync(join(ROOT, 'deploy/mosquitto.acl')));
    const conf = readFileSync(join(ROOT, 'deploy/mosquitto.conf'), 'utf8')
      .replace(/^listener 1883$/m, `listener ${m.port} 127.0.0.1`)
      .replace(/^password_file .*$/m, `password_file ${m.passwd}`)
      .replace(/^acl_file .*$/m, `acl_file ${join(m.dir, 'yiyang.acl')}`)
      .replace(/^persistence_location .*$/m, `persistence_location ${m.dir}/`);
    // Run as the test's own user (as root Mosquitto would switch to "mosquitto" and not read these files).
    writeFileSync(join(m.dir, 'mosquitto.conf'), `user ${userInfo().username}\n${conf}`);
    await m.run();
    return m;
  }

  get url(): string {
    return `mqtt://127.0.0.1:${this.port}`;
  }

  private async run(): Promise<void> {
    const p = spawn(this.binary, ['-c', join(this.dir, 'mosquitto.conf')], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.#proc = p;
    const listening = new Promise<void>((resolve, reject) => {
      const on = (d: Buffer) => {
        this.log += String(d);
        if (/Opening ipv4 listen socket/.test(this.log)) resolve();
      };
      p.stderr!.on('data', on);
      p.stdout!.on('data', on);
      p.once('exit', (code) => reject(new Error(`mosquitto exited (${code}): ${this.log}`)));
    });
    await listening;
    // Starting logs before it listens: wait until a connection is accepted.
    for (;;) {
      const ok = await new Promise<boolean>((r) => {
        const s = createServer();
        s.once('error', () => r(true));
        s.listen(this.port, '127.0.0.1', () => s.close(() => r(false)));
      });
      if (ok) return;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async stop(): Promise<void> {
    const p = this.#proc;
    this.#proc = null;
    if (!p || p.exitCode !== null) return;
    await new Promise<void>((r) => {
      p.once('exit', () => r());
      p.kill('SIGTERM');
    });
  }

  async restart(): Promise<void> {
    await this.stop();
    this.log = '';
    await this.run();
  }
}

/** A server process (server/src/main.ts) with this environment; `kill()` is SIGKILL. */
export class ServerProcess {
  #proc: ChildProcess;
  out = '';
  readonly ready: Promise<void>;
  constructor(env: Record<string, string>) {
    this.#proc = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server/src/main.ts')], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.ready = new Promise<void>((resolve, reject) => {
      const on = (d: Buffer) => {
        this.out += String(d);
        if (this.out.includes('device ingest connected to the MQTT broker')) resolve();
      };
      this.#proc.stdout!.on('data', on);
      this.#proc.stderr!.on('data', on);
      this.#proc.once('exit', (code, signal) =>
        reject(new Error(`server exited (${code ?? signal}): ${this.out.slice(-2000)}`)),
      );
    });
    this.ready.catch(() => {});
  }
  /** How many messages this instance committed (its debug log of each batch). */
  committed(): number {
    let n = 0;
    for (const m of this.out.matchAll(/"messages":(\d+),"msg":"device ingest batch committed"/g))
      n += Number(m[1]);
    return n;
  }
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (this.#proc.exitCode !== null || this.#proc.signalCode !== null) return;
    await new Promise<void>((r) => {
      this.#proc.once('exit', () => r());
      this.#proc.kill(signal);
    });
  }
}
