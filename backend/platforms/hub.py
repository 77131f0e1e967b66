"""What the ``hub.*`` subscription checks of Meta and WebSub share: the challenge echoed back."""

from __future__ import annotations

from backend.platforms.subscription_checks import VerificationInvalid

CHALLENGE_LIMIT = 512


def echo(challenge: str) -> str:
    """The challenge as it is answered, refused unless it is short printable text."""
    if len(challenge) > CHALLENGE_LIMIT or not challenge.isprintable():
        raise VerificationInvalid(
            f"hub.challenge must be printable text of at most {CHALLENGE_LIMIT} characters"
        )
    return challenge
