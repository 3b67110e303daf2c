import { z } from 'zod';
import { ConfigError, type ConfigProblem } from '../../shared/errors';

/**
 * The `client_payload` of a `factory-report` repository_dispatch, validated once. Errors name
 * the field (`client_payload.screenshots.1: ...`), so the sender can fix the request.
 */
const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).max(2000, 'expected a URL of at most 2000 characters');

const Scalar = z.union([z.string().max(500), z.number(), z.boolean()]);

export const ReportPayloadSchema = z.object({
  id: z
    .union([z.string(), z.number().int().nonnegative()], { error: 'is required: a stable report id (string or number)' })
    .transform(String)
    .pipe(
      z
        .string()
        .min(1, 'must not be empty')
        .max(100, 'must be at most 100 characters')
        .regex(/^[A-Za-z0-9._/-]+$/, 'use only letters, digits and . _ / -'),
    ),
  title: z.string({ error: 'expected a string' }).trim().min(1, 'must not be empty').optional(),
  description: z.string({ error: 'expected a string' }).max(60_000, 'must be at most 60000 characters').default(''),
  reporter: z.string({ error: 'expected a string' }).max(200, 'must be at most 200 characters').optional(),
  source: z
    .string({ error: "expected a string such as 'slack', 'app' or 'webhook'" })
    .regex(/^[A-Za-z0-9_-]{1,40}$/, "expected a short name such as 'slack', 'app' or 'webhook'")
    .default('webhook'),
  environment: z
    .union([z.string().max(2000), z.record(z.string().max(100), Scalar)], {
      error: 'expected a string or an object of strings, numbers and booleans',
    })
    .optional(),
  url: httpUrl.optional(),
  screenshots: z.array(httpUrl, { error: 'expected a list of URLs' }).max(10, 'at most 10 screenshots').optional(),
});

export type ReportPayload = z.output<typeof ReportPayloadSchema>;

export function parseReport(clientPayload: unknown): ReportPayload {
  const result = ReportPayloadSchema.safeParse(clientPayload ?? {});
  if (result.success) return result.data;
  const problems: ConfigProblem[] = result.error.issues.map((issue) => ({
    path: ['client_payload', ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  throw new ConfigError(problems);
}
