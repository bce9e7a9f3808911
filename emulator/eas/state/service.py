"""An EAS service: its service JSON, versions, status machine and events.

Statuses (eas-api.md 3.1; the SDK documents the names, the transitions are
the emulator's model of them):

- CreateService: Creating -> Running after `ready_delay`; a `deploy_fails`
  fault ends Failed, `deploy_times_out` ends Waiting (instances scheduled but
  never ready: the deployment is held back, with a Warning event).
- StartService: Stopped/Failed -> Starting -> Running (faults as for create).
- StopService: -> Stopping -> Stopped after `stop_delay`.
- DeleteService: -> Deleting -> gone after `stop_delay`.
- UpdateService / UpdateServiceVersion / RestartService: -> Updating, a
  rolling update in waves (`metadata.rolling_strategy`, `state.rollout`), one
  wave per `ready_delay`, -> Running when every instance runs the new
  version. A `deploy_fails` fault aborts it after the first probe period
  (-> Failed; the old instances that were still serving keep serving, as EAS
  documents); `deploy_times_out` holds it back (stays Updating, a Warning
  event says why; old instances keep serving) until another update, a
  rollback or a stop.
- UpdateService changing only `metadata.instance`: -> Scaling -> Running
  (`ready_delay` to scale out, `stop_delay` to scale in); no new version.
- UpdateService changing only `token`: a new version at once, no restart.
- An identical service JSON changes nothing (no version, no restart).

Versions: every update that changes the JSON records version n+1, which is
at once both LatestVersion and CurrentVersion (CurrentVersion is the version
the service runs or rolls out to; a rollback makes it smaller than
LatestVersion). UpdateServiceVersion rolls to a recorded version smaller
than CurrentVersion without recording a new one.

Timed transitions are stored as `pending` (target and due time) and applied
lazily by `advance(now)`: no background work, and a restarted emulator
continues where it stopped.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Callable

from ...core import rollout as plan
from ...core.store import Document
from .common import iso, new_id, new_token, regional_key
from .rollout import check_progress

KIND = "eas_service"

CREATING, WAITING, RUNNING, UPDATING = "Creating", "Waiting", "Running", "Updating"
SCALING, STOPPING, STOPPED, STARTING = "Scaling", "Stopping", "Stopped", "Starting"
FAILED, DELETING = "Failed", "Deleting"
DEVELOPING, COMMITTING = "Developing", "Committing"
GONE = "-gone-"  # pending target of a deletion
COMMITTED = "-committed-"  # pending target of a commit: a new version, rolled out
SERVING = {RUNNING, WAITING, UPDATING, SCALING, DEVELOPING, COMMITTING}
MAX_EVENTS = 500

ALLOWED_FROM = {
    "update": {RUNNING, WAITING, UPDATING, SCALING, FAILED, STOPPED},
    "switch to another version of": {RUNNING, WAITING, UPDATING, SCALING, FAILED, STOPPED},
    "restart": {RUNNING, WAITING, UPDATING, SCALING, FAILED},
    "start": {STOPPED, FAILED},
    "stop": {RUNNING, WAITING, UPDATING, SCALING, FAILED, CREATING, STARTING, DEVELOPING},
    "delete": {CREATING, WAITING, RUNNING, UPDATING, SCALING, STOPPING, STOPPED, STARTING, FAILED,
               DEVELOPING, COMMITTING},
    "change": {CREATING, WAITING, RUNNING, UPDATING, SCALING, STOPPING, STOPPED, STARTING,
               FAILED, DEVELOPING, COMMITTING},
    "enter development mode": {RUNNING},
    "exit development mode": {DEVELOPING},
    "commit": {DEVELOPING},
}
# Operations each safety lock refuses ("dangerous": delete and stop; "all": every change).
LOCKED_BY = {"dangerous": {"delete", "stop"}, "all": None}


class NotAllowed(Exception):
    def __init__(self, operation: str, status: str, allowed: set[str]):
        self.operation, self.status, self.allowed = operation, status, allowed
        super().__init__(f"Cannot {operation} a service in status {status}")


class VersionRule(Exception):
    """A version switch the rules forbid (unknown version, not below the current one)."""


@dataclass(frozen=True)
class Fault:
    """What happens to a deployment or rollout (from the core fault plane)."""

    hang: bool
    reason: str


TakeFault = Callable[[], "Fault | None"]


def instance_count(config: dict) -> int:
    value = (config.get("metadata") or {}).get("instance", 1)
    return value if isinstance(value, int) and not isinstance(value, bool) else 1


def strategy(config: dict) -> dict:
    value = (config.get("metadata") or {}).get("rolling_strategy")
    return value if isinstance(value, dict) else {}


def group_of(config: dict) -> str:
    value = (config.get("metadata") or {}).get("group")
    return value if isinstance(value, str) else ""


def gateway_of(config: dict) -> str:
    value = (config.get("networking") or {}).get("gateway")
    return value if isinstance(value, str) else ""


def _without(config: dict, *paths: tuple[str, ...]) -> dict:
    trimmed = copy.deepcopy(config)
    for path in paths:
        parent = trimmed
        for key in path[:-1]:
            parent = parent.get(key) if isinstance(parent, dict) else None
        if isinstance(parent, dict):
            parent.pop(path[-1], None)
    return trimmed


def classify(old: dict, new: dict) -> set[str]:
    """What an update changes: {"token"}, {"scale"}, {"rollout"} (any combination; empty: nothing)."""
    changes = set()
    if (old.get("token"), old.get("generate_token")) != (new.get("token"), new.get("generate_token")):
        changes.add("token")
    if instance_count(old) != instance_count(new):
        changes.add("scale")
    gateway_only = (("token",), ("generate_token",), ("metadata", "instance"))
    if _without(old, *gateway_only) != _without(new, *gateway_only):
        changes.add("rollout")
    return changes


@dataclass
class Service(Document):
    region: str
    name: str
    service_id: str
    config: dict
    status: str
    create_time: float
    update_time: float
    token: str
    workspace_id: str = ""
    reason: str = ""
    message: str = ""
    current_version: int = 1
    latest_version: int = 1
    versions: list[dict] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)
    safety_lock: str = "none"
    weight: int = 0
    traffic_state: str = "standalone"
    group: str = ""
    # Timed transition still to happen: {"status", "due", "reason"?, ...}.
    pending: dict | None = None
    # The rolling update in progress (or aborted, while Failed): see `start_rollout`.
    rollout: dict | None = None
    # What serves after an aborted update: {"old_ready", "failed", "old_version"}.
    aborted: dict | None = None
    autoscaler: dict | None = None
    cronscaler: dict | None = None
    mirror: dict | None = None
    events: list[dict] = field(default_factory=list)
    unhealthy: bool = False
    isolated: list[str] = field(default_factory=list)
    restarts: dict[str, int] = field(default_factory=dict)
    develop: bool = False
    # Bumped by every deploy and rollout: instances are named after the generation they
    # belong to (a restart replaces every instance without a new version).
    generation: int = 0

    # ----- construction and persistence -------------------------------------------------

    @classmethod
    def create(cls, region: str, name: str, config: dict, labels: dict[str, str],
               workspace_id: str, now: float, ready_delay: float, take_fault: TakeFault,
               develop: bool = False) -> "Service":
        token = config.get("token") or new_token()
        service = cls(region=region, name=name, service_id=new_id("eas-m-"), config=config,
                      status=CREATING, create_time=now, update_time=now, token=token,
                      workspace_id=workspace_id, labels=dict(labels), group=group_of(config),
                      develop=develop)
        service._record_version(1, now, "Service created")
        service.add_event(now, "Normal", "ServiceCreated",
                          f"Service [{name}] created with {instance_count(config)} instance(s); "
                          "scheduling instances.")
        service._deploy(CREATING, now, ready_delay, take_fault())
        return service

    @property
    def key(self) -> str:
        return regional_key(self.region, self.name)

    @property
    def instances(self) -> int:
        return instance_count(self.config)

    # ----- events -----------------------------------------------------------------------

    def add_event(self, at: float, kind: str, reason: str, message: str,
                  instance: str = "") -> None:
        self.events.append({"at": at, "Time": iso(at), "Type": kind, "Reason": reason,
                            "Message": message, "InstanceName": instance})
        self.events.sort(key=lambda event: event["at"])
        del self.events[:-MAX_EVENTS]

    # ----- guards -----------------------------------------------------------------------

    def guard(self, operation: str) -> None:
        allowed = ALLOWED_FROM[operation]
        if self.status not in allowed:
            raise NotAllowed(operation, self.status, allowed)

    def locked_against(self, operation: str) -> bool:
        """Whether the safety lock refuses `operation` ("delete", "stop" or any other change)."""
        if self.safety_lock not in LOCKED_BY:
            return False
        refused = LOCKED_BY[self.safety_lock]
        return refused is None or operation in refused

    # ----- timed progress ---------------------------------------------------------------

    def advance(self, now: float) -> bool:
        """Apply what has come due by `now`; True when the service is gone (deleted)."""
        changed = True
        while changed:
            changed = False
            if self.status == UPDATING and self.rollout:
                self._advance_rollout(now)
            pending = self.pending
            if pending and now >= pending["due"]:
                changed = True
                if pending["status"] == GONE:
                    return True
                if pending["status"] == COMMITTED:
                    self._committed(pending["due"], pending["ready_delay"])
                else:
                    self._arrive(pending, pending["due"])
        return False

    def _arrive(self, pending: dict, at: float) -> None:
        old, target = self.status, pending["status"]
        if target == RUNNING and self.develop:
            target = DEVELOPING
        self.pending = None
        self.status, self.update_time = target, at
        reason = pending.get("reason")
        if target == DEVELOPING:
            self.rollout, self.aborted = None, None
            self.reason, self.message = "DEVELOPING", "Service is in development mode"
            self.add_event(at, "Normal", "ServiceDeveloping",
                           f"Service [{self.name}] runs in development mode; status {old} -> "
                           f"{target}.")
        elif target == RUNNING:
            self.rollout, self.aborted = None, None
            self.reason, self.message = "RUNNING", "Service is running"
            self.add_event(at, "Normal", "ServiceRunning",
                           f"Service [{self.name}] is running: {self.instances} of "
                           f"{self.instances} instance(s) ready (version {self.current_version}); "
                           f"status {old} -> {target}.")
        elif target == STOPPED:
            self.rollout, self.aborted = None, None
            self.reason, self.message = "STOPPED", "Service is stopped"
            self.add_event(at, "Normal", "ServiceStopped", f"Service [{self.name}] stopped; "
                           f"status {old} -> {target}.")
        elif target == FAILED:
            self.reason, self.message = "FAILED", reason or "Service failed"
            self.add_event(at, "Warning", "DeployFailed",
                           f"Instances of service [{self.name}] failed to start: {reason}; "
                           f"status {old} -> {target}.")
        elif target == WAITING:
            self.reason, self.message = "WAITING", reason or "Waiting for instances to be ready"
            self.add_event(at, "Warning", "DeploymentHeldBack",
                           f"Service [{self.name}] is held back: {reason}; no instance passed "
                           "its readiness probe, the service waits for them.")

    def _advance_rollout(self, now: float) -> None:
        roll = self.rollout
        found = plan.steps(roll["count"], roll["surge"], roll["unavailable"], roll["old"],
                           roll["healthy"])
        index = plan.step_index(now - roll["start"], roll["ready_delay"], 1 << 30)
        if roll.get("fails"):
            if index >= 1:
                self._abort(roll)
            return
        last = len(found) - 1
        for step in range(roll.get("emitted", 0) + 1, min(index, last) + 1):
            if found[step].wave > found[step - 1].wave:
                self._wave_event(roll, found[step], step)
        roll["emitted"] = max(roll.get("emitted", 0), min(index, last))
        if not roll["healthy"] and index > last and not roll.get("held"):
            roll["held"] = True
            snapshot = found[last]
            at = roll["start"] + (last + 1) * roll["ready_delay"]
            reason = roll.get("reason") or "new instances did not pass their readiness probe"
            self.reason = "UPDATE_HELD_BACK"
            self.message = f"Rolling update to version {roll['version']} is held back"
            self.add_event(at, "Warning", "RollingUpdateHeldBack",
                           f"Rolling update of service [{self.name}] to version {roll['version']} "
                           f"is held back: {reason}; {snapshot.new_pending} new instance(s) not "
                           f"ready, {snapshot.old_ready} old instance(s) keep serving "
                           f"(max_surge={roll['surge']}, max_unavailable={roll['unavailable']}).")

    def _wave_event(self, roll: dict, snapshot: plan.Snapshot, step: int) -> None:
        total = plan.waves(roll["count"], roll["surge"], roll["unavailable"], roll["old"]) \
            if roll["healthy"] else "?"
        at = roll["start"] + step * roll["ready_delay"]
        self.add_event(at, "Normal", "RollingUpdate",
                       f"Rolling update of service [{self.name}] to version {roll['version']}: "
                       f"wave {snapshot.wave}/{total}, {snapshot.new_ready} new instance(s) ready, "
                       f"{snapshot.new_pending} starting, {snapshot.old_ready} old instance(s) "
                       "serving.")

    def _abort(self, roll: dict) -> None:
        found = plan.steps(roll["count"], roll["surge"], roll["unavailable"], roll["old"], False)
        snapshot = found[min(1, len(found) - 1)]
        at = roll["start"] + roll["ready_delay"]
        self.aborted = {"old_ready": snapshot.old_ready, "failed": snapshot.new_pending,
                        "old_version": roll["from_version"], "old": roll["old"],
                        "old_generation": roll["from_generation"]}
        self.status, self.update_time, self.pending, self.rollout = FAILED, at, None, None
        reason = roll.get("reason") or "new instances failed to start"
        self.reason, self.message = "FAILED", f"Rolling update aborted: {reason}"
        self.add_event(at, "Warning", "RollingUpdateAborted",
                       f"Rolling update of service [{self.name}] to version {roll['version']} "
                       f"aborted: {reason}; {snapshot.old_ready} old instance(s) of version "
                       f"{roll['from_version']} keep serving. Roll back (UpdateServiceVersion) "
                       "or update again.")

    # ----- operations -------------------------------------------------------------------

    def update(self, new_config: dict, now: float, ready_delay: float, stop_delay: float,
               take_fault: TakeFault, message: str = "") -> set[str]:
        """Apply a new service JSON; returns what changed (see `classify`)."""
        self.guard("update")
        changes = classify(self.config, new_config)
        if not changes:
            return changes
        old_count, old_config, previous = self.instances, self.config, self.current_version
        serving = self.ready_now(now)  # before the new config changes the instance count
        self.config = new_config
        self.group = group_of(new_config)
        if new_config.get("token"):
            self.token = new_config["token"]
        elif old_config.get("token"):  # the custom token was removed: a new one is generated
            self.token = new_token()
        if changes & {"token", "rollout"}:
            self._record_version(self.latest_version + 1, now, message or "Service updated")
            self.current_version = self.latest_version
        else:  # scaling only: the current version runs with the new count
            self._current_entry()["config"] = copy.deepcopy(new_config)
        if self.status == STOPPED:
            self.update_time = now
            return changes
        if "rollout" in changes or ("scale" in changes and self.status not in {RUNNING, SCALING}):
            self.start_rollout("update", now, ready_delay, take_fault(), previous, serving)
        elif "scale" in changes:
            self._scale(old_count, now, ready_delay, stop_delay)
        elif self.rollout:
            self.rollout["version"] = self.current_version
        self.update_time = now
        return changes

    def switch_version(self, version: int, now: float, ready_delay: float,
                       take_fault: TakeFault) -> None:
        self.guard("switch to another version of")
        if not 0 < version < self.current_version:
            raise VersionRule(f"Version must be greater than 0 and smaller than the current "
                              f"version {self.current_version} of service [{self.name}], got "
                              f"{version}.")
        entry = next((v for v in self.versions if v["version"] == version), None)
        if entry is None:
            raise VersionRule(f"Version {version} of service [{self.name}] is not recorded.")
        previous, serving = self.current_version, self.ready_now(now)
        self.config = copy.deepcopy(entry["config"])
        self.group = group_of(self.config)
        self.token = self.config.get("token") or self.token
        self.current_version = version
        self.add_event(now, "Normal", "VersionSwitched", f"Service [{self.name}] rolls back to "
                       f"version {version} (latest version {self.latest_version}).")
        if self.status != STOPPED:
            self.start_rollout("version", now, ready_delay, take_fault(), previous, serving)
        self.update_time = now

    def restart(self, now: float, ready_delay: float, take_fault: TakeFault) -> None:
        self.guard("restart")
        self.add_event(now, "Normal", "ServiceRestart", f"Service [{self.name}] restarts its "
                       "instances in a rolling update.")
        self.start_rollout("restart", now, ready_delay, take_fault(), self.current_version)

    def start(self, now: float, ready_delay: float, take_fault: TakeFault) -> None:
        self.guard("start")
        self.rollout, self.aborted = None, None
        self.add_event(now, "Normal", "ServiceStarting", f"Service [{self.name}] starting "
                       f"{self.instances} instance(s).")
        self._deploy(STARTING, now, ready_delay, take_fault())

    def stop(self, now: float, stop_delay: float) -> None:
        self.guard("stop")
        self.add_event(now, "Normal", "ServiceStopping", f"Service [{self.name}] stopping; "
                       f"status {self.status} -> {STOPPING}.")
        self._enter(STOPPING, now, STOPPED, now + stop_delay, "STOPPING", "Service is stopping")

    def delete(self, now: float, stop_delay: float) -> None:
        self.guard("delete")
        self.add_event(now, "Normal", "ServiceDeleting", f"Service [{self.name}] is being deleted.")
        self._enter(DELETING, now, GONE, now + stop_delay, "DELETING", "Service is being deleted")

    def develop_mode(self, enter: bool, now: float, ready_delay: float) -> None:
        """DevelopService: instances restart in (or out of) development mode, no new version."""
        self.guard("enter development mode" if enter else "exit development mode")
        self.develop = enter
        self.add_event(now, "Normal", "DevelopMode", f"Service [{self.name}] "
                       + ("enters" if enter else "exits") + " development mode.")
        self.start_rollout("develop", now, ready_delay, None, self.current_version)

    def commit(self, now: float, ready_delay: float) -> None:
        """CommitService: worker0's container becomes a new image, deployed as a new version."""
        self.guard("commit")
        self.add_event(now, "Normal", "ServiceCommitting", f"Service [{self.name}] commits the "
                       "container of worker0 as a new image.")
        self._enter(COMMITTING, now, COMMITTED, now + ready_delay, "COMMITTING",
                    "Committing the container of worker0")
        self.pending["ready_delay"] = ready_delay

    def _committed(self, at: float, ready_delay: float) -> None:
        config = copy.deepcopy(self.config)
        containers = config.get("containers")
        if isinstance(containers, list) and containers and isinstance(containers[0], dict):
            image = str(containers[0].get("image", "image")).split("@")[0]
            containers[0]["image"] = f"{image}-commit-v{self.latest_version + 1}"
        previous = self.current_version
        self.config, self.develop, self.pending = config, False, None
        self._record_version(self.latest_version + 1, at, "CommitService")
        self.current_version = self.latest_version
        self.status = COMMITTING
        self.start_rollout("commit", at, ready_delay, None, previous)

    def set_health(self, failing: bool, now: float) -> None:
        """The `unhealthy` fault: one instance of a Running service fails its readiness probe."""
        if failing and self.status == RUNNING and not self.unhealthy:
            self.unhealthy = True
            self.add_event(now, "Warning", "ReadinessProbeFailed",
                           f"Readiness probe failed for an instance of service [{self.name}]; "
                           "it was removed from load balancing (emulated fault: unhealthy).")
        elif self.unhealthy and (not failing or self.status != RUNNING):
            self.unhealthy = False
            if self.status == RUNNING:
                self.add_event(now, "Normal", "ReadinessProbeSucceeded",
                               f"Every instance of service [{self.name}] passes its readiness "
                               "probe again.")

    # ----- rollouts ---------------------------------------------------------------------

    def start_rollout(self, kind: str, now: float, ready_delay: float, fault: Fault | None,
                      previous: int, serving: int | None = None) -> None:
        """Roll every instance to the current version's config, `ready_delay` per wave.

        `previous` is the version that served before the change; the old
        instances keep that version (or, mid-rollout / after an aborted
        update, the version the old instances still run). `serving` is how
        many instances were ready before the change (counted before a new
        config changed `metadata.instance`; by default, now).
        """
        count = self.instances
        surge, unavailable = check_progress(count, strategy(self.config))
        old_ready = self.ready_now(now) if serving is None else serving
        if self.status == UPDATING and self.rollout:
            from_version = self.rollout["from_version"]
        elif self.status == FAILED and self.aborted:
            from_version = self.aborted["old_version"]
        else:
            from_version = previous
        if count == 0:
            fault = None  # nothing to start, nothing to fail
        healthy = fault is None
        if self.status == UPDATING and self.rollout:
            from_generation = self.rollout["from_generation"]
        elif self.status == FAILED and self.aborted:
            from_generation = self.aborted["old_generation"]
        else:
            from_generation = self.generation
        self.generation += 1
        self.rollout = {"kind": kind, "generation": self.generation,
                        "from_generation": from_generation, "start": now, "count": count,
                        "surge": surge, "unavailable": unavailable, "old": old_ready,
                        "ready_delay": ready_delay,
                        "healthy": healthy, "fails": bool(fault and not fault.hang),
                        "reason": fault.reason if fault else None,
                        "version": self.current_version, "from_version": from_version,
                        "emitted": 0}
        self.aborted = None
        self._enter(UPDATING, now, None, None, "UPDATING",
                    f"Rolling update to version {self.current_version}")
        found = plan.steps(count, surge, unavailable, old_ready, healthy)
        self.add_event(now, "Normal", "RollingUpdateStarted",
                       f"Rolling update of service [{self.name}] ({kind}) to version "
                       f"{self.current_version} started: {count} instance(s), "
                       f"max_surge={surge}, max_unavailable={unavailable}, {old_ready} old "
                       "instance(s) serving.")
        if found[0].wave:
            self._wave_event(self.rollout, found[0], 0)
        if healthy:
            finish = plan.waves(count, surge, unavailable, old_ready) * ready_delay
            self.pending = {"status": RUNNING, "due": now + finish}
            self.advance(now)

    def ready_now(self, now: float) -> int:
        """How many instances are ready at `now` (whatever version they run)."""
        if self.status == SCALING:  # the instances being added are not ready yet
            return min(self.instances, int((self.pending or {}).get("from", self.instances)))
        if self.status in {RUNNING, DEVELOPING, COMMITTING}:
            return self.instances - (1 if self.unhealthy and self.instances else 0)
        if self.status == UPDATING and self.rollout:
            return self.rollout_snapshot(now).ready
        if self.status == FAILED and self.aborted:
            return self.aborted["old_ready"]
        return 0

    def rollout_snapshot(self, now: float) -> plan.Snapshot:
        roll = self.rollout
        if roll.get("fails"):
            return plan.at(roll["count"], roll["surge"], roll["unavailable"], roll["old"],
                           min(now - roll["start"], 0.0), roll["ready_delay"], False)
        return plan.at(roll["count"], roll["surge"], roll["unavailable"], roll["old"],
                       now - roll["start"], roll["ready_delay"], roll["healthy"])

    # ----- helpers ----------------------------------------------------------------------

    def _deploy(self, transitional: str, now: float, ready_delay: float,
                fault: Fault | None) -> None:
        self.generation += 1
        if fault is None:
            target, reason = RUNNING, None
        elif fault.hang:
            target, reason = WAITING, fault.reason
        else:
            target, reason = FAILED, fault.reason
        self._enter(transitional, now, target, now + ready_delay, transitional.upper(),
                    f"Service is {transitional.lower()}")
        if reason:
            self.pending["reason"] = reason

    def _scale(self, old_count: int, now: float, ready_delay: float, stop_delay: float) -> None:
        delay = ready_delay if self.instances > old_count else stop_delay
        self.add_event(now, "Normal", "ScalingReplicas", f"Service [{self.name}] scales from "
                       f"{old_count} to {self.instances} instance(s).")
        self._enter(SCALING, now, RUNNING, now + delay, "SCALING",
                    f"Scaling from {old_count} to {self.instances} instance(s)")
        self.pending["from"] = old_count

    def _enter(self, status: str, now: float, target: str | None, due: float | None,
               reason: str, message: str) -> None:
        self.status, self.update_time = status, now
        self.reason, self.message = reason, message
        self.pending = None if target is None else {"status": target, "due": due}

    def _record_version(self, version: int, now: float, message: str) -> None:
        self.versions.append({"version": version, "config": copy.deepcopy(self.config),
                              "build_time": now, "message": message})
        self.latest_version = version

    def _current_entry(self) -> dict:
        for entry in self.versions:
            if entry["version"] == self.current_version:
                return entry
        raise KeyError(self.current_version)  # pragma: no cover (always recorded)
