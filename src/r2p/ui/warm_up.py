"""Server start (serve.py): run the default page once, with no browser, before the server takes its first visit."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from streamlit.logger import get_logger
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.runtime import Runtime

WARM_UP_SECONDS = 120.0  # a first run on the bench warehouse takes ~10 s on 2 busy cores; past this, serve anyway
_LOG = get_logger(__name__)


class _HeadlessClient:
    """A session client with no browser behind it: it only notes when the script run has finished."""

    def __init__(self) -> None:
        self.finished: str | None = None  # the ScriptFinishedStatus name once the run is over
        self.exception = False

    def write_forward_msg(self, msg: ForwardMsg) -> None:
        kind = msg.WhichOneof("type")
        if kind == "script_finished" and msg.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
            self.finished = ForwardMsg.ScriptFinishedStatus.Name(msg.script_finished)  # st.rerun: wait for it
        elif kind == "delta" and msg.delta.new_element.WhichOneof("type") == "exception":
            self.exception = True

    @property
    def client_context(self) -> None:
        return None


@asynccontextmanager
async def warm_caches(_app: Any) -> AsyncIterator[None]:
    """st.App's lifespan: before the server answers a request, one headless session runs the default page (the
    Overview) as a first visitor's would, so its imports, warehouse reads (r2p/ui/cache.py) and shapes are in
    memory. A failure is logged, never fatal: the server then starts cold."""
    started = time.perf_counter()
    try:
        outcome = await asyncio.wait_for(run_default_page(Runtime.instance()), WARM_UP_SECONDS)
    except Exception:  # noqa: BLE001 (whatever went wrong, the dashboard must still start)
        _LOG.exception("warm-up failed; the first visit will start cold")
    else:
        _LOG.info("Warm-up: the Overview ran once in %.1f s (%s)", time.perf_counter() - started, outcome)
    yield


async def run_default_page(runtime: Runtime) -> str:
    """Connect a headless session, ask for a run of the default page (no query string) as a browser's first
    message does, wait for it to finish, close the session; returns how the run ended."""
    client = _HeadlessClient()
    session_id = runtime.connect_session(client=client, user_info={})
    try:
        runtime.handle_backmsg(session_id, BackMsg(rerun_script=ClientState(query_string="", page_script_hash="")))
        while client.finished is None:
            await asyncio.sleep(0.05)  # the runtime's loop, on this event loop, delivers the messages
    finally:
        runtime.close_session(session_id)
    return client.finished + (" with an exception shown" if client.exception else "")
