import { Worker } from 'node:worker_threads';

/**
 * A fixed set of worker threads running one module, for CPU-bound batches
 * (e.g. validating and encrypting import rows). Each worker handles its
 * messages one at a time; `run` goes to the worker with the fewest batches
 * waiting. The module answers `{ id, result }` or `{ id, error }` for each
 * `{ id, input }` it receives (see `serveBatches`).
 *
 * Under tsx (a `.ts` module) the worker registers tsx's loader before
 * importing it: Node 20 does not pass module hooks on to worker threads.
 */
export class WorkerPool<I, O> {
  private readonly workers: { worker: Worker; pending: number }[] = [];
  private readonly waiting = new Map<number, { resolve(o: O): void; reject(e: unknown): void }>();
  private nextId = 0;
  private failure: Error | null = null;

  constructor(module: URL, size: number, workerData: unknown) {
    const code = module.pathname.endsWith('.ts')
      ? `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((m) => { m.register(); return import(${JSON.stringify(module.href)}); });`
      : `import(${JSON.stringify(module.href)});`;
    for (let i = 0; i < size; i++) {
      const worker = new Worker(code, { eval: true, workerData });
      const slot = { worker, pending: 0 };
      worker.on('message', (m: { id: number; result?: O; error?: string }) => {
        slot.pending--;
        const w = this.waiting.get(m.id);
        this.waiting.delete(m.id);
        if (m.error !== undefined) w?.reject(new Error(m.error));
        else w?.resolve(m.result as O);
      });
      worker.on('error', (err) => this.fail(err));
      worker.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`worker exited with code ${code}`));
      });
      this.workers.push(slot);
    }
  }

  get size(): number {
    return this.workers.length;
  }

  run(input: I): Promise<O> {
    if (this.failure) return Promise.reject(this.failure);
    const slot = this.workers.reduce((a, b) => (b.pending < a.pending ? b : a));
    const id = this.nextId++;
    slot.pending++;
    return new Promise<O>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      slot.worker.postMessage({ id, input });
    });
  }

  private fail(err: Error): void {
    this.failure ??= err;
    for (const w of this.waiting.values()) w.reject(err);
    this.waiting.clear();
  }

  async close(): Promise<void> {
    this.failure ??= new Error('worker pool closed');
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
    for (const w of this.waiting.values()) w.reject(this.failure);
    this.waiting.clear();
  }
}

/**
 * The worker side of `WorkerPool`: answers each batch with `handle(input)`.
 * `transfer` names buffers of the result to move rather than copy.
 */
export function serveBatches<I, O>(
  port: {
    on(event: 'message', fn: (m: { id: number; input: I }) => void): void;
    postMessage(m: unknown, transfer?: ArrayBuffer[]): void;
  },
  handle: (input: I) => O,
  transfer?: (result: O) => ArrayBuffer[],
): void {
  port.on('message', ({ id, input }) => {
    try {
      const result = handle(input);
      port.postMessage({ id, result }, transfer?.(result));
    } catch (err) {
      port.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
    }
  });
}
