import { buildServer, SERVER_BUILD_DIR } from './buildServer.js';
import { clientIsUpToDate, writeClientStamp } from './clientBuildStamp.js';

/**
 * `npm start`'s and `npm run build`'s build step: the client, unless dist/client is already the
 * build of the current sources (`--force` builds anyway, as `npm run build` does), and the
 * server as JavaScript (dist/node: under a second, so always).
 */
const root = process.cwd();
if (!process.argv.includes('--force') && clientIsUpToDate(root)) {
  console.log('The client is up to date (dist/client): not rebuilt.');
} else {
  // Loaded only to build: importing Vite alone takes seconds on a small machine.
  const { build } = await import('vite');
  await build();
  writeClientStamp(root);
  console.log('The client is built (dist/client).');
}
const files = await buildServer(root);
console.log(`The server is built (${SERVER_BUILD_DIR}, ${files} modules).`);
