"""Instagram, TikTok and YouTube behind one interface (``base.Publisher``, ``OAuthProvider``)."""
