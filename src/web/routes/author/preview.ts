// Sending a rendered report (the pack builder's own rendering, so the author sees exactly what the pack will print).
import type { FastifyReply } from 'fastify';

export { previewPdf } from '../../../services/reports.js';

export function sendPdf(reply: FastifyReply, bytes: Buffer, fileName: string): FastifyReply {
  return reply.type('application/pdf').header('x-content-type-options', 'nosniff').header('cache-control', 'private, no-store')
    .header('content-disposition', `inline; filename="${fileName.replace(/[^\w.-]/g, '_')}"`).send(bytes);
}

