"""The room's capture server: phones and a recorder laptop post notes over the local network (no Qt).

aiohttp runs in a daemon thread with an event loop of its own, so the desktop's
Qt loop never waits on the network; the headless ``capture`` command runs the
same server. It writes on a connection of its own to the process file (WAL), through
the edit commands of ``facilitator.capture.items`` — the board's own commands — so
the board, the undo history and the exports see a phone's note like a typed
one. A note is acknowledged only after its transaction committed.

Every request passes the guard: the Host header must name this server, every write
must come from its own page (Origin), the token must be live (403 unknown, 410
closed), bodies are capped (413), and each phone is rate-limited (429). Pages
are static files under a strict Content-Security-Policy; user text travels as
JSON and the page shows it with ``textContent``.

The desktop talks to the server through ``call`` (``loop.call_soon_threadsafe``)
and hears from it through the ``on_changes`` / ``on_phones`` callbacks, which run
in the server's thread (the Qt bridge turns them into queued signals).
"""

from __future__ import annotations

import asyncio
import json
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from aiohttp import web

from ..document import ProcessDocument
from ..domain.vocabulary import MINUTES_KINDS
from ..store import FileProblem
from ..store.db import Change
from . import items as capture
from .guard import PHONE_ID, Pass, RateLimit, host_allowed, new_code, new_token, normalise_code, origin_allowed

from resources import FOLDER as RESOURCES

MAX_REQUEST = 64 * 1024
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
STATIC = {"app.js": "text/javascript", "app.css": "text/css", "index.html": "text/html"}
WRITES = {"POST", "PUT", "PATCH", "DELETE"}


def phone_bundle() -> dict[str, bytes]:
    """The phone page's files, read once from the package (``resources/phone``)."""
    folder = RESOURCES / "phone"
    return {name: folder.joinpath(name).read_bytes() for name in STATIC}


@dataclass
class Options:
    """How the capture opens (the desktop's switches can change moderation and the rest later)."""

    workshop_id: str
    block_id: str
    address: str = "127.0.0.1"
    port: int = 0
    moderated: bool = False
    ask_name: bool = False
    recorder: bool = True
    retired: set[str] = field(default_factory=set)  # tokens of captures closed earlier in this process


