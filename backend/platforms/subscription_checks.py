"""Why a platform's subscription check (the GET a platform sends to confirm a webhook URL) was
refused. The plugins answer those checks, so the errors live with them, below the webhooks
domain (which re-exports them)."""

from __future__ import annotations

from backend.errors import BadRequest, Forbidden, NotFound


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
