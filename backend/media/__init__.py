"""Media delivery: signed, expiring links that a <video> tag can play, with HTTP Range."""
