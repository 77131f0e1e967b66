from tests.uploads.conftest import client, editor

__all__ = ["client", "editor"]
