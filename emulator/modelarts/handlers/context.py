"""Per-request context: the caller's project, parsed input and typed store access."""

from __future__ import annotations

from dataclasses import dataclass

from .. import errors
from ...core.faults import DeployFault, FaultBook
from ...core.plugin import Call
from ..state import deployment as deployment_state
from ..state import intranet_connection as connection_state
from ..state import service as service_state
from ..state.common import Transition, TransitionNotAllowed
from ..state.deployment import Deployment
from ..state.service import Service
from ..validation import as_int


@dataclass
class Context(Call):
    """A core `Call` with the typed helpers the ModelArts handlers share."""

    @classmethod
    def of(cls, call: Call) -> "Context":
        return cls(**vars(call))

    # ----- input ------------------------------------------------------------------------

    def json_object(self) -> dict:
        if not isinstance(self.body, dict):
            raise errors.bad_request("The request body must be a JSON object.")
        return self.body

    def query_int(self, name: str, default: int, low: int, high: int | None = None) -> int:
        raw = self.query.get(name)
        if raw is None or raw == "":
            return default
        try:
            value = int(raw)
        except ValueError:
            raise errors.invalid_field(name, "must be an integer", raw) from None
        return as_int(value, name, low, high)

    def paging(self) -> tuple[int, int]:
        return self.query_int("limit", 10, 1, 500), self.query_int("offset", 0, 0)

    def query_list(self, name: str) -> list[str]:
        return self.query_lists.get(name) or ([self.query[name]] if self.query.get(name) else [])

    # ----- fault injection --------------------------------------------------------------

    def deploy_fault(self, deployment_name: str) -> DeployFault | None:
        """The fault a rollout of this deployment is set up to hit (rules are consumed)."""
        reason = self.settings.deploy_fault(deployment_name)
        if reason:
            return DeployFault(False, reason)
        return FaultBook(self.store).take_deploy_fault(deployment_name)

    # ----- services ---------------------------------------------------------------------

    def services(self) -> list[Service]:
        return [Service.from_doc(d) for d in self.store.list(service_state.KIND, self.project_id)]

    def service(self, service_id: str | None = None) -> Service:
        service_id = service_id or self.path["service_id"]
        doc = self.store.get(service_state.KIND, self.project_id, service_id)
        if doc is None:
            raise errors.service_not_found(service_id)
        return Service.from_doc(doc)

    def save_service(self, service: Service) -> None:
        self.store.put(service_state.KIND, self.project_id, service.id, service.to_doc())

    def delete_service(self, service: Service) -> None:
        for dep in self.deployments(service.id):
            self.store.delete(deployment_state.KIND, self.project_id, dep.id)
        self.store.delete(service_state.KIND, self.project_id, service.id)

    # ----- deployments ------------------------------------------------------------------

    def all_deployments(self) -> list[Deployment]:
        docs = self.store.list(deployment_state.KIND, self.project_id)
        return [Deployment.from_doc(d) for d in docs]

    def deployments(self, service_id: str) -> list[Deployment]:
        return [d for d in self.all_deployments() if d.service_id == service_id]

    def deployment(self, service: Service, deployment_id: str | None = None) -> Deployment:
        deployment_id = deployment_id or self.path["deployment_id"]
        doc = self.store.get(deployment_state.KIND, self.project_id, deployment_id)
        if doc is None or doc["service_id"] != service.id:
            raise errors.deployment_not_found(service.id, deployment_id)
        return Deployment.from_doc(doc)

    def deployment_by_name(self, service: Service, name: str) -> Deployment:
        for dep in self.deployments(service.id):
            if dep.name == name:
                return dep
        raise errors.deployment_not_found(service.id, name)

    def save_deployment(self, dep: Deployment) -> None:
        self.store.put(deployment_state.KIND, self.project_id, dep.id, dep.to_doc())

    def delete_deployment(self, dep: Deployment) -> None:
        self.store.delete(deployment_state.KIND, self.project_id, dep.id)

    # ----- keeping services consistent --------------------------------------------------

    def note_deployment_change(self, service: Service, dep: Deployment, change: Transition) -> None:
        if change.old == change.new:
            return
        if change.new == "FAILED" and dep.failure_reason:
            if dep.timed_out_minutes:
                service.add_event(f"Service deployment timed out: the duration exceeds "
                                  f"{dep.timed_out_minutes} minutes. The deployment failed.",
                                  change.at, "ABNORMAL")
            service.add_event(f"Creation of deployment [{dep.name}] failed, {dep.failure_reason}; status "
                              f"transitioned from {change.old} to {change.new}.", change.at, "ABNORMAL")
        elif change.old == "UPGRADING" and dep.failure_reason:
            self._note_rollback(service, dep, change.at)
        elif change.new == "CONCERNING" and dep.health_alarm:
            service.add_event(f"Some instances of deployment [{dep.name}] failed their health "
                              "check (readiness probe) and were removed from load balancing; "
                              f"status transitioned from {change.old} to {change.new}.",
                              change.at, "WARNING")
        else:
            service.add_event(f"Deployment [{dep.name}] status change from {change.old} "
                              f"to {change.new}.", change.at)

    @staticmethod
    def _note_rollback(service: Service, dep: Deployment, at: float) -> None:
        # The documented wording first, then why, as the console shows both.
        service.add_event(f"Update of deployment [{dep.name}] failed; the deployment will roll back.",
                          at, "ABNORMAL")
        if dep.timed_out_minutes:
            service.add_event(f"Update of deployment [{dep.name}] timed out: the duration exceeds "
                              f"{dep.timed_out_minutes} minutes. Rolled back to version "
                              f"{dep.version}; the old instances kept serving.", at, "ABNORMAL")
        else:
            service.add_event(f"Deployment [{dep.name}] rolled back to version {dep.version}: "
                              f"{dep.failure_reason}.", at, "ABNORMAL")

    def sync_service(self, service: Service, at: float | None = None) -> None:
        """Recompute the service's aggregate status from its deployments and save it."""
        statuses = [d.status for d in self.deployments(service.id)]
        service.refresh_status(statuses, self.now if at is None else at)
        self.save_service(service)


def advance_project(ctx: Context) -> None:
    """Apply every timed transition that has come due in the caller's project.

    Runs before each request is handled, so every read sees up-to-date statuses
    without any background work.
    """
    changed: dict[str, list[tuple[Deployment, Transition]]] = {}
    failing = FaultBook(ctx.store).unhealthy_rules()
    for dep in ctx.all_deployments():
        transitions = dep.advance(ctx.now)
        health = dep.set_health(FaultBook.is_unhealthy(failing, dep.name), ctx.now)
        if health:
            transitions.append(health)
        if transitions:
            ctx.save_deployment(dep)
        for change in transitions:
            changed.setdefault(dep.service_id, []).append((dep, change))
    for service_id, changes in changed.items():
        doc = ctx.store.get(service_state.KIND, ctx.project_id, service_id)
        if doc is None:
            continue
        service = Service.from_doc(doc)
        for dep, change in sorted(changes, key=lambda item: item[1].at):
            ctx.note_deployment_change(service, dep, change)
        ctx.sync_service(service, at=max(change.at for _, change in changes))
    _advance_connections(ctx)


def _advance_connections(ctx: Context) -> None:
    for doc in ctx.store.list(connection_state.KIND, ctx.project_id):
        connection = connection_state.IntranetConnection.from_doc(doc)
        if connection.advance(ctx.now):
            ctx.store.put(connection_state.KIND, ctx.project_id, connection.id, connection.to_doc())


def state_error(exc: TransitionNotAllowed) -> errors.ApiError:
    return errors.state_conflict(str(exc))
