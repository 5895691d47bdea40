"""Hostile table-editor and file-uploader states (issue 19, defects 1 and 6).

A client of Streamlit's websocket protocol sends, as the state of a data editor, anything:
rows in columns the table lacks, row numbers that are not numbers or are past the end, text
that is not JSON, 9,000 added rows; and, as an uploader's state, a file whose name is not
.csv. With dashboard.tables, none of that shows Streamlit's error box, none of it costs the
server more than a fraction of a second, the table stays as it was with a note, and an
ordinary change still works afterwards. The page is tests/browser/apps/editor_app.py.
"""

from __future__ import annotations

import csv
import io
import json
import urllib.request
import uuid
from collections.abc import Iterator
from urllib.parse import unquote

import pytest
from streamlit.proto.WidgetStates_pb2 import WidgetState

from benchmarks.protocol import Rerun, StreamlitClient, run_sync
from harness.server import ROOT, free_port, start_server, stop_server

ENTRY = "tests/browser/apps/editor_app.py"
NOTE = "The table's last change was not applied"

HOSTILE_STATES = {
    "unknown column": json.dumps({"added_rows": [{"nope": 1}]}),
    "row that is not a number": json.dumps({"edited_rows": {"abc": {"price": 1}}}),
    "row past the end": json.dumps({"edited_rows": {"999999999999": {"price": 1}}}),
    "row just past the end": json.dumps({"edited_rows": {"10": {"price": 1}}}),
    "negative row": json.dumps({"edited_rows": {"-1": {"price": 1}}}),
    "deleted row past the end": json.dumps({"deleted_rows": [10**6]}),
    "deleted row that is a bool": json.dumps({"deleted_rows": [True]}),
    "not JSON": "{not json",
    "JSON that is a list": "[1, 2, 3]",
    "deeply nested": "[" * 100_000 + "]" * 100_000,
    "text in a number column": json.dumps({"added_rows": [{"price": "abc"}]}),
    "nan": '{"added_rows": [{"price": NaN}]}',
    "huge number": json.dumps({"edited_rows": {"0": {"price": 1e300}}}),
    "a list in a cell": json.dumps({"added_rows": [{"price": [1, 2]}]}),
    "unknown key": json.dumps({"added_rows": [], "__class__": "x"}),
    "9,000 added rows": json.dumps(
        {"added_rows": [{"bedrooms": i, "price": 100.0 * i} for i in range(9_000)]}
    ),
}


@pytest.fixture(scope="module")
def editor_url() -> Iterator[str]:
    (ROOT / ".pytest_cache").mkdir(exist_ok=True)
    port = free_port()
    process = start_server(port, entry=ENTRY)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stop_server(process)


def widget_id(rerun: Rerun, kind: str) -> str:
    return next(wid for k, wid, _ in rerun.widgets if k == kind)


def editor_state(editor_id: str, text: str) -> WidgetState:
    state = WidgetState(id=editor_id)
    state.string_value = text
    return state


def shown(rerun: Rerun, prefix: str) -> str:
    return next(t for t in rerun.texts if t.startswith(prefix))


async def send_editor_state(base: str, text: str) -> tuple[Rerun, Rerun, Rerun]:
    async with StreamlitClient(base) as client:
        opened = await client.open("")
        editor = widget_id(opened, "dataframe")
        hostile = await client.send_states([editor_state(editor, text)])
        # An ordinary change afterwards, to the editor the page now draws: two rows added.
        fresh = widget_id(hostile, "dataframe")
        added = json.dumps({"added_rows": [{"bedrooms": 11, "price": 5}, {"bedrooms": 12}]})
        after = await client.send_states([editor_state(fresh, added)])
        return opened, hostile, after


@pytest.mark.parametrize("name", list(HOSTILE_STATES))
def test_a_hostile_editor_state_gets_the_table_back_with_a_note_and_no_error(
    editor_url: str, name: str
) -> None:
    opened, hostile, after = run_sync(send_editor_state(editor_url, HOSTILE_STATES[name]))
    assert opened.ok and shown(opened, "ROWS") == "ROWS 10 SUM 1000"
    assert hostile.ok, f"{name}: status {hostile.status}, {hostile.exceptions}"
    assert shown(hostile, "ROWS") == "ROWS 10 SUM 1000", "the table is unchanged"
    assert any(NOTE in text for text in hostile.texts), hostile.texts
    assert after.ok and shown(after, "ROWS") == "ROWS 12 SUM 1005"
    assert not any(NOTE in text for text in after.texts)


