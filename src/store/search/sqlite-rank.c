/*
** moot_bm25(search_fts, w0, w1, ...): FTS5's bm25() with the same formula, constants, weights and arithmetic (copied
** from fts5_aux.c of the SQLite that better-sqlite3 ships), except where a match's length comes from.
**
** bm25 asks FTS5 for each match's length in tokens (xColumnSize), and FTS5 answers by running a statement against
** search_fts_docsize for every match (step, B-tree seek, reset): three quarters of bm25's ~1 µs a match. Here the
** lengths of every row are read once into an array per connection and looked up by rowid. The array is valid for the
** index state it was read from: after any commit, this connection's or another's (the pager's data version,
** SQLITE_FCNTL_DATA_VERSION), FTS5's averages and structure records are compared with those of that state, and the
** lengths read again if they differ; and it is not used inside an explicit transaction (whose own uncommitted writes
** do not change that version): there the function asks FTS5 as bm25 does. A rowid the array does
** not hold is asked of FTS5 too. So the score is bm25's, bit for bit (compiled without FMA contraction, as x86-64
** compilers do by default), and only the lookup differs.
**
** The lengths are those of the FTS5 table named search_fts in the main database, the only one Moot has. A query uses
** the array only when its row count and total length equal the ones FTS5 keeps for the table being queried;
** otherwise every length is asked of FTS5, as bm25 does.
**
** Built at install time by scripts/prepare.mjs (cc, the headers in better-sqlite3's deps); loaded by sqlite-rank.ts.
*/
#include "sqlite3ext.h"
SQLITE_EXTENSION_INIT1
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct Lengths Lengths;
struct Lengths {
  sqlite3 *db;
  int bValid;               /* the arrays below hold the state of data version iVersion */
  unsigned int iVersion;
  sqlite3_int64 iMin;       /* dense: aLen[rowid - iMin]; -1 where no row */
  sqlite3_int64 nLen;
  int *aLen;
  sqlite3_int64 nRow;       /* rows read, and the sum of their lengths: checked against FTS5's own totals */
  sqlite3_int64 nToken;
  unsigned char *aState;    /* FTS5's averages and structure records when the arrays were read */
  int nState;
};

/* The same per-query data as fts5_aux.c's Fts5Bm25Data. */
typedef struct Bm25Data Bm25Data;
struct Bm25Data {
  int nPhrase;
  double avgdl;
  double *aIDF;
  double *aFreq;
  int bCached;              /* the row lengths come from Lengths for this query */
};

static int countCb(const Fts5ExtensionApi *pApi, Fts5Context *pFts, void *pUserData){
  (void)pApi; (void)pFts;
  (*(sqlite3_int64*)pUserData)++;
  return SQLITE_OK;
}

/* Reads one varint as FTS5 writes a docsize column (SQLite's varint; a column's size fits in 5 bytes). */
static int getVarint32(const unsigned char *a, int n, int *pi, unsigned int *pv){
  unsigned int v = 0;
  int i = *pi;
  int k;
  for(k=0; k<5 && i<n; k++){
    unsigned char c = a[i++];
    v = (v<<7) | (c & 0x7f);
    if( (c & 0x80)==0 ){ *pi = i; *pv = v; return 1; }
  }
  return 0;
}

static void lengthsClear(Lengths *p){
  sqlite3_free(p->aState);
  p->aState = 0;
  p->nState = 0;
  sqlite3_free(p->aLen);
  p->aLen = 0;
  p->nLen = 0;
  p->nRow = 0;
  p->nToken = 0;
  p->bValid = 0;
}

