// Agenda packs: building the PDF pack of a meeting, and checking its input and uploads.
export * from './model.js';
export { buildPack, buildSupplementaryPack, type PackOptions, type SupplementaryOptions } from './build.js';
export { validatePack, blockingProblems, weekdaysBetween, clearWorkingDaysBetween, isStandingItem, MINIMUM_CLEAR_DAYS, type ValidateOptions, type ClearWorkingDays } from './validate.js';
export { validateUploadedPdf, type UploadedPdfCheck } from './upload.js';
export { PackError, type PackProblem } from './problems.js';
export { markAsPreview, PREVIEW_MARK } from './preview.js';
export { renderPapers, renderStandalone, type PaperContext, type StandaloneMeta, type StructuredPaper } from './papers.js';