def test_the_limit_of_rows_added_at_once_is_accepted(editor_url: str) -> None:
    from core.limits import MAX_EDITOR_ADDED_ROWS

    rows = [{"bedrooms": 1, "price": 1} for _ in range(MAX_EDITOR_ADDED_ROWS)]
    _, accepted, _ = run_sync(send_editor_state(editor_url, json.dumps({"added_rows": rows})))
    assert accepted.ok
    assert shown(accepted, "ROWS") == f"ROWS {10 + MAX_EDITOR_ADDED_ROWS} SUM {1000 + 500:g}"


def xsrf_cookie(base: str) -> str:
    with urllib.request.urlopen(f"{base}/_stcore/health") as response:
        for header in response.headers.get_all("Set-Cookie") or []:
            if header.startswith("_streamlit_xsrf="):
                return header.split(";", 1)[0].split("=", 1)[1]
    return ""


def upload(base: str, session_id: str, name: str, content: bytes) -> str:
    """PUT one file as the browser does; returns its file id."""
    file_id = str(uuid.uuid4())
    boundary = "hostile" + uuid.uuid4().hex
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        ).encode()
        + content
        + f"\r\n--{boundary}--\r\n".encode()
    )
    token = xsrf_cookie(base)
    request = urllib.request.Request(
        f"{base}/_stcore/upload_file/{session_id}/{file_id}",
        data=body,
        method="PUT",
        headers={
            "Content-Type": f"multipart/form-data; boundary={boundary}",
            "X-Xsrftoken": token,
            "Cookie": f"_streamlit_xsrf={token}",
        },
    )
    with urllib.request.urlopen(request) as response:
        assert response.status in (200, 204)
    return file_id


async def send_upload(base: str, name: str) -> Rerun:
    async with StreamlitClient(base) as client:
        opened = await client.open("")
        uploader = widget_id(opened, "file_uploader")
        file_id = upload(base, client.session_id, name, b"x,y\n1,2\n3,4\n")
        state = WidgetState(id=uploader)
        info = state.file_uploader_state_value.uploaded_file_info.add()
        info.file_id, info.name, info.size = file_id, name, 12
        return await client.send_states([state])


@pytest.mark.parametrize("name", ["points.txt", "points.csv.exe", "noextension", "a b.CSV"])
def test_an_uploaded_file_of_any_name_never_shows_the_error_box(editor_url: str, name: str) -> None:
    rerun = run_sync(send_upload(editor_url, name))
    assert rerun.ok, f"{name}: {rerun.exceptions}"
    assert shown(rerun, "UPLOADED") == "UPLOADED 12"


async def upload_many_then_refer(base: str, count: int, which: int) -> Rerun:
    async with StreamlitClient(base) as client:
        opened = await client.open("")
        uploader = widget_id(opened, "file_uploader")
        ids = [
            upload(base, client.session_id, f"p{i}.csv", b"x,y\n1,2\n3,4\n") for i in range(count)
        ]
        state = WidgetState(id=uploader)
        info = state.file_uploader_state_value.uploaded_file_info.add()
        info.file_id, info.name, info.size = ids[which], f"p{which}.csv", 12
        return await client.send_states([state])


def test_a_session_keeps_only_its_newest_uploads_in_memory(editor_url: str) -> None:
    # Streamlit keeps every uploaded file until the session ends, any number of them: one
    # session could fill the server's memory 1 MB at a time. The oldest ones are gone now.
    assert shown(run_sync(upload_many_then_refer(editor_url, 6, 0)), "UPLOADED") == "UPLOADED none"
    assert shown(run_sync(upload_many_then_refer(editor_url, 6, 5)), "UPLOADED") == "UPLOADED 12"


