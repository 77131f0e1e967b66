"""A page's CSP names every inline script it has, with or without attributes."""

from __future__ import annotations

import base64
import hashlib

from backend.docs_page import script_hashes


def _hash(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"


def test_inline_scripts_with_attributes_are_hashed_and_src_scripts_are_not():
    page = (
        '<script src="/_next/a.js" async=""></script>'
        '<script id="_R_">(globalThis.T=[]).push(1)</script>'
        "<script>self.__next_f=[]</script>"
        '<script nomodule="" src="/b.js"></script>'
    )
    assert script_hashes(page) == [_hash("(globalThis.T=[]).push(1)"), _hash("self.__next_f=[]")]
