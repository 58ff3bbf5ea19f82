"""The game's screens: title, setup, table, dialogs, overlays, end, rules, settings, load."""
