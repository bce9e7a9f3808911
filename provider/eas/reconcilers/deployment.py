"""Carrying out deployment plans: create (adopting what an interrupted run left), converge step by step
(switch back, rolling update with verification, scale, release, labels, lock, mirror, start/stop), read,
delete (safety lock released first)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from ...core import recent
from ...core.plan import Plan
from ...core.poll import Waits
from ...core.replace import refuse_replace
from ...core.retry import create_or_find, repeat_unless_done
from ..client import EasClient
from ..models.deployment import DeploymentSpec
from ..planner.deployment import (PutConfig, Release, Scale, SetLock, SetMirror, SetRunState, SwitchVersion,
                                  SyncLabels, owning_count, plan_deployment, wants_versions)
from ..planner.rollout import rollout_shape
from ..statuses import (SERVICE_FAILED, SERVICE_RESTING, SERVICE_RUNNING, SERVICE_SETTLED, SERVICE_STOPPED,
                        SERVICE_UPDATING, TRAFFIC_GROUPING, UNLOCKED, run_state, status_of)
from ..waiters.service import (RolloutFailed, event_keys, explain, held_back_by, verify_rollout,
                               wait_service_gone, wait_service_in, warning_events)

MAX_CONVERGE_STEPS = 8
# How many of the newest recorded versions a switch back may return to.
VERSIONS_CONSIDERED = 10
MANAGED_ONLY = ("weight", "labels", "safety_lock", "mirror")


def is_rollout(step: object) -> bool:
    """Whether a step rolls out a version (a new one, or a recorded one)."""
    return isinstance(step, (PutConfig, SwitchVersion))


def live_token(live: dict[str, Any]) -> str | None:
    """The token set in the live service JSON (by an ApiKey), kept by every update the Deployment sends."""
    token = (live.get("config") or {}).get("token")
    return token if isinstance(token, str) and token else None


@dataclass
class DeploymentReconciler:
    client: EasClient
    waits: Waits

    # ----- reading and planning -----------------------------------------------------------

    def live_spec(self, desired: DeploymentSpec, live: dict[str, Any]) -> DeploymentSpec:
        mirror = self.client.services.mirror(live.get("ServiceName") or desired.name) if desired.mirror else None
        state = run_state(status_of(live)) if desired.state else None
        return DeploymentSpec.from_api(live, mirror=mirror, state=state)

    def plan(self, desired: DeploymentSpec, live: dict[str, Any], count_owned: bool | None = None) -> Plan:
        """`count_owned`: whether a scaling rule owns the instance count, when the caller knows; else it
        is looked up only if the count differs (the one field a scaling rule can own)."""
        live_spec = self.live_spec(desired, live)
        if live_spec.name != desired.name:
            return plan_deployment(desired, live_spec)  # a rename: a replacement, nothing else to look up
        version = live.get("CurrentVersion")
        plan = plan_deployment(desired, live_spec, live_version=version, count_owned=bool(count_owned))
        if count_owned is None and any(c.path == "metadata.instance" for c in plan.changes):
            count_owned = self.client.scalers.owns_instance_count(desired.name)
            plan = plan_deployment(desired, live_spec, live_version=version, count_owned=count_owned)
        if not wants_versions(plan):
            return plan
        return plan_deployment(desired, live_spec, live_version=version, count_owned=bool(count_owned),
                               recorded=self.recorded_versions(live))

    def recent_key(self, name: str) -> tuple[str, str, str]:
        return ("eas-service", self.client.region, name)

    def plan_by_name(self, name: str, desired: DeploymentSpec) -> Plan | None:
        """The plan from the service called `name` (the one in the state); None when it is gone. A refresh's
        read just made is used instead of reading again; the read is kept a moment for the update that
        follows the diff (`converge`)."""
        live = recent.take(self.recent_key(name)) or self.client.services.find(name)
        if live is None:
            return None
        recent.put(self.recent_key(name), live)
        return self.plan(desired, live)

    def recorded_versions(self, live: dict[str, Any]) -> dict[int, DeploymentSpec]:
        """Recorded versions below the current one (UpdateServiceVersion's rule) whose token is the live
        one (a switch back must not take the token away from its ApiKey), in input shape. The history the
        diff read is kept a moment for the update that plans again right after it."""
        name, current = live.get("ServiceName"), live.get("CurrentVersion") or 0
        token = live_token(live)
        candidates: dict[int, DeploymentSpec] = {}
        key = ("eas-versions", self.client.region, name, current, live.get("LatestVersion"))
        versions = recent.take(key)
        if versions is None:
            try:
                versions = self.client.services.versions(name)
            except Exception:  # noqa: BLE001 - no history, no switch back
                return {}
        recent.put(key, versions)
        usable = [v for v in versions if isinstance(v.get("version"), int) and 0 < v["version"] < current
                  and v.get("config")]
        for entry in sorted(usable, key=lambda v: v["version"])[-VERSIONS_CONSIDERED:]:
            if live_token({"config": entry["config"]}) != token:
                continue
            try:
                candidates[entry["version"]] = DeploymentSpec.from_api({"config": entry["config"], "ServiceName": name})
            except ValueError:
                continue
        return candidates

    # ----- carrying a plan out ---------------------------------------------------------------

    def converge(self, desired: DeploymentSpec) -> dict[str, Any]:
        """Take one step at a time until nothing is left; each step waits for the service to settle,
        so the next one starts from a state the platform accepts. A Failed service (an aborted update)
        is converged too: a new update or a switch back is how it recovers; so is one held back (a
        rollout that never settles), which is not waited for."""
        live = recent.take(self.recent_key(desired.name)) or self.client.services.get(desired.name)
        held = held_back_by(self.client, live)
        if not held:
            live = wait_service_in(self.client, desired.name, SERVICE_RESTING, self.waits, first=live)
        plan = Plan()
        for _ in range(MAX_CONVERGE_STEPS):
            plan = self.plan(desired, live)
            refuse_replace("Deployment", desired.name, plan, DeploymentSpec)
            if held:
                # Only a new rollout (an update or a switch back) replaces one that is held back; it goes first.
                plan = replace(plan, steps=tuple(sorted(plan.steps, key=lambda s: not is_rollout(s))))
            if (held and not any(map(is_rollout, plan.steps))) or (not plan.steps and status_of(live) in SERVICE_FAILED):
                # The desired version is the one that failed: nothing to send would change that.
                why = " | ".join(held) if held else explain(self.client, live, set())
                raise RolloutFailed(f"service {desired.name} is {'held back' if held else status_of(live)} at the "
                                    f"desired configuration: {why}. Change the configuration, or revert it "
                                    "(which switches back to the recorded version), and run again")
            if not plan.steps:
                return live
            live, held = self.apply_first(desired, live, plan), []
        raise RuntimeError(f"Deployment {desired.name} did not converge after {MAX_CONVERGE_STEPS} steps: "
                           f"{plan.summary()}")

    def apply_first(self, desired: DeploymentSpec, live: dict[str, Any], plan: Plan) -> dict[str, Any]:
        """Carry out the plan's first step and wait for the result (verified, for a rolling update)."""
        step = plan.steps[0]
        services, name = self.client.services, desired.name
        live_spec = DeploymentSpec.from_api(live)
        # An update sends the whole desired JSON: keep what a scaling rule set, and the ApiKey's token.
        sent = owning_count(desired, live_spec) if "metadata.instance" in plan.ignored else desired
        if isinstance(step, (SwitchVersion, PutConfig)):
            seen = event_keys(warning_events(self.client, name))
            if isinstance(step, SwitchVersion):
                self.waits.say(f"switching back to version {step.version}")
                services.switch_version(name, step.version)
            else:
                services.update(name, sent.service_json(token=live_token(live)), "replace")
            shape = rollout_shape(sent.metadata.instance, sent.metadata.rolling_strategy)
            # EAS answers an accepted update with a message only; the rollout is under way from then on, so
            # the wait begins with a pause instead of a read that could only say so.
            under_way = {**live, "Status": SERVICE_UPDATING}
            live = wait_service_in(self.client, name, SERVICE_SETTLED, self.waits, shape=shape, seen=seen,
                                   first=under_way)
            expected = step.version if isinstance(step, SwitchVersion) else live.get("LatestVersion")
            # A switch restores that version's instance count: check against the live target.
            count = int(((live.get("config") or {}).get("metadata") or {}).get("instance") or sent.metadata.instance)
            verify_rollout(self.client, live, expected, rollout_shape(count, sent.metadata.rolling_strategy).min_ready,
                           seen)
            return live
        if isinstance(step, Scale):
            config = dict(live.get("config") or {})
            config["metadata"] = {**(config.get("metadata") or {}), "instance": step.count}
            services.update(name, config, "replace")
        elif isinstance(step, Release):
            services.release(name, step.weight, TRAFFIC_GROUPING)
        elif isinstance(step, SetMirror):
            repeat_unless_done(lambda: services.set_mirror(name, step.mirror.ratio, list(step.mirror.targets),
                                                           step.exists),
                               lambda: not step.exists and services.mirror(name) is not None)
        elif isinstance(step, SyncLabels):
            if step.remove:
                services.delete_labels(name, list(step.remove))
            if step.add:
                services.set_labels(name, step.add)
        elif isinstance(step, SetLock):
            services.set_lock(name, step.lock)
        elif isinstance(step, SetRunState):
            if step.state == "stopped":
                services.stop(name)
                return wait_service_in(self.client, name, {SERVICE_STOPPED}, self.waits)
            services.start(name)
            return wait_service_in(self.client, name, {SERVICE_RUNNING}, self.waits, seen=set())
        return wait_service_in(self.client, name, SERVICE_SETTLED, self.waits)

    # ----- lifecycle --------------------------------------------------------------------------

    def create(self, desired: DeploymentSpec) -> dict[str, Any]:
        """Create; a name that is taken, or an answer that was lost, finds the service an earlier attempt
        (or an interrupted run) made and adopts it. One whose first deploy failed is made again."""
        services = self.client.services
        answer: dict[str, Any] = {}

        def make() -> None:
            answer.clear()
            answer.update(services.create(desired.service_json(), labels=desired.labels,
                                          workspace_id=desired.workspace_id) or {})

        existing, created = create_or_find(make, lambda: services.find(desired.name))
        if not created and status_of(existing) in SERVICE_FAILED and existing.get("LatestVersion") == 1:
            # A first deploy that failed serves nothing: start over with the desired configuration.
            self.waits.say(f"deleting service {desired.name}, whose first deploy failed, to create it again")
            self.delete(desired.name)
            make()
            created = True
        if created:
            # The create's answer (Status: Creating) is where the wait starts: no read to learn it again.
            running = wait_service_in(self.client, desired.name, {SERVICE_RUNNING}, self.waits, seen=set(),
                                      shape=rollout_shape(desired.metadata.instance, desired.metadata.rolling_strategy),
                                      first=answer if answer.get("Status") else None)
            # A new member takes no group traffic until released (the group's first may have some).
            weight = desired.create_weight()
            services.release(desired.name, weight, TRAFFIC_GROUPING)
            # The release took effect as answered: converging starts from the service as it now is.
            recent.put(self.recent_key(desired.name), {**running, "Weight": weight, "TrafficState": TRAFFIC_GROUPING})
        else:
            self.waits.say(f"adopting service {desired.name}, left by an earlier run")
        return self.converge(desired)

    def read(self, name: str, recorded: dict[str, Any]) -> tuple[DeploymentSpec, dict[str, Any]] | None:
        live = self.client.services.find(name)
        if live is None:
            return None
        recent.put(self.recent_key(name), live)  # a refresh diffs right after reading
        mirror = self.client.services.mirror(name) if recorded.get("mirror") else None
        # Report the run state and the settings outside the JSON only to stacks that manage them.
        state = run_state(status_of(live)) if recorded.get("state") else None
        spec = DeploymentSpec.from_api(live, mirror=mirror, state=state).without_unmanaged(recorded, MANAGED_ONLY)
        update: dict[str, Any] = {"initial_weight": recorded.get("initial_weight")}
        recorded_count = (recorded.get("metadata") or {}).get("instance")
        if recorded_count and recorded_count != spec.metadata.instance and self.client.scalers.owns_instance_count(name):
            # The scaling rule moves the count on its own; that is not drift.
            update["metadata"] = spec.metadata.model_copy(update={"instance": recorded_count})
        return spec.model_copy(update=update), live

    def delete(self, name: str) -> None:
        """Release the safety lock (it refuses a delete), delete, wait until the service is gone."""
        live = self.client.services.find(name)
        if live is None:
            return
        if (live.get("SafetyLock") or UNLOCKED) != UNLOCKED:
            self.waits.say(f"releasing the safety lock ({live['SafetyLock']}) of service {name} to delete it")
            self.client.services.set_lock(name, UNLOCKED)
        self.client.services.delete(name)
        wait_service_gone(self.client, name, self.waits)
