// A port on 127.0.0.1 that nobody listens on, for a source that must fail to connect.
import {createServer} from 'node:net';

/** Binds a free port, then closes it: connecting to it is refused. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const {port} = server.address() as {port: number};
  await new Promise((resolve) => server.close(resolve));
  return port;
}
