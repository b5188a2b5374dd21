// The council's settings for its website: how members' names are written ("Mr K Hebden", "Councillor Kim Hebden")
// and what it calls the areas its councillors represent (electoral divisions or wards).
import type { FastifyPluginAsync } from 'fastify';
import { NAME_STYLE_EXAMPLES, NAME_STYLES, type NameStyle } from '../../../domain/names.js';
import { requireAction } from '../../../http/guards.js';
import { errorSummary, field, fieldErrorOf, type FieldError } from '../../forms.js';
import { actorOf } from '../../../services/accounts.js';
import { AREA_LABELS, changeNameSettings, councilNaming, type AreaLabel } from '../../../services/council.js';
import { type Store } from '../../../services/unit.js';

const PAGE = 'pages/admin/council.njk';

const council: FastifyPluginAsync<{ store: Store }> = async (app, { store }) => {
  const guard = requireAction('manage-users');
  const context = (values: { nameStyle: string; areaLabel: string }) => ({
    nameStyleItems: NAME_STYLES.map((s) => ({ value: s, text: NAME_STYLE_EXAMPLES[s], checked: s === values.nameStyle })),
    areaItems: AREA_LABELS.map((a) => ({ value: a, text: a, checked: a === values.areaLabel })),
  });

  app.get('/admin/council', { preHandler: guard }, async (request, reply) => {
    const saved = (request.query as Record<string, string>).saved === '1';
    return reply.render(PAGE, { pageTitle: 'Names and areas', notice: saved ? 'Saved' : null, ...context(await councilNaming(store.db)) });
  });

  app.post('/admin/council', { preHandler: guard }, async (request, reply) => {
    const values = { nameStyle: field(request.body, 'nameStyle'), areaLabel: field(request.body, 'areaLabel') };
    const errors: FieldError[] = [];
    try {
      await changeNameSettings(store, actorOf(request.account!), { nameStyle: values.nameStyle as NameStyle, areaLabel: values.areaLabel as AreaLabel });
      return reply.redirect('/admin/council?saved=1', 303);
    } catch (e) {
      const fe = fieldErrorOf(e, 'nameStyle');
      if (!fe) throw e;
      errors.push(fe);
    }
    reply.code(400);
    return reply.render(PAGE, { pageTitle: 'Error: Names and areas', ...context(values), ...errorSummary(errors) });
  });
};

export default council;
