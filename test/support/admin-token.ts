/** The first administrator's token in every test world and test server process. */
export const ADMIN_TOKEN = 'icat_test-admin-token-0123456789abcdef'
