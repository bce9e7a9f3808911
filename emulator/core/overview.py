"""What is deployed, per project and API: `inference-emulator ls` and the status page `GET /`.

Both read the store without writing (the API plug-ins apply due transitions in
memory only), so `ls` works on a data dir whether or not a server runs on it.
"""

from __future__ import annotations

import html
import time

from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response

from .access import loopback_only
from .plugin import ApiPlugin, Node
from .settings import Settings
from .store import Store

Overview = dict[str, dict[str, list[Node]]]  # project id -> API name -> top-level nodes


def collect(store: Store, apis: list[ApiPlugin], settings: Settings,
            now: float | None = None) -> Overview:
    now = time.time() if now is None else now
    found: Overview = {}
    with store.snapshot():
        for project_id in store.projects():
            per_api = {api.name: api.overview(store, project_id, settings, now) for api in apis}
            per_api = {name: nodes for name, nodes in per_api.items() if nodes}
            if per_api:
                found[project_id] = per_api
    return found


def render_text(overview: Overview) -> str:
    if not overview:
        return "nothing deployed\n"
    lines = []
    for project_id, per_api in overview.items():
        lines.append(f"project {project_id}")
        for api, nodes in per_api.items():
            lines.append(f"  {api}")
            for node in nodes:
                lines += _text(node, 2)
    return "\n".join(lines) + "\n"


def _text(node: Node, depth: int) -> list[str]:
    version = f"  version {node.version}" if node.version else ""
    details = f"  {node.details}" if node.details else ""
    lines = [f"{'  ' * depth}{node.kind} {node.name}  {node.status}{version}{details}  [{node.id}]"]
    for child in node.children:
        lines += _text(child, depth + 1)
    return lines


def render_html(overview: Overview, settings: Settings, apis: list[ApiPlugin]) -> str:
    esc = html.escape
    rows = []
    for project_id, per_api in overview.items():
        rows.append(f"<h2>project {esc(project_id)}</h2>")
        for api, nodes in per_api.items():
            rows.append(f"<h3>{esc(api)}</h3><table><tr><th>kind</th><th>name</th><th>status</th>"
                        "<th>version</th><th>details</th><th>id</th></tr>")
            for node in nodes:
                rows += _html_rows(node, 0)
            rows.append("</table>")
    body = "\n".join(rows) or "<p>Nothing deployed.</p>"
    return f"""<!doctype html>
<html><head><meta charset="utf-8"><meta http-equiv="refresh" content="5">
<title>inference emulator</title>
<style>body{{font-family:sans-serif;margin:2em}}table{{border-collapse:collapse}}
td,th{{border:1px solid #ccc;padding:.2em .6em;text-align:left}}.child td:nth-child(2){{padding-left:2em}}</style>
</head><body>
<h1>inference emulator</h1>
<p>APIs: {esc(", ".join(api.name for api in apis))} &middot; project {esc(settings.project_id)}
&middot; access key {esc(settings.access_key)} &middot; data dir {esc(settings.data_dir)}
&middot; <a href="/-/stats">/-/stats</a> &middot; <a href="/-/faults">/-/faults</a>
&middot; <a href="/?format=text">text</a></p>
{body}
</body></html>
"""


def _html_rows(node: Node, depth: int) -> list[str]:
    esc = html.escape
    css = ' class="child"' if depth else ""
    rows = [f"<tr{css}><td>{esc(node.kind)}</td><td>{esc(node.name)}</td><td>{esc(node.status)}</td>"
            f"<td>{esc(node.version)}</td><td>{esc(node.details)}</td><td>{esc(node.id)}</td></tr>"]
    for child in node.children:
        rows += _html_rows(child, depth + 1)
    return rows


def endpoint(store: Store, apis: list[ApiPlugin], settings: Settings):
    @loopback_only("The status page")
    async def handle(request: Request) -> Response:
        overview = collect(store, apis, settings)
        wants_text = (request.query_params.get("format") == "text"
                      or "text/plain" in request.headers.get("accept", ""))
        if wants_text:
            return PlainTextResponse(render_text(overview))
        return HTMLResponse(render_html(overview, settings, apis))

    return handle
