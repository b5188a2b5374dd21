// The demonstration council: `loadDemo` fills an empty store with Example County Council.
export { loadDemo, isEmpty, DEMO_COUNCIL_NAME, DEMO_SEED, type DemoOptions, type DemoSummary } from './load.js';
export { DEMO_DOMAIN, DEMO_MAIL_FROM } from './identity.js';
export { CONFIDENTIAL_MARKERS } from './topics.js';
