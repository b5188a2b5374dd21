// A lean HTTP/1.1 keep-alive client for the load generators that share the machine with the servers they measure
// (bench/ops.ts). Node's http client spent 0.35–0.7 ms of CPU a request on its own machinery (ClientRequest, the
// agent, IncomingMessage streams), a third of the two cores the ops run has, taken from the servers it measures;
// this one writes a request as one string and reads the answer off the socket (status, Content-Length or chunked
// framing, Location, Connection), so the time it reports is still from the request's send to its last byte.
import { connect, type Socket } from 'node:net';

export interface Answer {
  /** HTTP status, or 0 when no complete answer came (error says why). */
  status: number;
  error: string | null;
  location: string | null;
  /** The body as text, only when asked for (keepBody). */
  body: string;
}

interface Pending {
  done: (a: Answer) => void;
  keepBody: boolean;
  timer: NodeJS.Timeout;
}

const CRLF2 = Buffer.from('\r\n\r\n');

/** One keep-alive connection: one request at a time (no pipelining), like a browser's. */
class Connection {
  socket: Socket;
  #buf: Buffer = Buffer.alloc(0);
  #pending: Pending | null = null;
  #open = false;
  #closed = false;
  // The answer being read: its head once parsed, then how its body is framed.
  #head: { status: number; location: string | null; close: boolean; length: number; chunked: boolean } | null = null;
  #chunks: Buffer[] = [];
  #pool: Pool;

  constructor(pool: Pool) {
    this.#pool = pool;
    this.socket = connect({ host: pool.host, port: pool.port, noDelay: true });
    this.socket.on('connect', () => { this.#open = true; });
    this.socket.on('data', (d: Buffer) => this.#data(d));
    this.socket.on('error', (e: NodeJS.ErrnoException) => this.#fail(e.code ?? e.message));
    this.socket.on('close', () => this.#fail(this.#open ? 'ECONNRESET' : 'ECONNREFUSED'));
  }

  get closed(): boolean { return this.#closed; }

  send(text: string, keepBody: boolean, timeoutMs: number, done: (a: Answer) => void): void {
    const timer = setTimeout(() => { this.#fail('TIMEOUT'); this.socket.destroy(); }, timeoutMs);
    this.#pending = { done, keepBody, timer };
    this.socket.write(text);
  }

  #finish(a: Answer): void {
    const p = this.#pending;
    this.#pending = null;
    this.#head = null;
    this.#chunks = [];
    if (!p) return;
    clearTimeout(p.timer);
    p.done(a);
  }

  #fail(error: string): void {
    if (!this.#closed) {
      this.#closed = true;
      this.socket.destroy();
      this.#pool.forget(this);
    }
    if (this.#pending) this.#finish({ status: 0, error, location: null, body: '' });
  }

  #data(d: Buffer): void {
    this.#buf = this.#buf.length ? Buffer.concat([this.#buf, d]) : d;
    if (!this.#pending) {
      // Bytes nobody asked for: the connection is not usable.
      this.#fail('UNEXPECTED_DATA');
      return;
    }
    if (!this.#head) {
      const end = this.#buf.indexOf(CRLF2);
      if (end < 0) return;
      const lines = this.#buf.toString('latin1', 0, end).split('\r\n');
      this.#buf = this.#buf.subarray(end + 4);
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(lines[0])?.[1] ?? NaN);
      if (!Number.isInteger(status)) return this.#fail('BAD_STATUS_LINE');
      let length = -1;
      let chunked = false;
      let close = false;
      let location: string | null = null;
      for (let i = 1; i < lines.length; i++) {
        const line = lines[i];
        const colon = line.indexOf(':');
        if (colon < 0) continue;
        const name = line.slice(0, colon).toLowerCase();
        const value = line.slice(colon + 1).trim();
        if (name === 'content-length') length = Number(value);
        else if (name === 'transfer-encoding') chunked = value.toLowerCase().includes('chunked');
        else if (name === 'connection') close = value.toLowerCase() === 'close';
        else if (name === 'location') location = value;
      }
      if (!chunked && length < 0 && status !== 204 && status !== 304) return this.#fail('NO_FRAMING'); // would need reading to close: never sent by the servers
      this.#head = { status, location, close, length: chunked ? -1 : Math.max(0, length), chunked };
    }
    const head = this.#head;
    let body: Buffer | null = null;
    if (!head.chunked) {
      if (this.#buf.length < head.length) return;
      body = this.#buf.subarray(0, head.length);
      this.#buf = this.#buf.subarray(head.length);
    } else {
      // size CRLF data CRLF … 0 CRLF (trailers) CRLF
      for (;;) {
        const eol = this.#buf.indexOf('\r\n');
        if (eol < 0) return;
        const size = Number.parseInt(this.#buf.toString('latin1', 0, eol), 16);
        if (!Number.isInteger(size) || size < 0) return this.#fail('BAD_CHUNK');
        if (size === 0) {
          const end = this.#buf.indexOf(CRLF2, eol - 2 < 0 ? 0 : eol - 2);
          if (end < 0) return;
          this.#buf = this.#buf.subarray(end + 4);
          body = Buffer.concat(this.#chunks);
          break;
        }
        if (this.#buf.length < eol + 2 + size + 2) return;
        if (this.#pending.keepBody) this.#chunks.push(this.#buf.subarray(eol + 2, eol + 2 + size));
        this.#buf = this.#buf.subarray(eol + 2 + size + 2);
      }
    }
    const keepBody = this.#pending.keepBody;
    const answer: Answer = { status: head.status, error: null, location: head.location, body: keepBody ? body.toString('utf8', 0, Math.min(body.length, 1200)) : '' };
    if (this.#buf.length) return this.#fail('UNEXPECTED_DATA');
    if (head.close) {
      this.#closed = true;
      this.#pool.forget(this);
      this.socket.end();
    }
    this.#finish(answer);
    if (!head.close) this.#pool.release(this);
  }
}

/** Keep-alive connections to one server, opened as needed and reused. */
export class Pool {
  #idle: Connection[] = [];
  #all = new Set<Connection>();

  constructor(readonly host: string, readonly port: number) {}

  forget(c: Connection): void {
    this.#all.delete(c);
    const i = this.#idle.indexOf(c);
    if (i >= 0) this.#idle.splice(i, 1);
  }

  release(c: Connection): void {
    if (!c.closed) this.#idle.push(c);
  }

  /**
   * Sends one request and resolves with its answer (never rejects). A connection refused before anything was sent
   * answers status 0, error ECONNREFUSED: the request never reached the server.
   */
  request(method: 'GET' | 'POST', path: string, headers: Record<string, string>, body: string | null, options: { keepBody: boolean; timeoutMs: number }): Promise<Answer> {
    let c = this.#idle.pop();
    if (!c) {
      c = new Connection(this);
      this.#all.add(c);
    }
    let text = `${method} ${path} HTTP/1.1\r\nhost: ${this.host}:${this.port}\r\n`;
    for (const k in headers) text += `${k}: ${headers[k]}\r\n`;
    text += body !== null ? `content-length: ${Buffer.byteLength(body)}\r\n\r\n${body}` : '\r\n';
    const conn = c;
    return new Promise((res) => conn.send(text, options.keepBody, options.timeoutMs, res));
  }

  destroy(): void {
    for (const c of this.#all) c.socket.destroy();
    this.#all.clear();
    this.#idle = [];
  }
}
