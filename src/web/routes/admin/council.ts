// The council's settings for its website: how members' names are written ("Mr K Hebden", "Councillor Kim Hebden")
// and what it calls the areas its councillors represent (electoral divisions or wards).
import type { FastifyPluginAsync } from 'fastify';
import { NAME_STYLE_EXAMPLES, NAME_STYLES, type NameStyle } from '../../../domain/names.js';
import { requireAction } from '../../../http/guards.js';
import { field, postForm } from '../../forms.js';
import { actorOf } from '../../../services/accounts.js';
import { AREA_LABELS, changeNameSettings, councilNaming, type AreaLabel } from '../../../services/council.js';
import { type Store } from '../../../services/unit.js';

const PAGE = 'pages/admin/council.njk';

const council: FastifyPluginAsync<{ store: Store }> = async (app, { store }) => {
  // The guard of every page here, stated once: a hook on this (encapsulated) plugin.
  app.addHook('preHandler', requireAction('manage-users'));
  const context = (values: { nameStyle: string; areaLabel: string }) => ({
    nameStyleItems: NAME_STYLES.map((s) => ({ value: s, text: NAME_STYLE_EXAMPLES[s], checked: s === values.nameStyle })),
    areaItems: AREA_LABELS.map((a) => ({ value: a, text: a, checked: a === values.areaLabel })),
  });

  app.get('/admin/council', async (request, reply) => {
    const saved = (request.query as Record<string, string>).saved === '1';
    return reply.render(PAGE, { pageTitle: 'Names and areas', notice: saved ? 'Saved' : null, ...context(await councilNaming(store.db)) });
  });

  app.post('/admin/council', (request, reply) => postForm(request, reply, {
    fallbackField: 'nameStyle',
    save: async () => {
      await changeNameSettings(store, actorOf(request.account!), { nameStyle: field(request.body, 'nameStyle') as NameStyle, areaLabel: field(request.body, 'areaLabel') as AreaLabel });
      return '/admin/council?saved=1';
    },
    rerender: (form, errors) => reply.render(PAGE, { pageTitle: 'Error: Names and areas', ...context({ nameStyle: String(form.nameStyle ?? ''), areaLabel: String(form.areaLabel ?? '') }), ...errors }),
  }));
};

export default council;
