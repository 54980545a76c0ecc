import { z } from 'zod';

const semver =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

const isoDate = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

const rapporteur = z.union([
  z.string().min(1).transform((name) => ({ name, affiliation: undefined as string | undefined })),
  z.object({ name: z.string().min(1, 'a rapporteur needs a name'), affiliation: z.string().optional() }).passthrough(),
]);

const severity = z.enum(['off', 'warn', 'error']);

export const frontMatterSchema = z
  .object({
    title: z.string({ required_error: 'the report needs a `title`' }).min(1, '`title` is empty'),
    subtitle: z.string().optional(),
    shorttitle: z.string().optional(),
    dialogue: z.string().optional(),
    version: z
      .string({
        required_error: 'the report needs a `version` (semver, for example 0.3.0)',
        invalid_type_error: '`version` must be a semver string such as 0.3.0 (quote it if YAML reads it as a number)',
      })
      .regex(semver, '`version` must be a semantic version such as 0.3.0'),
    status: z.enum(['draft', 'review', 'final'], {
      errorMap: () => ({ message: '`status` must be one of draft, review, final' }),
    }),
    date: z
      .string({ invalid_type_error: '`date` must be a date written YYYY-MM-DD' })
      .regex(isoDate, '`date` must be a date written YYYY-MM-DD')
      .optional(),
    rapporteurs: z.array(rapporteur, { invalid_type_error: '`rapporteurs` must be a list' }).default([]),
    systems: z
      .array(z.string().regex(/^[a-z][a-z0-9-]*$/, 'a system is a kebab-case name such as civil-law'), {
        invalid_type_error: '`systems` must be a list such as [civil-law, common-law]',
      })
      .min(1, '`systems` needs at least one legal system')
      .default(['civil-law', 'common-law']),
    confidentiality: z
      .enum(['public', 'working-group'], {
        errorMap: () => ({ message: '`confidentiality` must be public or working-group' }),
      })
      .default('working-group'),
    lang: z.string().default('en'),
    description: z.string().optional(),
    keywords: z.array(z.string()).optional(),
    paper: z.enum(['A4', 'Letter'], { errorMap: () => ({ message: '`paper` must be A4 or Letter' }) }).optional(),
    numbering: z.boolean({ invalid_type_error: '`numbering` must be true or false' }).optional(),
    chapters: z
      .array(z.string().min(1), { invalid_type_error: '`chapters` must be a list of file paths' })
      .default([]),
    references: z.string({ invalid_type_error: '`references` must be the path of a .json, .bib or .yaml file' }).min(1).optional(),
    'citation-style': z.string({ invalid_type_error: '`citation-style` must be a CSL style name (oscola, bluebook-law-review…) or a .csl path' }).min(1).optional(),
    lint: z.record(z.union([severity, z.tuple([severity, z.unknown()])])).optional(),
  })
  .passthrough();

export type FrontMatter = z.infer<typeof frontMatterSchema>;

/** Used when the front matter cannot be read, so that lint can still look at the body. */
export function fallbackFrontMatter(raw: Record<string, unknown>): FrontMatter {
  const base: FrontMatter = {
    title: 'Untitled report',
    version: '0.0.0',
    status: 'draft',
    rapporteurs: [],
    systems: ['civil-law', 'common-law'],
    confidentiality: 'working-group',
    lang: 'en',
    chapters: [],
  };
  const shape = frontMatterSchema.shape as Record<string, z.ZodTypeAny>;
  const merged: Record<string, unknown> = { ...raw, ...base };
  for (const [key, field] of Object.entries(shape)) {
    if (!(key in raw)) continue;
    const parsed = field.safeParse(raw[key]);
    if (parsed.success && parsed.data !== undefined) merged[key] = parsed.data;
  }
  return merged as FrontMatter;
}
