// People: councillors, officers and co-opted members — list, add, change.
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { PERSON_KINDS } from '../../../domain/types.js';
import { selectItems, type WorkspaceOptions } from './common.js';
import { actor, choice, optionalText, paramId, postForm, requiredText, str } from './form.js';
import { membershipsOfPerson } from '../../../services/bodies.js';
import { addPerson, getPerson, listGroups, listPeople, personDisplayName, updatePerson } from '../../../services/people.js';
import { MAX_PHOTO_BYTES, removePersonPhoto, uploadPersonPhoto } from '../../../services/photos.js';
import { acceptMultipart, isUploadedFile } from '../../../http/multipart.js';
import { ValidationError } from '../../../errors.js';

/** People listed a page in the workspace. */
export const PEOPLE_PAGE_SIZE = 100;

export const PERSON_KIND_LABELS: Record<string, string> = { councillor: 'Councillor', officer: 'Officer', 'co-opted': 'Co-opted member', other: 'Other' };

const personSchema = z.object({
  title: optionalText('Title', 20),
  forenames: optionalText('Forenames', 100),
  initials: optionalText('Initials', 20),
  surname: requiredText('Enter the surname', 100),
  postNominals: optionalText('Honours', 50),
  kind: choice(PERSON_KINDS, 'Select whether the person is a councillor, officer, co-opted member or other'),
  groupId: z.string().optional().transform((s) => (s ? Number(s) : null)).refine((n) => n === null || (Number.isInteger(n) && n > 0), { error: 'Select a political group from the list' }),
  jobTitle: optionalText('Job title', 200),
  division: optionalText('Electoral division', 200),
  email: optionalText('Email address', 200).refine((s) => s === null || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s), { error: 'Enter an email address in the correct format, like name@example.gov.uk' }),
  phone: optionalText('Telephone', 50),
  address: optionalText('The postal address', 800).transform((s) => (s === null ? null : s.split(/\r?\n/).map((l) => l.trim()).filter(Boolean).join('\n') || null)),
});

type PersonRow = NonNullable<Awaited<ReturnType<typeof getPerson>>>;

/** The form's fields as the record holds them. */
const formValuesOf = (person: PersonRow) => ({
  title: person.title ?? '', forenames: person.forenames ?? '', initials: person.initials ?? '', surname: person.surname, postNominals: person.post_nominals ?? '',
  kind: person.kind, groupId: person.group_id ? String(person.group_id) : '', jobTitle: person.job_title ?? '', division: person.division ?? '', email: person.email ?? '', phone: person.phone ?? '',
  address: person.address ?? '',
});

