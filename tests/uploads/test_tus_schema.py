"""The tus routes describe what generated clients need: the answers' headers (where the
protocol puts its results) and a raw-bytes chunk body."""

from backend.app import create_app
from backend.openapi import client_schema


def test_the_tus_answers_document_their_headers(settings):
    paths = client_schema(create_app(settings).openapi())["paths"]
    created = paths["/v1/uploads/tus"]["post"]["responses"]["201"]["headers"]
    assert {"Location", "Upload-Offset"} <= set(created)
    status = paths["/v1/uploads/tus/{upload_id}"]["head"]["responses"]["200"]["headers"]
    assert status["Upload-Offset"]["schema"] == {"type": "integer"}
    assert {"Upload-Length", "Stakazo-Asset-Id"} <= set(status)
    patch = paths["/v1/uploads/tus/{upload_id}"]["patch"]
    assert {"Upload-Offset", "Stakazo-Asset-Id"} <= set(patch["responses"]["204"]["headers"])
    assert list(patch["requestBody"]["content"]) == ["application/offset+octet-stream"]
    discovery = paths["/v1/uploads/tus"]["options"]["responses"]["204"]["headers"]
    assert {"Tus-Version", "Tus-Max-Size"} <= set(discovery)


def test_head_errors_have_no_body(settings):
    head = create_app(settings).openapi()["paths"]["/v1/uploads/tus/{upload_id}"]["head"]
    errors = {code: r for code, r in head["responses"].items() if code.startswith("4")}
    assert {"404", "410", "412"} <= set(errors)
    assert all("content" not in response for response in errors.values())