/*
** FTS5's averages record (row count, total length per column) and structure record (its segments) as one blob, in
** *paOut (sqlite3_malloc'd). Every write to the index changes one or both: a row added or deleted changes the count,
** and the terms of any row written or deleted go into a new segment. So while they are unchanged the lengths are too,
** whatever else was committed (a session, a rate-limit counter).
*/
static int readState(sqlite3 *db, unsigned char **paOut, int *pnOut){
  sqlite3_stmt *pStmt = 0;
  unsigned char *a = 0;
  int n = 0;
  int rc = sqlite3_prepare_v2(db, "SELECT block FROM main.search_fts_data WHERE id IN (1, 10) ORDER BY id", -1, &pStmt, 0);
  if( rc!=SQLITE_OK ) return rc;
  while( sqlite3_step(pStmt)==SQLITE_ROW ){
    int nBlock = sqlite3_column_bytes(pStmt, 0);
    const unsigned char *aBlock = (const unsigned char*)sqlite3_column_blob(pStmt, 0);
    unsigned char *aNew = (unsigned char*)sqlite3_realloc64(a, (sqlite3_uint64)n + sizeof(int) + nBlock);
    if( aNew==0 ){ sqlite3_free(a); sqlite3_finalize(pStmt); return SQLITE_NOMEM; }
    a = aNew;
    memcpy(&a[n], &nBlock, sizeof(int));
    if( nBlock>0 ) memcpy(&a[n + sizeof(int)], aBlock, nBlock);
    n += (int)sizeof(int) + nBlock;
  }
  rc = sqlite3_finalize(pStmt);
  if( rc!=SQLITE_OK ){ sqlite3_free(a); return rc; }
  *paOut = a;
  *pnOut = n;
  return SQLITE_OK;
}

/* (Re)reads every row's length: the sum of its columns' sizes, as xColumnSize(-1) gives it. */
static int lengthsLoad(Lengths *p, unsigned int iVersion, unsigned char *aState, int nState){
  sqlite3_stmt *pStmt = 0;
  sqlite3_int64 iMin = 0, iMax = -1, n;
  int rc;
  lengthsClear(p);
  p->aState = aState;
  p->nState = nState;
  rc = sqlite3_prepare_v2(p->db, "SELECT min(id), max(id) FROM main.search_fts_docsize", -1, &pStmt, 0);
  if( rc!=SQLITE_OK ) return rc;
  if( sqlite3_step(pStmt)==SQLITE_ROW && sqlite3_column_type(pStmt, 0)!=SQLITE_NULL ){
    iMin = sqlite3_column_int64(pStmt, 0);
    iMax = sqlite3_column_int64(pStmt, 1);
  }
  rc = sqlite3_finalize(pStmt);
  if( rc!=SQLITE_OK ) return rc;
  n = iMax - iMin + 1;
  /* A sparse id range (over 16M slots) is not worth an array: every length is asked of FTS5. */
  if( n>0 && n<=16*1024*1024 ){
    sqlite3_int64 i;
    p->aLen = (int*)sqlite3_malloc64(sizeof(int)*n);
    if( p->aLen==0 ) return SQLITE_NOMEM;
    for(i=0; i<n; i++) p->aLen[i] = -1;
    rc = sqlite3_prepare_v2(p->db, "SELECT id, sz FROM main.search_fts_docsize", -1, &pStmt, 0);
    if( rc!=SQLITE_OK ){ lengthsClear(p); return rc; }
    while( sqlite3_step(pStmt)==SQLITE_ROW ){
      sqlite3_int64 id = sqlite3_column_int64(pStmt, 0);
      const unsigned char *a = (const unsigned char*)sqlite3_column_blob(pStmt, 1);
      int nByte = sqlite3_column_bytes(pStmt, 1);
      int iOff = 0, nTok = 0, ok = 1;
      while( iOff<nByte ){
        unsigned int v;
        if( !getVarint32(a, nByte, &iOff, &v) ){ ok = 0; break; }
        nTok += (int)v;
      }
      if( ok && id>=iMin && id<=iMax ){
        p->aLen[id - iMin] = nTok;
        p->nRow++;
        p->nToken += nTok;
      }
    }
    rc = sqlite3_finalize(pStmt);
    if( rc!=SQLITE_OK ){ lengthsClear(p); return rc; }
    p->iMin = iMin;
    p->nLen = n;
  }
  p->iVersion = iVersion;
  p->bValid = 1;
  return SQLITE_OK;
}

