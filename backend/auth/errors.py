from __future__ import annotations

from backend.errors import AppError, Forbidden, RateLimited, Unauthorized


class InvalidCredentials(Unauthorized):
    code = "invalid_credentials"
    default_message = "Email or password is incorrect."
    keeps_changes = True  # the failure record and its ledger event must survive the 401


class InvalidToken(Unauthorized):
    code = "invalid_token"
    default_message = "Your session is not valid. Sign in again."


class RefreshTokenReused(Unauthorized):
    code = "refresh_token_reused"
    default_message = (
        "This refresh token was already used, so the session has been closed for safety. "
        "Sign in again."
    )
    keeps_changes = True  # the revoked family must stay revoked


class SignupClosed(Forbidden):
    code = "signup_closed"
    default_message = "Sign-up is closed here. Ask an admin of your workspace to add you."


class EmailTaken(AppError):
    status_code = 409
    code = "email_taken"
    default_message = "An account with this email already exists. Sign in instead."
    keeps_changes = True  # the probe counts towards the sign-in limits


class TooManyAttempts(RateLimited):
    code = "too_many_attempts"


class WrongPassword(Forbidden):
    code = "wrong_password"
    default_message = "Your current password is not correct."
    keeps_changes = True  # the failure counts towards the sign-in limits


class CsrfRejected(Forbidden):
    code = "csrf_failed"
    default_message = (
        "Requests signed in with the session cookie must send the X-CSRF-Token header with the "
        "value of the stakazo_csrf cookie."
    )


class OriginRejected(Forbidden):
    code = "origin_not_allowed"
    default_message = "Browser sessions work only from the dashboard's origin."
