// The pages rendered by plain functions instead of Nunjucks (issue 17), by template name: the ones a signed-in
// councillor or officer reads most, whose render the page cache cannot spare. Each writes what its template writes,
// byte for byte; views.ts uses them when the theme keeps Moot's own header and footer.
import { bodyPage } from './pages/body.js';
import { decisionPage } from './pages/decision.js';
import { meetingPage } from './pages/meeting.js';
import { personPage } from './pages/person.js';
import { searchPage } from './pages/search.js';

// Each function takes the whole render context (the shared layout values and the route's own).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const COMPILED_PAGES: Record<string, (context: any) => string> = {
  'pages/public/body.njk': bodyPage,
  'pages/public/decision.njk': decisionPage,
  'pages/public/meeting.njk': meetingPage,
  'pages/public/person.njk': personPage,
  'pages/public/search.njk': searchPage,
};
