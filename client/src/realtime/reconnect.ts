import type { Socket } from 'socket.io-client';

/**
 * socket.io reconnects by itself after a lost network, not after the server ended the
 * connection. The server does that when the user's rights change (an admin no longer one: the
 * connection held the admins' room and the user as they were), and when the session ended: then
 * the new connection is refused (`connect_error`), and socket.io does not try again.
 */
export function reconnectWhenServerEnds(socket: Socket): void {
  socket.on('disconnect', (reason) => {
    if (reason === 'io server disconnect') socket.connect();
  });
}
