"""Why a webhook call was refused. Platforms retry anything but 2xx, so each refusal is a 4xx that
says exactly what was wrong; nothing a caller sends may end in a 500."""

from __future__ import annotations

from backend.errors import AppError, BadRequest, Forbidden, NotFound

# Raised by the platforms' parsers, which sit below this domain: defined with them.
from backend.platforms.base import MalformedWebhook as MalformedWebhook


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


class VerificationInvalid(BadRequest):
    code = "webhook_verification_invalid"
    default_message = (
        "A subscription check needs hub.mode, hub.challenge and its other hub.* fields."
    )


class VerifyTokenMismatch(Forbidden):
    code = "webhook_verify_token_mismatch"
    default_message = "hub.verify_token is not the verify token configured for this server."


class TopicUnknown(NotFound):
    code = "webhook_topic_unknown"
    default_message = "hub.topic is not the upload feed of a YouTube channel connected here."
