// Versioned forward migrations, applied in name order. Add a new file; never edit one that has shipped.
import type { Kysely } from 'kysely';
import type { Dialect } from './helpers.js';
import * as m001 from './001-initial.js';
import * as m002 from './002-search.js';
import * as m003 from './003-portal.js';
import * as m004 from './004-version-classification.js';
import * as m005 from './005-executive-cycle.js';
import * as m006 from './006-data.js';
import * as m007 from './007-outbox-alerts.js';
import * as m008 from './008-operations.js';
import * as m009 from './009-ocr.js';
import * as m010 from './010-withheld-packs.js';
import * as m011 from './011-scrutiny-papers.js';
import * as m012 from './012-open-data-api.js';
import * as m016 from './016-speed.js';
import * as m017 from './017-councillor-pages.js';
import * as m021 from './021-change-counters.js';
import * as m022 from './022-decision-entered-by.js';
import * as m023 from './023-decision-exempt-part.js';
import * as m024 from './024-withdrawn-papers.js';
import * as m025 from './025-token-bodies-webhook-health.js';
import * as m028 from './028-unlogged-rate-limits.js';
import * as m030 from './030-paper-reinstatement.js';
import * as m032 from './032-record-change.js';
import * as m034 from './034-search-lexemes-lz4.js';
import * as m035 from './035-search-tsv-inline.js';
import * as m036 from './036-record-counter-stripes.js';
import * as m039 from './039-search-tsv-stage.js';

export interface MootMigration {
  name: string;
  up(db: Kysely<unknown>, dialect: Dialect): Promise<void>;
}

export const MIGRATIONS: MootMigration[] = [
  { name: '001-initial', up: m001.up },
  { name: '002-search', up: m002.up },
  { name: '003-portal', up: m003.up },
  { name: '004-version-classification', up: m004.up },
  { name: '005-executive-cycle', up: m005.up },
  { name: '006-data', up: m006.up },
  { name: '007-outbox-alerts', up: m007.up },
  { name: '008-operations', up: m008.up },
  { name: '009-ocr', up: m009.up },
  { name: '010-withheld-packs', up: m010.up },
  { name: '011-scrutiny-papers', up: m011.up },
  { name: '012-open-data-api', up: m012.up },
  { name: '016-speed', up: m016.up },
  { name: '017-councillor-pages', up: m017.up },
  { name: '021-change-counters', up: m021.up },
  { name: '022-decision-entered-by', up: m022.up },
  { name: '023-decision-exempt-part', up: m023.up },
  { name: '024-withdrawn-papers', up: m024.up },
  { name: '025-token-bodies-webhook-health', up: m025.up },
  { name: '028-unlogged-rate-limits', up: m028.up },
  { name: '030-paper-reinstatement', up: m030.up },
  { name: '032-record-change', up: m032.up },
  { name: '034-search-lexemes-lz4', up: m034.up },
  { name: '035-search-tsv-inline', up: m035.up },
  { name: '036-record-counter-stripes', up: m036.up },
  { name: '039-search-tsv-stage', up: m039.up },
];
