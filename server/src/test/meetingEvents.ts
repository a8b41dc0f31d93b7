import { io as ioClient } from 'socket.io-client';
import type { ApiClient } from './apiClient.js';

/** A socket.io client of a user watching a meeting's room, recording each event with its payload. */
export async function watchMeeting(client: ApiClient, meetingId: string) {
  const socket = ioClient(client.baseUrl, { path: '/socket.io', transports: ['websocket'], extraHeaders: { cookie: client.cookie! }, reconnection: false });
  const seen: { name: string; payload: any }[] = [];
  socket.onAny((name: string, payload: unknown) => seen.push({ name, payload }));
  await new Promise<void>((resolve) => socket.on('connect', () => resolve()));
  await socket.emitWithAck('meeting:watch', meetingId);
  return { seen, close: () => socket.close() };
}
