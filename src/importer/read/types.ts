// What the reading layer hands to the text parser: one string per page of the source, plus what was
// learnt about the pages while reading (printed page numbers, blank pages, pages needing OCR).

export interface ReadWarning {
  /** 1-based page of the source, when the warning is about one page */
  page?: number;
  message: string;
}

export interface PackText {
  /** file name of the pack (no directory), as the extraction format's `source` */
  source: string;
  /** text of each page in order; a blank page is '' so indexes still match the source's pages */
  pages: string[];
  /** printed page number found on each page ("Page 17" → 17), null where none is printed */
  pageNumbers?: (number | null)[];
  /** 1-based pages that are blank or say "This page is intentionally left blank" */
  blankPages?: number[];
  /** 1-based pages that carry only images (need OCR); reading continues without their text */
  imageOnlyPages?: number[];
  /** 1-based pages whose text was read from the page image by OCR (it may contain errors) */
  ocrPages?: number[];
  /** things worth telling the user that did not stop the import */
  warnings?: ReadWarning[];
  /** hex SHA-256 of the file's bytes, to recognise a pack already imported */
  sha256: string;
  /** size of the file in bytes */
  bytes: number;
  kind: 'pdf' | 'text';
}

export interface ReadOptions {
  /** largest file accepted, in bytes (default 50 MB) */
  maxBytes?: number;
  /**
   * OCR of scanned pages (tesseract): 'off' (the default) leaves them out with a warning; 'auto' reads a PDF that
   * has no text layer at all; 'all' reads every page that is only an image.
   */
  ocr?: 'off' | 'auto' | 'all';
  /** tesseract languages for OCR ("eng", "eng+cym") */
  ocrLang?: string;
  /** progress of OCR, page by page */
  onOcrPage?: (done: number, total: number) => void;
}

export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;
