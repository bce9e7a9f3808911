"""What a failed run says: the errors the engine reported, once each, without tracebacks."""

from __future__ import annotations

import re

from pulumi.automation.errors import CommandError

_GENERIC = re.compile(r"^(update|preview|refresh|destroy) failed$|^one or more errors occurred|^program failed|"
                      r"^Resource monitor has terminated")
# The CLI repeats a program's error under this prefix.
_REPEATED = re.compile(r"^an unhandled error occurred: (?:Program exited with non-zero exit code: -?\d+)?")
_RESOURCE_HEADER = re.compile(r"^  (?P<type>\S+) \((?P<name>[^)]+)\):$")
_PROBLEM_PREFIX = re.compile(r"^\S+ resource '[^']+'(?:: property \S+ value .*? has a problem| has a problem): ")
_LOCKED = "the stack is currently locked"


def _short_type(token: str) -> str:
    return token.rsplit(":", 1)[-1]


_LEVEL = re.compile(r"^(error|warning|info|debug):")


def diagnostic_entries(lines: list[str]) -> list[tuple[str | None, str, list[str]]]:
    """The lines of a Diagnostics block as (resource header, level, lines) entries.

    A message the CLI wrapped continues on lines without a level prefix; lines
    that follow no error (a program's own prints) are entries of level "".
    """
    entries: list[tuple[str | None, str, list[str]]] = []
    header: str | None = None
    for line in lines:
        if _RESOURCE_HEADER.match(line):
            header = line
            continue
        text = line.strip()
        if not text:
            continue
        level = _LEVEL.match(text)
        if level:
            entries.append((header, level[1], [line]))
        elif entries and entries[-1][0] == header and entries[-1][1] == "error":
            entries[-1][2].append(line)
        else:
            entries.append((header, "", [line]))
    return entries


def diagnostic_block(stdout: str) -> list[str]:
    """The lines of the CLI's Diagnostics section (without its title)."""
    block: list[str] = []
    in_block = False
    for line in stdout.splitlines():
        if line.startswith("Diagnostics:"):
            in_block = True
        elif in_block and line and not line.startswith(" "):
            in_block = False
        elif in_block:
            block.append(line)
    return block


def diagnostics(stdout: str) -> list[str]:
    """The error diagnostics of a CLI run, as `Kind name: message` lines."""
    found: list[str] = []
    for header, level, lines in diagnostic_entries(diagnostic_block(stdout)):
        if level != "error":
            continue
        match = _RESOURCE_HEADER.match(header or "")
        kind = _short_type(match["type"]) if match else "Stack"
        resource = "" if kind == "Stack" else f"{kind} {match['name']}: "
        text = " ".join(line.strip() for line in lines)[len("error:"):].strip()
        found.append(resource + _PROBLEM_PREFIX.sub("", text))
    return found


def split_result(text: str) -> tuple[str, str]:
    """(stdout, stderr) of a CommandError, whose text is `code: ... stdout: ... stderr: ...`."""
    match = re.search(r"\n stdout: (?P<stdout>.*)\n stderr: (?P<stderr>.*)\Z", text, re.S)
    return (match["stdout"], match["stderr"]) if match else ("", text)


def explain(error: CommandError) -> str:
    """One block: every distinct error, generic summaries dropped when there is anything better."""
    stdout, stderr = split_result(str(error))
    messages = diagnostics(stdout) + policy_violations(stdout)
    messages += [line[len("error:"):].strip() for line in stderr.splitlines() if line.startswith("error:")]
    unique = list(dict.fromkeys(_REPEATED.sub("", m).strip() for m in messages if m))
    unique = [m for m in unique if m]
    # The stack repeats a resource's error without naming the resource: keep the named one.
    unique = [m for m in unique if not any(n != m and n.endswith(": " + m) for n in unique)]
    specific = [m for m in unique if not _GENERIC.search(m)]
    chosen = specific or unique or [stderr.strip().splitlines()[-1] if stderr.strip() else "the CLI failed"]
    text = "\n".join(f"  {m}" for m in chosen)
    if any(_LOCKED in m for m in chosen):
        text += ("\n  A run that was killed leaves its lock behind; when no other run of this stack is going on, "
                 "`inference-stack cancel` removes it.")
    return text


# "- [mandatory]  prod-deployment-min-replicas  (pulumi-python:dynamic/modelarts:Deployment: shop-main)"
_MANDATORY = re.compile(r"^\s*- \[mandatory\]\s+(?P<policy>\S+)\s+\((?P<subject>[^)]*)\)")


def policy_violations(stdout: str) -> list[str]:
    """One line per mandatory policy violation of the CLI's Policies section (its details are shown there)."""
    found = []
    for line in stdout.splitlines():
        match = _MANDATORY.match(line)
        if match:
            subject = match["subject"].rsplit(": ", 1)[-1]
            found.append(f"mandatory policy {match['policy']} is violated by {subject} (details under Policies above)")
    return found


_ACTIONS = ("in-place update", "traffic shift", "scale", "start/stop", "switch back", "rolling upgrade", "replace")
# A row of the non-interactive display: an operation symbol (or none), the type token, the name, the rest.
_ROW = re.compile(r"^ (?P<op>[ +~\-=<>*])  (?P<type>\S+:\S+) (?P<name>\S+) +(?P<rest>.*)$")


# The CLI's advice after a destroy names its own command; this package's is the one at hand.
_STACK_RM = re.compile(r"run `pulumi stack rm (?P<stack>\S+)`")


class Echo:
    """What `inference-stack` prints of the CLI's output: every line once.

    The CLI's non-interactive display prints a resource's plan twice (as a
    status line, then again on the line of its step), and an error up to four
    times (status lines and diagnostics, each raw and again as "an unhandled
    error"). Here a plan is printed on its step line only, and errors only in
    the block printed when the run fails. Other diagnostics are kept.
    """

    def __init__(self, write=print) -> None:
        self.write = write
        self.diagnostics: list[str] | None = None

    def __call__(self, line: str) -> None:
        if line.startswith("Diagnostics:"):
            self.diagnostics = []
            return
        if self.diagnostics is not None:
            if line and not line.startswith(" "):
                self._flush_diagnostics()
            else:
                self.diagnostics.append(line)
                return
        row = _ROW.match(line)
        if row and ("error:" in row["rest"] or (row["op"] == " " and row["rest"].startswith(_ACTIONS))):
            return
        self.write(_STACK_RM.sub("run `inference-stack --stack \\g<stack> stack rm`", line))

    def _flush_diagnostics(self) -> None:
        kept: list[str] = []
        shown_header: str | None = None
        for header, level, lines in diagnostic_entries(self.diagnostics or []):
            if level == "error":
                continue  # shown in the block printed when the run fails
            if header is not None and header != shown_header:
                kept.append(header)
                shown_header = header
            kept.extend(lines)
        if kept:
            self.write("Diagnostics:")
            for line in kept:
                self.write(line)
        self.diagnostics = None

    def close(self) -> None:
        if self.diagnostics is not None:
            self._flush_diagnostics()
