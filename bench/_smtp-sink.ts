// The SMTP server `npm run bench -- feeds` delivers alert emails to, in a process of its own (smtp-server) so its
// parsing neither shares the sender's event loop nor counts in its time. Started by bench/feeds.ts with IPC:
//   → { url }                           once listening
//   ← { cmd: 'count' } → { received, recipients, withoutUnsubscribe, repeated }
//   ← { cmd: 'exit' }
// Each message is checked as it arrives: one recipient, a List-Unsubscribe-Post header (RFC 8058), and a Message-ID
// not seen before (a repeat would be a double delivery).
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

let received = 0;
let withoutUnsubscribe = 0;
let repeated = 0;
const recipients = new Set<string>();
const messageIds = new Set<string>();

const server = new SMTPServer({
  authOptional: true, disabledCommands: ['STARTTLS'], logger: false, size: 1024 * 1024, maxClients: 100,
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      const raw = Buffer.concat(chunks).toString('latin1');
      const head = raw.slice(0, raw.indexOf('\r\n\r\n'));
      received++;
      for (const r of session.envelope.rcptTo) recipients.add(r.address.toLowerCase());
      if (!/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/im.test(head)) withoutUnsubscribe++;
      const id = /^Message-ID:\s*(<[^>]+>)/im.exec(head)?.[1] ?? '';
      if (messageIds.has(id)) repeated++;
      messageIds.add(id);
      callback();
    });
  },
});

server.listen(0, '127.0.0.1', () => {
  process.send!({ url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}` });
});

process.on('message', (m: { cmd: string }) => {
  if (m.cmd === 'count') process.send!({ received, recipients: recipients.size, withoutUnsubscribe, repeated });
  if (m.cmd === 'exit') server.close(() => process.exit(0));
});
