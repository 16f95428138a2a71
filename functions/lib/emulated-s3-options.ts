/** What an S3 client needs for emulated S3 (s3rver): path-style URLs, and bodies it stores verbatim (toolchain §4). */
export const EmulatedS3Options = {
  forcePathStyle: true,
  requestChecksumCalculation: 'WHEN_REQUIRED',
  responseChecksumValidation: 'WHEN_REQUIRED',
} as const;
