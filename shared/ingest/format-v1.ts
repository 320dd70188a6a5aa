// The format is defined in the domain, beside its rules; readers and writers
// of decision files (ingest, generator, CLI) import it from here as well.
export {
  CSV_V1_COLUMNS,
  CSV_V1_SEPARATOR,
  type CsvV1Column,
  type CsvV1Row,
} from '../domain/rules/format-v1.js';
