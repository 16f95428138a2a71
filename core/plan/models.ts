import { type Diagnostic, makeDiagnostic } from '../diagnostics/index.js';

/** The built-in default model (spec §1.4). */
export const DefaultModel = 'claude-haiku-4-5';

/** Folder ids with a known Bedrock slug (spec §5). */
const ClaudeSlugs: Readonly<Record<string, string>> = {
  'claude-haiku-4-5': 'claude-haiku-4-5-20251001-v1:0',
  'claude-sonnet-4': 'claude-sonnet-4-20250514-v1:0',
  'claude-sonnet-4-5': 'claude-sonnet-4-5-20250929-v1:0',
  'claude-opus-4-5': 'claude-opus-4-5-20251101-v1:0',
  'claude-opus-4-6': 'claude-opus-4-6-v1',
};

const Qualified = /^(us|us-gov|eu|apac|jp|au|ca|global)\.[^.\s]+\.\S+$/;
const Malformed = /[\s\p{Cc}]/u;

/** Cross-region inference profile prefix for a region (spec §5). */
export function regionPrefix(region: string): string {
  if (region.startsWith('eu-')) return 'eu';
  if (region.startsWith('us-')) return 'us';
  if (region.startsWith('ap-')) return 'apac';
  return 'global';
}

/** Resolves a folder model id into the id sent to Bedrock, with its diagnostic (spec §5). */
export function resolveModel(
  folderModel: string,
  region: string,
  where: string,
): { model: string | null; diagnostic: Diagnostic } {
  if (folderModel === '' || Malformed.test(folderModel)) {
    return {
      model: null,
      diagnostic: makeDiagnostic(
        'model.invalid',
        where,
        `Model id ${JSON.stringify(folderModel)} is empty or has whitespace.`,
      ),
    };
  }
  if (folderModel.startsWith('arn:') || Qualified.test(folderModel)) {
    return {
      model: folderModel,
      diagnostic: makeDiagnostic(
        'model.qualified',
        where,
        `Model '${folderModel}' is qualified and kept as written.`,
      ),
    };
  }
  if (folderModel.startsWith('claude-')) {
    const slug = ClaudeSlugs[folderModel];
    const model = `${regionPrefix(region)}.anthropic.${slug ?? folderModel}`;
    return slug
      ? { model, diagnostic: makeDiagnostic('model.resolved', where, `Model '${folderModel}' → '${model}'.`) }
      : {
          model,
          diagnostic: makeDiagnostic(
            'model.unknown_claude',
            where,
            `Model '${folderModel}' is not in the table; using '${model}' — confirm this inference profile exists in ${region}.`,
          ),
        };
  }
  return {
    model: folderModel,
    diagnostic: makeDiagnostic(
      'model.passthrough',
      where,
      `Model '${folderModel}' is passed to Bedrock verbatim; check that it is available in the region.`,
    ),
  };
}
