// Minutes per agenda item (numbers allocated from the body's running sequence), publishing the draft minutes,
// and approving them at a later meeting with any amendments recorded.
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { RecordedVote, Resolution } from '../../../domain/types.js';
import { meetingOr404, selectItems, meetingLabel, type WorkspaceOptions } from './common.js';
import { formatDisplayDate } from '../../format.js';
import { actor, inSentence, idOf, lines, optionalText, paramId, postForm, requiredText, str } from './form.js';
import { getAgendaItem, loadAgenda } from '../../../services/agenda.js';
import { laterMeetings } from '../../../services/meetings.js';
import { apologiesMinuteOf, approveMinutes, getMinutes, publishDraftMinutes, saveMinute } from '../../../services/proceedings.js';
import { isApologiesItemTitle, itemsWithoutMinute } from '../../../domain/agenda.js';
import { parseJson } from '../../../services/unit.js';

const minuteSchema = z.object({
  title: requiredText('Enter the title of the minute', 300),
  paragraphs: optionalText('Paragraphs', 20000),
  resolutionText: optionalText('Resolution', 2000),
  resolutionParts: optionalText('Lettered parts of the resolution', 10000),
  voteMotion: optionalText('Motion voted on', 1000),
  voteFor: optionalText('Voted for', 5000),
  voteAgainst: optionalText('Voted against', 5000),
  voteAbstained: optionalText('Abstained', 5000),
  postMeetingNote: optionalText('Post-meeting note', 2000),
}).superRefine((v, ctx) => {
  if (v.resolutionParts && !v.resolutionText) ctx.addIssue({ code: 'custom', path: ['resolutionText'], message: 'Enter the resolution\'s opening words (for example RESOLVED that) before its lettered parts' });
  if ((v.voteFor || v.voteAgainst || v.voteAbstained) && !v.voteMotion) ctx.addIssue({ code: 'custom', path: ['voteMotion'], message: 'Enter the motion the recorded vote was on' });
});

const letter = (i: number) => `(${String.fromCharCode(97 + i)})`;
/** Paragraphs are separated by a blank line. */
const paragraphsOf = (text: string | null) => (text ?? '').split(/\r?\n\s*\r?\n/).map((p) => p.replace(/\s*\r?\n\s*/g, ' ').trim()).filter(Boolean);

