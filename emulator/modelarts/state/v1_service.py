"""v1 service (`/v1/{project_id}/services`): a model deployed as a real-time, batch or edge service.

Statuses are the v1 API's lower-case ones (show/list docs):

- transitional: `deploying` (create, start, or a configuration update of a
  serving service: the old instances keep serving meanwhile), `stopping`;
- stable: `running`, `concerning` (running, some instances fail their health
  check: the `unhealthy` fault), `failed` (deploy failed, `error_msg` says
  why), `stopped`, `finished` (batch only: the job ran to completion).

`deleting`, `pending` and `waiting` are documented but never produced: a
delete removes the service at once and resources are never queued.

Timed transitions are stored as a `pending` target with a due time (applied
lazily by `advance`, so a restarted emulator continues where it stopped):

- deploy: deploying -> running after the ready delay; -> failed under a
  `deploy_fails` fault; a `deploy_times_out` fault (or a ready delay longer
  than the deploy timeout) leaves it deploying until the deploy timeout
  (`deploy_timeout_in_seconds`, default 20 minutes, scaled by
  `--minute-seconds`/60) -> failed;
- a batch service runs for one ready delay more, then -> finished;
- a configuration update of a running service: deploying -> running on the
  new configuration, or, when the rollout fails or times out, back to running
  on the previous one ("Failed to update the service. The update has been
  rolled back."); a failed service redeploys with the new configuration; a
  stopped/finished one keeps its status (the configuration is used at the
  next start);
- stop: stopping -> stopped after the stop delay;
- auto stop (`schedule`, real-time only): a running service stops when its
  timer expires; the timer restarts whenever the service starts running
  (domain-spec 20, A36) and when the schedule is changed.

Operations (seed 003 2.7.3, 2.8.3; seed 001): start from any status but
deploying (a running service is left as it is); stop from deploying,
running, concerning or failed (stopped/stopping: nothing to do; finished:
refused); neither for edge services; configuration changes are refused while
deploying or stopping.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from ...core.store import Document
from .common import Transition, TransitionNotAllowed, new_id, to_ms

KIND = "v1_service"

REAL_TIME, BATCH, EDGE = "real-time", "batch", "edge"
INFER_TYPES = (REAL_TIME, BATCH, EDGE)

RUNNING = "running"
DEPLOYING = "deploying"
CONCERNING = "concerning"
FAILED = "failed"
STOPPED = "stopped"
FINISHED = "finished"
STOPPING = "stopping"
DELETING = "deleting"
PENDING = "pending"
WAITING = "waiting"
STATUSES = (RUNNING, DEPLOYING, CONCERNING, FAILED, STOPPED, FINISHED, STOPPING, DELETING,
            PENDING, WAITING)
TRANSITIONAL = {DEPLOYING, STOPPING}
SERVING = {RUNNING, CONCERNING}

MAX_REAL_TIME_SERVICES = 20  # seed 003 2.4.2 "A user can create up to 20 real-time services"
MAX_BATCH_SERVICES = 1000  # seed 003 2.5 "You can create up to 1,000 batch services"
DEFAULT_DEPLOY_TIMEOUT_SECONDS = 20 * 60  # seed 003 2.4.2: "The default value is 20 minutes"
MAX_EVENTS_KEPT = 200
UNIT_MINUTES = {"MINUTES": 1, "HOURS": 60, "DAYS": 24 * 60}

# What a pending transition leads to (besides plain statuses).
_ROLLBACK = "rollback"

class EdgeLifecycle(Exception):
    """Start/stop asked of an edge service (seed 003 2.7.3: edge services cannot be either)."""


ALLOWED = {
    "start": set(STATUSES) - {DEPLOYING},
    "stop": {DEPLOYING, RUNNING, CONCERNING, FAILED, STOPPING, STOPPED},
    "modify": set(STATUSES) - TRANSITIONAL,
}


def schedule_minutes(schedule: list[dict]) -> int | None:
    """The auto-stop delay in (platform) minutes, None without a schedule."""
    for entry in schedule or []:
        return int(entry["duration"]) * UNIT_MINUTES[entry["time_unit"]]
    return None


@dataclass
class V1Service(Document):
    service_id: str
    service_name: str
    infer_type: str
    workspace_id: str
    description: str
    # Create-only settings as given: cluster_id, pool_name, vpc_id, subnet_network_id,
    # security_group_id, load_balancer_policy, service_secrets, priority.
    settings: dict
    config: list[dict]
    schedule: list[dict]
    additional_properties: dict
    status: str
    publish_at: float
    update_time: float
    transition_at: float
    resource_ids: list[str]
    # The emulator timings in force when the last operation was scheduled.
    timing: dict = field(default_factory=dict)
    # Timed transition still to happen: {"status", "due", "start", "reason"?, "update"?}.
    pending: dict | None = None
    # The configuration an update in progress returns to when it fails: {"config", "status"}.
    rollback: dict | None = None
    error_msg: str | None = None
    due_time: float | None = None  # when the auto stop fires (real-time, running)
    start_time: float | None = None  # batch: when the job started running
    finished_time: float | None = None  # batch: when it finished
    health_alarm: bool = False
    events: list[dict] = field(default_factory=list)

    # ----- construction and persistence -------------------------------------------------

    @classmethod
    def create(cls, name: str, infer_type: str, workspace_id: str, description: str,
               settings: dict, config: list[dict], schedule: list[dict],
               additional_properties: dict, now: float) -> "V1Service":
        resource_ids = [f"INF-{new_id().replace('-', '')[:16]}@{to_ms(now)}" for _ in config]
        return cls(service_id=new_id(), service_name=name, infer_type=infer_type,
                   workspace_id=workspace_id, description=description, settings=settings,
                   config=config, schedule=schedule,
                   additional_properties=additional_properties, status=DEPLOYING,
                   publish_at=now, update_time=now, transition_at=now,
                   resource_ids=resource_ids)

    # ----- reading ----------------------------------------------------------------------

    def model_ids(self) -> set[str]:
        """Every model this service uses, including the configuration an update may restore."""
        configs = self.config + ((self.rollback or {}).get("config") or [])
        return {entry["model_id"] for entry in configs}

    def deploy_timeout_seconds(self) -> int:
        values = [e["deploy_timeout_in_seconds"] for e in self.config
                  if e.get("deploy_timeout_in_seconds")]
        return max(values, default=DEFAULT_DEPLOY_TIMEOUT_SECONDS)

    def progress(self, now: float) -> int | None:
        """Deployment progress in percent while deploying (100 once running)."""
        if self.status in SERVING:
            return 100
        if self.status != DEPLOYING:
            return None
        if not self.pending or self.pending["due"] <= self.pending["start"]:
            return 0
        share = (now - self.pending["start"]) / (self.pending["due"] - self.pending["start"])
        return max(0, min(99, int(share * 100)))

    # ----- operations -------------------------------------------------------------------

    def deploy(self, now: float, timing: dict, fault=None) -> Transition:
        """(Re)deploy the current configuration: deploying -> running, or failed."""
        self.timing = dict(timing)
        old = self.status
        self._enter(DEPLOYING, now)
        self.rollback, self.error_msg, self.due_time = None, None, None
        self.start_time = self.finished_time = None
        self.add_event("The service starts to deploy.", now)
        ready, timeout = timing["ready_delay"], self._timeout_real_seconds()
        if fault is not None and not fault.hang:
            self._schedule(FAILED, now, now + ready, f"Service {self.service_name} failed. "
                                                     f"Error: {fault.reason}")
        elif fault is not None or ready > timeout:
            self._schedule(FAILED, now, now + timeout, self._timeout_reason())
        else:
            self._schedule(RUNNING, now, now + ready)
        return Transition(old, DEPLOYING, now)

    def start(self, now: float, timing: dict, take_fault=None) -> Transition | None:
        """`take_fault()` gives the fault the deploy hits; called only when one happens."""
        self._guard("start")
        if self.status in SERVING:
            return None  # already running: nothing to start
        self.add_event("The service is being started.", now)
        return self.deploy(now, timing, take_fault() if take_fault else None)

    def stop(self, now: float, timing: dict) -> Transition | None:
        self._guard("stop")
        if self.status in (STOPPED, STOPPING):
            return None
        self.timing = dict(timing)
        old = self.status
        self._enter(STOPPING, now)
        self.rollback, self.due_time, self.health_alarm = None, None, False
        self.add_event("The service is being stopped.", now)
        self._schedule(STOPPED, now, now + timing["stop_delay"])
        return Transition(old, STOPPING, now)

    def update_config(self, config: list[dict], now: float, timing: dict,
                      take_fault=None) -> Transition | None:
        """Replace the configuration (the whole `config` array); None when nothing changed.
        `take_fault()` gives the fault the rollout hits; called only when one happens."""
        if config == self.config:
            return None  # nothing to change, whatever the status
        self._guard("modify")
        self.update_time = now
        if self.status == FAILED:
            self.config = config
            self.add_event("The service is being updated.", now)
            return self.deploy(now, timing, take_fault() if take_fault else None)
        if self.status not in SERVING:  # stopped, finished: used at the next start
            self.config = config
            self.add_event("The service configuration is updated; it is used at the next "
                           "start.", now)
            return None
        fault = take_fault() if take_fault else None
        self.timing = dict(timing)
        old = self.status
        self.rollback = {"config": copy.deepcopy(self.config), "status": RUNNING}
        self.config = config
        self._enter(DEPLOYING, now)
        self.health_alarm, self.error_msg = False, None
        self.add_event("The service is being updated.", now)
        ready, timeout = timing["ready_delay"], self._timeout_real_seconds()
        if fault is not None and not fault.hang:
            self._schedule(_ROLLBACK, now, now + ready, fault.reason, update=True)
        elif fault is not None or ready > timeout:
            self._schedule(_ROLLBACK, now, now + timeout, self._timeout_reason(), update=True)
        else:
            self._schedule(RUNNING, now, now + ready, update=True)
        return Transition(old, DEPLOYING, now)

    def set_schedule(self, schedule: list[dict], now: float, timing: dict) -> None:
        if schedule == self.schedule:
            return
        self._guard("modify")
        self.timing = dict(timing)
        self.schedule = schedule
        minutes = schedule_minutes(schedule)
        if minutes is None:
            self.due_time = None
            self.add_event("Auto stop has been disabled.", now)
            return
        seconds = minutes * timing["minute_seconds"]
        self.add_event(f"Auto stop has been enabled. The service will stop after "
                       f"{minutes * 60}s.", now)
        if self.status in SERVING:
            self.due_time = now + seconds

    # ----- timed progress ---------------------------------------------------------------

    def advance(self, now: float) -> list[Transition]:
        """Apply every timed transition that has come due, in the order they fell due."""
        changes: list[Transition] = []
        while True:
            candidates = []
            if self.pending and self.pending["due"] <= now:
                candidates.append((self.pending["due"], "pending"))
            if self.due_time is not None and self.status in SERVING and self.due_time <= now:
                candidates.append((self.due_time, "auto_stop"))
            if not candidates:
                return changes
            at, what = min(candidates)
            changes.append(self._auto_stop(at) if what == "auto_stop" else self._apply_pending())

    def set_health(self, failing: bool, now: float) -> Transition | None:
        """Failing health checks on a running service -> concerning; passing again -> running."""
        if self.status != CONCERNING:
            self.health_alarm = False
        if failing and self.status == RUNNING:
            self.health_alarm = True
            self._enter(CONCERNING, now)
            self.add_event(f"Some instances of service {self.service_name} failed their health "
                           "check (readiness probe); status transitioned from running to "
                           "concerning.", now, abnormal=True)
            return Transition(RUNNING, CONCERNING, now)
        if not failing and self.status == CONCERNING and self.health_alarm:
            self.health_alarm = False
            self._enter(RUNNING, now)
            self.add_event(f"The instances of service {self.service_name} are healthy again.",
                           now)
            return Transition(CONCERNING, RUNNING, now)
        return None

    def add_event(self, text: str, at: float, abnormal: bool = False) -> None:
        self.events.append({"event_type": "abnormal" if abnormal else "normal",
                            "event_info": text, "occur_time": to_ms(at)})
        del self.events[:-MAX_EVENTS_KEPT]

    # ----- helpers ----------------------------------------------------------------------

    def guard_modify(self) -> None:
        """Changes of the service (description, schedule, config, ...) wait for a stable status."""
        self._guard("modify")

    def _guard(self, operation: str) -> None:
        if operation in ("start", "stop") and self.infer_type == EDGE:
            raise EdgeLifecycle(f"Edge service {self.service_name} cannot be started or "
                                "stopped: services deployed on edge nodes have no start/stop, "
                                "so 'status' is not accepted for edge services.")
        allowed = ALLOWED[operation]
        if self.status not in allowed:
            raise TransitionNotAllowed(f"service {self.service_name}", operation, self.status,
                                       allowed)

    def _enter(self, status: str, at: float) -> None:
        self.status, self.transition_at = status, at

    def _schedule(self, target: str, now: float, due: float, reason: str | None = None,
                  update: bool = False) -> None:
        self.pending = {"status": target, "start": now, "due": due, "reason": reason,
                        "update": update}

    def _timeout_real_seconds(self) -> float:
        return self.deploy_timeout_seconds() * self.timing.get("minute_seconds", 60.0) / 60.0

    def _timeout_reason(self) -> str:
        return (f"Service deployment timed out. Error: the deployment of service "
                f"{self.service_name} exceeds {self.deploy_timeout_seconds()} seconds "
                "(deploy_timeout_in_seconds).")

    def _apply_pending(self) -> Transition:
        pending, self.pending = self.pending, None
        old, target, at = self.status, pending["status"], pending["due"]
        reason, update = pending.get("reason"), pending.get("update")
        if target == RUNNING:
            self._enter(RUNNING, at)
            self.rollback, self.error_msg = None, None
            if update:
                self.add_event(f"Service {self.service_name} updated.", at)
            else:
                self.add_event(f"Service {self.service_name} started.", at)
                minutes = schedule_minutes(self.schedule) if self.infer_type == REAL_TIME else None
                if minutes is not None:
                    self.due_time = at + minutes * self.timing.get("minute_seconds", 60.0)
            if self.infer_type == BATCH:
                self.start_time = at
                self._schedule(FINISHED, at, at + self.timing.get("ready_delay", 0.0))
        elif target == _ROLLBACK:
            previous = self.rollback or {}
            self.config = previous.get("config") or self.config
            self.rollback = None
            self._enter(previous.get("status") or RUNNING, at)
            self.add_event(f"Failed to update the service: {reason}", at, abnormal=True)
            self.add_event("Failed to update the service. The update has been rolled back.", at)
        elif target == FAILED:
            self._enter(FAILED, at)
            self.error_msg = reason
            self.add_event(reason or f"Service {self.service_name} failed.", at, abnormal=True)
        elif target == STOPPED:
            self._enter(STOPPED, at)
            self.add_event("The service has been stopped.", at)
        elif target == FINISHED:
            self._enter(FINISHED, at)
            self.finished_time = at
            self.add_event("The service has been executed.", at)
        return Transition(old, self.status, at)

    def _auto_stop(self, at: float) -> Transition:
        old = self.status
        self.due_time, self.health_alarm = None, False
        self._enter(STOPPING, at)
        self.add_event("The service stops when the auto stop time expires.", at)
        self._schedule(STOPPED, at, at + self.timing.get("stop_delay", 0.0))
        return Transition(old, STOPPING, at)
