// The pack's typesetting (embedded font, tagged structure), for callers that write their own report PDFs (the demo).
// A module of its own, so that the services the server loads do not load pdfkit with it (services/pack-loader.ts).
export { artifact, BOLD, FONT, finish, group, newDocument, tag } from '../pack/typeset.js';
