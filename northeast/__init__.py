"""Course package: the essay's numbers (data), their consistency checks, and chart builders."""
