"""Why a webhook call was refused. Platforms retry anything but 2xx, so each refusal is a 4xx that
says exactly what was wrong; nothing a caller sends may end in a 500."""

from __future__ import annotations

from backend.errors import AppError, BadRequest

# Raised by the platforms' parsers, which sit below this domain: defined with them.
from backend.platforms.base import MalformedWebhook as MalformedWebhook
from backend.platforms.subscription_checks import TopicUnknown as TopicUnknown
from backend.platforms.subscription_checks import VerificationInvalid as VerificationInvalid
from backend.platforms.subscription_checks import VerifyTokenMismatch as VerifyTokenMismatch


class WebhookSignatureInvalid(AppError):
    status_code = 401
    code = "webhook_signature_invalid"
    default_message = "The webhook signature is missing or does not match the body."


class WebhookSignatureStale(AppError):
    status_code = 401
    code = "webhook_signature_stale"
    default_message = "The webhook signature's timestamp is too far from now (a replay?)."


class WebhookMalformed(BadRequest):
    code = "webhook_malformed"
    default_message = "The webhook body is not a notification this endpoint understands."


class WebhookTooLarge(AppError):
    status_code = 413
    code = "webhook_too_large"
    default_message = "The webhook body is larger than this server accepts."
