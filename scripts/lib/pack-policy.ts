/**
 * The policies that carry selector packs live with the packs (utils/ehr/packs/policy-files.ts), so
 * the extension's pack builder writes the same files `npm run pack-policy` does; the scripts and
 * tests that import them from here keep working.
 */
export * from '../../utils/ehr/packs/policy-files';
