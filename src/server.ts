// The composition root: the route plugins that make up the full service, registered by `moot serve` after the
// web core (health, home, account, admin). It mounts the web portal's plugins and the JSON API side by side, so
// web and api never import each other (docs/architecture.md).
import api from './api/index.js';
import type { AppOptions } from './web/app.js';
import alerts from './web/routes/alerts/index.js';
import author from './web/routes/author/index.js';
import councillor from './web/routes/councillor/index.js';
import publicPortal from './web/routes/public/index.js';
import workspace from './web/routes/workspace/index.js';

export function registerPortal(): NonNullable<AppOptions['routes']> {
  return [{ plugin: publicPortal }, { plugin: alerts }, { plugin: api }, { plugin: author }, { plugin: councillor }, { plugin: workspace }];
}

/** Prometheus metrics text of this process, for `moot serve` with MOOT_METRICS_PORT. */
export { metricsText } from './web/plugins/metrics.js';
