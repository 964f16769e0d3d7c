import type { Actor } from "../auth/actor";
import type { Prisma } from "../db/generated/client";
import type { Database } from "../db/prisma";
import { holdingsFilter, permittedStudies } from "./access";
import { dicomDate, put, sorted } from "./json-model";
import type { JsonDataset } from "./json-model";
import { wildcard } from "./qido-query";
import type { DateRange, Match, QidoQuery, QueryLevel } from "./qido-query";
import { resourceUrls } from "./urls";

// QIDO-RS (PS3.18 10.6): searches for studies, series and instances in what the caller may see,
// answered from the index (no file is opened). Studies still arriving are not listed: they are
// not whole yet.

export type QidoScope = { level: QueryLevel; studyInstanceUid?: string; seriesInstanceUid?: string };
export type QidoResult = { datasets: JsonDataset[]; warnings: string[] };

// Wildcard matches the database cannot decide are checked row by row, over at most this many rows.
const MAX_SCANNED_ROWS = 5000;

const STUDY_COLUMNS = {
  StudyInstanceUID: "studyInstanceUid",
  PatientName: "dicomPatientName",
  PatientID: "dicomPatientId",
  PatientBirthDate: "dicomBirthDate",
  StudyDate: "studyDate",
  AccessionNumber: "accessionNumber",
  StudyDescription: "description",
  ReferringPhysicianName: "referringPhysician",
  ModalitiesInStudy: "modalities",
} as const;
const SERIES_COLUMNS = { SeriesInstanceUID: "seriesInstanceUid", Modality: "modality", SeriesNumber: "seriesNumber", SeriesDescription: "description" } as const;
const INSTANCE_COLUMNS = { SOPInstanceUID: "sopInstanceUid", SOPClassUID: "sopClassUid", InstanceNumber: "instanceNumber" } as const;

const STUDY_SELECT = {
  id: true,
  patientId: true,
  studyInstanceUid: true,
  studyDate: true,
  studyTime: true,
  accessionNumber: true,
  description: true,
  modalities: true,
  referringPhysician: true,
  dicomPatientName: true,
  dicomPatientId: true,
  dicomBirthDate: true,
  numberOfSeries: true,
  numberOfInstances: true,
  patient: { select: { sex: true } },
} as const;
const SERIES_SELECT = { seriesInstanceUid: true, modality: true, seriesNumber: true, description: true, bodyPart: true, numberOfInstances: true } as const;
const INSTANCE_SELECT = { sopInstanceUid: true, sopClassUid: true, instanceNumber: true, rows: true, columns: true, numberOfFrames: true, transferSyntaxUid: true } as const;

type StudyRow = Prisma.StudyGetPayload<{ select: typeof STUDY_SELECT }>;
type SeriesRow = Prisma.SeriesGetPayload<{ select: typeof SERIES_SELECT }>;
type InstanceRow = Prisma.InstanceGetPayload<{ select: typeof INSTANCE_SELECT }>;

function dateRange(range: DateRange): { gte?: Date; lte?: Date } {
  const toDate = (value: string) => new Date(`${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}T00:00:00Z`);
  return { gte: range.from ? toDate(range.from) : undefined, lte: range.to ? toDate(range.to) : undefined };
}

/** The part of a match the database decides; text patterns with inner wildcards are narrowed here and finished in `rowMatches`. */
function columnCondition(match: Match): unknown {
  switch (match.kind) {
    case "uid":
      return { in: match.values };
    case "integer":
      return { in: match.values };
    case "date":
      return dateRange(match.range);
    case "text": {
      if (match.keyword === "ModalitiesInStudy") return { hasSome: match.pattern.split(/[\\,]/).map((value) => value.trim().toUpperCase()) };
      const { prefix, suffix, literal } = wildcard(match.pattern);
      if (literal) return { equals: match.pattern, mode: "insensitive" };
      return { startsWith: prefix, endsWith: suffix, mode: "insensitive" };
    }
  }
}

function where<K extends string>(matches: readonly Match[], columns: Record<K, string>): Record<string, unknown> {
  const conditions: Record<string, unknown> = {};
  for (const match of matches) {
    const column = columns[match.keyword as K];
    if (column) conditions[column] = columnCondition(match);
  }
  return conditions;
}