class CaptureServer:
    """One open capture: its session row, its tokens and the listening socket."""

    def __init__(self, path: str | Path, options: Options, *,
                 on_changes: Callable[[list[Change]], None] | None = None,
                 on_phones: Callable[[int], None] | None = None,
                 note_limit: RateLimit | None = None) -> None:
        self.path = Path(path)
        self.options = options
        self.on_changes = on_changes
        self.on_phones = on_phones
        self.note_limit = note_limit or RateLimit(rate=1.0, burst=5)
        self.edit_limit = RateLimit(rate=4.0, burst=20)
        self.code_limit = RateLimit(rate=0.5, burst=5)
        self.bundle = phone_bundle()
        self.passes: list[Pass] = []
        self.session_id = ""
        self.target: capture.Target | None = None
        self.port = options.port
        self.acknowledged = 0
        self._doc: ProcessDocument | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._runner: web.AppRunner | None = None
        self._thread: threading.Thread | None = None
        self._streams: dict[asyncio.Queue, str] = {}
        self._queued: list[tuple[dict[str, Any], asyncio.Future]] = []
        self._phones_seen = 0

    # -- lifecycle (called from the owner's thread) ----------------------------------
    def start(self, timeout: float = 10.0) -> None:
        """Open the session and listen; raises CaptureProblem/FileProblem/OSError with the cause."""
        ready = threading.Event()
        failure: list[BaseException] = []

        def main() -> None:
            loop = asyncio.new_event_loop()
            self._loop = loop
            asyncio.set_event_loop(loop)
            try:
                loop.run_until_complete(self._begin())
            except BaseException as exc:  # reported to start(): a busy port, a bad block, a locked file
                failure.append(exc)
                ready.set()
                loop.run_until_complete(self._end())
                loop.close()
                return
            ready.set()
            loop.run_forever()
            loop.run_until_complete(self._end())
            loop.close()

        self._thread = threading.Thread(target=main, name="capture-server", daemon=True)
        self._thread.start()
        if not ready.wait(timeout):
            raise OSError("capture server did not start")
        if failure:
            self._thread.join(timeout)
            raise failure[0]

    def stop(self, timeout: float = 10.0) -> None:
        """Close the capture: its links die (410), the socket closes, every acknowledged note is in the file."""
        loop, thread = self._loop, self._thread
        if loop is None or thread is None or not thread.is_alive():
            return
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def call(self, fn: Callable[[], Any]) -> None:
        """Run ``fn`` on the server's loop (the desktop's way in: thread-safe)."""
        if self._loop is not None and self.running:
            self._loop.call_soon_threadsafe(fn)

    def refresh_phones(self) -> None:
        """Tell every page to read its state again (after the desktop changed a switch or moderated)."""
        self.call(lambda: self._broadcast("refresh"))

    def url(self, p: Pass) -> str:
        return f"{self.base_url()}/j/{p.token}"

    def base_url(self) -> str:
        suffix = "" if self.port == 80 else f":{self.port}"
        return f"http://{self.options.address}{suffix}"

    @property
    def phones(self) -> int:
        return len(set(self._streams.values()))

    # -- inside the loop ---------------------------------------------------------------
    async def _begin(self) -> None:
        opts = self.options
        self._doc = doc = ProcessDocument.open(self.path)
        if doc.readonly:
            raise FileProblem(FileProblem.READ_ONLY, str(self.path))
        self.target = target = capture.capture_target(doc, opts.workshop_id, opts.block_id)
        stale = capture.close_stale_sessions(doc)
        if stale is not None:
            doc.execute(stale)
        if self.on_changes is not None:
            doc.subscribe(self.on_changes)
        codes: set[str] = set()

        def make(role: str, group_id: str | None, label: str) -> Pass:
            code = new_code(codes)
            codes.add(code)
            return Pass(new_token(), code, role, group_id, label)

        if target.group_block:
            self.passes = [make("phone", g["id"], g["name"]) for g in target.groups]
        else:
            self.passes = [make("phone", None, "")]
        if opts.recorder:
            self.passes.append(make("recorder", None, ""))
        app = web.Application(client_max_size=MAX_REQUEST, middlewares=[self._guard])
        app.router.add_get("/", self._page)
        app.router.add_get("/j/{token}", self._page)
        app.router.add_get("/static/{name}", self._static)
        app.router.add_post("/api/code", self._code)
        app.router.add_get("/api/state", self._state)
        app.router.add_post("/api/notes", self._post_note)
        app.router.add_patch("/api/notes/{item}", self._edit_note)
        app.router.add_delete("/api/notes/{item}", self._withdraw_note)
        app.router.add_post("/api/votes", self._vote)
        app.router.add_post("/api/minutes", self._minutes)
        app.router.add_get("/api/events", self._events)
        # handle_signals=False: the owner handles signals; shutdown_timeout: open event streams must not hang cleanup().
        self._runner = web.AppRunner(app, handle_signals=False, shutdown_timeout=1.0, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, opts.address, opts.port)  # SO_REUSEADDR where safe (POSIX) only
        await site.start()
        sockets = getattr(site._server, "sockets", None) or []
        if sockets:
            self.port = sockets[0].getsockname()[1]
        row = capture.open_session(target, moderated=opts.moderated, ask_name=opts.ask_name)
        doc.execute(row)
        self.session_id = row.id

    async def _end(self) -> None:
        self._broadcast("closed")
        await asyncio.sleep(0)
        doc = self._doc
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        self._commit_queued()  # nothing is left waiting (cleanup let the handlers finish)
        self.options.retired.update(p.token for p in self.passes)
        if doc is not None:
            if self.session_id:
                close = capture.close_session(doc, self.session_id)
                if close is not None:
                    try:
                        doc.execute(close)
                    except FileProblem:
                        pass  # the file went away: the stale session is closed on the next opening
            if self.on_changes is not None:
                doc.unsubscribe(self.on_changes)
            doc.close()
            self._doc = None

    # -- the guard -------------------------------------------------------------------------
    @web.middleware
    async def _guard(self, request: web.Request, handler):
        addr = self.options.address
        if not host_allowed(request.headers.get("Host"), addr, self.port):
            return self._refuse(403, "host")
        if request.method in WRITES and not origin_allowed(request.headers.get("Origin"), addr, self.port):
            return self._refuse(403, "origin")
        if request.content_length is not None and request.content_length > MAX_REQUEST:
            return self._refuse(413, "too_large")
        try:
            response = await handler(request)
        except web.HTTPRequestEntityTooLarge:
            response = self._refuse(413, "too_large")
        except web.HTTPException as exc:
            response = self._refuse(exc.status, "http")
        self._harden(response)
        return response

    def _harden(self, response: web.StreamResponse) -> None:
        h = response.headers
        h["Content-Security-Policy"] = CSP
        h["X-Content-Type-Options"] = "nosniff"
        h["Referrer-Policy"] = "no-referrer"  # the token is in the page's address
        h["X-Frame-Options"] = "DENY"
        h.setdefault("Cache-Control", "no-store")

    def _refuse(self, status: int, reason: str, **extra: Any) -> web.Response:
        response = web.json_response({"error": reason, **extra}, status=status)
        self._harden(response)
        return response

    def _pass(self, request: web.Request) -> Pass | web.Response:
        token = request.headers.get("X-Token") or request.query.get("t") or request.match_info.get("token", "")
        for p in self.passes:
            if token and p.token == token:
                return p
        if token and token in self.options.retired:
            return self._refuse(410, "closed")
        return self._refuse(403, "token")

    def _phone(self, request: web.Request) -> str | None:
        phone = request.headers.get("X-Phone") or request.query.get("p") or ""
        return phone if PHONE_ID.match(phone) else None

    async def _body(self, request: web.Request) -> dict[str, Any] | web.Response:
        try:
            data = json.loads(await request.read() or b"{}")
        except web.HTTPRequestEntityTooLarge:
            return self._refuse(413, "too_large")
        except ValueError:
            return self._refuse(400, "bad_json")
        return data if isinstance(data, dict) else self._refuse(400, "bad_json")

    def _session(self) -> dict[str, Any]:
        assert self._doc is not None
        sess = capture.session(self._doc, self.session_id)
        assert sess is not None
        return sess

    def _run(self, command) -> web.Response | None:
        """Apply an edit on the server's connection; a refusal becomes a one-word error."""
        assert self._doc is not None
        if command is None:
            return None
        try:
            self._doc.execute(command)
        except FileProblem:
            return self._refuse(503, "file")
        return None

    # -- pages -----------------------------------------------------------------------------
    async def _page(self, request: web.Request) -> web.Response:
        status = 200
        if "token" in request.match_info:
            found = self._pass(request)
            status = found.status if isinstance(found, web.Response) else 200
        return web.Response(body=self.bundle["index.html"], status=status, content_type="text/html", charset="utf-8")

    async def _static(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        if name not in STATIC or name == "index.html":
            return self._refuse(404, "not_found")
        response = web.Response(body=self.bundle[name], content_type=STATIC[name], charset="utf-8")
        response.headers["Cache-Control"] = "max-age=600"
        return response

    async def _code(self, request: web.Request) -> web.Response:
        if self.code_limit.take(request.remote or "?"):
            return self._refuse(429, "slow_down")
        data = await self._body(request)
        if isinstance(data, web.Response):
            return data
        code = normalise_code(str(data.get("code", "")))
        for p in self.passes:
            if p.code == code:
                return web.json_response({"token": p.token})
        return self._refuse(404, "code")

    # -- the API ---------------------------------------------------------------------------
    def _who(self, request: web.Request) -> tuple[Pass, str] | web.Response:
        found = self._pass(request)
        if isinstance(found, web.Response):
            return found
        phone = self._phone(request)
        if phone is None:
            return self._refuse(400, "phone")
        return found, phone

    async def _state(self, request: web.Request) -> web.Response:
        who = self._who(request)
        if isinstance(who, web.Response):
            return who
        return web.json_response(self._state_of(*who))

    def _state_of(self, p: Pass, phone: str) -> dict[str, Any]:
        assert self._doc is not None and self.target is not None
        doc, target, sess = self._doc, self.target, self._session()
        zones = [z for z in target.zones if not target.fixed_zone or z["key"] == target.fixed_zone]
        mine = doc.store.query(
            "SELECT capture_item.id, coalesce(note.text, capture_item.text) AS text, capture_item.zone, "
            "capture_item.status, capture_item.group_id FROM capture_item "
            "LEFT JOIN note ON note.id = capture_item.note_id "
            "WHERE session_id = ? AND phone = ? AND status != 'withdrawn' ORDER BY sent_at, capture_item.rowid",
            (sess["id"], phone))
        group = next((g for g in target.groups if g["id"] == p.group_id), None)
        state: dict[str, Any] = {
            "role": p.role, "workshop": target.workshop_title, "block": target.block_title,
            "instruction": target.instruction, "zones": zones, "group": group,
            "groups": target.groups if p.role == "recorder" else [],
            "paused": bool(sess["paused"]), "voting": bool(sess["voting"]), "dots": sess["dots"],
            "ask_name": bool(sess["ask_name"]), "moderated": bool(sess["moderated"]),
            "note_max": capture.NOTE_MAX, "mine": mine,
        }
        if sess["voting"] and p.role == "phone":
            state["ballot"] = capture.ballot(doc, sess, p.group_id, phone)
            state["dots_left"] = sess["dots"] - capture.dots_used(doc, sess["id"], phone)
        if p.role == "recorder":
            state["minutes_kinds"] = list(MINUTES_KINDS)
        return state

    async def _post_note(self, request: web.Request) -> web.Response:
        who = self._who(request)
        if isinstance(who, web.Response):
            return who
        p, phone = who
        wait = self.note_limit.take(phone)
        if wait:
            response = self._refuse(429, "slow_down", retry=round(wait, 1))
            response.headers["Retry-After"] = str(max(1, round(wait)))
            return response
        data = await self._body(request)
        if isinstance(data, web.Response):
            return data
        sess = self._session()
        if sess["paused"]:
            return self._refuse(409, "paused")
        text = data.get("text")
        if isinstance(text, str) and len(text.strip()) > capture.NOTE_MAX:
            return self._refuse(413, "too_long", max=capture.NOTE_MAX)
        assert self.target is not None and self._doc is not None
        zone = data.get("zone") or ""
        keys = self.target.zone_keys()
        if not zone and len(keys) == 1:
            zone = keys[0]
        if zone not in keys:
            return self._refuse(400, "zone")
        group_id = p.group_id
        if p.role == "recorder":
            group_id = data.get("group_id") or None
            if group_id is not None and group_id not in {g["id"] for g in self.target.groups}:
                return self._refuse(400, "group")
        author = ""
        if sess["ask_name"] and data.get("consent") is True and isinstance(data.get("name"), str):
            author = data["name"]  # kept only with consent, as in the registry
        try:
            text = capture.check_text(text)
        except capture.CaptureProblem:
            return self._refuse(400, "text")
        assert self._loop is not None
        done: asyncio.Future = self._loop.create_future()
        self._queued.append((dict(phone=phone, text=text, group_id=group_id, zone=zone, author=author,
                                  source="recorder" if p.role == "recorder" else "phone"), done))
        if len(self._queued) == 1:
            self._loop.call_soon(self._commit_queued)
        outcome = await done
        if outcome is None:
            return self._refuse(503, "file")
        item_id, note_id = outcome
        return web.json_response({"id": item_id, "status": "accepted" if note_id else "pending"}, status=201)

    def _commit_queued(self) -> None:
        """Group commit: every note that arrived since the last commit goes in one transaction.

        One fsync for a burst instead of one per note: under a room's bursts the
        commit, not the network, is what phones wait for. Each note is still its
        own ``submit`` command (the board's ``add_notes`` sees the ones before it in
        the same transaction, so none lands on another's spot), and a note is
        acknowledged only once the transaction that holds it committed.
        """
        batch, self._queued = self._queued, []
        if not batch:
            return
        assert self._doc is not None
        doc, sess = self._doc, self._session()
        results: list[tuple[str, str | None]] = []
        try:
            with doc.store.transaction():
                for fields, _done in batch:
                    command = capture.submit(doc, sess, **fields)
                    command.redo(doc.store)
                    results.append((command.item_id, command.note_id))
        except Exception:  # noqa: BLE001 - rolled back whole: every phone of the batch hears "not saved"
            for _fields, done in batch:
                if not done.done():
                    done.set_result(None)
            return
        self.acknowledged += len(batch)
        for (_fields, done), outcome in zip(batch, results):
            if not done.done():
                done.set_result(outcome)

    def _own_item(self, request: web.Request, phone: str) -> dict[str, Any] | web.Response:
        assert self._doc is not None
        row = self._doc.store.get("capture_item", request.match_info["item"])
        if row is None or row["phone"] != phone or row["session_id"] != self.session_id:
            return self._refuse(404, "not_found")
        return row

    def _own_request(self, request: web.Request) -> dict[str, Any] | web.Response:
        """The item an edit or a withdrawal names, if this phone sent it in this capture."""
        who = self._who(request)
        if isinstance(who, web.Response):
            return who
        if self.edit_limit.take(who[1]):
            return self._refuse(429, "slow_down")
        return self._own_item(request, who[1])

    async def _edit_note(self, request: web.Request) -> web.Response:
        row = self._own_request(request)
        if isinstance(row, web.Response):
            return row
        data = await self._body(request)
        if isinstance(data, web.Response):
            return data
        text = data.get("text")
        if isinstance(text, str) and len(text.strip()) > capture.NOTE_MAX:
            return self._refuse(413, "too_long", max=capture.NOTE_MAX)
        assert self._doc is not None
        try:
            command = capture.edit_item(self._doc, row["id"], text)
        except capture.CaptureProblem:
            return self._refuse(400, "text")
        return self._run(command) or web.json_response({"id": row["id"]})

    async def _withdraw_note(self, request: web.Request) -> web.Response:
        row = self._own_request(request)
        if isinstance(row, web.Response):
            return row
        assert self._doc is not None
        try:
            command = capture.withdraw(self._doc, row["id"])
        except capture.CaptureProblem:
            return self._refuse(409, "merged")
        return self._run(command) or web.json_response({"id": row["id"], "status": "withdrawn"})

    async def _vote(self, request: web.Request) -> web.Response:
        who = self._who(request)
        if isinstance(who, web.Response):
            return who
        p, phone = who
        if self.edit_limit.take(phone):
            return self._refuse(429, "slow_down")
        data = await self._body(request)
        if isinstance(data, web.Response):
            return data
        assert self._doc is not None
        sess = self._session()
        note_id = data.get("note_id")
        allowed = {n["id"] for n in capture.ballot(self._doc, sess, p.group_id, phone)} if sess["voting"] else set()
        if not isinstance(note_id, str) or note_id not in allowed:
            return self._refuse(409 if not sess["voting"] else 404, "not_voting" if not sess["voting"] else "not_found")
        try:
            command = capture.vote(self._doc, sess, phone, note_id, bool(data.get("add", True)))
        except capture.CaptureProblem:
            return self._refuse(409, "no_dots")
        return self._run(command) or web.json_response(
            {"dots_left": sess["dots"] - capture.dots_used(self._doc, sess["id"], phone)})

    async def _minutes(self, request: web.Request) -> web.Response:
        from ..record import add_entry  # the recorder's own command, as the minutes pane runs it

        who = self._who(request)
        if isinstance(who, web.Response):
            return who
        p, phone = who
        if p.role != "recorder":
            return self._refuse(403, "role")
        if self.note_limit.take(phone):
            return self._refuse(429, "slow_down")
        data = await self._body(request)
        if isinstance(data, web.Response):
            return data
        text, kind, speaker = data.get("text"), data.get("kind", "idea_clave"), data.get("speaker", "")
        if (not isinstance(text, str) or not text.strip() or kind not in MINUTES_KINDS
                or not isinstance(speaker, str) or len(speaker) > capture.NAME_MAX):
            return self._refuse(400, "text")
        if len(text.strip()) > 4 * capture.NOTE_MAX:
            return self._refuse(413, "too_long", max=4 * capture.NOTE_MAX)
        assert self._doc is not None and self.target is not None
        command = add_entry(self._doc, self.target.workshop_id, text, kind=kind, speaker=speaker,
                            block_id=self.target.block_id)
        return self._run(command) or web.json_response({"id": command.id}, status=201)

    # -- live updates ------------------------------------------------------------------------
    async def _events(self, request: web.Request) -> web.StreamResponse:
        who = self._who(request)
        if isinstance(who, web.Response):
            return who
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream", "Cache-Control": "no-store"})
        self._harden(response)
        await response.prepare(request)
        queue: asyncio.Queue = asyncio.Queue(maxsize=8)
        self._streams[queue] = who[1]
        self._count_phones()
        try:
            await response.write(b"retry: 2000\n\n")
            while True:
                try:
                    event = await asyncio.wait_for(queue.get(), 15.0)
                except asyncio.TimeoutError:
                    await response.write(b": ping\n\n")
                    continue
                await response.write(f"event: {event}\ndata: {{}}\n\n".encode())
                if event == "closed":
                    break
        except (ConnectionResetError, asyncio.CancelledError):
            pass
        finally:
            self._streams.pop(queue, None)
            self._count_phones()
        return response

    def _broadcast(self, event: str) -> None:
        for queue in list(self._streams):
            try:
                queue.put_nowait(event)
            except asyncio.QueueFull:
                pass  # that page already has a refresh waiting

    def _count_phones(self) -> None:
        count = self.phones
        if count != self._phones_seen:
            self._phones_seen = count
            if self.on_phones is not None:
                self.on_phones(count)
