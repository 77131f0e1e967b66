"""How events travel between processes: Redis streams, or a local datagram socket (ADR 0003)."""