const minutes: FastifyPluginAsync<WorkspaceOptions> = async (app, { store }) => {
  const minutesPage = async (meeting: NonNullable<Awaited<ReturnType<typeof meetingOr404>>>, extra: Record<string, unknown> = {}) => {
    const [agenda, written] = await Promise.all([loadAgenda(store.db, meeting.id), getMinutes(store.db, meeting.id)]);
    const items = agenda.flatMap((s) => s.items).filter((i) => !i.deferred_to_meeting_id).map((i) => ({ ...i, minute: written.find((m) => m.agenda_item_id === i.id) }));
    // Items still without a minute: the page lists them, and publishing (services/proceedings.ts) asks to confirm.
    const unwritten = itemsWithoutMinute(items, written.map((m) => m.agenda_item_id));
    return { pageTitle: `${extra.errorList ? 'Error: ' : ''}Minutes: ${meetingLabel(meeting)}`, meeting, items, written, unwritten, columnClass: 'govuk-grid-column-full', ...extra };
  };

  app.get('/workspace/meetings/:id/minutes', async (request, reply) => {
    const meeting = await meetingOr404(store.db, request, reply);
    if (!meeting) return reply;
    const notice = (request.query as Record<string, string>).saved ? 'Saved' : null;
    return reply.render('pages/workspace/minutes.njk', await minutesPage(meeting, { notice }));
  });

  const itemOf = async (meetingId: number, itemId: number | null) =>
    itemId ? getAgendaItem(store.db, itemId).then((item) => (item?.meeting_id === meetingId ? item : undefined)) : undefined;

  app.get('/workspace/meetings/:id/minutes/:itemId', async (request, reply) => {
    const meeting = await meetingOr404(store.db, request, reply);
    if (!meeting) return reply;
    const item = await itemOf(meeting.id, paramId(request, 'itemId'));
    if (!item) return reply.callNotFound();
    const m = (await getMinutes(store.db, meeting.id)).find((x) => x.agenda_item_id === item.id);
    const res = m ? parseJson<Resolution[]>(m.resolutions_json, [])[0] : undefined;
    const vote = m ? parseJson<RecordedVote[]>(m.votes_json, [])[0] : undefined;
    const values = {
      // An apologies minute not yet written starts from the recorded attendance.
      title: m?.title ?? item.title,
      paragraphs: m ? parseJson<string[]>(m.paragraphs_json, []).join('\n\n') : isApologiesItemTitle(item.title) ? (await apologiesMinuteOf(store.db, meeting.id)).join('\n\n') : '',
      resolutionText: res?.text ?? 'RESOLVED that', resolutionParts: res?.parts.map((p) => p.text).join('\n') ?? '',
      voteMotion: vote?.motion ?? '', voteFor: vote?.for.join('\n') ?? '', voteAgainst: vote?.against.join('\n') ?? '', voteAbstained: vote?.abstained.join('\n') ?? '',
      postMeetingNote: m?.post_meeting_note ?? '',
    };
    return reply.render('pages/workspace/minute-form.njk', { pageTitle: `Minute for item ${item.code}`, meeting, item, minute: m, values });
  });

  app.post('/workspace/meetings/:id/minutes/:itemId', async (request, reply) => {
    const meeting = await meetingOr404(store.db, request, reply);
    if (!meeting) return reply;
    const item = await itemOf(meeting.id, paramId(request, 'itemId'));
    if (!item) return reply.callNotFound();
    return postForm(request, reply, {
      schema: minuteSchema,
      fallbackField: 'title',
      save: async (d) => {
        const resolution: Resolution | null = d.resolutionText && (d.resolutionParts || !/^RESOLVED that$/i.test(d.resolutionText.trim()))
          ? { text: d.resolutionText, parts: lines(d.resolutionParts).map((text, i) => ({ label: letter(i), text })) } : null;
        const votes: RecordedVote[] = d.voteMotion ? [{ motion: d.voteMotion, for: lines(d.voteFor), against: lines(d.voteAgainst), abstained: lines(d.voteAbstained) }] : [];
        await saveMinute(store, actor(request), meeting.id, item.id, { title: d.title, paragraphs: paragraphsOf(d.paragraphs), resolution, votes, postMeetingNote: d.postMeetingNote });
        return `/workspace/meetings/${meeting.id}/minutes?saved=1`;
      },
      rerender: (form, errors) => reply.render('pages/workspace/minute-form.njk', { pageTitle: `Error: Minute for item ${item.code}`, meeting, item, values: form, ...errors }),
    });
  });

  app.post('/workspace/meetings/:id/minutes/publish', async (request, reply) => {
    const meeting = await meetingOr404(store.db, request, reply);
    if (!meeting) return reply;
    return postForm(request, reply, {
      fallbackField: 'status',
      refusal: (fe) => ({ field: fe.field === 'withoutUnwritten' ? 'withoutUnwritten' : 'minutes-table', text: `The draft minutes were not published: ${inSentence(fe.text)}` }),
      save: async (form) => {
        await publishDraftMinutes(store, actor(request), meeting.id, { withoutUnwritten: str(form, 'withoutUnwritten') === 'yes' });
        return `/workspace/meetings/${meeting.id}?saved=1`;
      },
      rerender: async (_form, errors) => reply.render('pages/workspace/minutes.njk', await minutesPage(meeting, errors)),
    });
  });

  const approveContext = async (meeting: NonNullable<Awaited<ReturnType<typeof meetingOr404>>>, values: Record<string, unknown>) => ({
    pageTitle: `Approve the minutes of ${meetingLabel(meeting)}`, meeting, values,
    meetingItems: selectItems((await laterMeetings(store.db, meeting.id, meeting.body_id, meeting.date)).map((m) => ({ value: m.id, text: formatDisplayDate(m.date) })), values.atMeetingId as string, 'Choose a meeting'),
  });

  app.get('/workspace/meetings/:id/minutes/approve', async (request, reply) => {
    const meeting = await meetingOr404(store.db, request, reply);
    if (!meeting) return reply;
    return reply.render('pages/workspace/approve.njk', await approveContext(meeting, {}));
  });

  const approveSchema = z.object({ atMeetingId: idOf('Select the meeting at which the minutes were approved'), amendments: optionalText('Amendments', 5000) });
  app.post('/workspace/meetings/:id/minutes/approve', async (request, reply) => {
    const meeting = await meetingOr404(store.db, request, reply);
    if (!meeting) return reply;
    return postForm(request, reply, {
      schema: approveSchema,
      fallbackField: 'atMeetingId',
      save: async (data) => {
        await approveMinutes(store, actor(request), meeting.id, data.atMeetingId, data.amendments);
        return `/workspace/meetings/${meeting.id}?saved=1`;
      },
      rerender: async (form, errors) => {
        const ctx = await approveContext(meeting, { atMeetingId: str(form, 'atMeetingId'), amendments: str(form, 'amendments') });
        return reply.render('pages/workspace/approve.njk', { ...ctx, pageTitle: `Error: ${ctx.pageTitle}`, ...errors });
      },
    });
  });
};

export default minutes;
