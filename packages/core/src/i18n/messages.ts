import { defineMessages } from './locale.js';

/** Strings core renders itself (error boundary, connection status). */
export const coreMessage = defineMessages({
  en: {
    invalidConfig: 'This widget’s configuration is invalid',
    actionFailed: 'That did not go through',
    renderFailed: 'This widget ran into a problem',
    offline: 'Reconnecting…',
    retry: 'Try again',
  },
  'zh-CN': {
    invalidConfig: '组件配置无效',
    actionFailed: '操作未成功',
    renderFailed: '组件出现问题',
    offline: '正在重新连接…',
    retry: '重试',
  },
});
