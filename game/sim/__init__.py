"""Headless games: simulation, tournaments, sweeps and benchmarks."""
