// The demo's day, kept by the loader as it writes the year's events in date order. The executive cycle's flows
// (cycle.ts) wait on it for the day of each step, so that every step happens after what came before it in the record
// and before what comes after: a call-in after its decision was published and before the scrutiny meeting that
// considers it; the Cabinet Member's reconsideration after that meeting. Flows run one at a time, never together.

interface Waiter {
  day: string;
  seq: number;
  wake: () => void;
}

export class DemoClock {
  #day = '';
  #seq = 0;
  readonly #waiting: Waiter[] = [];
  /** The loader waiting for the flow it woke to wait again (or finish, or fail). */
  #pause: { resolve: () => void; reject: (e: unknown) => void } | null = null;

  /** In a flow: resumes once the loader has written everything dated on or before `day`. */
  until(day: string): Promise<void> {
    return new Promise((wake) => {
      this.#waiting.push({ day, seq: this.#seq++, wake });
      this.#paused();
    });
  }

  /** Starts a flow; it runs until it first waits for a day (or ends). */
  start(flow: () => Promise<void>): Promise<void> {
    return this.#step(() => void flow().then(() => this.#paused(), (e: unknown) => this.#failed(e)));
  }

  /** By the loader: everything dated on or before `day` is written; flows waiting for those days run, in date order. */
  async advance(day: string): Promise<void> {
    if (day > this.#day) this.#day = day;
    for (;;) {
      this.#waiting.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.seq - b.seq));
      const next = this.#waiting[0];
      if (!next || next.day > this.#day) return;
      this.#waiting.shift();
      await this.#step(next.wake);
    }
  }

  #step(resume: () => void): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#pause = { resolve, reject };
      resume();
    });
  }

  #paused(): void {
    const p = this.#pause;
    this.#pause = null;
    p?.resolve();
  }

  #failed(e: unknown): void {
    const p = this.#pause;
    this.#pause = null;
    if (p) p.reject(e);
    else throw e;
  }
}
