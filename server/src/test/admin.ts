/**
 * The administrator every test server and server process is started with (ADMIN_EMAIL,
 * ADMIN_PASSWORD). Apart from testServer.ts, which needs vitest, so that the e2e specs that
 * start server processes can use it too.
 */
export const ADMIN = { email: 'admin@example.test', password: 'admin-password-123', name: 'Admin' };