/*
** Whether this query may take lengths from the array: outside explicit transactions, on the index they were read
** from. Nothing committed since (the data version): yes. Something committed but not to the index (its averages and
** structure records as they were): yes. Else the lengths are read again.
*/
static int lengthsReady(Lengths *p){
  unsigned int iVersion = 0;
  unsigned char *aState = 0;
  int nState = 0;
  if( !sqlite3_get_autocommit(p->db) ) return 0;
  if( sqlite3_file_control(p->db, "main", SQLITE_FCNTL_DATA_VERSION, &iVersion)!=SQLITE_OK ) return 0;
  if( p->bValid && p->iVersion==iVersion ) return p->aLen!=0;
  if( readState(p->db, &aState, &nState)!=SQLITE_OK ){ lengthsClear(p); return 0; }
  if( p->bValid && nState==p->nState && (nState==0 || memcmp(aState, p->aState, nState)==0) ){
    sqlite3_free(aState);
    p->iVersion = iVersion;
    return p->aLen!=0;
  }
  if( lengthsLoad(p, iVersion, aState, nState)!=SQLITE_OK ){ lengthsClear(p); return 0; }
  return p->aLen!=0;
}

static int bm25GetData(const Fts5ExtensionApi *pApi, Fts5Context *pFts, Bm25Data **ppData){
  int rc = SQLITE_OK;
  Bm25Data *p = (Bm25Data*)pApi->xGetAuxdata(pFts, 0);
  if( p==0 ){
    int nPhrase;
    sqlite3_int64 nRow = 0;
    sqlite3_int64 nToken = 0;
    sqlite3_int64 nByte;
    int i;
    nPhrase = pApi->xPhraseCount(pFts);
    nByte = sizeof(Bm25Data) + nPhrase*2*sizeof(double);
    p = (Bm25Data*)sqlite3_malloc64(nByte);
    if( p==0 ){
      rc = SQLITE_NOMEM;
    }else{
      memset(p, 0, (size_t)nByte);
      p->nPhrase = nPhrase;
      p->aIDF = (double*)&p[1];
      p->aFreq = &p->aIDF[nPhrase];
    }
    if( rc==SQLITE_OK ) rc = pApi->xRowCount(pFts, &nRow);
    if( rc==SQLITE_OK ) rc = pApi->xColumnTotalSize(pFts, -1, &nToken);
    if( rc==SQLITE_OK ) p->avgdl = (double)nToken  / (double)nRow;
    if( rc==SQLITE_OK ){
      /* The array is used only when it adds up to the table's own totals (it is search_fts's, in this state). */
      Lengths *pLen = (Lengths*)pApi->xUserData(pFts);
      p->bCached = lengthsReady(pLen) && pLen->nRow==nRow && pLen->nToken==nToken;
    }
    for(i=0; rc==SQLITE_OK && i<nPhrase; i++){
      sqlite3_int64 nHit = 0;
      rc = pApi->xQueryPhrase(pFts, i, (void*)&nHit, countCb);
      if( rc==SQLITE_OK ){
        double idf = log( (nRow - nHit + 0.5) / (nHit + 0.5) );
        if( idf<=0.0 ) idf = 1e-6;
        p->aIDF[i] = idf;
      }
    }
    if( rc!=SQLITE_OK ){
      sqlite3_free(p);
    }else{
      rc = pApi->xSetAuxdata(pFts, p, sqlite3_free);
    }
    if( rc!=SQLITE_OK ) p = 0;
  }
  *ppData = p;
  return rc;
}

