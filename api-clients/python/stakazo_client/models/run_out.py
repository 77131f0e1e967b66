from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.run_out_outcome_type_0 import RunOutOutcomeType0
from ..models.run_out_state import RunOutState
from ..models.run_out_trigger import RunOutTrigger

T = TypeVar("T", bound="RunOut")


@_attrs_define
class RunOut:
    """One run, without its findings (GET /v1/ai/health/runs/{id} has them).

    Attributes:
        cost_usd (float):
        created_at (datetime.datetime):
        critical (bool):
        dropped_claims (int): Model claims dropped for citing unknown evidence.
        duration_ms (int | None):
        error (None | str):
        fallback_reason (None | str): Why the deterministic analysis stands: no_provider_configured, providers_failed,
            malformed_output, cost_cap_run, cost_cap_day.
        finished_at (datetime.datetime | None):
        id (UUID):
        model (None | str):
        outcome (None | RunOutOutcomeType0):
        provider (None | str):
        score (int | None): 0 (down) to 100 (healthy); see docs/ai-health.md.
        started_at (datetime.datetime | None):
        state (RunOutState):
        tokens_in (int):
        tokens_out (int):
        trigger (RunOutTrigger):
    """

    cost_usd: float
    created_at: datetime.datetime
    critical: bool
    dropped_claims: int
    duration_ms: int | None
    error: None | str
    fallback_reason: None | str
    finished_at: datetime.datetime | None
    id: UUID
    model: None | str
    outcome: None | RunOutOutcomeType0
    provider: None | str
    score: int | None
    started_at: datetime.datetime | None
    state: RunOutState
    tokens_in: int
    tokens_out: int
    trigger: RunOutTrigger
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        cost_usd = self.cost_usd

        created_at = self.created_at.isoformat()

        critical = self.critical

        dropped_claims = self.dropped_claims

        duration_ms: int | None
        duration_ms = self.duration_ms

        error: None | str
        error = self.error

        fallback_reason: None | str
        fallback_reason = self.fallback_reason

        finished_at: None | str
        if isinstance(self.finished_at, datetime.datetime):
            finished_at = self.finished_at.isoformat()
        else:
            finished_at = self.finished_at

        id = str(self.id)

        model: None | str
        model = self.model

        outcome: None | str
        if isinstance(self.outcome, RunOutOutcomeType0):
            outcome = self.outcome.value
        else:
            outcome = self.outcome

        provider: None | str
        provider = self.provider

        score: int | None
        score = self.score

        started_at: None | str
        if isinstance(self.started_at, datetime.datetime):
            started_at = self.started_at.isoformat()
        else:
            started_at = self.started_at

        state = self.state.value

        tokens_in = self.tokens_in

        tokens_out = self.tokens_out

        trigger = self.trigger.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "cost_usd": cost_usd,
                "created_at": created_at,
                "critical": critical,
                "dropped_claims": dropped_claims,
                "duration_ms": duration_ms,
                "error": error,
                "fallback_reason": fallback_reason,
                "finished_at": finished_at,
                "id": id,
                "model": model,
                "outcome": outcome,
                "provider": provider,
                "score": score,
                "started_at": started_at,
                "state": state,
                "tokens_in": tokens_in,
                "tokens_out": tokens_out,
                "trigger": trigger,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        cost_usd = d.pop("cost_usd")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        critical = d.pop("critical")

        dropped_claims = d.pop("dropped_claims")

        def _parse_duration_ms(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        duration_ms = _parse_duration_ms(d.pop("duration_ms"))

        def _parse_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        error = _parse_error(d.pop("error"))

        def _parse_fallback_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        fallback_reason = _parse_fallback_reason(d.pop("fallback_reason"))

        def _parse_finished_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                finished_at_type_0 = datetime.datetime.fromisoformat(data)

                return finished_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        finished_at = _parse_finished_at(d.pop("finished_at"))

        id = UUID(d.pop("id"))

        def _parse_model(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        model = _parse_model(d.pop("model"))

        def _parse_outcome(data: object) -> None | RunOutOutcomeType0:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                outcome_type_0 = RunOutOutcomeType0(data)

                return outcome_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RunOutOutcomeType0, data)

        outcome = _parse_outcome(d.pop("outcome"))

        def _parse_provider(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        provider = _parse_provider(d.pop("provider"))

        def _parse_score(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        score = _parse_score(d.pop("score"))

        def _parse_started_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                started_at_type_0 = datetime.datetime.fromisoformat(data)

                return started_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        started_at = _parse_started_at(d.pop("started_at"))

        state = RunOutState(d.pop("state"))

        tokens_in = d.pop("tokens_in")

        tokens_out = d.pop("tokens_out")

        trigger = RunOutTrigger(d.pop("trigger"))

        run_out = cls(
            cost_usd=cost_usd,
            created_at=created_at,
            critical=critical,
            dropped_claims=dropped_claims,
            duration_ms=duration_ms,
            error=error,
            fallback_reason=fallback_reason,
            finished_at=finished_at,
            id=id,
            model=model,
            outcome=outcome,
            provider=provider,
            score=score,
            started_at=started_at,
            state=state,
            tokens_in=tokens_in,
            tokens_out=tokens_out,
            trigger=trigger,
        )

        run_out.additional_properties = d
        return run_out

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