/** Text matches with wildcards inside them, checked on each row the database returned. */
function rowPatterns<K extends string>(matches: readonly Match[], level: QueryLevel, columns: Record<K, string>) {
  return matches.flatMap((match) => {
    const column = columns[match.keyword as K];
    if (!column || match.kind !== "text" || match.keyword === "ModalitiesInStudy") return [];
    const pattern = wildcard(match.pattern);
    return pattern.literal ? [] : [{ level, column, regex: pattern.regex }];
  });
}

function studyDataset(study: StudyRow, urls: ReturnType<typeof resourceUrls>): JsonDataset {
  const dataset: JsonDataset = {};
  put(dataset, "00080005", "CS", "ISO_IR 192");
  put(dataset, "00080020", "DA", dicomDate(study.studyDate));
  put(dataset, "00080030", "TM", study.studyTime);
  put(dataset, "00080050", "SH", study.accessionNumber);
  put(dataset, "00080056", "CS", "ONLINE");
  put(dataset, "00080061", "CS", ...study.modalities);
  put(dataset, "00080090", "PN", study.referringPhysician);
  put(dataset, "00081030", "LO", study.description);
  put(dataset, "00081190", "UR", urls.study(study.studyInstanceUid));
  put(dataset, "00100010", "PN", study.dicomPatientName);
  put(dataset, "00100020", "LO", study.dicomPatientId);
  put(dataset, "00100030", "DA", dicomDate(study.dicomBirthDate));
  put(dataset, "00100040", "CS", { FEMALE: "F", MALE: "M", OTHER: "O", UNKNOWN: undefined }[study.patient.sex]);
  put(dataset, "0020000D", "UI", study.studyInstanceUid);
  put(dataset, "00201206", "IS", study.numberOfSeries);
  put(dataset, "00201208", "IS", study.numberOfInstances);
  return dataset;
}

function seriesDataset(series: SeriesRow, studyUid: string, urls: ReturnType<typeof resourceUrls>): JsonDataset {
  const dataset: JsonDataset = {};
  put(dataset, "00080060", "CS", series.modality);
  put(dataset, "0008103E", "LO", series.description);
  put(dataset, "00081190", "UR", urls.series(studyUid, series.seriesInstanceUid));
  put(dataset, "00180015", "CS", series.bodyPart);
  put(dataset, "0020000E", "UI", series.seriesInstanceUid);
  put(dataset, "00200011", "IS", series.seriesNumber);
  put(dataset, "00201209", "IS", series.numberOfInstances);
  return dataset;
}

function instanceDataset(instance: InstanceRow, studyUid: string, seriesUid: string, urls: ReturnType<typeof resourceUrls>): JsonDataset {
  const dataset: JsonDataset = {};
  put(dataset, "00080016", "UI", instance.sopClassUid);
  put(dataset, "00080018", "UI", instance.sopInstanceUid);
  put(dataset, "00080056", "CS", "ONLINE");
  put(dataset, "00081190", "UR", urls.instance(studyUid, seriesUid, instance.sopInstanceUid));
  put(dataset, "00083002", "UI", instance.transferSyntaxUid);
  put(dataset, "00200013", "IS", instance.instanceNumber);
  put(dataset, "00280008", "IS", instance.numberOfFrames);
  put(dataset, "00280010", "US", instance.rows);
  put(dataset, "00280011", "US", instance.columns);
  return dataset;
}

// What a search at each level returns of the levels above it unless includefield asks for more.
const PARENT_DEFAULTS: Record<QueryLevel, readonly string[]> = {
  study: [],
  series: ["0020000D"],
  instance: ["0020000D", "0020000E"],
};

function combine(level: QueryLevel, own: JsonDataset, parents: JsonDataset, includeFields: QidoQuery["includeFields"]): JsonDataset {
  const wanted = includeFields === "all" ? Object.keys(parents) : [...PARENT_DEFAULTS[level], ...includeFields];
  const dataset = { ...own };
  for (const tag of wanted) if (parents[tag] && !dataset[tag]) dataset[tag] = parents[tag];
  // RetrieveURL and the character set belong to the level searched, never a parent's.
  return sorted(dataset);
}

function page<T>(rows: T[], query: QidoQuery, scanned: boolean): T[] {
  return scanned ? rows.slice(query.offset, query.offset + query.limit) : rows;
}

