export * from '@onair/polls/onair-poll.js';