const people: FastifyPluginAsync<WorkspaceOptions> = async (app, { store }) => {
  acceptMultipart(app, MAX_PHOTO_BYTES + 64 * 1024);
  const formContext = async (values: Record<string, unknown>) => ({
    values,
    groupItems: selectItems((await listGroups(store.db)).map((g) => ({ value: g.id, text: g.name })), values.groupId as string, 'No group'),
    kindLabels: PERSON_KIND_LABELS,
  });

  // A page of people at a time, findable by name: a county council keeps thousands of officers, and the whole list
  // on one page was a megabyte of HTML for every visit.
  app.get('/workspace/people', async (request, reply) => {
    const query = request.query as Record<string, string>;
    const kind = PERSON_KINDS.includes(str(query, 'kind') as never) ? str(query, 'kind') : undefined;
    const name = str(query, 'name').trim().slice(0, 100) || undefined;
    const page = Math.max(1, Math.min(100_000, Number.parseInt(str(query, 'page'), 10) || 1));
    // One more than a page, to know whether there is a next page without counting everyone.
    const rows = await listPeople(store.db, { kind: kind as never, name, limit: PEOPLE_PAGE_SIZE + 1, offset: (page - 1) * PEOPLE_PAGE_SIZE });
    const href = (p: number) => {
      const sp = new URLSearchParams();
      if (kind) sp.set('kind', kind);
      if (name) sp.set('name', name);
      if (p > 1) sp.set('page', String(p));
      const qs = sp.toString();
      return qs ? `/workspace/people?${qs}` : '/workspace/people';
    };
    return reply.render('pages/workspace/people.njk', {
      pageTitle: page > 1 ? `People (page ${page})` : 'People', columnClass: 'govuk-grid-column-full', kind, name, kindLabels: PERSON_KIND_LABELS,
      people: rows.slice(0, PEOPLE_PAGE_SIZE).map((p) => ({ ...p, name: personDisplayName(p) })),
      page, firstOnPage: (page - 1) * PEOPLE_PAGE_SIZE + 1,
      previousHref: page > 1 ? href(page - 1) : null,
      nextHref: rows.length > PEOPLE_PAGE_SIZE ? href(page + 1) : null,
    });
  });

  app.get('/workspace/people/new', async (_request, reply) =>
    reply.render('pages/workspace/person-form.njk', { pageTitle: 'Add a person', action: '/workspace/people/new', ...(await formContext({ kind: 'councillor' })) }));

  app.post('/workspace/people/new', (request, reply) => postForm(request, reply, {
    schema: personSchema,
    fallbackField: 'surname',
    save: async (data) => `/workspace/people/${await addPerson(store, actor(request), data)}?saved=1`,
    rerender: async (form, errors) => reply.render('pages/workspace/person-form.njk', { pageTitle: 'Error: Add a person', action: '/workspace/people/new', ...(await formContext(form)), ...errors }),
  }));

  app.get('/workspace/people/:id', async (request, reply) => {
    const id = paramId(request);
    const person = id ? await getPerson(store.db, id) : undefined;
    if (!person) return reply.callNotFound();
    const values = formValuesOf(person);
    return reply.render('pages/workspace/person-form.njk', {
      pageTitle: personDisplayName(person), action: `/workspace/people/${person.id}`, person, personName: personDisplayName(person),
      memberships: await membershipsOfPerson(store.db, person.id), notice: (request.query as Record<string, string>).saved ? 'Saved' : null, ...(await formContext(values)),
    });
  });

  app.post('/workspace/people/:id', async (request, reply) => {
    const id = paramId(request);
    const person = id ? await getPerson(store.db, id) : undefined;
    if (!person) return reply.callNotFound();
    return postForm(request, reply, {
      schema: personSchema,
      fallbackField: 'surname',
      save: async (data) => {
        await updatePerson(store, actor(request), person.id, data);
        return `/workspace/people/${person.id}?saved=1`;
      },
      rerender: async (form, errors) => reply.render('pages/workspace/person-form.njk', {
        pageTitle: `Error: ${personDisplayName(person)}`, action: `/workspace/people/${person.id}`, person, personName: personDisplayName(person),
        memberships: await membershipsOfPerson(store.db, person.id), ...(await formContext(form)), ...errors,
      }),
    });
  });

  // The photo: its own form (multipart), checked in the service; "remove" clears it (the image stays in the record).
  app.post('/workspace/people/:id/photo', async (request, reply) => {
    const id = paramId(request);
    const person = id ? await getPerson(store.db, id) : undefined;
    if (!person) return reply.callNotFound();
    const body = (request.body ?? {}) as Record<string, unknown>;
    return postForm(request, reply, {
      fallbackField: 'photo',
      save: async () => {
        if (body.remove === 'yes') await removePersonPhoto(store, actor(request), person.id);
        else if (!isUploadedFile(body.photo)) throw new ValidationError('Choose a photo to upload', 'photo');
        else await uploadPersonPhoto(store, actor(request), person.id, body.photo);
        return `/workspace/people/${person.id}?saved=1`;
      },
      rerender: async (_form, errors) => reply.render('pages/workspace/person-form.njk', {
        pageTitle: `Error: ${personDisplayName(person)}`, action: `/workspace/people/${person.id}`, person, personName: personDisplayName(person),
        memberships: await membershipsOfPerson(store.db, person.id), ...(await formContext(formValuesOf(person))), ...errors,
      }),
    });
  });
};

export default people;
