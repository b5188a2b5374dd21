// Moot's dependency rule (docs/architecture.md, docs/decisions/0003-dependency-rule.md), checked by `npm run lint`.
// Layers, inside out:
//   kernel   src/errors.ts, src/config.ts, src/progress.ts, src/threads.ts: leaves every layer may use; they import nothing of Moot
//   domain   types and pure rules; imports nothing of Moot
//   store    the only place with SQL; imports domain (and the kernel)
//   pack     PDF building; imports domain
//   importer/read, importer/text: parse files; import domain and the extraction format (importer/extraction.ts)
//   mail     sends mail; imports domain
//   services the use-cases: store, domain, pack, importer, mail
//   web, api, cli, demo: adapters over services (and domain); web and api never import each other
//   src/server.ts: the composition root that mounts web and api together
/** @type {import('dependency-cruiser').IConfiguration} */
const kernel = '^src/(errors|config|progress|threads)[.]ts$';
const layer = (name) => `^src/${name}/`;
const services = '^src/services/';

// What each adapter may import: services, the domain, the kernel (and for web and api the shared HTTP plumbing).
const adapters = {
  web: ['web', 'http'],
  api: ['api', 'http'],
  demo: ['demo'],
  // web/theme.ts: `moot serve` checks the theme before it starts, in a primary that loads none of the web (issue 17).
  cli: ['cli', 'demo', '^src/server[.]ts$', '^src/web/app[.]ts$', '^src/web/theme[.]ts$'],
};

const asPath = (x) => (x.startsWith('^') ? x : layer(x));

function adapterRules() {
  const rules = [];
  for (const [name, own] of Object.entries(adapters)) {
    rules.push({
      name: `${name}-uses-services`,
      severity: 'error',
      comment: `${name} is an adapter: it calls services and the domain, never the store, pack, importer or mail directly.`,
      from: { path: layer(name) },
      to: { path: '^src/', pathNot: [...own.map(asPath), services, layer('domain'), kernel] },
    });
  }
  return rules;
}

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No file imports itself through others.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'kernel-is-a-leaf',
      severity: 'error',
      comment: 'errors, config, progress and threads import nothing of Moot.',
      from: { path: kernel },
      to: { path: '^src/' },
    },
    {
      name: 'domain-imports-nothing',
      severity: 'error',
      comment: 'The domain is types and pure rules: it imports nothing else of Moot.',
      from: { path: layer('domain') },
      to: { path: '^src/', pathNot: layer('domain') },
    },
    {
      name: 'store-imports-domain',
      severity: 'error',
      comment: 'The store imports only the domain (and the kernel).',
      from: { path: layer('store') },
      to: { path: '^src/', pathNot: [layer('store'), layer('domain'), kernel] },
    },
    {
      name: 'pack-imports-domain',
      severity: 'error',
      comment: 'The pack library imports only the domain (and the kernel).',
      from: { path: layer('pack') },
      to: { path: '^src/', pathNot: [layer('pack'), layer('domain'), kernel] },
    },
    {
      name: 'importer-parsers-import-domain',
      severity: 'error',
      comment: 'importer/read and importer/text parse files: they import the domain and the extraction format only.',
      from: { path: '^src/importer/(read|text)/' },
      to: {
        path: '^src/',
        pathNot: ['^src/importer/(read|text)/', '^src/importer/extraction[.]ts$', layer('domain'), kernel],
      },
    },
    {
      name: 'extraction-format-is-pure',
      severity: 'error',
      comment: 'The extraction format imports nothing of Moot but the domain.',
      from: { path: '^src/importer/extraction[.]ts$' },
      to: { path: '^src/', pathNot: [layer('domain'), kernel] },
    },
    {
      name: 'mail-imports-domain',
      severity: 'error',
      from: { path: layer('mail') },
      to: { path: '^src/', pathNot: [layer('mail'), layer('domain'), kernel] },
    },
    {
      name: 'services-import-inwards',
      severity: 'error',
      comment: 'Services call the store, domain, pack, importer and mail; never an adapter.',
      from: { path: services },
      to: { path: '^src/', pathNot: [services, layer('store'), layer('domain'), layer('pack'), layer('importer'), layer('mail'), kernel] },
    },

    {
      name: 'importer-imports-inwards',
      severity: 'error',
      comment: 'The importer (its parsers and its import into the store) uses the store, domain and pack; never a service or adapter.',
      from: { path: layer('importer') },
      to: { path: '^src/', pathNot: [layer('importer'), layer('store'), layer('domain'), layer('pack'), kernel] },
    },

    ...adapterRules(),
    {
      name: 'server-mounts-adapters',
      severity: 'error',
      comment: 'The composition root mounts web and api plugins only.',
      from: { path: '^src/server[.]ts$' },
      to: { path: '^src/', pathNot: ['^src/(web|api)/', layer('domain'), kernel] },
    },
    {
      name: 'nothing-imports-adapters',
      severity: 'error',
      comment: 'Only the composition root (src/server.ts) and the CLI mount the web and the API; only the CLI loads the demo.',
      from: { path: '^src/', pathNot: ['^src/(web|api|cli|demo)/', '^src/server[.]ts$'] },
      to: { path: '^src/(web|api|cli|demo)/|^src/server[.]ts$' },
    },
    {
      name: 'http-is-plumbing',
      severity: 'error',
      comment: 'src/http is plumbing shared by web and api (guards, multipart): it imports services, domain and kernel.',
      from: { path: layer('http') },
      to: { path: '^src/', pathNot: [layer('http'), services, layer('domain'), kernel] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    includeOnly: '^src/',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'] },
  },
};
