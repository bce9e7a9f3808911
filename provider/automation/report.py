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


def diagnostics(stdout: str) -> list[str]:
    """The error diagnostics of a CLI run, as `Kind name: message` lines."""
    found: list[str] = []
    in_block = False
    resource = ""
    for line in stdout.splitlines():
        if line.startswith("Diagnostics:"):
            in_block = True
            continue
        if not in_block:
            continue
        if line and not line.startswith(" "):
            in_block = line.startswith("Diagnostics")
            continue
        header = _RESOURCE_HEADER.match(line)
        if header:
            kind = _short_type(header["type"])
            resource = "" if kind == "Stack" else f"{kind} {header['name']}: "
            continue
        text = line.strip()
        if text.startswith("error:"):
            message = _PROBLEM_PREFIX.sub("", text[len("error:"):].strip())
            found.append(resource + message)
        elif found and text and line.startswith("      "):
            found[-1] += " " + text  # a message the CLI wrapped
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
        self.write(line)

    def _flush_diagnostics(self) -> None:
        kept, header = [], None
        for line in self.diagnostics or []:
            if _RESOURCE_HEADER.match(line):
                header = line
            elif line.strip() and not line.strip().startswith("error:"):
                if header is not None:
                    kept.append(header)
                    header = None
                kept.append(line)
        if kept:
            self.write("Diagnostics:")
            for line in kept:
                self.write(line)
        self.diagnostics = None

    def close(self) -> None:
        if self.diagnostics is not None:
            self._flush_diagnostics()
