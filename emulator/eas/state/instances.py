"""Service instances and their containers, derived from a service (nothing here is stored).

The list is computed from the service's status, `metadata.instance` and, while
Updating, the rollout snapshot at `now`, so it can never disagree with the
service's counts:

- Running: every instance Running on CurrentVersion (under the `unhealthy`
  fault the first one is not ready: ReadyProcesses 0, Reason ReadinessProbeFailed);
- Creating/Starting: all Pending; Waiting (held back): all Pending, not ready;
- Updating: exactly the rollout snapshot: ready new instances Running and
  starting ones Pending on the new version, then the old instances still
  serving, Running on the version they had;
- Scaling: the instances being added Pending, or the ones being removed Terminating;
- Failed: all Failed, or after an aborted update the old instances still
  serving (Running) and the new ones that failed (Failed);
- Stopping/Deleting: all Terminating; Stopped: none.

Names are deterministic per (service, version, index), like pod names.
"""

from __future__ import annotations

from dataclasses import dataclass

from .common import digest, iso, private_ip
from .service import (
    COMMITTING,
    CREATING,
    DEVELOPING,
    DELETING,
    FAILED,
    RUNNING,
    SCALING,
    STARTING,
    STOPPING,
    UPDATING,
    WAITING,
    Service,
)


@dataclass
class Instance:
    name: str
    status: str
    version: int
    ready: bool
    reason: str
    index: int

    def is_serving(self) -> bool:
        return self.status == "Running" and self.ready


def instances(service: Service, now: float) -> list[Instance]:
    count, version, generation = service.instances, service.current_version, service.generation
    status = service.status
    if status in {RUNNING, DEVELOPING, COMMITTING}:
        found = [_make(service, generation, version, i, "Running") for i in range(count)]
        if service.unhealthy and found:
            found[0].ready, found[0].reason = False, "ReadinessProbeFailed"
        return found
    if status in {CREATING, STARTING}:
        return [_make(service, generation, version, i, "Pending", reason="ContainerCreating")
                for i in range(count)]
    if status == WAITING:
        return [_make(service, generation, version, i, "Pending", reason="ReadinessProbeFailed")
                for i in range(count)]
    if status == SCALING:
        before = int((service.pending or {}).get("from", count))
        found = [_make(service, generation, version, i, "Running") for i in range(min(before, count))]
        found += [_make(service, generation, version, i, "Pending", reason="ContainerCreating")
                  for i in range(before, count)]
        found += [_make(service, generation, version, i, "Terminating", ready=False)
                  for i in range(count, before)]
        return found
    if status == UPDATING and service.rollout:
        return _updating(service, now)
    if status == FAILED:
        aborted = service.aborted
        if aborted:
            total = aborted["old"]
            found = [_make(service, generation, version, i, "Failed", reason="StartupProbeFailed")
                     for i in range(aborted["failed"])]
            found += [_make(service, aborted["old_generation"], aborted["old_version"], i,
                            "Running")
                      for i in range(total - aborted["old_ready"], total)]
            return found
        return [_make(service, generation, version, i, "Failed", reason="StartupProbeFailed")
                for i in range(count)]
    if status in {STOPPING, DELETING}:
        return [_make(service, generation, version, i, "Terminating", ready=False) for i in range(count)]
    return []  # Stopped


def counts(service: Service, now: float) -> tuple[int, int, int]:
    """(RunningInstance, PendingInstance, TotalInstance)."""
    found = instances(service, now)
    running = sum(1 for item in found if item.is_serving())
    pending = sum(1 for item in found if item.status == "Pending"
                  or (item.status == "Running" and not item.ready))
    return running, pending, service.instances


def find(service: Service, name: str, now: float) -> Instance | None:
    return next((item for item in instances(service, now) if item.name == name), None)


