from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.snapshot_scope import SnapshotScope

if TYPE_CHECKING:
    from ..models.account_health import AccountHealth
    from ..models.disk import Disk
    from ..models.durations import Durations
    from ..models.failure_rate import FailureRate
    from ..models.job_counts import JobCounts
    from ..models.ledger_health import LedgerHealth
    from ..models.publication_counts import PublicationCounts
    from ..models.queue_depth import QueueDepth
    from ..models.running_job import RunningJob
    from ..models.snapshot_assets_by_state import SnapshotAssetsByState
    from ..models.snapshot_clips_by_status import SnapshotClipsByStatus
    from ..models.snapshot_metrics import SnapshotMetrics
    from ..models.webhook_health import WebhookHealth
    from ..models.worker_status import WorkerStatus


T = TypeVar("T", bound="Snapshot")


@_attrs_define
class Snapshot:
    """``scope`` "instance": every workspace together, plus what only the instance has (queues,
    workers, disk). A workspace's snapshot carries the instance's queues, workers and disk too:
    they are the machines its work runs on.

        Attributes:
            accounts (list[AccountHealth]):
            assets_by_state (SnapshotAssetsByState):
            clips_by_status (SnapshotClipsByStatus):
            disk (Disk | None):
            durations (list[Durations]):
            failure_rates (list[FailureRate]):
            interval_seconds (float):
            jobs (JobCounts):
            ledger (LedgerHealth):
            metrics (SnapshotMetrics): Flat numbers for charts, e.g. queue.media.depth, jobs.running, jobs.failure_rate.5m,
                publications.published, workers.alive.
            publications (PublicationCounts):
            queues (list[QueueDepth]):
            running (list[RunningJob]):
            scope (SnapshotScope):
            taken_at (datetime.datetime):
            webhooks (WebhookHealth): Deliveries about the scope's accounts (the instance: every delivery).
            workers (list[WorkerStatus]):
            workspace_id (None | UUID):
    """

    accounts: list[AccountHealth]
    assets_by_state: SnapshotAssetsByState
    clips_by_status: SnapshotClipsByStatus
    disk: Disk | None
    durations: list[Durations]
    failure_rates: list[FailureRate]
    interval_seconds: float
    jobs: JobCounts
    ledger: LedgerHealth
    metrics: SnapshotMetrics
    publications: PublicationCounts
    queues: list[QueueDepth]
    running: list[RunningJob]
    scope: SnapshotScope
    taken_at: datetime.datetime
    webhooks: WebhookHealth
    workers: list[WorkerStatus]
    workspace_id: None | UUID
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.disk import Disk  # noqa: PLC0415

        accounts = []
        for accounts_item_data in self.accounts:
            accounts_item = accounts_item_data.to_dict()
            accounts.append(accounts_item)

        assets_by_state = self.assets_by_state.to_dict()

        clips_by_status = self.clips_by_status.to_dict()

        disk: dict[str, Any] | None
        if isinstance(self.disk, Disk):
            disk = self.disk.to_dict()
        else:
            disk = self.disk

        durations = []
        for durations_item_data in self.durations:
            durations_item = durations_item_data.to_dict()
            durations.append(durations_item)

        failure_rates = []
        for failure_rates_item_data in self.failure_rates:
            failure_rates_item = failure_rates_item_data.to_dict()
            failure_rates.append(failure_rates_item)

        interval_seconds = self.interval_seconds

        jobs = self.jobs.to_dict()

        ledger = self.ledger.to_dict()

        metrics = self.metrics.to_dict()

        publications = self.publications.to_dict()

        queues = []
        for queues_item_data in self.queues:
            queues_item = queues_item_data.to_dict()
            queues.append(queues_item)

        running = []
        for running_item_data in self.running:
            running_item = running_item_data.to_dict()
            running.append(running_item)

        scope = self.scope.value

        taken_at = self.taken_at.isoformat()

        webhooks = self.webhooks.to_dict()

        workers = []
        for workers_item_data in self.workers:
            workers_item = workers_item_data.to_dict()
            workers.append(workers_item)

        workspace_id: None | str
        if isinstance(self.workspace_id, UUID):
            workspace_id = str(self.workspace_id)
        else:
            workspace_id = self.workspace_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "accounts": accounts,
                "assets_by_state": assets_by_state,
                "clips_by_status": clips_by_status,
                "disk": disk,
                "durations": durations,
                "failure_rates": failure_rates,
                "interval_seconds": interval_seconds,
                "jobs": jobs,
                "ledger": ledger,
                "metrics": metrics,
                "publications": publications,
                "queues": queues,
                "running": running,
                "scope": scope,
                "taken_at": taken_at,
                "webhooks": webhooks,
                "workers": workers,
                "workspace_id": workspace_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.account_health import AccountHealth  # noqa: PLC0415
        from ..models.disk import Disk  # noqa: PLC0415
        from ..models.durations import Durations  # noqa: PLC0415
        from ..models.failure_rate import FailureRate  # noqa: PLC0415
        from ..models.job_counts import JobCounts  # noqa: PLC0415
        from ..models.ledger_health import LedgerHealth  # noqa: PLC0415
        from ..models.publication_counts import PublicationCounts  # noqa: PLC0415
        from ..models.queue_depth import QueueDepth  # noqa: PLC0415
        from ..models.running_job import RunningJob  # noqa: PLC0415
        from ..models.snapshot_assets_by_state import SnapshotAssetsByState  # noqa: PLC0415
        from ..models.snapshot_clips_by_status import SnapshotClipsByStatus  # noqa: PLC0415
        from ..models.snapshot_metrics import SnapshotMetrics  # noqa: PLC0415
        from ..models.webhook_health import WebhookHealth  # noqa: PLC0415
        from ..models.worker_status import WorkerStatus  # noqa: PLC0415

        d = dict(src_dict)
        accounts = []
        _accounts = d.pop("accounts")
        for accounts_item_data in _accounts:
            accounts_item = AccountHealth.from_dict(accounts_item_data)

            accounts.append(accounts_item)

        assets_by_state = SnapshotAssetsByState.from_dict(d.pop("assets_by_state"))

        clips_by_status = SnapshotClipsByStatus.from_dict(d.pop("clips_by_status"))

        def _parse_disk(data: object) -> Disk | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                disk_type_0 = Disk.from_dict(data)

                return disk_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Disk | None, data)

        disk = _parse_disk(d.pop("disk"))

        durations = []
        _durations = d.pop("durations")
        for durations_item_data in _durations:
            durations_item = Durations.from_dict(durations_item_data)

            durations.append(durations_item)

        failure_rates = []
        _failure_rates = d.pop("failure_rates")
        for failure_rates_item_data in _failure_rates:
            failure_rates_item = FailureRate.from_dict(failure_rates_item_data)

            failure_rates.append(failure_rates_item)

        interval_seconds = d.pop("interval_seconds")

        jobs = JobCounts.from_dict(d.pop("jobs"))

        ledger = LedgerHealth.from_dict(d.pop("ledger"))

        metrics = SnapshotMetrics.from_dict(d.pop("metrics"))

        publications = PublicationCounts.from_dict(d.pop("publications"))

        queues = []
        _queues = d.pop("queues")
        for queues_item_data in _queues:
            queues_item = QueueDepth.from_dict(queues_item_data)

            queues.append(queues_item)

        running = []
        _running = d.pop("running")
        for running_item_data in _running:
            running_item = RunningJob.from_dict(running_item_data)

            running.append(running_item)

        scope = SnapshotScope(d.pop("scope"))

        taken_at = datetime.datetime.fromisoformat(d.pop("taken_at"))

        webhooks = WebhookHealth.from_dict(d.pop("webhooks"))

        workers = []
        _workers = d.pop("workers")
        for workers_item_data in _workers:
            workers_item = WorkerStatus.from_dict(workers_item_data)

            workers.append(workers_item)

        def _parse_workspace_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                workspace_id_type_0 = UUID(data)

                return workspace_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        workspace_id = _parse_workspace_id(d.pop("workspace_id"))

        snapshot = cls(
            accounts=accounts,
            assets_by_state=assets_by_state,
            clips_by_status=clips_by_status,
            disk=disk,
            durations=durations,
            failure_rates=failure_rates,
            interval_seconds=interval_seconds,
            jobs=jobs,
            ledger=ledger,
            metrics=metrics,
            publications=publications,
            queues=queues,
            running=running,
            scope=scope,
            taken_at=taken_at,
            webhooks=webhooks,
            workers=workers,
            workspace_id=workspace_id,
        )

        snapshot.additional_properties = d
        return snapshot

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
