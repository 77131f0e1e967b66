"""What every refusal in the attack suite must look like."""

from __future__ import annotations

import httpx


def assert_json_error(response: httpx.Response, status: int | tuple[int, ...]) -> dict[str, str]:
    """The response is one of ``status``, with the ``{"error", "detail"}`` JSON body."""
    wanted = (status,) if isinstance(status, int) else status
    assert response.status_code in wanted, (response.status_code, response.text[:500])
    assert response.headers["content-type"].startswith("application/json"), response.headers
    body = response.json()
    # 422s also list the offending fields.
    assert {"error", "detail"} <= set(body) <= {"error", "detail", "fields"}, body
    assert isinstance(body["error"], str)
    assert isinstance(body["detail"], str)
    return dict(body)


def assert_refused_without_5xx(response: httpx.Response) -> None:
    """A 4xx, never a server error, never an HTML page a browser would render."""
    assert 400 <= response.status_code < 500, (response.status_code, response.text[:500])
    assert "text/html" not in response.headers.get("content-type", ""), response.headers
