import * as migration_20261123_112207_initial from './20261123_112207_initial';
import * as migration_20261123_120109_personalization from './20261123_120109_personalization';
import * as migration_20261123_123948_consent from './20261123_123948_consent';
import * as migration_20261123_124518_consent_request from './20261123_124518_consent_request';
import * as migration_20261123_130314_branding from './20261123_130314_branding';
import * as migration_20261123_144408_lead_scoring from './20261123_144408_lead_scoring';
import * as migration_20261123_173516_segments from './20261123_173516_segments';
import * as migration_20261123_181054_deliverability from './20261123_181054_deliverability';
import * as migration_20261123_185607_campaigns from './20261123_185607_campaigns';
import * as migration_20261123_192917_campaign_ab_test from './20261123_192917_campaign_ab_test';
import * as migration_20261123_193538_automations from './20261123_193538_automations';
import * as migration_20261123_202907_local_time from './20261123_202907_local_time';
import * as migration_20261206_045107_ids_never_reused from './20261206_045107_ids_never_reused';
import * as migration_20261206_050040_subscriber_link_keys from './20261206_050040_subscriber_link_keys';
import * as migration_20261206_063447_login_throttle from './20261206_063447_login_throttle';
import * as migration_20261206_123440_customer_truth from './20261206_123440_customer_truth';
import * as migration_20261206_152602_purchase_predictions from './20261206_152602_purchase_predictions';
import * as migration_20261206_160052_best_send_time from './20261206_160052_best_send_time';
import * as migration_20261206_160647_admin_trust from './20261206_160647_admin_trust';
import * as migration_20261206_194859_session_20261206 from './20261206_194859_session_20261206';
import * as migration_20261206_202200_import_created_by from './20261206_202200_import_created_by';
import * as migration_20261206_231550_triggers_webhooks from './20261206_231550_triggers_webhooks';
import * as migration_20261206_232919_erasure_suppressions from './20261206_232919_erasure_suppressions';
import * as migration_20261206_233724_commerce_triggers from './20261206_233724_commerce_triggers';
import * as migration_20261207_061020_ab_significance from './20261207_061020_ab_significance';
import * as migration_20261207_093858_automation_holdout from './20261207_093858_automation_holdout';
import * as migration_20261207_100733_prediction_indexes from './20261207_100733_prediction_indexes';
import * as migration_20261207_205130_purchase_predictions_table from './20261207_205130_purchase_predictions_table';
import * as migration_20261208_003346_campaign_sends_subscriber_state from './20261208_003346_campaign_sends_subscriber_state';

export const migrations = [
  {
    up: migration_20261123_112207_initial.up,
    down: migration_20261123_112207_initial.down,
    name: '20261123_112207_initial',
  },
  {
    up: migration_20261123_120109_personalization.up,
    down: migration_20261123_120109_personalization.down,
    name: '20261123_120109_personalization',
  },
  {
    up: migration_20261123_123948_consent.up,
    down: migration_20261123_123948_consent.down,
    name: '20261123_123948_consent',
  },
  {
    up: migration_20261123_124518_consent_request.up,
    down: migration_20261123_124518_consent_request.down,
    name: '20261123_124518_consent_request',
  },
  {
    up: migration_20261123_130314_branding.up,
    down: migration_20261123_130314_branding.down,
    name: '20261123_130314_branding',
  },
  {
    up: migration_20261123_144408_lead_scoring.up,
    down: migration_20261123_144408_lead_scoring.down,
    name: '20261123_144408_lead_scoring',
  },
  {
    up: migration_20261123_173516_segments.up,
    down: migration_20261123_173516_segments.down,
    name: '20261123_173516_segments',
  },
  {
    up: migration_20261123_181054_deliverability.up,
    down: migration_20261123_181054_deliverability.down,
    name: '20261123_181054_deliverability',
  },
  {
    up: migration_20261123_185607_campaigns.up,
    down: migration_20261123_185607_campaigns.down,
    name: '20261123_185607_campaigns',
  },
  {
    up: migration_20261123_192917_campaign_ab_test.up,
    down: migration_20261123_192917_campaign_ab_test.down,
    name: '20261123_192917_campaign_ab_test',
  },
  {
    up: migration_20261123_193538_automations.up,
    down: migration_20261123_193538_automations.down,
    name: '20261123_193538_automations',
  },
  {
    up: migration_20261123_202907_local_time.up,
    down: migration_20261123_202907_local_time.down,
    name: '20261123_202907_local_time',
  },
  {
    up: migration_20261206_045107_ids_never_reused.up,
    down: migration_20261206_045107_ids_never_reused.down,
    name: '20261206_045107_ids_never_reused',
  },
  {
    up: migration_20261206_050040_subscriber_link_keys.up,
    down: migration_20261206_050040_subscriber_link_keys.down,
    name: '20261206_050040_subscriber_link_keys',
  },
  {
    up: migration_20261206_063447_login_throttle.up,
    down: migration_20261206_063447_login_throttle.down,
    name: '20261206_063447_login_throttle',
  },
  {
    up: migration_20261206_123440_customer_truth.up,
    down: migration_20261206_123440_customer_truth.down,
    name: '20261206_123440_customer_truth',
  },
  {
    up: migration_20261206_152602_purchase_predictions.up,
    down: migration_20261206_152602_purchase_predictions.down,
    name: '20261206_152602_purchase_predictions',
  },
  {
    up: migration_20261206_160052_best_send_time.up,
    down: migration_20261206_160052_best_send_time.down,
    name: '20261206_160052_best_send_time',
  },
  {
    up: migration_20261206_160647_admin_trust.up,
    down: migration_20261206_160647_admin_trust.down,
    name: '20261206_160647_admin_trust',
  },
  {
    up: migration_20261206_194859_session_20261206.up,
    down: migration_20261206_194859_session_20261206.down,
    name: '20261206_194859_session_20261206',
  },
  {
    up: migration_20261206_202200_import_created_by.up,
    down: migration_20261206_202200_import_created_by.down,
    name: '20261206_202200_import_created_by',
  },
  {
    up: migration_20261206_231550_triggers_webhooks.up,
    down: migration_20261206_231550_triggers_webhooks.down,
    name: '20261206_231550_triggers_webhooks',
  },
  {
    up: migration_20261206_232919_erasure_suppressions.up,
    down: migration_20261206_232919_erasure_suppressions.down,
    name: '20261206_232919_erasure_suppressions',
  },
  {
    up: migration_20261206_233724_commerce_triggers.up,
    down: migration_20261206_233724_commerce_triggers.down,
    name: '20261206_233724_commerce_triggers',
  },
  {
    up: migration_20261207_061020_ab_significance.up,
    down: migration_20261207_061020_ab_significance.down,
    name: '20261207_061020_ab_significance',
  },
  {
    up: migration_20261207_093858_automation_holdout.up,
    down: migration_20261207_093858_automation_holdout.down,
    name: '20261207_093858_automation_holdout',
  },
  {
    up: migration_20261207_100733_prediction_indexes.up,
    down: migration_20261207_100733_prediction_indexes.down,
    name: '20261207_100733_prediction_indexes',
  },
  {
    up: migration_20261207_205130_purchase_predictions_table.up,
    down: migration_20261207_205130_purchase_predictions_table.down,
    name: '20261207_205130_purchase_predictions_table',
  },
  {
    up: migration_20261208_003346_campaign_sends_subscriber_state.up,
    down: migration_20261208_003346_campaign_sends_subscriber_state.down,
    name: '20261208_003346_campaign_sends_subscriber_state'
  },
];