/** Runs a QIDO-RS search for `actor`; `baseUrl` is where Carrier's DICOMweb is reached (for RetrieveURL). */
export async function searchDicomWeb(db: Database, actor: Actor, scope: QidoScope, query: QidoQuery, baseUrl: string): Promise<QidoResult> {
  const urls = resourceUrls(baseUrl);
  const holdings = holdingsFilter(actor);
  if (!holdings) return { datasets: [], warnings: query.warnings };

  const studyWhere: Prisma.StudyWhereInput = {
    AND: [holdings, { status: { not: "RECEIVING" } }, where(query.matches, STUDY_COLUMNS), scope.studyInstanceUid ? { studyInstanceUid: scope.studyInstanceUid } : {}],
  };
  const patterns = [
    ...rowPatterns(query.matches, "study", STUDY_COLUMNS),
    ...rowPatterns(query.matches, "series", SERIES_COLUMNS),
    ...rowPatterns(query.matches, "instance", INSTANCE_COLUMNS),
  ];
  const scanned = patterns.length > 0;
  const paging: { skip: number; take: number } = scanned ? { skip: 0, take: MAX_SCANNED_ROWS } : { skip: query.offset, take: query.limit };
  const matchesRow = (rows: Partial<Record<QueryLevel, Record<string, unknown>>>) =>
    patterns.every(({ level, column, regex }) => {
      const value = rows[level]?.[column];
      return typeof value === "string" && regex.test(value);
    });

  if (scope.level === "study") {
    const rows = await db.study.findMany({ where: studyWhere, orderBy: [{ studyDate: { sort: "desc", nulls: "last" } }, { createdAt: "asc" }], select: STUDY_SELECT, ...paging });
    const studies = page(rows.filter((row) => matchesRow({ study: row })), query, scanned);
    const permitted = await permittedStudies(db, actor, "study.view", studies);
    return { datasets: permitted.map((study) => combine("study", studyDataset(study, urls), {}, query.includeFields)), warnings: query.warnings };
  }

  const seriesWhere: Prisma.SeriesWhereInput = { study: studyWhere, ...where(query.matches, SERIES_COLUMNS), ...(scope.seriesInstanceUid ? { seriesInstanceUid: scope.seriesInstanceUid } : {}) };
  if (scope.level === "series") {
    const rows = await db.series.findMany({
      where: seriesWhere,
      orderBy: [{ studyId: "asc" }, { seriesNumber: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }],
      select: { ...SERIES_SELECT, study: { select: STUDY_SELECT } },
      ...paging,
    });
    const series = page(rows.filter((row) => matchesRow({ series: row, study: row.study })), query, scanned);
    const permitted = new Set((await permittedStudies(db, actor, "study.view", series.map((row) => row.study))).map((study) => study.id));
    const datasets = series
      .filter((row) => permitted.has(row.study.id))
      .map((row) => combine("series", seriesDataset(row, row.study.studyInstanceUid, urls), studyDataset(row.study, urls), query.includeFields));
    return { datasets, warnings: query.warnings };
  }

  const rows = await db.instance.findMany({
    where: { series: seriesWhere, ...where(query.matches, INSTANCE_COLUMNS) },
    orderBy: [{ seriesId: "asc" }, { instanceNumber: { sort: "asc", nulls: "last" } }, { sopInstanceUid: "asc" }],
    select: { ...INSTANCE_SELECT, series: { select: { ...SERIES_SELECT, study: { select: STUDY_SELECT } } } },
    ...paging,
  });
  const instances = page(rows.filter((row) => matchesRow({ instance: row, series: row.series, study: row.series.study })), query, scanned);
  const permitted = new Set((await permittedStudies(db, actor, "study.view", instances.map((row) => row.series.study))).map((study) => study.id));
  const datasets = instances
    .filter((row) => permitted.has(row.series.study.id))
    .map((row) => {
      const study = row.series.study;
      const parents = { ...studyDataset(study, urls), ...seriesDataset(row.series, study.studyInstanceUid, urls) };
      return combine("instance", instanceDataset(row, study.studyInstanceUid, row.series.seriesInstanceUid, urls), parents, query.includeFields);
    });
  return { datasets, warnings: query.warnings };
}
