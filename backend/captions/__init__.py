"""Caption styles on offer (core.caption_presets) and each workspace's brand style."""