async def upload_to_the_regression_page(base: str, name: str, content: bytes) -> Rerun:
    async with StreamlitClient(base) as client:
        opened = await client.open("regression", "data=own")
        uploader = widget_id(opened, "file_uploader")
        file_id = upload(base, client.session_id, name, content)
        state = WidgetState(id=uploader)
        info = state.file_uploader_state_value.uploaded_file_info.add()
        info.file_id, info.name, info.size = file_id, name, len(content)
        return await client.send_states([state])


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("points.txt", b"x,y\n1,2\n3,4\n"),
        ("x`![](http%3A//127.0.0.1:9/p.svg)`.csv", b"x,y\n1,2\n3,4\n"),
        ("h.csv", b"[a](//example.invalid),:red-background[**HACKED**]\n1,2\n3,4\n"),
        ("long.csv", b"h" * 130_000 + b",price\n1,2\n3,4\n"),
    ],
)
def test_the_regression_pages_uploader_takes_any_file_without_the_error_box(
    app_url: str, name: str, content: bytes
) -> None:
    rerun = run_sync(upload_to_the_regression_page(app_url, name, content))
    assert rerun.ok, f"{name}: {rerun.exceptions}"
    drawn = rerun.texts + [label for _, _, label in rerun.widgets]  # markdown and labels
    for text in drawn:  # no visitor markup survives unescaped
        assert "![](" not in text and "](//" not in text and ":red-background[" not in text


async def edit_the_power_lines(base: str, change: str) -> tuple[Rerun, str]:
    """Send `change` as the power-line table's state; the rerun and the link it leaves."""
    async with StreamlitClient(base) as client:
        # the table is built only while its expander is open (?edit_lines=true)
        opened = await client.open("cost-functions", "edit_lines=true")
        editor = widget_id(opened, "dataframe")
        rerun = await client.send_states([editor_state(editor, change)])
        return rerun, unquote(client.query_string)


def test_the_power_line_table_applies_a_change_that_fits_and_refuses_one_that_does_not(
    app_url: str,
) -> None:
    added, link = run_sync(
        edit_the_power_lines(app_url, json.dumps({"added_rows": [{"position": 3}]}))
    )
    assert added.ok, added.exceptions
    assert "lines=1,2,3" in link, link
    for hostile in (
        json.dumps({"added_rows": [{"position": 1}] * 9}),  # 11 lines; the limit is 8
        json.dumps({"added_rows": [{"position": 25}]}),  # off the street (±20)
        json.dumps({"edited_rows": {"abc": {"position": 1}}}),
        "not json",
    ):
        refused, link = run_sync(edit_the_power_lines(app_url, hostile))
        assert refused.ok, (hostile[:40], refused.exceptions)
        assert any(NOTE in text for text in refused.texts), hostile[:40]
        assert "lines=" not in link, link  # still the default lines, 1 and 2


class DownloadWatcher(StreamlitClient):
    """A client that also notes the address of every download button the page draws."""

    downloads: list[str]

    @staticmethod
    def _read_delta(forward, rerun, known):  # noqa: ANN001, ANN205 - StreamlitClient's hook
        StreamlitClient._read_delta(forward, rerun, known)
        element = forward.delta.new_element
        if forward.delta.WhichOneof("type") == "new_element" and element.HasField(
            "download_button"
        ):
            rerun.texts.append("DOWNLOAD " + element.download_button.url)


async def download_after_upload(base: str, content: bytes) -> str:
    async with DownloadWatcher(base) as client:
        opened = await client.open("regression", "data=own")
        uploader = widget_id(opened, "file_uploader")
        file_id = upload(base, client.session_id, "f.csv", content)
        state = WidgetState(id=uploader)
        info = state.file_uploader_state_value.uploaded_file_info.add()
        info.file_id, info.name, info.size = file_id, "f.csv", len(content)
        loaded = await client.send_states([state])
        url = next(t for t in loaded.texts if t.startswith("DOWNLOAD ")).split(" ", 1)[1]
        with urllib.request.urlopen(base + url) as response:
            return response.read().decode()


def test_the_regression_download_writes_formula_headers_as_text(app_url: str) -> None:
    header = b"\"=1+1*cmd|' /C calc'!A0\",@SUM(1+1)\n1,-2\n3,4\n"
    rows = list(csv.reader(io.StringIO(run_sync(download_after_upload(app_url, header)))))
    assert rows[0][:2] == ["'=1+1*cmd|' /C calc'!A0", "'@SUM(1+1)"]
    assert [float(v) for v in rows[1][:2]] == [1.0, -2.0]  # numbers stay numbers
