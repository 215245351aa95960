"""Community pages, one module per area."""
