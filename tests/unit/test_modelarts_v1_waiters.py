"""v1 waits report progress on long waits, end at the documented statuses, and stop at dead ends."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from inference_iac.core import progress
from inference_iac.core.poll import Clock, WaitFailed, Waits
from inference_iac.core.progress import Reporter
from inference_iac.modelarts.v1.waiters.model import wait_published
from inference_iac.modelarts.v1.waiters.service import PICKUP_SECONDS, wait_settled


class Ticking:
    """A clock that moves 10 s at every sleep."""

    def __init__(self) -> None:
        self.now = 0.0

    def sleep(self, seconds: float) -> None:
        self.now += 10

    def clock(self) -> Clock:
        return Clock(now=lambda: self.now, sleep=self.sleep)


def client_answering(kind: str, answers: list[dict]):
    remaining = iter(answers)
    return SimpleNamespace(**{kind: SimpleNamespace(get=lambda _id: next(remaining))})


@pytest.fixture
def lines():
    shown: list[str] = []
    progress.set_route(lambda label, message, ephemeral: shown.append(f"[{label}] {message}"))
    yield shown
    progress.set_route(None)


def waits() -> Waits:
    return Waits(timeout_seconds=600, reporter=Reporter("Service", "shop"), clock=Ticking().clock(),
                 progress_every=15)


def test_a_long_deploy_reports_status_and_progress(lines):
    # One read every 10 s, one line every 15 s at most: at 20 s and 40 s.
    answers = [{"status": "deploying", "progress": p} for p in (0, 20, 40, 60, 80)] + [{"status": "running"}]
    live = wait_settled(client_answering("services", answers), "s1", waits())
    assert live["status"] == "running"
    assert lines == ["[Service shop] waiting: deploying 40%, 20s elapsed",
                     "[Service shop] waiting: deploying 80%, 40s elapsed",
                     "[Service shop] wait over after 50s"]


def test_a_failed_first_deploy_is_a_dead_end_with_the_platform_reason():
    answers = [{"status": "deploying"}, {"status": "failed", "service_name": "shop", "error_msg": "image not found"}]
    with pytest.raises(WaitFailed, match="service shop is failed: image not found"):
        wait_settled(client_answering("services", answers), "s1", waits(), failed_ok=False)


def test_a_failed_service_is_settled_when_a_failure_may_be_repaired():
    answers = [{"status": "stopping"}, {"status": "failed"}]
    assert wait_settled(client_answering("services", answers), "s1", waits())["status"] == "failed"


def test_a_model_is_waited_for_until_published(lines):
    answers = [{"model_status": "publishing"}] * 3 + [{"model_status": "published", "model_id": "m1"}]
    assert wait_published(client_answering("models", answers), "m1", waits())["model_id"] == "m1"
    assert "[Service shop] waiting: publishing, 20s elapsed" in lines


def test_a_model_that_failed_to_publish_is_a_dead_end():
    answers = [{"model_status": "publishing"}, {"model_status": "building_failed", "model_name": "m",
                                                 "model_version": "1.0.0"}]
    with pytest.raises(WaitFailed, match="model m 1.0.0 .* is building_failed"):
        wait_published(client_answering("models", answers), "m1", waits())


# ----- after a PUT: the first reads may still describe the service as it was -----------------------

BEFORE = {"status": "running", "update_time": 1000}


def counting_client(answers: list[dict]):
    reads: list[dict] = []

    def get(_id):
        reads.append(answers[min(len(reads), len(answers) - 1)])
        return reads[-1]

    return SimpleNamespace(services=SimpleNamespace(get=get)), reads


def test_a_read_from_before_the_platform_took_the_put_does_not_end_the_wait():
    client, reads = counting_client([BEFORE, {"status": "deploying", "update_time": 2000},
                                     {"status": "running", "update_time": 2000}])
    live = wait_settled(client, "s1", waits(), after=BEFORE)
    assert live == {"status": "running", "update_time": 2000} and len(reads) == 3


@pytest.mark.parametrize("first", [{"status": "running", "update_time": 2000},  # applied at once
                                   {"status": "stopped", "update_time": 1000}])  # a stop that took
def test_a_newer_update_time_or_another_status_shows_the_put_was_taken(first):
    client, reads = counting_client([first])
    assert wait_settled(client, "s1", waits(), after=BEFORE) == first and len(reads) == 1


def test_with_no_sign_for_the_pickup_time_the_settled_answer_is_believed():
    client, reads = counting_client([BEFORE])
    assert wait_settled(client, "s1", waits(), after=BEFORE) == BEFORE
    # One read every 10 s (the test clock): the one at 30 s is the first believed.
    assert len(reads) == int(PICKUP_SECONDS // 10) + 1
