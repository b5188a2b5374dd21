// Long work shows progress: a bar when stderr is a terminal, a line every 10% (or every N seconds) otherwise.
import cliProgress from 'cli-progress';

export interface Progress {
  tick(n?: number, label?: string): void;
  setTotal(total: number): void;
  stop(): void;
}

export function createProgress(title: string, total: number, options: { stream?: NodeJS.WriteStream; quiet?: boolean } = {}): Progress {
  const stream = options.stream ?? process.stderr;
  if (options.quiet) return { tick() {}, setTotal() {}, stop() {} };
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: `${title} [{bar}] {value}/{total} {label}`, stream, hideCursor: true, clearOnComplete: false },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { label: '' });
    return {
      tick: (n = 1, label = '') => bar.increment(n, { label }),
      setTotal: (t) => bar.setTotal(t),
      stop: () => bar.stop(),
    };
  }
  let done = 0;
  let lastReported = 0;
  let lastTime = Date.now();
  let max = total;
  return {
    tick(n = 1) {
      done += n;
      const step = Math.max(1, Math.ceil(max / 10));
      if (done - lastReported >= step || done === max || Date.now() - lastTime > 5000) {
        stream.write(`${title}: ${done}/${max}\n`);
        lastReported = done;
        lastTime = Date.now();
      }
    },
    setTotal(t) {
      max = t;
    },
    stop() {
      if (lastReported !== done) stream.write(`${title}: ${done}/${max}\n`);
    },
  };
}
