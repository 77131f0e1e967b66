"""Shot detection that decodes only what it must: a coarse pass over reference frames, every
frame only in small windows around the changes that matter, time ranges on both cores."""
