// The public site as a whole: the sitemap's pages and the record's version (for page caches and ETags).
export { publicUrls } from '../store/read/sitemap.js';
export { dataVersion, dataVersionNow } from '../store/read/version.js';
