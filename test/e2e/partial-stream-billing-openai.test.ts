import { describePartialStreamBilling } from '../support/describe-partial-stream-billing.js';

describePartialStreamBilling('openai');
