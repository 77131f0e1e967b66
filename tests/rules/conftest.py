"""The publishing world (sandbox over HTTP, connected accounts, a clip with ready variants) for
the pre-flight tests."""

from tests.platforms.conftest import sandbox  # noqa: F401 - the fixture, shared
from tests.publishing.conftest import compliant_video, world  # noqa: F401 - fixtures, shared
