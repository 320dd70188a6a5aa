// Public surface of the statistics domain, for the release renderer and the CLI.
export {
  academieStatistics,
  figuresFromDecisions,
  nationalStatistics,
  type AcademieStatsInput,
} from './statistics.js';
export {
  nationalStatisticsFiles,
  statisticsFiles,
  statisticsFilesFor,
  type NationalFilesInput,
  type StatFile,
  type StatisticsFilesInput,
} from './stats-files.js';
export { PreviousFigures, previousSession } from './previous-figures.js';
export { StatsDocument } from './json-export.js';
export type { AcademieStats, Counts, Evolution, NationalStats, StatLine } from './stats.types.js';
