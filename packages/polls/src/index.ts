export * from './events.js';
export * from './model/index.js';
export { OnairPoll } from './poll/poll.js';
export { createPollStore, type PollRow, type PollStore, type PollView } from './poll/poll-store.js';