static void bm25Function(
  const Fts5ExtensionApi *pApi,
  Fts5Context *pFts,
  sqlite3_context *pCtx,
  int nVal,
  sqlite3_value **apVal
){
  const double k1 = 1.2;
  const double b = 0.75;
  int rc;
  double score = 0.0;
  Bm25Data *pData;
  int i;
  double D = 0.0;
  double *aFreq = 0;

  rc = bm25GetData(pApi, pFts, &pData);
  if( rc==SQLITE_OK ){
    aFreq = pData->aFreq;
    memset(aFreq, 0, sizeof(double) * pData->nPhrase);
  }
  /* bm25 walks FTS5's instance list (every phrase's hits merged in position order) and adds each hit's column weight
  ** to its phrase's frequency. Walking each phrase's own hits adds the same weights to the same phrase in the same
  ** order (a phrase's hits are in position order in both), so the sums are the same to the bit, without FTS5
  ** building the merged list for every match. */
  for(i=0; rc==SQLITE_OK && i<pData->nPhrase; i++){
    Fts5PhraseIter iter;
    int ic = -1, io = -1;
    rc = pApi->xPhraseFirst(pFts, i, &iter, &ic, &io);
    while( rc==SQLITE_OK && ic>=0 ){
      double w = (nVal > ic) ? sqlite3_value_double(apVal[ic]) : 1.0;
      aFreq[i] += w;
      pApi->xPhraseNext(pFts, &iter, &ic, &io);
    }
  }

  if( rc==SQLITE_OK ){
    int nTok = -1;
    if( pData->bCached ){
      Lengths *pLen = (Lengths*)pApi->xUserData(pFts);
      sqlite3_int64 iRowid = pApi->xRowid(pFts) - pLen->iMin;
      if( iRowid>=0 && iRowid<pLen->nLen ) nTok = pLen->aLen[iRowid];
    }
    if( nTok<0 ) rc = pApi->xColumnSize(pFts, -1, &nTok);
    D = (double)nTok;
  }

  if( rc==SQLITE_OK ){
    for(i=0; i<pData->nPhrase; i++){
      score += pData->aIDF[i] * (
          ( aFreq[i] * (k1 + 1.0) ) /
          ( aFreq[i] + k1 * (1 - b + b * D / pData->avgdl) )
      );
    }
    sqlite3_result_double(pCtx, -1.0 * score);
  }else{
    sqlite3_result_error_code(pCtx, rc);
  }
}

static void lengthsDestroy(void *pArg){
  Lengths *p = (Lengths*)pArg;
  lengthsClear(p);
  sqlite3_free(p);
}

static fts5_api *fts5ApiOf(sqlite3 *db){
  fts5_api *pRet = 0;
  sqlite3_stmt *pStmt = 0;
  if( sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &pStmt, 0)==SQLITE_OK ){
    sqlite3_bind_pointer(pStmt, 1, (void*)&pRet, "fts5_api_ptr", 0);
    sqlite3_step(pStmt);
  }
  sqlite3_finalize(pStmt);
  return pRet;
}

#ifdef _WIN32
__declspec(dllexport)
#endif
int sqlite3_mootrank_init(sqlite3 *db, char **pzErrMsg, const sqlite3_api_routines *pApi){
  fts5_api *pFts5;
  Lengths *p;
  SQLITE_EXTENSION_INIT2(pApi);
  pFts5 = fts5ApiOf(db);
  if( pFts5==0 || pFts5->iVersion<2 ){
    *pzErrMsg = sqlite3_mprintf("moot_bm25: FTS5 is not available");
    return SQLITE_ERROR;
  }
  p = (Lengths*)sqlite3_malloc(sizeof(Lengths));
  if( p==0 ) return SQLITE_NOMEM;
  memset(p, 0, sizeof(Lengths));
  p->db = db;
  return pFts5->xCreateFunction(pFts5, "moot_bm25", (void*)p, bm25Function, lengthsDestroy);
}
