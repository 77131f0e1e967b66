from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.run_detail_outcome_type_0 import RunDetailOutcomeType0
from ..models.run_detail_state import RunDetailState
from ..models.run_detail_trigger import RunDetailTrigger

if TYPE_CHECKING:
    from ..models.cited_answer import CitedAnswer
    from ..models.finding import Finding
    from ..models.tool_call_out import ToolCallOut


T = TypeVar("T", bound="RunDetail")


@_attrs_define
class RunDetail:
    """
    Attributes:
        answer (CitedAnswer | None): The model's answer (outcome model) or the deterministic one, each claim with the
            findings it cites.
        cost_usd (float):
        created_at (datetime.datetime):
        critical (bool):
        dropped_claims (int): Model claims dropped for citing unknown evidence.
        duration_ms (int | None):
        error (None | str):
        fallback_reason (None | str): Why the deterministic analysis stands: no_provider_configured, providers_failed,
            malformed_output, cost_cap_run, cost_cap_day.
        findings (list[Finding]):
        finished_at (datetime.datetime | None):
        id (UUID):
        inputs_digest (None | str): sha256 of the redacted inputs.
        model (None | str):
        outcome (None | RunDetailOutcomeType0):
        provider (None | str):
        score (int | None): 0 (down) to 100 (healthy); see docs/ai-health.md.
        started_at (datetime.datetime | None):
        state (RunDetailState):
        tokens_in (int):
        tokens_out (int):
        tool_calls (list[ToolCallOut]):
        trigger (RunDetailTrigger):
    """

    answer: CitedAnswer | None
    cost_usd: float
    created_at: datetime.datetime
    critical: bool
    dropped_claims: int
    duration_ms: int | None
    error: None | str
    fallback_reason: None | str
    findings: list[Finding]
    finished_at: datetime.datetime | None
    id: UUID
    inputs_digest: None | str
    model: None | str
    outcome: None | RunDetailOutcomeType0
    provider: None | str
    score: int | None
    started_at: datetime.datetime | None
    state: RunDetailState
    tokens_in: int
    tokens_out: int
    tool_calls: list[ToolCallOut]
    trigger: RunDetailTrigger
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.cited_answer import CitedAnswer  # noqa: PLC0415

        answer: dict[str, Any] | None
        if isinstance(self.answer, CitedAnswer):
            answer = self.answer.to_dict()
        else:
            answer = self.answer

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

        findings = []
        for findings_item_data in self.findings:
            findings_item = findings_item_data.to_dict()
            findings.append(findings_item)

        finished_at: None | str
        if isinstance(self.finished_at, datetime.datetime):
            finished_at = self.finished_at.isoformat()
        else:
            finished_at = self.finished_at

        id = str(self.id)

        inputs_digest: None | str
        inputs_digest = self.inputs_digest

        model: None | str
        model = self.model

        outcome: None | str
        if isinstance(self.outcome, RunDetailOutcomeType0):
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

        tool_calls = []
        for tool_calls_item_data in self.tool_calls:
            tool_calls_item = tool_calls_item_data.to_dict()
            tool_calls.append(tool_calls_item)

        trigger = self.trigger.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "answer": answer,
                "cost_usd": cost_usd,
                "created_at": created_at,
                "critical": critical,
                "dropped_claims": dropped_claims,
                "duration_ms": duration_ms,
                "error": error,
                "fallback_reason": fallback_reason,
                "findings": findings,
                "finished_at": finished_at,
                "id": id,
                "inputs_digest": inputs_digest,
                "model": model,
                "outcome": outcome,
                "provider": provider,
                "score": score,
                "started_at": started_at,
                "state": state,
                "tokens_in": tokens_in,
                "tokens_out": tokens_out,
                "tool_calls": tool_calls,
                "trigger": trigger,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.cited_answer import CitedAnswer  # noqa: PLC0415
        from ..models.finding import Finding  # noqa: PLC0415
        from ..models.tool_call_out import ToolCallOut  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_answer(data: object) -> CitedAnswer | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                answer_type_0 = CitedAnswer.from_dict(data)

                return answer_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CitedAnswer | None, data)

        answer = _parse_answer(d.pop("answer"))

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

        findings = []
        _findings = d.pop("findings")
        for findings_item_data in _findings:
            findings_item = Finding.from_dict(findings_item_data)

            findings.append(findings_item)

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

        def _parse_inputs_digest(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        inputs_digest = _parse_inputs_digest(d.pop("inputs_digest"))

        def _parse_model(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        model = _parse_model(d.pop("model"))

        def _parse_outcome(data: object) -> None | RunDetailOutcomeType0:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                outcome_type_0 = RunDetailOutcomeType0(data)

                return outcome_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RunDetailOutcomeType0, data)

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

        state = RunDetailState(d.pop("state"))

        tokens_in = d.pop("tokens_in")

        tokens_out = d.pop("tokens_out")

        tool_calls = []
        _tool_calls = d.pop("tool_calls")
        for tool_calls_item_data in _tool_calls:
            tool_calls_item = ToolCallOut.from_dict(tool_calls_item_data)

            tool_calls.append(tool_calls_item)

        trigger = RunDetailTrigger(d.pop("trigger"))

        run_detail = cls(
            answer=answer,
            cost_usd=cost_usd,
            created_at=created_at,
            critical=critical,
            dropped_claims=dropped_claims,
            duration_ms=duration_ms,
            error=error,
            fallback_reason=fallback_reason,
            findings=findings,
            finished_at=finished_at,
            id=id,
            inputs_digest=inputs_digest,
            model=model,
            outcome=outcome,
            provider=provider,
            score=score,
            started_at=started_at,
            state=state,
            tokens_in=tokens_in,
            tokens_out=tokens_out,
            tool_calls=tool_calls,
            trigger=trigger,
        )

        run_detail.additional_properties = d
        return run_detail

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
