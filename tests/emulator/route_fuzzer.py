"""What the route fuzzers of the emulated APIs share: seeded random JSON, mutations of valid
bodies, junk path parameters and bodies, and the tally of answers (no 5xx but the 501 of what
the emulator does not serve, no traceback in its log, within the time budget).

Each API's fuzzer keeps what is its own: templates, query parameters, the strings and keys it
draws from, its routes and how requests are signed. A fuzzer's requests depend only on its
seed, so the same seed sends the same cases.
"""

from __future__ import annotations

import copy
import json
import random
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence
from urllib.parse import quote

JUNK_BODIES = [b"", b"{", b"[]", b"null", b"\xff\xfe", b'"x"', b"{}" * 3]


def deep_nesting() -> list:
    """Nesting deeper than the emulator's JSON parser accepts (made anew: mutations change it)."""
    return json.loads("[" * 70 + "]" * 70)


class Fuzzer:
    """Random values drawn from a seeded generator.

    `strings` are the query and JSON strings to draw from, `object_keys` the keys of random
    objects, `hostile` makers of values the parser must refuse (tried as often as any other
    scalar), `junk_ids` extra junk for path parameters; with `grow_objects` a mutation also adds
    a random key to the object it changed.
    """

    def __init__(self, seed: int, strings: Sequence[str], object_keys: Sequence[str],
                 hostile: Sequence[Callable[[], Any]], junk_ids: Sequence[str],
                 grow_objects: bool = False):
        self.rng = random.Random(seed)
        self.strings, self.object_keys = list(strings), list(object_keys)
        self.hostile, self.junk_ids = list(hostile), list(junk_ids)
        self.grow_objects = grow_objects

    def scalar(self):
        rng = self.rng
        return rng.choice([
            lambda: None, lambda: True, lambda: False, lambda: 0, lambda: -1, lambda: 2**63 - 1,
            lambda: -(2**63), lambda: rng.randint(-10**6, 10**6), lambda: rng.random() * 1e300,
            lambda: -0.0, lambda: 1e-320, lambda: 3.5, lambda: rng.choice(self.strings),
            lambda: "".join(chr(rng.randint(32, 0xD7FF)) for _ in range(rng.randint(0, 20))),
            *self.hostile,
        ])()

    def json(self, depth: int = 0):
        rng = self.rng
        roll = rng.random()
        if depth >= 4 or roll < 0.5:
            return self.scalar()
        if roll < 0.75:
            return [self.json(depth + 1) for _ in range(rng.randint(0, 4))]
        return {rng.choice(self.object_keys): self.json(depth + 1) for _ in range(rng.randint(0, 4))}

    def mutate(self, template):
        """A copy of a valid body with one to three values deleted, wrapped in an array (where an
        object or value belongs) or replaced by random JSON; or the whole body replaced."""
        rng = self.rng
        body = copy.deepcopy(template)
        for _ in range(rng.randint(1, 3)):
            path = rng.choice(list(paths_in(body)))
            if not path:
                return rng.choice([self.json(), [body], [], {}, self.scalar()])
            parent = body
            for key in path[:-1]:
                parent = parent[key]
            action = rng.random()
            if action < 0.2 and isinstance(parent, dict):
                del parent[path[-1]]
            elif action < 0.35:
                parent[path[-1]] = [parent[path[-1]]]
            else:
                parent[path[-1]] = self.json(2)
            if self.grow_objects and isinstance(parent, dict) and rng.random() < 0.2:
                parent[rng.choice(self.strings)] = self.json(3)
        return body

    def junk(self) -> str:
        return self.rng.choice(self.strings[1:] + self.junk_ids) or "x"

    def path(self, template: str, ids: dict[str, str], real_share: float, safe: str) -> str:
        """`template` with its {parameters} set to real ids (`real_share` of them) or junk,
        percent-encoded as the API's SDK encodes path parameters (`safe`)."""
        params = {}
        for name in re.findall(r"\{(\w+)\}", template):
            value = ids.get(name, "x") if self.rng.random() < real_share else self.junk()
            params[name] = quote(value, safe=safe)
        return template.format(**params)

    def body(self, template, alternatives: Sequence = (), verbatim_below: float = 0.8) -> bytes:
        """A request body: junk bytes, a mutation of `template` (or now and then of one of its
        `alternatives`), `template` unchanged (rolls from 0.8 to `verbatim_below`) or random JSON."""
        rng = self.rng
        roll = rng.random()
        if roll < 0.1:
            return rng.choice(JUNK_BODIES)
        if template is not None and roll < 0.8:
            chosen = rng.choice(alternatives) if alternatives and rng.random() < 0.3 else template
            return json.dumps(self.mutate(chosen)).encode()
        if template is not None and roll < verbatim_below:
            return json.dumps(template).encode()
        return json.dumps(self.json()).encode()


def paths_in(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for key, child in value.items():
            yield from paths_in(child, prefix + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from paths_in(child, prefix + (index,))


def fill(value, ids: dict):
    """Put the real ids into a template's "{placeholder}" strings."""
    if isinstance(value, str):
        return re.sub(r"\{(\w+)\}", lambda m: ids.get(m.group(1), m.group(0)), value)
    if isinstance(value, list):
        return [fill(v, ids) for v in value]
    if isinstance(value, dict):
        return {k: fill(v, ids) for k, v in value.items()}
    return value


@dataclass
class Tally:
    """The answers a fuzzer got: how many, by status, and the 5xx that are failures."""

    sent: int = 0
    seen: Counter = field(default_factory=Counter)
    failures: list = field(default_factory=list)

    def record(self, method: str, path: str, query, raw: bytes, response,
               unserved: bool = False) -> None:
        """Count an answer; a 5xx is a failure, but a 501 from an operation the emulator
        declares it does not serve (`unserved`)."""
        self.sent += 1
        self.seen[response.status_code] += 1
        if response.status_code >= 500 and not (unserved and response.status_code == 501):
            self.failures.append((method, path, query, raw[:300], response.status_code,
                                  response.text[:300]))

    def assert_clean(self, emulator, elapsed: float, budget: float) -> None:
        """No failure, within the budget, and no traceback in the emulator's log."""
        assert self.failures == [], (f"{len(self.failures)} of {self.sent} requests answered "
                                     f"5xx: {self.failures[:5]}")
        assert elapsed < budget, f"{self.sent} requests took {elapsed:.1f} s"
        assert "Traceback" not in emulator.log_path.read_text(errors="replace")
