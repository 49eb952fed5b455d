import * as migration_20261123_112211_initial from './20261123_112211_initial';
import * as migration_20261123_120113_personalization from './20261123_120113_personalization';
import * as migration_20261123_123951_consent from './20261123_123951_consent';
import * as migration_20261123_124520_consent_request from './20261123_124520_consent_request';
import * as migration_20261123_130317_branding from './20261123_130317_branding';
import * as migration_20261123_144412_lead_scoring from './20261123_144412_lead_scoring';
import * as migration_20261123_173519_segments from './20261123_173519_segments';
import * as migration_20261123_181057_deliverability from './20261123_181057_deliverability';
import * as migration_20261123_185613_campaigns from './20261123_185613_campaigns';
import * as migration_20261123_192921_campaign_ab_test from './20261123_192921_campaign_ab_test';
import * as migration_20261123_193541_automations from './20261123_193541_automations';
import * as migration_20261123_202910_local_time from './20261123_202910_local_time';
import * as migration_20261206_050049_subscriber_link_keys from './20261206_050049_subscriber_link_keys';
import * as migration_20261206_063458_login_throttle from './20261206_063458_login_throttle';
import * as migration_20261206_123515_customer_truth from './20261206_123515_customer_truth';
import * as migration_20261206_152628_purchase_predictions from './20261206_152628_purchase_predictions';
import * as migration_20261206_160106_best_send_time from './20261206_160106_best_send_time';
import * as migration_20261206_160658_admin_trust from './20261206_160658_admin_trust';
import * as migration_20261206_194907_session_20261206 from './20261206_194907_session_20261206';
import * as migration_20261206_202211_import_created_by from './20261206_202211_import_created_by';
import * as migration_20261206_231609_triggers_webhooks from './20261206_231609_triggers_webhooks';
import * as migration_20261206_232928_erasure_suppressions from './20261206_232928_erasure_suppressions';
import * as migration_20261206_233732_commerce_triggers from './20261206_233732_commerce_triggers';
import * as migration_20261207_021400_purge_unconfirmed from './20261207_021400_purge_unconfirmed';
import * as migration_20261207_061048_ab_significance from './20261207_061048_ab_significance';
import * as migration_20261207_093910_automation_holdout from './20261207_093910_automation_holdout';
import * as migration_20261207_100744_prediction_indexes from './20261207_100744_prediction_indexes';
import * as migration_20261207_205134_purchase_predictions_table from './20261207_205134_purchase_predictions_table';
import * as migration_20261208_003351_campaign_sends_subscriber_state from './20261208_003351_campaign_sends_subscriber_state';

export const migrations = [
  {
    up: migration_20261123_112211_initial.up,
    down: migration_20261123_112211_initial.down,
    name: '20261123_112211_initial',
  },
  {
    up: migration_20261123_120113_personalization.up,
    down: migration_20261123_120113_personalization.down,
    name: '20261123_120113_personalization',
  },
  {
    up: migration_20261123_123951_consent.up,
    down: migration_20261123_123951_consent.down,
    name: '20261123_123951_consent',
  },
  {
    up: migration_20261123_124520_consent_request.up,
    down: migration_20261123_124520_consent_request.down,
    name: '20261123_124520_consent_request',
  },
  {
    up: migration_20261123_130317_branding.up,
    down: migration_20261123_130317_branding.down,
    name: '20261123_130317_branding',
  },
  {
    up: migration_20261123_144412_lead_scoring.up,
    down: migration_20261123_144412_lead_scoring.down,
    name: '20261123_144412_lead_scoring',
  },
  {
    up: migration_20261123_173519_segments.up,
    down: migration_20261123_173519_segments.down,
    name: '20261123_173519_segments',
  },
  {
    up: migration_20261123_181057_deliverability.up,
    down: migration_20261123_181057_deliverability.down,
    name: '20261123_181057_deliverability',
  },
  {
    up: migration_20261123_185613_campaigns.up,
    down: migration_20261123_185613_campaigns.down,
    name: '20261123_185613_campaigns',
  },
  {
    up: migration_20261123_192921_campaign_ab_test.up,
    down: migration_20261123_192921_campaign_ab_test.down,
    name: '20261123_192921_campaign_ab_test',
  },
  {
    up: migration_20261123_193541_automations.up,
    down: migration_20261123_193541_automations.down,
    name: '20261123_193541_automations',
  },
  {
    up: migration_20261123_202910_local_time.up,
    down: migration_20261123_202910_local_time.down,
    name: '20261123_202910_local_time',
  },
  {
    up: migration_20261206_050049_subscriber_link_keys.up,
    down: migration_20261206_050049_subscriber_link_keys.down,
    name: '20261206_050049_subscriber_link_keys',
  },
  {
    up: migration_20261206_063458_login_throttle.up,
    down: migration_20261206_063458_login_throttle.down,
    name: '20261206_063458_login_throttle',
  },
  {
    up: migration_20261206_123515_customer_truth.up,
    down: migration_20261206_123515_customer_truth.down,
    name: '20261206_123515_customer_truth',
  },
  {
    up: migration_20261206_152628_purchase_predictions.up,
    down: migration_20261206_152628_purchase_predictions.down,
    name: '20261206_152628_purchase_predictions',
  },
  {
    up: migration_20261206_160106_best_send_time.up,
    down: migration_20261206_160106_best_send_time.down,
    name: '20261206_160106_best_send_time',
  },
  {
    up: migration_20261206_160658_admin_trust.up,
    down: migration_20261206_160658_admin_trust.down,
    name: '20261206_160658_admin_trust',
  },
  {
    up: migration_20261206_194907_session_20261206.up,
    down: migration_20261206_194907_session_20261206.down,
    name: '20261206_194907_session_20261206',
  },
  {
    up: migration_20261206_202211_import_created_by.up,
    down: migration_20261206_202211_import_created_by.down,
    name: '20261206_202211_import_created_by',
  },
  {
    up: migration_20261206_231609_triggers_webhooks.up,
    down: migration_20261206_231609_triggers_webhooks.down,
    name: '20261206_231609_triggers_webhooks',
  },
  {
    up: migration_20261206_232928_erasure_suppressions.up,
    down: migration_20261206_232928_erasure_suppressions.down,
    name: '20261206_232928_erasure_suppressions',
  },
  {
    up: migration_20261206_233732_commerce_triggers.up,
    down: migration_20261206_233732_commerce_triggers.down,
    name: '20261206_233732_commerce_triggers',
  },
  {
    up: migration_20261207_021400_purge_unconfirmed.up,
    down: migration_20261207_021400_purge_unconfirmed.down,
    name: '20261207_021400_purge_unconfirmed',
  },
  {
    up: migration_20261207_061048_ab_significance.up,
    down: migration_20261207_061048_ab_significance.down,
    name: '20261207_061048_ab_significance',
  },
  {
    up: migration_20261207_093910_automation_holdout.up,
    down: migration_20261207_093910_automation_holdout.down,
    name: '20261207_093910_automation_holdout',
  },
  {
    up: migration_20261207_100744_prediction_indexes.up,
    down: migration_20261207_100744_prediction_indexes.down,
    name: '20261207_100744_prediction_indexes',
  },
  {
    up: migration_20261207_205134_purchase_predictions_table.up,
    down: migration_20261207_205134_purchase_predictions_table.down,
    name: '20261207_205134_purchase_predictions_table',
  },
  {
    up: migration_20261208_003351_campaign_sends_subscriber_state.up,
    down: migration_20261208_003351_campaign_sends_subscriber_state.down,
    name: '20261208_003351_campaign_sends_subscriber_state'
  },
];
