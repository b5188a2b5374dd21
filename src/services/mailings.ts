// What was emailed about a meeting (papers to members): for the clerk's record of who was sent what and when.
import type { Store } from '../store/db.js';
import { outboxForMeeting } from '../store/outbox.js';

const STATUS_LABELS: Record<string, string> = { pending: 'Queued', sending: 'Sending', sent: 'Sent', failed: 'Not delivered' };

export async function papersSent(store: Store, meetingId: number) {
  const rows = await outboxForMeeting(store.db, meetingId, 'papers');
  return rows.map((r) => ({
    recipient: r.recipient, subject: r.subject, status: r.status, statusLabel: STATUS_LABELS[r.status] ?? r.status, attempts: r.attempts,
    queuedAt: r.created_at, sentAt: r.sent_at, lastError: r.last_error,
    confidentialLinked: (JSON.parse(r.payload_json) as { text?: string }).text?.includes('-confidential.pdf') ?? false,
  }));
}
