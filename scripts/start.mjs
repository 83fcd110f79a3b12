// npm start: the Express example on http://127.0.0.1:$PORT (3000 by default) for your browser.
// A busy port is one line naming PORT, not a stack.
import { runUntilStopped } from '@oauth1a/example-kit';
import { startExample } from '../examples/express-basic/src/server.mjs';

try {
  runUntilStopped(await startExample({ port: Number(process.env.PORT ?? 3000) }), 'Express');
} catch (error) {
  if (error?.code !== 'EADDRINUSE') throw error;
  console.error(`npm start: ${error.message}`);
  process.exit(1);
}
