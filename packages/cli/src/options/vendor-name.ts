/** The vendors the CLI has commands for. */
export type VendorName = 'omni' | 'videodb' | 'closient';

/** Where each vendor's key is read from when `--api-key` is not given. */
export const API_KEY_ENV: Record<VendorName, string> = {
  omni: 'OMNI_API_KEY',
  videodb: 'VIDEODB_API_KEY',
  closient: 'CLOSIENT_API_KEY',
};
