"""What the runner sees crossing the exchange, and whether the demo's expected events arrived."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from typing import Any

import pika
from pika.exceptions import AMQPError

from asn_deploy.local.console import say
from asn_deploy.local.defaults import EXCHANGE
from asn_deploy.local.demo import DemoSummary
from asn_deploy.local.system import LocalSystem


@dataclass
class Seen:
    body: dict[str, Any]
    at: float


@dataclass
class Watcher:
    """A temporary exclusive queue bound to `#` on asn.events: sees everything published."""

    amqp_url: str
    events: list[Seen] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.connection = pika.BlockingConnection(pika.URLParameters(self.amqp_url))
        self.channel = self.connection.channel()
        queue = self.channel.queue_declare("", exclusive=True, auto_delete=True).method.queue
        self.channel.queue_bind(queue, EXCHANGE, "#")
        self.channel.basic_consume(queue, self._on_message, auto_ack=True)
        self.printed = 0

    def _on_message(self, channel: Any, method: Any, properties: Any, body: bytes) -> None:
        try:
            event = json.loads(body)
        except (UnicodeDecodeError, json.JSONDecodeError):
            event = {"type": f"(not JSON, routing key {method.routing_key})"}
        if not isinstance(event, dict):
            event = {"type": f"(not an object, routing key {method.routing_key})"}
        self.events.append(Seen(event, time.monotonic()))

    def pump(self, seconds: float) -> None:
        self.connection.process_data_events(time_limit=seconds)

    def of_type(self, event_type: str) -> list[dict[str, Any]]:
        return [s.body for s in self.events if s.body.get("type") == event_type]

    def close(self) -> None:
        try:
            if self.connection.is_open:
                self.connection.close()
        except AMQPError:
            pass


@dataclass
class Outcome:
    missing: list[str]
    wrong: list[str]
    elapsed: float = 0.0

    @property
    def complete(self) -> bool:
        return not self.missing and not self.wrong


def evaluate(summary: DemoSummary, watcher: Watcher, follow_ups: bool = True) -> Outcome:
    missing: list[str] = []
    wrong: list[str] = []
    rated = {e.get("correlationid"): e for e in watcher.of_type("PerformanceRated")}
    seen = {
        (e.get("correlationid"), e.get("type"))
        for e in watcher.of_type("CoachingStarted") + watcher.of_type("RewardGranted")
    }
    sent = {
        (e.get("correlationid"), (e.get("data") or {}).get("trigger_event_type"))
        for e in watcher.of_type("NotificationSent")
    }
    for a in summary.asn:
        event = rated.get(a.assessment_id)
        if event is None:
            missing.append(f"PerformanceRated for {a.nip}")
        elif (event.get("data") or {}).get("predikat") != a.expected_predikat:
            wrong.append(
                f"{a.nip}: predikat {(event.get('data') or {}).get('predikat')}, "
                f"expected {a.expected_predikat}"
            )
        follow_up = a.expected_follow_up
        if follow_ups and follow_up and (a.assessment_id, follow_up) not in seen:
            missing.append(f"{follow_up} for {a.nip}")
    for correlation, trigger, label in summary.expected_notifications(follow_ups):
        if (correlation, trigger) not in sent:
            missing.append(f"NotificationSent about {trigger} for {label}")
    return Outcome(missing, wrong)


def wait_for_demo(
    summary: DemoSummary, watcher: Watcher, system: LocalSystem, timeout: float, follow_ups: bool
) -> Outcome:
    deadline = time.monotonic() + timeout
    total = len(summary.expected_notifications(follow_ups))
    last = -1
    while True:
        watcher.pump(0.5)
        outcome = evaluate(summary, watcher, follow_ups)
        if outcome.complete or time.monotonic() > deadline:
            return outcome
        died = system.exited()
        if died:
            say(f"  a service exited: {died}; see var/log/")
            return outcome
        done = total - sum(1 for m in outcome.missing if m.startswith("NotificationSent"))
        if done != last:
            say(f"  {len(watcher.events):4d} events seen, notifications {done}/{total} ...")
            last = done
