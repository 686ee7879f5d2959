"""Pages of coaching, peer exchanges and study visits."""
