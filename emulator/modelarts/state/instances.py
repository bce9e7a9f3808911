"""Instances (deployment replicas) and their pods, derived from a deployment.

Nothing here is stored: the list is computed from the deployment's status,
replica count, units and (while upgrading) how far the rollout has got, so it
can never disagree with the deployment. Rules:

- RUNNING: `count` instances, all RUNNING on the current version;
- CONCERNING: the first instance FAILED (its readiness probe fails, one pod
  ABNORMAL), the rest RUNNING;
- DEPLOYING: all PENDING; FAILED/ERROR: all FAILED; STOPPING: all DELETED;
  STOPPED: none;
- UPGRADING: exactly the rollout snapshot at `now` (`emulator.state.rollout`):
  the ready new instances RUNNING and the pending ones PENDING on the new
  version, then the old instances still serving, RUNNING on the previous
  version (the oldest indexes are removed first).

Each instance has one pod per unit replica resource instance (`count` of each
unit config, default 1). Names and ids are deterministic per version.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass, field

from .common import (
    CONCERNING,
    DEPLOYING,
    ERROR,
    FAILED,
    RUNNING,
    STOPPING,
    UPGRADING,
    to_ms,
)
from .deployment import Deployment

# The instance status filter documents ERROR/INIT, the response PENDING/FAILED.
STATUS_ALIASES = {"ERROR": "FAILED", "INIT": "PENDING"}
_ALL_SAME = {DEPLOYING: "PENDING", FAILED: "FAILED", ERROR: "FAILED", STOPPING: "DELETED"}
_POD_STATUS = {"RUNNING": "RUNNING", "CONCERNING": "RUNNING", "PENDING": "PENDING",
               "FAILED": "FAILED", "DELETED": "DELETED"}


@dataclass
class Pod:
    pod_id: str
    pod_name: str
    pod_node_ip: str
    pod_node_name: str
    pod_role: str
    pod_role_name: str
    status: str
    update_time: int


@dataclass
class Instance:
    instance_name: str
    status: str
    version: str
    weight: int
    update_at: int
    pods: list[Pod] = field(default_factory=list)

    @property
    def running_pod_count(self) -> int:
        return sum(1 for pod in self.pods if pod.status == "RUNNING")


def instances(dep: Deployment, now: float) -> list[Instance]:
    count = int(dep.config.get("count") or 1)
    if dep.status == RUNNING:
        return [_instance(dep, i, "RUNNING", _current(dep)) for i in range(count)]
    if dep.status == CONCERNING:
        found = [_instance(dep, i, "RUNNING", _current(dep)) for i in range(count)]
        found[0].status, found[0].pods[0].status = "FAILED", "ABNORMAL"
        return found
    if dep.status == UPGRADING:
        return _upgrading(dep, count, now)
    if dep.status in _ALL_SAME:
        return [_instance(dep, i, _ALL_SAME[dep.status], _current(dep)) for i in range(count)]
    return []  # STOPPED (and anything not serving)


def matches_status(instance_status: str, wanted: list[str]) -> bool:
    return not wanted or instance_status in {STATUS_ALIASES.get(w, w) for w in wanted}


# ----- helpers -------------------------------------------------------------------------------

def _current(dep: Deployment) -> tuple[str, str, dict]:
    return dep.version, dep.version_id, dep.config


def _upgrading(dep: Deployment, count: int, now: float) -> list[Instance]:
    previous = dep.rollback or {}
    old = (previous.get("version", dep.version), previous.get("version_id", dep.version_id),
           previous.get("config", dep.config))
    snapshot = dep.rollout_snapshot(now)
    if snapshot is None:  # a document from before rollouts were recorded
        return [_instance(dep, i, "PENDING", _current(dep)) for i in range(count)]
    new_ready, new_total = snapshot.new_ready, snapshot.new_ready + snapshot.new_pending
    old_total = int(old[2].get("count") or 1)
    found = [_instance(dep, i, "RUNNING" if i < new_ready else "PENDING", _current(dep))
             for i in range(new_total)]
    found += [_instance(dep, i, "RUNNING", old)
              for i in range(old_total - snapshot.old_ready, old_total)]
    return found


def _instance(dep: Deployment, index: int, status: str, version: tuple[str, str, dict]) -> Instance:
    version_name, version_id, config = version
    name = f"{dep.name[:40].lower()}-{_digest(version_id, 8)}-{_digest(f'{version_id}/{index}', 5)}"
    instance = Instance(instance_name=name, status=status, version=version_name,
                        weight=int(dep.config.get("weight", 0)), update_at=to_ms(dep.update_at))
    units = config.get("unit_configs") or [{}]
    pod_status = _POD_STATUS[status]
    for unit_index, unit in enumerate(units):
        role_name = unit.get("name") or f"role-{unit_index}"
        for replica in range(int(unit.get("count") or 1)):
            pod_name = f"{name}-{role_name}-{replica}"
            instance.pods.append(Pod(
                pod_id=str(uuid.uuid5(uuid.NAMESPACE_URL, pod_name)), pod_name=pod_name,
                pod_node_ip=_node_ip(pod_name), pod_node_name=f"node-{_digest(pod_name, 6)}",
                pod_role=unit.get("role") or "COMMON", pod_role_name=role_name,
                status=pod_status, update_time=to_ms(dep.update_at)))
    return instance


def _digest(text: str, length: int) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:length]


def _node_ip(text: str) -> str:
    raw = hashlib.sha256(text.encode()).digest()
    return f"10.{raw[0]}.{raw[1]}.{raw[2] % 254 + 1}"
