export { isValidNpi, normalizeEin, npiCheckDigit } from "./npi.ts";
export { CODESETS_DIR_ENV, codeSetsDir } from "./codeset-dir.ts";
export {
  fiscalYearOf,
  icd10FileName,
  isIcd10Shape,
  loadedFiscalYears,
  lookupIcd10,
  normalizeIcd10,
  resetIcd10Cache,
} from "./icd10cm.ts";
export type { Icd10Lookup } from "./icd10cm.ts";
export { detectIcd10Format, importIcd10File, parseIcd10Release, writeIcd10CodeSet } from "./import-icd10.ts";
export type { Icd10ReleaseFormat, ImportResult, ParsedIcd10Release } from "./import-icd10.ts";
export { isValidPos, POS_CODES, posName } from "./pos.ts";
export {
  formatNdc11,
  isModifierShape,
  isProcedureCodeShape,
  normalizeNdc,
  normalizeProcedureCode,
  procedureCodeKind,
} from "./procedure.ts";
export type { ProcedureCodeKind } from "./procedure.ts";
export { CARC_ACTIONS, carcDescription, describeCarc, GROUP_CODES, listCarcs } from "./carc.ts";
export type { CarcAction, CarcDescription, CarcEntry, GroupCode } from "./carc.ts";
export { describeRarc, listRarcs, rarcDescription } from "./rarc.ts";
export type { RarcDescription } from "./rarc.ts";
export { codingEdits, codingEditsOf, loadedEditSets, resetCodingEdits, storedTables } from "./edits/coding-edits.ts";
export type { EditTables, Release } from "./edits/coding-edits.ts";
export { EDIT_SET_KINDS } from "./edits/types.ts";
export type {
  AddOnEdit,
  AgeBand,
  CodeStatus,
  CodingEdits,
  DxList,
  EditSetInfo,
  EditSetKind,
  MueRow,
  PtpEdit,
} from "./edits/types.ts";
export { DX_AGE_RANGES, ageOn } from "./edits/agesex.ts";
export { importEditFiles } from "./edits/import-edits.ts";
export { CodeListTable, parseHcpcsFile } from "./edits/hcpcs.ts";
export { hcpcsShortDescription, resetHcpcsDescriptions } from "./edits/hcpcs-descriptions.ts";
/** Edit tables from the real-format fixture files, for unit tests only. */
export { fixtureTables } from "./edits/fixture-tables.ts";
export { loadMpfs, medicareFee, parseGpci, parsePprrvu, resetMpfsCache } from "./mpfs.ts";
export type { FeeResult, MpfsLocality, MpfsSet, Setting as MpfsSetting } from "./mpfs.ts";
