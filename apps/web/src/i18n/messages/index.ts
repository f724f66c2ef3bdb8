import type { Message } from '../define';
import { common } from './common';
import { consoleMessages } from './console';
import { dashboard } from './dashboard';
import { publicPages } from './public';
import { visits } from './visits';

/** Every area's messages: Polish first, English second (issue #11), the same keys in both (defineMessages checks). */
export const MESSAGE_AREAS = { common, console: consoleMessages, dashboard, public: publicPages, visits };

export type MessageKey =
  | keyof typeof common.pl
  | keyof typeof consoleMessages.pl
  | keyof typeof dashboard.pl
  | keyof typeof publicPages.pl
  | keyof typeof visits.pl;

const areas = Object.values(MESSAGE_AREAS);
export const CATALOGUES = {
  pl: Object.assign({}, ...areas.map((area) => area.pl)) as Record<MessageKey, Message>,
  en: Object.assign({}, ...areas.map((area) => area.en)) as Record<MessageKey, Message>,
};
