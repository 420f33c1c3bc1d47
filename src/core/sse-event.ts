/** One server-sent event as the upstream readers yield it (AWS event-stream messages are mapped to the same shape). */
export interface SseEvent {
  event: string | undefined;
  data: string;
}
