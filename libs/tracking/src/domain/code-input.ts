/** A tracking code as a resident may type it: an access code's input (core). */
export {
  ACCESS_CODE_INPUT as TRACKING_CODE_INPUT,
  ACCESS_CODE_INPUT_MAX_LENGTH as TRACKING_CODE_INPUT_MAX_LENGTH,
} from '@app/core';
