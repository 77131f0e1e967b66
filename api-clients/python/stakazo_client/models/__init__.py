"""Contains all the data models used in inputs/outputs"""

from .account_health import AccountHealth
from .account_out import AccountOut
from .account_out_platform import AccountOutPlatform
from .account_out_status import AccountOutStatus
from .accounts_quota_mode import AccountsQuotaMode
from .accounts_start_connect_platform import AccountsStartConnectPlatform
from .active_task import ActiveTask
from .add_member_request import AddMemberRequest
from .add_member_request_role import AddMemberRequestRole
from .ai_health_list_runs_outcome_type_0 import AiHealthListRunsOutcomeType0
from .alert_out import AlertOut
from .alert_out_details import AlertOutDetails
from .alert_out_rule import AlertOutRule
from .alert_out_scope import AlertOutScope
from .alert_out_severity import AlertOutSeverity
from .alert_out_state import AlertOutState
from .alerts_list_rule_type_0 import AlertsListRuleType0
from .alerts_list_severity_type_0 import AlertsListSeverityType0
from .alerts_list_state_type_0 import AlertsListStateType0
from .approval_count import ApprovalCount
from .approve_rules import ApproveRules
from .approver_out import ApproverOut
from .asset_out import AssetOut
from .asset_out_media_info_type_0 import AssetOutMediaInfoType0
from .asset_state import AssetState
from .asset_uploaded import AssetUploaded
from .asset_uploaded_media_info_type_0 import AssetUploadedMediaInfoType0
from .best_time import BestTime
from .best_time_source import BestTimeSource
from .best_times_out import BestTimesOut
from .browser_session import BrowserSession
from .calendar_item import CalendarItem
from .calendar_item_state import CalendarItemState
from .calendar_list_platform_type_0 import CalendarListPlatformType0
from .campaign_in import CampaignIn
from .campaign_in_approval_policy import CampaignInApprovalPolicy
from .campaign_in_schedule_mode import CampaignInScheduleMode
from .campaign_out import CampaignOut
from .campaign_out_approval_policy import CampaignOutApprovalPolicy
from .campaign_out_schedule_mode import CampaignOutScheduleMode
from .campaign_out_state import CampaignOutState
from .campaign_patch import CampaignPatch
from .campaign_patch_approval_policy_type_0 import CampaignPatchApprovalPolicyType0
from .campaign_patch_schedule_mode_type_0 import CampaignPatchScheduleModeType0
from .campaign_post_out import CampaignPostOut
from .campaign_post_out_reason import CampaignPostOutReason
from .campaign_post_out_source import CampaignPostOutSource
from .campaign_post_out_state import CampaignPostOutState
from .campaigns_import_schedule_body import CampaignsImportScheduleBody
from .campaigns_list_state_type_0 import CampaignsListStateType0
from .caption_brand import CaptionBrand
from .caption_brand_brand_type_0 import CaptionBrandBrandType0
from .caption_preset_out import CaptionPresetOut
from .caption_style_out import CaptionStyleOut
from .change_password_request import ChangePasswordRequest
from .change_role_request import ChangeRoleRequest
from .change_role_request_role import ChangeRoleRequestRole
from .check import Check
from .cited_answer import CitedAnswer
from .cited_hypothesis import CitedHypothesis
from .cited_hypothesis_confidence import CitedHypothesisConfidence
from .cited_recommendation import CitedRecommendation
from .clip_detail import ClipDetail
from .clip_detail_breakdown import ClipDetailBreakdown
from .clip_detail_breakdown_additional_property import ClipDetailBreakdownAdditionalProperty
from .clip_detail_duration_fit import ClipDetailDurationFit
from .clip_detail_features import ClipDetailFeatures
from .clip_detail_scores import ClipDetailScores
from .clip_detail_status import ClipDetailStatus
from .clip_edit import ClipEdit
from .clip_out import ClipOut
from .clip_out_scores import ClipOutScores
from .clip_out_status import ClipOutStatus
from .clip_score_out import ClipScoreOut
from .clip_transcript import ClipTranscript
from .clip_version import ClipVersion
from .clips_list_platform_type_0 import ClipsListPlatformType0
from .clips_list_sort import ClipsListSort
from .clips_list_status_type_0 import ClipsListStatusType0
from .confirm_publish import ConfirmPublish
from .connect_request import ConnectRequest
from .connect_result import ConnectResult
from .connect_start import ConnectStart
from .contribution import Contribution
from .create_job_request import CreateJobRequest
from .create_job_request_params import CreateJobRequestParams
from .create_job_request_type import CreateJobRequestType
from .create_publications import CreatePublications
from .create_publications_mode import CreatePublicationsMode
from .create_publications_privacy import CreatePublicationsPrivacy
from .create_variant_request import CreateVariantRequest
from .create_variant_request_platform import CreateVariantRequestPlatform
from .create_workspace_request import CreateWorkspaceRequest
from .creator_info_out import CreatorInfoOut
from .creator_info_out_platform import CreatorInfoOutPlatform
from .dead_item import DeadItem
from .dead_item_kind import DeadItemKind
from .disk import Disk
from .durations import Durations
from .error_body import ErrorBody
from .failure_rate import FailureRate
from .finding import Finding
from .finding_cause import FindingCause
from .finding_severity import FindingSeverity
from .health import Health
from .import_out import ImportOut
from .invitation_out import InvitationOut
from .invitation_out_role import InvitationOutRole
from .invitation_out_state import InvitationOutState
from .job_counts import JobCounts
from .job_counts_by_state import JobCountsByState
from .job_counts_by_type import JobCountsByType
from .job_counts_by_type_additional_property import JobCountsByTypeAdditionalProperty
from .job_out import JobOut
from .job_out_params import JobOutParams
from .job_out_result_type_0 import JobOutResultType0
from .job_out_state import JobOutState
from .jobs_list_state_type_0 import JobsListStateType0
from .jobs_list_type_type_0 import JobsListTypeType0
from .jobs_summary import JobsSummary
from .ledger_event_out import LedgerEventOut
from .ledger_event_out_payload import LedgerEventOutPayload
from .ledger_health import LedgerHealth
from .ledger_verification import LedgerVerification
from .login_request import LoginRequest
from .me import Me
from .member_out import MemberOut
from .member_out_role import MemberOutRole
from .merge_request import MergeRequest
from .metric_catalogue import MetricCatalogue
from .metric_out import MetricOut
from .model_ref import ModelRef
from .model_ref_kind import ModelRefKind
from .model_ref_state import ModelRefState
from .notifications_out import NotificationsOut
from .notifications_out_state import NotificationsOutState
from .outbox_counts import OutboxCounts
from .outbox_overview import OutboxOverview
from .outbox_overview_counts import OutboxOverviewCounts
from .outbox_retried import OutboxRetried
from .outbox_retried_kind import OutboxRetriedKind
from .outbox_retry_kind import OutboxRetryKind
from .overview import Overview
from .page_account_out import PageAccountOut
from .page_alert_out import PageAlertOut
from .page_asset_out import PageAssetOut
from .page_calendar_item import PageCalendarItem
from .page_campaign_out import PageCampaignOut
from .page_campaign_post_out import PageCampaignPostOut
from .page_caption_preset_out import PageCaptionPresetOut
from .page_clip_out import PageClipOut
from .page_clip_version import PageClipVersion
from .page_invitation_out import PageInvitationOut
from .page_job_out import PageJobOut
from .page_ledger_event_out import PageLedgerEventOut
from .page_member_out import PageMemberOut
from .page_metric_out import PageMetricOut
from .page_platform_rule_out import PagePlatformRuleOut
from .page_publication_out import PagePublicationOut
from .page_role_out import PageRoleOut
from .page_run_out import PageRunOut
from .page_scoring_model_out import PageScoringModelOut
from .page_scoring_weights_out import PageScoringWeightsOut
from .page_variant_out import PageVariantOut
from .page_workspace_out import PageWorkspaceOut
from .permission_out import PermissionOut
from .pick_out import PickOut
from .pick_out_reason import PickOutReason
from .plan_out import PlanOut
from .plan_request import PlanRequest
from .plan_step import PlanStep
from .platform_rule_out import PlatformRuleOut
from .platform_rule_out_status import PlatformRuleOutStatus
from .platform_rules_doc import PlatformRulesDoc
from .platform_rules_doc_caption_unit import PlatformRulesDocCaptionUnit
from .post_choices import PostChoices
from .posting_window import PostingWindow
from .preflight_out import PreflightOut
from .preflight_problem import PreflightProblem
from .propose_rules import ProposeRules
from .propose_rules_platform import ProposeRulesPlatform
from .propose_rules_rules import ProposeRulesRules
from .publication_batch import PublicationBatch
from .publication_counts import PublicationCounts
from .publication_counts_by_platform import PublicationCountsByPlatform
from .publication_counts_by_platform_additional_property import PublicationCountsByPlatformAdditionalProperty
from .publication_counts_by_state import PublicationCountsByState
from .publication_out import PublicationOut
from .publication_out_mode import PublicationOutMode
from .publication_out_options import PublicationOutOptions
from .publication_out_privacy import PublicationOutPrivacy
from .publication_out_state import PublicationOutState
from .publication_spec import PublicationSpec
from .publication_spec_mode import PublicationSpecMode
from .publication_spec_privacy import PublicationSpecPrivacy
from .publications_list_platform_type_0 import PublicationsListPlatformType0
from .publications_list_state_type_0 import PublicationsListStateType0
from .queue_depth import QueueDepth
from .quota_out import QuotaOut
from .quota_out_mode import QuotaOutMode
from .quota_out_source import QuotaOutSource
from .quota_out_window_type_0 import QuotaOutWindowType0
from .readiness import Readiness
from .readiness_checks import ReadinessChecks
from .refresh_request import RefreshRequest
from .register_request import RegisterRequest
from .registration import Registration
from .reject_publication import RejectPublication
from .reject_rules import RejectRules
from .rename_workspace_request import RenameWorkspaceRequest
from .role_out import RoleOut
from .role_out_name import RoleOutName
from .rules_active_platform_rules_response_rules_active_platform_rules import (
    RulesActivePlatformRulesResponseRulesActivePlatformRules,
)
from .rules_list_platform_rules_platform_type_0 import RulesListPlatformRulesPlatformType0
from .rules_list_platform_rules_status_type_0 import RulesListPlatformRulesStatusType0
from .run_detail import RunDetail
from .run_detail_outcome_type_0 import RunDetailOutcomeType0
from .run_detail_state import RunDetailState
from .run_detail_trigger import RunDetailTrigger
from .run_out import RunOut
from .run_out_outcome_type_0 import RunOutOutcomeType0
from .run_out_state import RunOutState
from .run_out_trigger import RunOutTrigger
from .running_job import RunningJob
from .safe_area import SafeArea
from .schedule_publication import SchedulePublication
from .score_contribution import ScoreContribution
from .scoring_clip_score_platform_type_0 import ScoringClipScorePlatformType0
from .scoring_list_models_platform_type_0 import ScoringListModelsPlatformType0
from .scoring_list_models_state_type_0 import ScoringListModelsStateType0
from .scoring_model_out import ScoringModelOut
from .scoring_model_out_kind import ScoringModelOutKind
from .scoring_model_out_state import ScoringModelOutState
from .scoring_model_out_weights import ScoringModelOutWeights
from .scoring_weights_out import ScoringWeightsOut
from .scoring_weights_out_weights import ScoringWeightsOutWeights
from .scoring_weights_out_weights_additional_property import ScoringWeightsOutWeightsAdditionalProperty
from .series import Series
from .series_point import SeriesPoint
from .silence_request import SilenceRequest
from .skip_out import SkipOut
from .slot import Slot
from .snapshot import Snapshot
from .snapshot_assets_by_state import SnapshotAssetsByState
from .snapshot_clips_by_status import SnapshotClipsByStatus
from .snapshot_metrics import SnapshotMetrics
from .snapshot_scope import SnapshotScope
from .split_out import SplitOut
from .split_request import SplitRequest
from .state_change import StateChange
from .state_change_state import StateChangeState
from .state_counts import StateCounts
from .state_counts_by_state import StateCountsByState
from .target_in import TargetIn
from .target_out import TargetOut
from .tik_tok_choices import TikTokChoices
from .tik_tok_choices_privacy_level import TikTokChoicesPrivacyLevel
from .tik_tok_creator_info import TikTokCreatorInfo
from .timeline_out import TimelineOut
from .timeline_out_data import TimelineOutData
from .token_pair import TokenPair
from .tool_call_out import ToolCallOut
from .tool_call_out_arguments import ToolCallOutArguments
from .train_request import TrainRequest
from .train_request_platform_type_0 import TrainRequestPlatformType0
from .training_metrics import TrainingMetrics
from .transcript_word import TranscriptWord
from .update_asset_request import UpdateAssetRequest
from .update_clip_request import UpdateClipRequest
from .update_clip_request_status_type_0 import UpdateClipRequestStatusType0
from .upload_out import UploadOut
from .upload_out_state import UploadOutState
from .uploads_file_body import UploadsFileBody
from .user_out import UserOut
from .variant_out import VariantOut
from .variant_out_checks import VariantOutChecks
from .variant_state import VariantState
from .webhook_health import WebhookHealth
from .webhook_receipt import WebhookReceipt
from .word_fix import WordFix
from .worker_list import WorkerList
from .worker_status import WorkerStatus
from .worker_status_state import WorkerStatusState
from .workspace_out import WorkspaceOut
from .workspace_out_role import WorkspaceOutRole
from .workspace_role import WorkspaceRole
from .you_tube_category import YouTubeCategory
from .you_tube_choices import YouTubeChoices
from .you_tube_creator_info import YouTubeCreatorInfo

