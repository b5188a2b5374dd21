// The route plugins that make up the full service, registered by `moot serve` after the core (health, home).
// Each concern (public portal pages, search, workspace, API) adds its plugin here.
import api from '../api/index.js';
import type { AppOptions } from './app.js';
import author from './routes/author/index.js';
import councillor from './routes/councillor/index.js';
import publicPortal from './routes/public/index.js';
import workspace from './routes/workspace/index.js';

export function registerPortal(): NonNullable<AppOptions['routes']> {
  return [{ plugin: publicPortal }, { plugin: api }, { plugin: author }, { plugin: councillor }, { plugin: workspace }];
}
