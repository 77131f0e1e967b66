"""All tables, imported here so Alembic and the app see one complete metadata."""

from backend.models.ai_health import AIHealthRun
from backend.models.alert import Alert, AlertNotification
from backend.models.asset import Asset, AssetState, AssetTimeline
from backend.models.base import Base
from backend.models.campaign import Campaign, CampaignPost, CampaignTarget, PublicationApproval
from backend.models.clip import Clip, Variant, VariantState
from backend.models.instance import Instance
from backend.models.invitation import Invitation
from backend.models.job import Job
from backend.models.ledger_event import LedgerEvent
from backend.models.login_failure import LoginFailure
from backend.models.membership import Membership
from backend.models.notification_subscription import NotificationSubscription
from backend.models.platform_account import OAuthState, PlatformAccount
from backend.models.publication import Publication, PublicationMetric
from backend.models.refresh_token import RefreshToken
from backend.models.role import Permission, Role, role_permissions
from backend.models.rules import PlatformRule, ScoringWeights
from backend.models.scoring import ScoringModel
from backend.models.telemetry import TelemetrySnapshot, WorkerHeartbeat
from backend.models.upload import Upload
from backend.models.user import User
from backend.models.webhook_delivery import WebhookDelivery
from backend.models.workspace import Workspace

__all__ = [
    "AIHealthRun",
    "Alert",
    "AlertNotification",
    "Asset",
    "AssetState",
    "AssetTimeline",
    "Base",
    "Campaign",
    "CampaignPost",
    "CampaignTarget",
    "Clip",
    "Instance",
    "Invitation",
    "Job",
    "LedgerEvent",
    "LoginFailure",
    "Membership",
    "NotificationSubscription",
    "OAuthState",
    "Permission",
    "PlatformAccount",
    "PlatformRule",
    "Publication",
    "PublicationApproval",
    "PublicationMetric",
    "RefreshToken",
    "Role",
    "ScoringModel",
    "ScoringWeights",
    "TelemetrySnapshot",
    "Upload",
    "User",
    "Variant",
    "VariantState",
    "WebhookDelivery",
    "WorkerHeartbeat",
    "Workspace",
    "role_permissions",
]
