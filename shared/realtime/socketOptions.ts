/** Where socket.io is served, for the server and the browser alike. */
export const SOCKET_IO_PATH = '/socket.io';

/**
 * socket.io runs on a websocket only, as the collab endpoint does (the editor cannot work
 * without one anyway). Its default, HTTP long-polling first, sends each session's requests over
 * several connections, which a load balancer in front of several processes spreads over them:
 * the other processes do not know the session and answer 400, so the live events never start
 * unless the balancer is made sticky. One connection also spares every page a handshake
 * request, a poll and an upgrade.
 */
export const SOCKET_IO_TRANSPORTS: ['websocket'] = ['websocket'];

/** The browser's socket.io options (client/src/realtime/socket.ts). */
export const SOCKET_IO_CLIENT_OPTIONS = { path: SOCKET_IO_PATH, transports: SOCKET_IO_TRANSPORTS };
