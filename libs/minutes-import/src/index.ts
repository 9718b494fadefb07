export * from './review-report';
export { parseMinutes } from './minutes-parser';
export { formatReviewReport, formatParseError } from './review-report.format';
export * from './import/import-plan';