__all__ = (
    "AccountHealth",
    "AccountOut",
    "AccountOutPlatform",
    "AccountOutStatus",
    "AccountsQuotaMode",
    "AccountsStartConnectPlatform",
    "ActiveTask",
    "AddMemberRequest",
    "AddMemberRequestRole",
    "AiHealthListRunsOutcomeType0",
    "AlertOut",
    "AlertOutDetails",
    "AlertOutRule",
    "AlertOutScope",
    "AlertOutSeverity",
    "AlertOutState",
    "AlertsListRuleType0",
    "AlertsListSeverityType0",
    "AlertsListStateType0",
    "ApprovalCount",
    "ApproverOut",
    "ApproveRules",
    "AssetOut",
    "AssetOutMediaInfoType0",
    "AssetState",
    "AssetUploaded",
    "AssetUploadedMediaInfoType0",
    "BestTime",
    "BestTimeSource",
    "BestTimesOut",
    "BrowserSession",
    "CalendarItem",
    "CalendarItemState",
    "CalendarListPlatformType0",
    "CampaignIn",
    "CampaignInApprovalPolicy",
    "CampaignInScheduleMode",
    "CampaignOut",
    "CampaignOutApprovalPolicy",
    "CampaignOutScheduleMode",
    "CampaignOutState",
    "CampaignPatch",
    "CampaignPatchApprovalPolicyType0",
    "CampaignPatchScheduleModeType0",
    "CampaignPostOut",
    "CampaignPostOutReason",
    "CampaignPostOutSource",
    "CampaignPostOutState",
    "CampaignsImportScheduleBody",
    "CampaignsListStateType0",
    "CaptionBrand",
    "CaptionBrandBrandType0",
    "CaptionPresetOut",
    "CaptionStyleOut",
    "ChangePasswordRequest",
    "ChangeRoleRequest",
    "ChangeRoleRequestRole",
    "Check",
    "CitedAnswer",
    "CitedHypothesis",
    "CitedHypothesisConfidence",
    "CitedRecommendation",
    "ClipDetail",
    "ClipDetailBreakdown",
    "ClipDetailBreakdownAdditionalProperty",
    "ClipDetailDurationFit",
    "ClipDetailFeatures",
    "ClipDetailScores",
    "ClipDetailStatus",
    "ClipEdit",
    "ClipOut",
    "ClipOutScores",
    "ClipOutStatus",
    "ClipScoreOut",
    "ClipsListPlatformType0",
    "ClipsListSort",
    "ClipsListStatusType0",
    "ClipTranscript",
    "ClipVersion",
    "ConfirmPublish",
    "ConnectRequest",
    "ConnectResult",
    "ConnectStart",
    "Contribution",
    "CreateJobRequest",
    "CreateJobRequestParams",
    "CreateJobRequestType",
    "CreatePublications",
    "CreatePublicationsMode",
    "CreatePublicationsPrivacy",
    "CreateVariantRequest",
    "CreateVariantRequestPlatform",
    "CreateWorkspaceRequest",
    "CreatorInfoOut",
    "CreatorInfoOutPlatform",
    "DeadItem",
    "DeadItemKind",
    "Disk",
    "Durations",
    "ErrorBody",
    "FailureRate",
    "Finding",
    "FindingCause",
    "FindingSeverity",
    "Health",
    "ImportOut",
    "InvitationOut",
    "InvitationOutRole",
    "InvitationOutState",
    "JobCounts",
    "JobCountsByState",
    "JobCountsByType",
    "JobCountsByTypeAdditionalProperty",
    "JobOut",
    "JobOutParams",
    "JobOutResultType0",
    "JobOutState",
    "JobsListStateType0",
    "JobsListTypeType0",
    "JobsSummary",
    "LedgerEventOut",
    "LedgerEventOutPayload",
    "LedgerHealth",
    "LedgerVerification",
    "LoginRequest",
    "Me",
    "MemberOut",
    "MemberOutRole",
    "MergeRequest",
    "MetricCatalogue",
    "MetricOut",
    "ModelRef",
    "ModelRefKind",
    "ModelRefState",
    "NotificationsOut",
    "NotificationsOutState",
    "OutboxCounts",
    "OutboxOverview",
    "OutboxOverviewCounts",
    "OutboxRetried",
    "OutboxRetriedKind",
    "OutboxRetryKind",
    "Overview",
    "PageAccountOut",
    "PageAlertOut",
    "PageAssetOut",
    "PageCalendarItem",
    "PageCampaignOut",
    "PageCampaignPostOut",
    "PageCaptionPresetOut",
    "PageClipOut",
    "PageClipVersion",
    "PageInvitationOut",
    "PageJobOut",
    "PageLedgerEventOut",
    "PageMemberOut",
    "PageMetricOut",
    "PagePlatformRuleOut",
    "PagePublicationOut",
    "PageRoleOut",
    "PageRunOut",
    "PageScoringModelOut",
    "PageScoringWeightsOut",
    "PageVariantOut",
    "PageWorkspaceOut",
    "PermissionOut",
    "PickOut",
    "PickOutReason",
    "PlanOut",
    "PlanRequest",
    "PlanStep",
    "PlatformRuleOut",
    "PlatformRuleOutStatus",
    "PlatformRulesDoc",
    "PlatformRulesDocCaptionUnit",
    "PostChoices",
    "PostingWindow",
    "PreflightOut",
    "PreflightProblem",
    "ProposeRules",
    "ProposeRulesPlatform",
    "ProposeRulesRules",
    "PublicationBatch",
    "PublicationCounts",
    "PublicationCountsByPlatform",
    "PublicationCountsByPlatformAdditionalProperty",
    "PublicationCountsByState",
    "PublicationOut",
    "PublicationOutMode",
    "PublicationOutOptions",
    "PublicationOutPrivacy",
    "PublicationOutState",
    "PublicationsListPlatformType0",
    "PublicationsListStateType0",
    "PublicationSpec",
    "PublicationSpecMode",
    "PublicationSpecPrivacy",
    "QueueDepth",
    "QuotaOut",
    "QuotaOutMode",
    "QuotaOutSource",
    "QuotaOutWindowType0",
    "Readiness",
    "ReadinessChecks",
    "RefreshRequest",
    "RegisterRequest",
    "Registration",
    "RejectPublication",
    "RejectRules",
    "RenameWorkspaceRequest",
    "RoleOut",
    "RoleOutName",
    "RulesActivePlatformRulesResponseRulesActivePlatformRules",
    "RulesListPlatformRulesPlatformType0",
    "RulesListPlatformRulesStatusType0",
    "RunDetail",
    "RunDetailOutcomeType0",
    "RunDetailState",
    "RunDetailTrigger",
    "RunningJob",
    "RunOut",
    "RunOutOutcomeType0",
    "RunOutState",
    "RunOutTrigger",
    "SafeArea",
    "SchedulePublication",
    "ScoreContribution",
    "ScoringClipScorePlatformType0",
    "ScoringListModelsPlatformType0",
    "ScoringListModelsStateType0",
    "ScoringModelOut",
    "ScoringModelOutKind",
    "ScoringModelOutState",
    "ScoringModelOutWeights",
    "ScoringWeightsOut",
    "ScoringWeightsOutWeights",
    "ScoringWeightsOutWeightsAdditionalProperty",
    "Series",
    "SeriesPoint",
    "SilenceRequest",
    "SkipOut",
    "Slot",
    "Snapshot",
    "SnapshotAssetsByState",
    "SnapshotClipsByStatus",
    "SnapshotMetrics",
    "SnapshotScope",
    "SplitOut",
    "SplitRequest",
    "StateChange",
    "StateChangeState",
    "StateCounts",
    "StateCountsByState",
    "TargetIn",
    "TargetOut",
    "TikTokChoices",
    "TikTokChoicesPrivacyLevel",
    "TikTokCreatorInfo",
    "TimelineOut",
    "TimelineOutData",
    "TokenPair",
    "ToolCallOut",
    "ToolCallOutArguments",
    "TrainingMetrics",
    "TrainRequest",
    "TrainRequestPlatformType0",
    "TranscriptWord",
    "UpdateAssetRequest",
    "UpdateClipRequest",
    "UpdateClipRequestStatusType0",
    "UploadOut",
    "UploadOutState",
    "UploadsFileBody",
    "UserOut",
    "VariantOut",
    "VariantOutChecks",
    "VariantState",
    "WebhookHealth",
    "WebhookReceipt",
    "WordFix",
    "WorkerList",
    "WorkerStatus",
    "WorkerStatusState",
    "WorkspaceOut",
    "WorkspaceOutRole",
    "WorkspaceRole",
    "YouTubeCategory",
    "YouTubeChoices",
    "YouTubeCreatorInfo",
)
