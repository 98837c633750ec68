"""Reviews: opened by triggers, worked as a queue, closed only by a recorded decision."""
