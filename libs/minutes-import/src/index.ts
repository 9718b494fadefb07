export * from './review-report';
export { MAX_MINUTES_LENGTH, parseMinutes } from './minutes-parser';
export { formatReviewReport, formatParseError } from './review-report.format';
export * from './import/import-plan';
export { MinutesFileError, readMinutesFile, type MinutesFileFormat, type MinutesFileText } from './minutes-file';
