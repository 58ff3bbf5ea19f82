"""The Board of Peace front end: pygame-ce scenes, renderers and input.

Nothing here runs ``pygame.init()`` at import time; ``game.ui.app.run_app`` does. No rules live
here: scenes build Actions, ask ``legal_actions``, call ``apply`` and draw ``observe`` views.
"""