def render(service: Service, item: Instance, region: str) -> dict:
    metadata = service.config.get("metadata") or {}
    computing = (service.config.get("cloud") or {}).get("computing") or {}
    instance_type = computing.get("instance_type") if isinstance(computing, dict) else None
    if not isinstance(instance_type, str):
        listed = computing.get("instances") if isinstance(computing, dict) else None
        first = listed[0] if isinstance(listed, list) and listed else {}
        instance_type = first.get("type") if isinstance(first, dict) else None
    seed = f"{service.service_id}/{item.name}"
    started = service.update_time
    return {
        "InstanceName": item.name,
        "Status": item.status,
        "Reason": item.reason,
        "ReadyProcesses": 1 if item.ready and item.status == "Running" else 0,
        "TotalProcesses": 1,
        "RestartCount": service.restarts.get(item.name, 0),
        "HostIP": private_ip(seed + "/host", "192"),
        "HostName": f"node-{digest(seed, 8)}",
        "InnerIP": private_ip(seed),
        "InstancePort": port_of(service.config),
        "ExternalIP": "",
        "ExternalInstancePort": 0,
        "TenantHostIP": "",
        "TenantInstanceIP": "",
        "InstanceType": instance_type if isinstance(instance_type, str) else "",
        "IsSpot": False,
        "Isolated": item.name in service.isolated,
        "LastState": [],
        "Namespace": service.name,
        "ResourceType": "DedicatedResource" if metadata.get("resource") else "PublicResource",
        "Role": "Standard",
        "StartAt": iso(started),
        "StartTime": iso(started),
        "Zone": f"{region}-{'abcdefgh'[item.index % 8]}",
        "CurrentAmount": 0,
        "OriginalAmount": 0,
    }


def containers(service: Service, item: Instance) -> list[dict]:
    """ListServiceContainers: one container per entry of `containers` (or the processor)."""
    config = service.config
    listed = config.get("containers") if isinstance(config.get("containers"), list) else []
    specs = [c for c in listed if isinstance(c, dict)] or [
        {"image": f"eas-processor/{config.get('processor') or config.get('processor_type') or 'custom'}",
         "port": port_of(config)}]
    ready = item.is_serving()
    status = {"Running": "Running", "Pending": "Waiting", "Failed": "Terminated",
              "Terminating": "Terminated"}.get(item.status, "Waiting")
    at = iso(service.update_time)
    return [{"Name": f"worker{index}", "Image": spec.get("image", ""),
             "Port": spec.get("port") if isinstance(spec.get("port"), int) else 0,
             "Ready": ready, "RestartCount": service.restarts.get(item.name, 0),
             "CurrentStatus": status, "CurrentReaon": item.reason, "CurrentTimestamp": at,
             "LastStatus": "", "LastReason": "", "LastTimestamp": ""}
            for index, spec in enumerate(specs)]


def port_of(config: dict) -> int:
    for container in config.get("containers") or []:
        if isinstance(container, dict) and isinstance(container.get("port"), int):
            return container["port"]
    return 8080


def _updating(service: Service, now: float) -> list[Instance]:
    roll = service.rollout
    snapshot = service.rollout_snapshot(now)
    new, old = (roll["generation"], roll["version"]), (roll["from_generation"], roll["from_version"])
    held = not roll["healthy"]
    found = [_make(service, *new, i, "Running") for i in range(snapshot.new_ready)]
    found += [_make(service, *new, i, "Pending",
                    reason="ReadinessProbeFailed" if held and roll.get("held") else
                    "ContainerCreating")
              for i in range(snapshot.new_ready, snapshot.new_ready + snapshot.new_pending)]
    old_total = roll["old"]
    found += [_make(service, *old, i, "Running")
              for i in range(old_total - snapshot.old_ready, old_total)]
    return found


def _make(service: Service, generation: int, version: int, index: int, status: str,
          ready: bool | None = None, reason: str = "") -> Instance:
    base = f"{service.service_id}/g{generation}"
    name = f"{service.name.lower().replace('_', '-')[:40]}-{digest(base, 10)}-" \
           f"{digest(f'{base}/{index}', 5)}"
    if ready is None:
        ready = status == "Running"
    return Instance(name=name, status=status, version=version, ready=ready, reason=reason,
                    index=index)
