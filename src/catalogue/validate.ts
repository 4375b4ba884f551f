import type { z } from 'zod';
import { type EditionFile, EditionFileSchema, type TopicsFile, TopicsFileSchema } from './schema.ts';

/** A catalogue file as read from disk: its name in the folder, the path shown in problems, its text. */
export interface SourceFile {
  readonly name: string;
  readonly file: string;
  readonly text: string;
}

/** Every file of a catalogue, each parsed and checked against its schema on its own. */
export interface ValidatedFiles {
  readonly topics?: TopicsFile | undefined;
  readonly editions: ReadonlyArray<{ readonly name: string; readonly data: EditionFile }>;
}

/** Names the file, the entry (by id when it has one) and the field of each zod issue. */
function describeIssues(file: string, data: unknown, issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => {
    const [collection, index, ...rest] = issue.path;
    let where = issue.path.length ? `field "${issue.path.join('.')}"` : 'the file';
    if (typeof collection === 'string' && typeof index === 'number') {
      const entry = (data as Record<string, unknown[]>)[collection]?.[index] as { id?: unknown } | undefined;
      const name = typeof entry?.id === 'string' ? `"${entry.id}"` : `#${index + 1}`;
      where = `${collection.replace(/s$/, '')} ${name}${rest.length ? `, field "${rest.join('.')}"` : ''}`;
    }
    return `${file}: ${where}: ${issue.message}`;
  });
}

function parseWith<S extends z.ZodType>(schema: S, source: SourceFile, problems: string[]): z.infer<S> | undefined {
  let data: unknown;
  try {
    data = JSON.parse(source.text);
  } catch (error) {
    problems.push(`${source.file}: is not valid JSON (${(error as Error).message})`);
    return undefined;
  }
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  problems.push(...describeIssues(source.file, data, result.error.issues));
  return undefined;
}

/** The topics file against its schema and every other file against the edition schema; each problem goes to `problems`. */
export function validateFiles(sources: readonly SourceFile[], topicsName: string, problems: string[]): ValidatedFiles {
  const topicsSource = sources.find((source) => source.name === topicsName);
  const topics = topicsSource && parseWith(TopicsFileSchema, topicsSource, problems);
  const editions: { name: string; data: EditionFile }[] = [];
  for (const source of sources) {
    if (source === topicsSource) continue;
    const data = parseWith(EditionFileSchema, source, problems);
    if (data) editions.push({ name: source.name, data });
  }
  return { topics, editions };
}
